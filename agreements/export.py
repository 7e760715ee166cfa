"""The district's agreements as a workbook: one row per agreement, figures only (no free text of anyone)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from django.db.models import Prefetch

from agreements.models import Agreement, Goal, PlannedShare, Progress, Version
from agreements.progress import rows_for
from agreements.trajectory import STANDINGS_ORDER
from people.models import District, TaskCategory


def agreement_rows(district: District, year: int, today) -> Iterator[list]:
    """The header, then a row per agreement of ``year``: who, where, status, signatures, shares, goals' standing."""
    categories = list(TaskCategory.objects.filter(district=district).active().order_by("position"))
    yield [
        "Staff member",
        "Role",
        "School",
        "School year",
        "Status",
        "Version",
        "Staff member signed",
        "School leader signed",
        "Caseload",
        *[f"Planned: {c.name} (%)" for c in categories],
        "Goals",
        *[f"Goals {standing}" for standing in STANDINGS_ORDER],
    ]
    agreements = (
        Agreement.objects.filter(district=district, year=year)
        .select_related("staff", "staff__role", "school")
        .prefetch_related(
            Prefetch("shares", queryset=PlannedShare.objects.order_by()),
            Prefetch("versions", queryset=Version.objects.order_by("-number")),
            Prefetch(
                "goals",
                queryset=Goal.objects.prefetch_related(
                    "categories", Prefetch("progress", queryset=Progress.objects.order_by())
                ),
            ),
        )
        .order_by("staff__name", "school__name", "pk")
    )
    for agreement in agreements.iterator(chunk_size=500):
        goals = list(agreement.goals.all())
        for goal in goals:
            goal.agreement = agreement
        standings = Counter(row.standing for row in rows_for(goals, viewer_id=None, today=today, latest_only=True))
        version = next((v for v in agreement.versions.all() if v.number == agreement.version), None)
        shares = {s.category_id: s.percent for s in agreement.shares.all()}
        yield [
            agreement.staff.name,
            agreement.staff.role.name,
            agreement.school.name,
            agreement.year_label,
            agreement.get_status_display(),
            agreement.version,
            version.staff_signed_at.date() if version and version.staff_signed_at else None,
            version.leader_signed_at.date() if version and version.leader_signed_at else None,
            agreement.caseload,
            *[shares.get(c.pk) for c in categories],
            len(goals),
            *[standings[standing] for standing in STANDINGS_ORDER],
        ]
