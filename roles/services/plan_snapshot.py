"""What a shift plan's edit page showed, so that an edit made on an old copy is refused (``core.stale``).

A plan's snapshot holds the fields its form edits and, as two more entries, its receiving roles with
their hours and its trainings with how many people: a second admin who changed only the hours a role
receives has changed the plan as much as one who changed its date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from django.db.models import Model

from core.stale import Seen, StaleEdit, canonical, fingerprint, shown
from roles.models import ShiftPlan

RECEIVING = "receiving"
TRAININGS = "trainings"
ROW_LABELS = {RECEIVING: "Roles that will do the task", TRAININGS: "Trainings"}


def rows_entry(label: str, rows: Iterable[tuple[Model, Decimal | int]], unit: str) -> tuple[str, str, str]:
    """A snapshot entry for a plan's rows (role and hours, or training and people), whatever their order.

    The fingerprint is made of the rows' keys and figures, the text of their names:
    "Para-professional: 4 h a week; Teacher: 0.5 h a week".
    """
    rows = sorted(rows, key=lambda row: str(row[0]))
    keys = [f"{row[0].pk}:{canonical(row[1])}" for row in rows]
    text = "; ".join(f"{row[0]}: {canonical(row[1])} {unit}" for row in rows)
    return (label, fingerprint(keys), shown(text))


def receiving_entry(rows: Iterable[tuple[Model, Decimal]], label: str = ROW_LABELS[RECEIVING]) -> tuple[str, str, str]:
    return rows_entry(label, rows, "h a week")


def trainings_entry(rows: Iterable[tuple[Model, int]], label: str = ROW_LABELS[TRAININGS]) -> tuple[str, str, str]:
    return rows_entry(label, rows, "people")


def plan_seen(plan: ShiftPlan, fields: Sequence[str], *, labels: Mapping[str, str] | None = None) -> Seen:
    """The snapshot of a saved ``plan``: ``fields``, its receiving roles and its trainings (two queries more)."""
    labels = labels or {}
    receiving = [(row.role, row.hours_per_week) for row in plan.receiving.select_related("role")]
    trainings = [(row.training, row.people) for row in plan.trainings.select_related("training")]
    rows = Seen(
        {
            Seen.key(plan, RECEIVING): receiving_entry(receiving, labels.get(RECEIVING, ROW_LABELS[RECEIVING])),
            Seen.key(plan, TRAININGS): trainings_entry(trainings, labels.get(TRAININGS, ROW_LABELS[TRAININGS])),
        }
    )
    return Seen.of(plan, fields, labels=labels) | rows


def check_unchanged(seen: Seen, plan: ShiftPlan) -> None:
    """Lock ``plan``'s row and raise ``StaleEdit`` if it, its receiving roles or its trainings differ from ``seen``.

    Call it inside the saving transaction, before anything is written.
    """
    locked = ShiftPlan.objects.select_for_update().get(pk=plan.pk)
    fields = [name for name in seen.fields_of(locked) if name not in ROW_LABELS]
    changes = seen.changes_to(plan_seen(locked, fields))
    if changes:
        raise StaleEdit(changes)
