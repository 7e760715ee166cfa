"""The agreement as a one-page PDF a principal would sign on paper (ReportLab platypus).

The print view (``agreements/print.html``) shows the same for the browser. Long free text still fits:
the layout shrinks nothing, it flows onto a second page when a person wrote that much.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from agreements.models import Agreement, Version


def _text(value: object) -> str:
    return escape(str(value or "—")).replace("\n", "<br/>")


def agreement_pdf(agreement: Agreement, version: Version) -> bytes:
    """The agreement (loaded with ``content.with_parts``) and the signatures of ``version``, US Letter."""
    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["BodyText"].clone("Small", fontSize=8.5, leading=10.5)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=letter,
        title=f"Annual agreement {agreement.year_label}: {agreement.staff.name}",
        author=agreement.district.name,
        leftMargin=0.6 * inch,
        rightMargin=0.6 * inch,
        topMargin=0.5 * inch,
        bottomMargin=0.5 * inch,
        invariant=1,
    )
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    terms = [
        ("Staff member", f"{agreement.staff.name} ({agreement.staff.role.name})"),
        ("School", agreement.school.name),
        ("School leader", agreement.leader.name if agreement.leader else ""),
        ("Caseload", f"{agreement.caseload} students" if agreement.caseload is not None else ""),
        ("Availability hours", agreement.availability),
        ("Responsibilities", agreement.responsibilities),
        (
            "Duties agreed to be removed",
            "\n".join(
                [agreement.duties_removed] + [f"Shift plan: {p.task.name}" for p in agreement.shift_plans.all()]
            ).strip(),
        ),
        ("Professional development", "; ".join(t.name for t in agreement.trainings.all())),
    ]
    shares = [
        [Paragraph(_text(s.category.name), small), Paragraph(f"{s.percent}%", small)] for s in agreement.shares.all()
    ]
    goals = [
        [
            Paragraph(str(goal.position), small),
            Paragraph(_text(goal.statement), small),
            Paragraph(_text(goal.indicator), small),
            Paragraph(f"{goal.baseline} ({goal.baseline_on:%-m/%-d/%Y})", small),
            Paragraph(f"{goal.target} by {goal.due_on:%-m/%-d/%Y}", small),
            Paragraph(_text(goal.owner.name if goal.owner else ""), small),
        ]
        for goal in agreement.goals.all()
    ]
    signatures = [
        ["Party", "Name", f"Signed (version {version.number})"],
        [
            "Staff member",
            agreement.staff.name,
            version.staff_signed_at.strftime("%B %-d, %Y %H:%M UTC") if version.staff_signed_at else "",
        ],
        [
            "School leader",
            agreement.leader.name if agreement.leader else "",
            version.leader_signed_at.strftime("%B %-d, %Y %H:%M UTC") if version.leader_signed_at else "",
        ],
    ]
    story = [
        Paragraph(_text(f"Annual agreement {agreement.year_label}"), styles["Title"]),
        Paragraph(
            _text(f"{agreement.district.name} · version {agreement.version} · {agreement.get_status_display()}"), body
        ),
        Spacer(1, 0.1 * inch),
        Table(
            [[Paragraph(f"<b>{_text(k)}</b>", small), Paragraph(_text(v), small)] for k, v in terms],
            colWidths=[1.8 * inch, 5.5 * inch],
            style=grid,
        ),
        Spacer(1, 0.1 * inch),
        Paragraph("<b>Planned use of time</b>", body),
        Table(shares, colWidths=[5.3 * inch, 2.0 * inch], style=grid),
        Spacer(1, 0.1 * inch),
        Paragraph("<b>Goals</b>", body),
    ]
    if goals:
        header = [Paragraph(f"<b>{h}</b>", small) for h in ("#", "Goal", "Indicator", "Baseline", "Target", "Owner")]
        story.append(
            Table(
                [header, *goals],
                colWidths=[0.3 * inch, 2.6 * inch, 1.4 * inch, 1.0 * inch, 1.0 * inch, 1.0 * inch],
                style=grid,
                repeatRows=1,
            )
        )
    else:
        story.append(Paragraph("No goals.", small))
    story += [
        Spacer(1, 0.2 * inch),
        Table(
            signatures,
            colWidths=[1.5 * inch, 2.8 * inch, 3.0 * inch],
            rowHeights=[None, 0.4 * inch, 0.4 * inch],
            style=grid,
        ),
    ]
    document.build(story)
    return buffer.getvalue()
