"""The greedy baseline: what a person does by hand with a spreadsheet.

For each constrained role, take its non-priority tasks in order and hand each one to the first role
that can already do it ("yes", no training) and still has spare hours, spare capacity for new work
and room under its agreed limits; the constrained role spends the hours handed over on its first
priority task it can do, up to its priority need. No trainings, no hires, no look-ahead.

Every plan it makes is also a plan the MIP may choose, so the MIP never frees fewer hours.
"""

from __future__ import annotations

from planner.model import Capability, PlannerInput, SchoolInput


def greedy_hours_freed(inp: PlannerInput) -> float:
    """Total hours a week the greedy baseline moves onto constrained roles' priority tasks."""
    return round(sum(sum(greedy_school(inp, school)[0].values()) for school in inp.schools), 4)


def _able(inp: PlannerInput, school: SchoolInput, role: str, task: str) -> bool:
    capability = inp.capability_of(school, role, task)
    return capability is Capability.YES or (
        capability is Capability.TRAINING and school.current.get((role, task), 0.0) > 0
    )


def greedy_school(inp: PlannerInput, school: SchoolInput) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """Hours freed per constrained role at one school by the greedy baseline, and the hours after."""
    roles = [role for role in inp.roles_at(school) if school.fte.get(role, 0.0) > 0]
    after = dict(school.current)
    used = {role: sum(h for (r, _t), h in after.items() if r == role) for role in roles}
    received = dict.fromkeys(roles, 0.0)
    category = inp.task_category

    def in_category(role: str, name: str | None) -> float:
        return sum(h for (r, t), h in after.items() if r == role and category.get(t) == name)

    def limit_room(role: str, task: str) -> float:
        per_fte = inp.limits.get((role, category.get(task)))  # type: ignore[arg-type]
        if per_fte is None:
            return float("inf")
        return per_fte * school.fte.get(role, 0.0) - in_category(role, category.get(task))

    freed: dict[str, float] = {}
    for constrained in roles:
        priority = inp.constrained.get(constrained)
        if priority is None:
            continue
        freed[constrained] = 0.0
        targets = [t for t in sorted(priority) if _able(inp, school, constrained, t)]
        if not targets:
            continue
        target = targets[0]
        left = school.priority_need.get(constrained, float("inf"))
        for task in [t for (r, t) in list(after) if r == constrained and t not in priority]:
            for receiver in roles:
                if receiver == constrained or not _able(inp, school, receiver, task):
                    continue
                spare = min(
                    inp.staff_hours_of(school, receiver) - used[receiver],
                    limit_room(receiver, task),
                    limit_room(constrained, target) + (category.get(task) == category.get(target)) * 1e9,
                    after.get((constrained, task), 0.0),
                    left,
                )
                if task not in inp.constrained.get(receiver, frozenset()):
                    spare = min(spare, inp.receiving_capacity_of(receiver) * school.fte[receiver] - received[receiver])
                    spare_is_new = True
                else:
                    spare_is_new = False
                if spare <= 1e-9:
                    continue
                after[constrained, task] -= spare
                after[receiver, task] = after.get((receiver, task), 0.0) + spare
                after[constrained, target] = after.get((constrained, target), 0.0) + spare
                used[receiver] += spare
                if spare_is_new:
                    received[receiver] += spare
                freed[constrained] += spare
                left -= spare
    return freed, after
