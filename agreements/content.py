"""An agreement's text as its versions keep it: a list of parts (key, label, text).

Versions compare parts to say what changed; the edit and signing forms carry a signed snapshot of the
parts (``core.stale.Seen``) so that an edit or a signature based on an older text is refused, naming
what changed meanwhile.
"""

from __future__ import annotations

from django.db.models import Prefetch

from actions.models import ActionItem
from agreements.models import Agreement, Goal, PlannedShare
from agreements.rules import Part
from core.stale import Seen, fingerprint, shown
from roles.models import ShiftPlan


def _number(value) -> str:
    return "" if value is None else f"{value.normalize():f}"


def with_parts(agreements):
    """``agreements`` with what :func:`parts_of` reads, in a fixed number of queries."""
    return agreements.select_related("staff", "school", "leader").prefetch_related(
        Prefetch("shares", queryset=PlannedShare.objects.select_related("category").order_by("category__position")),
        "trainings",
        Prefetch("shift_plans", queryset=ShiftPlan.objects.select_related("task", "from_role")),
        Prefetch(
            "goals",
            queryset=Goal.objects.select_related("owner").prefetch_related(
                "categories", Prefetch("action_items", queryset=ActionItem.objects.order_by("pk"))
            ),
        ),
    )


def reload(agreement: Agreement) -> Agreement:
    return with_parts(Agreement.objects.filter(pk=agreement.pk)).get()


def parts_of(agreement: Agreement) -> list[Part]:
    """The agreement's text, part by part (read from ``with_parts``' prefetched rows)."""
    parts = [
        Part("leader", "School leader", agreement.leader.name if agreement.leader else ""),
        Part("caseload", "Caseload (students)", "" if agreement.caseload is None else str(agreement.caseload)),
    ]
    for share in agreement.shares.all():
        parts.append(
            Part(f"share:{share.category_id}", f"Planned share: {share.category.name}", f"{_number(share.percent)}%")
        )
    parts += [
        Part("responsibilities", "Responsibilities", agreement.responsibilities),
        Part("duties_removed", "Duties agreed to be removed", agreement.duties_removed),
        Part(
            "shift_plans",
            "Linked shift plans",
            "; ".join(sorted(plan.task.name for plan in agreement.shift_plans.all())),
        ),
        Part("trainings", "Professional development", "; ".join(sorted(t.name for t in agreement.trainings.all()))),
        Part("availability", "Availability hours", agreement.availability),
    ]
    for goal in agreement.goals.all():
        parts += goal_parts(goal)
    return parts


def goal_parts(goal: Goal) -> list[Part]:
    key, name = f"goal:{goal.pk}", f"Goal {goal.position}"
    parts = [
        Part(f"{key}:statement", name, goal.statement),
        Part(f"{key}:kind", f"{name}: kind", goal.get_kind_display()),
        Part(f"{key}:indicator", f"{name}: indicator", goal.indicator),
        Part(f"{key}:baseline", f"{name}: baseline", f"{_number(goal.baseline)} on {goal.baseline_on:%Y-%m-%d}"),
        Part(f"{key}:target", f"{name}: target", f"{_number(goal.target)} by {goal.due_on:%Y-%m-%d}"),
        Part(f"{key}:owner", f"{name}: owner", goal.owner.name if goal.owner else ""),
        Part(f"{key}:action_items", f"{name}: action items", "; ".join(i.description for i in goal.action_items.all())),
    ]
    if goal.kind == Goal.Kind.TIME:
        names = "; ".join(sorted(c.name for c in goal.categories.all()))
        parts.insert(3, Part(f"{key}:categories", f"{name}: task types measured", names))
    return parts


def parts_from_json(content: list) -> list[Part]:
    return [Part(*entry) for entry in content]


def parts_to_json(parts: list[Part]) -> list[list[str]]:
    return [[part.key, part.label, part.text] for part in parts]


def seen_of(parts: list[Part]) -> Seen:
    """The snapshot an edit or a signature carries: what its author read."""
    return Seen({f"agreement:{part.key}": (part.label, fingerprint(part.text), shown(part.text)) for part in parts})
