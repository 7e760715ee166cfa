"""Capacity and tasks to shift on the demo district (issue 13), with the figures worked by hand.

The demo (30 schools, seed 1) has 20,577 students, 20.0 FTE of LCSWs and 5.0 FTE of other counselors or
social workers, both 1 per 250 students (SSWAA). Measured apart they looked 62.3 and 77.3 FTE short
(20,577 / 250 = 82.3 needed each); as one pool they are 25.0 FTE against 82.3 needed: **57.3 short**, a
load of 20,577 / 25 / 250 = **3.3×**. Counselors and psychologists are the demo's constrained roles.
"""

from __future__ import annotations

import doctest
import re
from decimal import Decimal

import pytest
from django.urls import reverse

import roles.capacity
from conftest import client_for
from people.demo import build_demo
from people.models import Role
from roles.models import ShiftPlan
from roles.services.plans import Receiving, constrained_receivers, save_plan
from roles.services.priorities import capacity_ranking, receiving_standings, tasks_to_shift


@pytest.fixture
def demo(db):
    lakeview = build_demo()
    return lakeview, lakeview.staff.get(email="director@lakeview.example.org")


def test_the_docstring_examples_hold():
    assert doctest.testmod(roles.capacity).failed == 0


def test_the_social_work_need_is_counted_once(demo):
    lakeview, director = demo
    rows = {row.ratio.role.label: row.ratio for row in capacity_ranking(lakeview).district_rows}
    pool = rows["LCSW + Counselor / social worker"]
    assert pool.enrollment == 20577 and pool.fte == 25.0
    assert round(pool.fte_needed, 1) == 82.3 and round(pool.fte_short, 1) == 57.3 and round(pool.load, 1) == 3.3
    assert "LCSW" not in rows and "Counselor / social worker" not in rows

    body = client_for(director).get(reverse("roles:capacity")).content.decode()
    assert "62.3" not in body and "77.3" not in body
    assert "57.3" in body and "3.3× recommended" in body
    assert "Licensed clinical provider (e.g., LCSW) and Other counselor or social worker</strong> share one" in body
    # Each role of the pool is still confirmed on its own (its own priority tasks).
    lcsw, other = (lakeview.roles.get(seed_key=key) for key in ("lcsw", "other-counselor"))
    assert f'name="role-{lcsw.pk}-constrained"' in body and f'name="role-{other.pk}-constrained"' in body


def test_the_ratios_page_counts_the_pool_once_too(demo):
    lakeview, director = demo
    body = client_for(director).get(reverse("people:ratios")).content.decode()
    table = body[body.index('class="district-total"') : body.index("</table>")]
    shorts = [float(cell) for cell in re.findall(r"<td>([\d,.]+)</td>\s*</tr>", table)]
    # Pool 57.3, psychologists 41.2 − 20 = 21.2, counselors 82.3 − 49 = 33.3, nurses 27.4 − 22 = 5.4.
    assert sorted(shorts) == [5.4, 21.2, 33.3, 57.3]


def test_tasks_to_shift_suggest_roles_with_room_before_roles_over_their_ratio(demo):
    lakeview, director = demo
    groups = {group.role.seed_key: group for group in tasks_to_shift(lakeview)}
    family = next(t for t in groups["school-counselor"].tasks if t.task.seed_key == "family-engagement")
    order = [c.role.seed_key for c in family.candidates]
    # No ratio (family engagement, administrator, para-professional, teacher) before the short-staffed:
    # nurses 22 FTE for 20,577 students at 1 per 750 = 1.2×, then LCSW and other social workers at 3.3×.
    assert order[:4] == ["family-engagement", "administrator", "para-professional", "teacher"]
    assert order[4:] == ["school-nurse", "lcsw", "other-counselor"]
    lcsw = family.candidates[5]
    assert lcsw.standing.constrained
    assert lcsw.standing.text == (
        "capacity-constrained: 3.3× its recommended ratio (1 per 250), counted together with LCSW and "
        "Counselor / social worker"
    )
    assert not family.candidates[0].standing.constrained

    body = client_for(director).get(reverse("roles:tasks_to_shift")).content.decode()
    assert '<span class="badge bad">capacity-constrained: 3.3× its recommended ratio' in body
    assert '<span class="badge bad">capacity-constrained: 1.2× its recommended ratio (1 per 750)' in body


def test_a_role_within_its_ratio_is_suggested_first_as_spare_capacity(demo):
    lakeview, _director = demo
    Role.objects.filter(district=lakeview, seed_key="school-nurse").update(recommended_ratio=1000)
    found = receiving_standings(lakeview)[lakeview.roles.get(seed_key="school-nurse").pk]
    # 20,577 / 22 / 1,000 = 0.94: within the recommendation.
    assert found.spare and found.text == "spare capacity: 0.9× its recommended ratio"
    family = next(t for t in tasks_to_shift(lakeview)[0].tasks if t.task.seed_key == "family-engagement")
    assert family.candidates[0].role.seed_key == "school-nurse"


def test_a_shift_plan_warns_when_its_receiving_role_is_constrained(demo):
    lakeview, director = demo
    plan = ShiftPlan(
        district=lakeview,
        task=lakeview.tasks.get(seed_key="family-engagement"),
        from_role=lakeview.roles.get(seed_key="school-counselor"),
        owner=director,
    )
    save_plan(plan, [Receiving(lakeview.roles.get(seed_key="lcsw"), Decimal("2"))], trainings=[], by=None)
    warnings = constrained_receivers(plan)
    assert warnings == [
        "Licensed clinical provider (e.g., LCSW) is capacity-constrained itself across the district: 3.3× its "
        "recommended ratio (1 per 250), counted together with LCSW and Counselor / social worker. Giving it "
        "this task moves the shortage rather than easing it."
    ]
    body = client_for(director).get(reverse("roles:plan_detail", args=[plan.pk])).content.decode()
    assert "is capacity-constrained itself across the district: 3.3×" in body

    specialist = lakeview.roles.get(seed_key="family-engagement")  # no recommended ratio: not known to be short
    save_plan(plan, [Receiving(specialist, Decimal("2"))], trainings=[], by=None)
    assert constrained_receivers(plan) == []
