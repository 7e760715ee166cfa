"""Small planner instances shared by the tests (plain Python, no fixtures needed)."""

from __future__ import annotations

from planner.model import Capability, PlannerInput, SchoolInput, Training

YES, NO, TRAINING = Capability.YES, Capability.NO, Capability.TRAINING
COUNSELOR, PARA, TEACHER, ADMIN = "school counselor", "para-professional", "teacher", "administrator"
TIER2, FAMILY, TESTING, CLASSROOM = (
    "Tier 2/3 counseling",
    "Proactive family engagement",
    "Testing coordination",
    "Classroom support",
)
CATEGORY = {
    TIER2: "Scheduled student mental health support",
    FAMILY: "Other student and family care provision tasks",
    TESTING: "Non-counseling duties",
    CLASSROOM: "Other",
}
CAPABILITY = {
    (COUNSELOR, TIER2): YES,
    (COUNSELOR, FAMILY): YES,
    (COUNSELOR, TESTING): YES,
    (PARA, FAMILY): YES,
    (PARA, TESTING): TRAINING,
    (PARA, CLASSROOM): YES,
}


def lincoln(**changes) -> PlannerInput:
    """The worked example of docs/planner.md: one counselor, 1.2 FTE of para-professionals."""
    school = SchoolInput(
        "Lincoln Elementary",
        fte={COUNSELOR: 1.0, PARA: 1.2},
        current={(COUNSELOR, TIER2): 20, (COUNSELOR, FAMILY): 10, (COUNSELOR, TESTING): 10, (PARA, CLASSROOM): 30},
        priority_need={COUNSELOR: 10},
    )
    values = {
        "schools": [school],
        "task_category": CATEGORY,
        "constrained": {COUNSELOR: frozenset({TIER2})},
        "capability": dict(CAPABILITY),
        "trainings": {(PARA, TESTING): Training("testing coordination training", 6, 300)},
    }
    values.update(changes)
    return PlannerInput(**values)


def random_instance(seed: int, schools: int = 1, budget: float | None = None, hires: bool = False) -> PlannerInput:
    """A random instance whose current allocation meets every limit, so that a plan always exists."""
    from planner.bench import synthetic

    return synthetic(schools, seed=seed, budget=budget, hires=hires)


def check_plan(inp: PlannerInput, result) -> None:
    """Assert that a plan covers every need and respects every cell, hour, capacity and limit."""
    assert result.has_plan, result.problems
    by_name = {school.name: school for school in inp.schools}
    for plan in result.schools:
        school = by_name[plan.name]
        hired = {hire.role: hire.fte for hire in plan.hires}
        trained = {(t.role, t.task) for t in plan.trainings}
        for task in inp.tasks_at(school):
            done = sum(h for (_r, t), h in plan.after.items() if t == task)
            assert done >= inp.need_of(school, task) - 1e-6, (plan.name, task)
        for (role, task), _hours in plan.after.items():
            capability = inp.capability_of(school, role, task)
            assert capability is not NO, (plan.name, role, task)
            if capability is TRAINING and school.current.get((role, task), 0) <= 0:
                assert (role, task) in trained, (plan.name, role, task)
        for role in inp.roles_at(school):
            fte = school.fte.get(role, 0.0)
            extra = hired.get(role, 0.0) * inp.hours_per_fte_of(role)
            mine = {t: h for (r, t), h in plan.after.items() if r == role}
            assert sum(mine.values()) <= inp.staff_hours_of(school, role) + extra + 1e-6, (plan.name, role)
            priority = inp.constrained.get(role, frozenset())
            new = sum(max(0.0, h - school.current.get((role, t), 0.0)) for t, h in mine.items() if t not in priority)
            assert new <= inp.receiving_capacity_of(role) * fte + extra + 1e-6, (plan.name, role)
            for (limit_role, category), per_fte in inp.limits.items():
                if limit_role == role:
                    in_category = sum(h for t, h in mine.items() if inp.task_category.get(t) == category)
                    assert in_category <= per_fte * (fte + hired.get(role, 0.0)) + 1e-6, (plan.name, role, category)
    spent = result.training_dollars + result.hiring_dollars
    if inp.budget is not None:
        assert spent <= inp.budget + 1e-6
