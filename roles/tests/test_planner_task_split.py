"""How a reflection's share of a task type becomes hours on tasks: only the tasks the role may do.

Hand-computed: Nico Nurse works 0.5 FTE at Adams Elementary and 0.5 at Brook Middle (20 h at each,
40 h per FTE) and reflected 10 % Assessment, 5 % Non-counseling duties, 85 % Scheduled support.

- Assessment: nurses are Yes for Screening, No for Psychological and Threat assessment (district),
  so Adams gets 10 % × 20 h = 2 h of Screening. Brook overrides Screening to No and Psychological
  assessment to Yes, so Brook's 2 h are Psychological assessment.
- Non-counseling duties: the type's one task is No for nurses, so the fallback keeps the reported
  5 % × 20 h = 1 h on it (the planner must then move it).
- Scheduled support: Tier 3 No, Tier 1 With training, Tier 2 undecided: 85 % × 20 h = 17 h split
  over Tier 1 and Tier 2, 8.5 h each.
"""

from __future__ import annotations

import pytest

from roles.models import Capability, CapabilityCell
from roles.planning.adapter import build_input
from roles.tests.planner_setup import NON_COUNSELING, reflect
from tests import factories

NURSE = "school nurse"
SCREENING, PSYCHOLOGICAL, THREAT = "Screening", "Psychological assessment", "Threat assessment"
TIER_1, TIER_2, TIER_3 = (f"Scheduled Tier {n} support provision" for n in (1, 2, 3))


def mark(district, task_key: str, value: str, school=None) -> None:
    CapabilityCell.objects.create(
        district=district,
        school=school,
        task=district.tasks.get(seed_key=task_key),
        role=factories.role(district, "school-nurse"),
        value=value,
    )


@pytest.fixture
def nurse_district(personas):
    district = personas.district
    nurse = factories.make_staff(
        district, "Nico Nurse", role_key="school-nurse", schools={personas.school_a: "0.5", personas.school_b: "0.5"}
    )
    reflect(nurse, {"assessment": 10, "non-counseling": 5, "scheduled-support": 85})
    for key, value in (
        ("screening", Capability.YES),
        ("psychological-assessment", Capability.NO),
        ("threat-assessment", Capability.NO),
        ("non-counseling-duties", Capability.NO),
        ("tier-3", Capability.NO),
        ("tier-1", Capability.TRAINING),
    ):
        mark(district, key, value)
    mark(district, "screening", Capability.NO, school=personas.school_b)
    mark(district, "psychological-assessment", Capability.YES, school=personas.school_b)
    return personas


def current_of(personas, school_name: str) -> dict[str, float]:
    school = next(s for s in build_input(personas.district).inp.schools if s.name == school_name)
    return {task: hours for (role, task), hours in school.current.items() if role == NURSE}


def test_a_task_type_share_goes_only_to_the_tasks_the_role_may_do(nurse_district):
    adams = current_of(nurse_district, "Adams Elementary")
    assert adams[SCREENING] == pytest.approx(2)
    assert PSYCHOLOGICAL not in adams
    assert THREAT not in adams


def test_a_school_override_decides_the_split_at_that_school(nurse_district):
    brook = current_of(nurse_district, "Brook Middle")
    assert brook[PSYCHOLOGICAL] == pytest.approx(2)
    assert SCREENING not in brook
    assert THREAT not in brook


def test_with_training_and_undecided_tasks_share_the_hours_but_no_does_not(nurse_district):
    adams = current_of(nurse_district, "Adams Elementary")
    assert adams[TIER_1] == pytest.approx(8.5)
    assert adams[TIER_2] == pytest.approx(8.5)
    assert TIER_3 not in adams


def test_a_type_whose_every_task_is_no_keeps_the_reported_hours(nurse_district):
    adams = current_of(nurse_district, "Adams Elementary")
    assert adams[NON_COUNSELING] == pytest.approx(1)
    assert sum(adams.values()) == pytest.approx(20)  # nothing reported is lost


def test_the_district_average_is_split_the_same_way(nurse_district):
    district = nurse_district.district
    newcomer = factories.make_school(district, "Cedar High", level="high")
    factories.make_staff(district, "Nell Nurse", role_key="school-nurse", schools={newcomer: 1})
    cedar = current_of(nurse_district, "Cedar High")
    assert cedar[SCREENING] == pytest.approx(4)  # 10 % of 40 h, all on the one assessment task nurses may do
    assert PSYCHOLOGICAL not in cedar
    assert cedar[TIER_1] == pytest.approx(17)
