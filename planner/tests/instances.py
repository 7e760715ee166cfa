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
    values = dict(
        schools=[school],
        task_category=CATEGORY,
        constrained={COUNSELOR: frozenset({TIER2})},
        capability=dict(CAPABILITY),
        trainings={(PARA, TESTING): Training("testing coordination training", 6, 300)},
    )
    values.update(changes)
    return PlannerInput(**values)
