"""The demo's constrained roles and shift plans (``roles.demo.build_demo_shift_plans``)."""

from __future__ import annotations

import random

from actions.models import Status
from people.demo import DEMO_BUILDERS
from roles.demo import build_demo_matrix, build_demo_shift_plans
from roles.models import ConstrainedRole, PriorityTask, ShiftPlan
from roles.services.plans import limit_flags, plan_items


def test_the_demo_has_constrained_roles_priorities_and_two_plans_in_progress_with_items(personas):
    build_demo_matrix(personas.district, random.Random(1))
    build_demo_shift_plans(personas.district, random.Random(1))

    constrained = set(
        ConstrainedRole.objects.filter(district=personas.district).values_list("role__seed_key", flat=True)
    )
    assert constrained == {"school-counselor", "school-psychologist"}
    assert set(
        PriorityTask.objects.filter(role__seed_key="school-counselor").values_list("task__seed_key", flat=True)
    ) >= {
        "screening",
        "tier-3",
    }
    plans = list(ShiftPlan.objects.filter(district=personas.district, status=ShiftPlan.Status.IN_PROGRESS))
    assert {p.task.seed_key for p in plans} == {"family-engagement", "non-counseling-duties"}
    family = next(p for p in plans if p.task.seed_key == "family-engagement")
    assert family.school == personas.school_a and family.owner == personas.principal
    assert plan_items(family).count() == 4
    assert plan_items(family).filter(status=Status.IN_PROGRESS).exists()
    assert limit_flags(personas.district, plans) == {}


def test_the_shift_plans_run_after_the_matrix_in_the_demo():
    assert DEMO_BUILDERS.index(build_demo_matrix) < DEMO_BUILDERS.index(build_demo_shift_plans)


def test_the_demo_priority_need_grows_with_the_district_fte_of_each_constrained_role(personas):
    from decimal import Decimal

    from tests import factories

    district = personas.district  # counselors A and B, 1 FTE each
    factories.make_staff(district, role_key="school-counselor", schools={personas.school_b: "0.5"})
    factories.make_staff(
        district, role_key="school-psychologist", schools={personas.school_a: "0.5", personas.school_b: "0.5"}
    )
    build_demo_matrix(district, random.Random(1))
    build_demo_shift_plans(district, random.Random(1))

    need = dict(
        ConstrainedRole.objects.filter(district=district).values_list("role__seed_key", "needed_priority_hours")
    )
    assert need == {"school-counselor": Decimal("15.0"), "school-psychologist": Decimal("4.0")}  # 6 × 2.5, 4 × 1
