"""A tiny hand-made district for the shift planner's tests (on the personas' Lincoln County).

Adams Elementary: Casey Counselor (1 FTE, 40 h) reflected: 25% non-counseling duties (one task: 10 h),
75% scheduled support (three tasks: 10 h each). Two para-professionals (1.2 FTE) has no reflection.
Counselors' priority tasks: Tier 2 and Tier 3 support. Para-professionals: "Yes" for non-counseling
duties. So the planner moves 5 h × 1.2 FTE = 6 h of non-counseling duties to the para-professional.
Brook Middle: Bailey Counselor, no reflection (district average), no para-professional.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from conftest import Personas
from reflections.models import Reflection, TimeAllocation
from roles.models import Capability, CapabilityCell, ConstrainedRole, PriorityTask
from tests import factories

NON_COUNSELING = "Non-counseling duties (e.g., master scheduling, data entry, other miscellaneous school initiatives)"


def reflect(author, shares: dict[str, int]) -> Reflection:
    """A submitted reflection of ``author`` with current percentages by category key."""
    district = author.district
    reflection = Reflection.objects.create(
        district=district,
        author=author,
        role=author.role,
        date=dt.date(2026, 9, 1),
        status=Reflection.Status.SUBMITTED,
    )
    for position, (key, percent) in enumerate(shares.items()):
        TimeAllocation.objects.create(
            district=district,
            reflection=reflection,
            category=district.task_categories.get(seed_key=key),
            position=position,
            current_percent=Decimal(percent),
        )
    return reflection


def tiny_district(p: Personas):
    """Build the scenario above; returns the para-professional."""
    district = p.district
    para = factories.make_staff(district, "Parker Para", role_key="para-professional", schools={p.school_a: 1})
    factories.make_staff(district, "Pia Para", role_key="para-professional", schools={p.school_a: "0.2"})
    reflect(p.counselor_a, {"non-counseling": 25, "scheduled-support": 75})
    counselor = factories.role(district, "school-counselor")
    ConstrainedRole.objects.create(district=district, role=counselor)
    for key in ("tier-2", "tier-3"):
        PriorityTask.objects.create(district=district, role=counselor, task=district.tasks.get(seed_key=key))
    CapabilityCell.objects.create(
        district=district,
        task=district.tasks.get(seed_key="non-counseling-duties"),
        role=factories.role(district, "para-professional"),
        value=Capability.YES,
    )
    return para
