"""A shift plan as a PDF, in the practice's layout: the seven questions and their answers.

Built with ReportLab's platypus (``plan_pdf``); the print view (``roles/plans/print.html``)
shows the same answers for the browser. Every answer is laid out as flowing paragraphs, one per
line of the answer, under its question, so an answer of any length runs on over as many pages as it
needs (a table cell cannot be taller than a page); the action items' table splits inside a row too.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from roles.forms.plans import BARGAINING_REMINDER, QUESTIONS, WORKLOAD_NOTE
from roles.models import ShiftPlan


def _text(value: str) -> str:
    """Plain text as a ReportLab paragraph: escaped, line breaks kept."""
    return escape(value or "").replace("\n", "<br/>")


def _paragraphs(value: str, style: ParagraphStyle) -> list[Paragraph]:
    """Plain text as one paragraph per line, each free to break across pages; "—" for nothing."""
    lines = [line for line in (value or "").splitlines() if line.strip()] or ["—"]
    return [Paragraph(escape(line), style) for line in lines]


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
    """The plan (with its action items) as a US Letter PDF of as many pages as its answers need."""
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
    question_style = ParagraphStyle(
        "Question",
        parent=body,
        fontName="Helvetica-Bold",
        backColor=colors.HexColor("#f3f6f9"),
        borderPadding=4,
        spaceBefore=10,
        spaceAfter=4,
        keepWithNext=True,
    )
    answer_style = ParagraphStyle("Answer", parent=body, leftIndent=8)
    for question, answer in zip(QUESTIONS, plan_answers(plan), strict=True):
        story.append(Paragraph(_text(question), question_style))
        story += _paragraphs(answer, answer_style)
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f6f9")),
        ]
    )
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
        widths = [3.2 * inch, 1.5 * inch, 1.0 * inch, 1.3 * inch]
        story.append(Table([header, *lines], colWidths=widths, style=grid, repeatRows=1, splitInRow=1))
    document.build(story)
    return buffer.getvalue()
