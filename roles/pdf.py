"""A shift plan as a PDF, in the seed's layout: the seven questions and their answers.

Built with ReportLab (``plan_pdf``); the print view (``roles/plans/print.html``)
shows the same answers for the browser.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from roles.forms.plans import BARGAINING_REMINDER, QUESTIONS, WORKLOAD_NOTE
from roles.models import ShiftPlan


def _text(value: str) -> str:
    """Plain text as a ReportLab paragraph: escaped, line breaks kept."""
    return escape(value or "").replace("\n", "<br/>")


def plan_answers(plan: ShiftPlan) -> list[str]:
    """The answers to the seed's seven questions, in order, as plain text."""
    where = f"at {plan.school.name}" if plan.school else "district-wide"
    receiving = "\n".join(f"{r.role.name}: {r.hours_per_week} hours a week" for r in plan.receiving.all()) or "—"
    when = " — ".join(
        part for part in (plan.shift_when, plan.shift_on.strftime("%B %-d, %Y") if plan.shift_on else "") if part
    )
    communication = "\n".join(
        line
        for line in (
            f"Employees: {plan.communication}" if plan.communication else "",
            f"Parents: {plan.parent_communication}" if plan.parent_communication else "",
        )
        if line
    )
    staffing = f"{plan.get_staffing_display()}."
    if plan.staffing == ShiftPlan.Staffing.HIRING:
        staffing += f" {plan.hiring_responsible.name if plan.hiring_responsible else 'Nobody yet'} is responsible."
    if plan.training_needed:
        training = "Training needed."
        if plan.training_responsible:
            training += f" {plan.training_responsible.name} is responsible."
        for need in plan.trainings.all():
            training += f"\n{need.training.name}: {need.people} {'person' if need.people == 1 else 'people'}"
    else:
        training = "Staff are qualified; no training needed."
    other = plan.other_steps
    if plan.workload_note:
        other += f"\nReduction of other assignments: {plan.workload_note}"
    return [
        f"{plan.task.name} (from {plan.from_role.name}, {where})",
        receiving,
        when,
        communication,
        staffing,
        training,
        other.strip(),
    ]


def plan_pdf(plan: ShiftPlan, items) -> bytes:
    """The plan (with its action items) as a one- or two-page US Letter PDF."""
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=letter,
        title=f"Shift plan: {plan.task.name}",
        author=plan.district.name,
        leftMargin=0.75 * inch,
        rightMargin=0.75 * inch,
        topMargin=0.75 * inch,
        bottomMargin=0.75 * inch,
        invariant=1,
    )
    owner = plan.owner.name if plan.owner else "no owner yet"
    story = [
        Paragraph(_text(f"Shift plan: {plan.task.name}"), styles["Title"]),
        Paragraph(_text(f"{plan.district.name} · {plan.get_status_display()} · owner: {owner}"), body),
        Spacer(1, 0.15 * inch),
        Paragraph(f"<b>{_text(BARGAINING_REMINDER)}</b>", body),
        Spacer(1, 0.15 * inch),
    ]
    rows = [
        [Paragraph(f"<b>{_text(question)}</b>", body), Paragraph(_text(answer), body)]
        for question, answer in zip(QUESTIONS, plan_answers(plan), strict=True)
    ]
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f3f6f9")),
        ]
    )
    story.append(Table(rows, colWidths=[2.6 * inch, 4.4 * inch], style=grid))
    story += [Spacer(1, 0.15 * inch), Paragraph(f"<i>{_text(WORKLOAD_NOTE)}</i>", body)]
    if items:
        story += [Spacer(1, 0.2 * inch), Paragraph("Action items", styles["Heading2"])]
        header = [Paragraph(f"<b>{h}</b>", body) for h in ("Action item", "Who is responsible?", "When?", "Progress")]
        lines = [
            [
                Paragraph(_text(item.description), body),
                Paragraph(_text(item.responsible or "—"), body),
                Paragraph(item.due_on.strftime("%-m-%-d-%Y") if item.due_on else "—", body),
                Paragraph(_text(item.get_status_display()), body),
            ]
            for item in items
        ]
        story.append(Table([header, *lines], colWidths=[3.2 * inch, 1.5 * inch, 1.0 * inch, 1.3 * inch], style=grid))
    document.build(story)
    return buffer.getvalue()
