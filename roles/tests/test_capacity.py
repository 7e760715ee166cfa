"""Capacity-constrained staff: the ranking (pure), the page, and the admin's confirmation."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import client_for
from people.models import Role
from people.ratios import RoleInfo, RoleRatio
from roles.capacity import rank_capacity
from roles.models import ConstrainedRole
from roles.services.priorities import capacity_ranking
from tests import factories
from tests.forms import hidden_inputs

COUNSELOR = RoleInfo(1, "School counselor", 250)
PSYCHOLOGIST = RoleInfo(2, "School psychologist", 500)
NURSE = RoleInfo(3, "School nurse", 750)


def test_roles_rank_by_load_worst_first():
    rows = rank_capacity(
        [
            (None, "", RoleRatio(COUNSELOR, 1000, 2.0)),  # 500 per FTE: load 2.0
            (None, "", RoleRatio(PSYCHOLOGIST, 1000, 0.5)),  # 2,000 per FTE: load 4.0
            (None, "", RoleRatio(NURSE, 1000, 2.0)),  # 500 per FTE: load 0.67
        ]
    )
    assert [r.ratio.role.label for r in rows] == ["School psychologist", "School counselor", "School nurse"]
    assert [round(r.load, 2) for r in rows] == [4.0, 2.0, 0.67]


def test_equal_loads_rank_by_fte_short():
    # Counselors: 1,000 / 2.0 / 250 = 2.0, 2.0 FTE short; psychologists: 1,000 / 1.0 / 500 = 2.0, 1.0 FTE short.
    rows = rank_capacity([(None, "", RoleRatio(PSYCHOLOGIST, 1000, 1.0)), (None, "", RoleRatio(COUNSELOR, 1000, 2.0))])
    assert [(r.ratio.role.label, r.load, r.ratio.fte_short) for r in rows] == [
        ("School counselor", 2.0, 2.0),
        ("School psychologist", 2.0, 1.0),
    ]


def test_a_role_without_staff_ranks_worst():
    rows = rank_capacity([(None, "", RoleRatio(COUNSELOR, 1000, 3.0)), (1, "Adams", RoleRatio(NURSE, 400, 0))])
    assert rows[0].load == math.inf
    assert rows[0].score_text == "no staff"


def test_the_non_priority_share_is_shown_when_given_and_never_changes_the_order():
    rows = rank_capacity(
        [(None, "", RoleRatio(COUNSELOR, 1000, 2.0)), (None, "", RoleRatio(PSYCHOLOGIST, 1000, 0.5))],
        non_priority_shares={COUNSELOR.id: 0.45},
    )
    assert [r.ratio.role.label for r in rows] == ["School psychologist", "School counselor"]
    assert rows[1].share_text == "45%"
    assert rows[0].non_priority_share is None
    assert rows[0].share_text == "not available"


@pytest.fixture
def small_district(personas):
    """Adams 600 students (1.0 counselor, 0.5 psychologist), Brook 900 (1.0 counselor, 0.5 psychologist).

    Only counselors (250) and psychologists (500) keep a recommended ratio.
    """
    Role.objects.filter(district=personas.district, is_mental_health=True).exclude(
        seed_key__in=["school-counselor", "school-psychologist"]
    ).update(recommended_ratio=None)
    factories.make_staff(
        personas.district,
        "Sam Psychologist",
        role_key="school-psychologist",
        schools={personas.school_a: "0.5", personas.school_b: "0.5"},
    )
    return personas


def test_the_district_ranking_is_computed_by_hand(small_district):
    page = capacity_ranking(small_district.district)
    # District: 1,500 students. Counselors 1,500 / 2 / 250 = 3.0 (6 − 2 = 4 FTE short);
    # psychologists 1,500 / 1 / 500 = 3.0 (3 − 1 = 2 FTE short): the tie goes to the counselors.
    assert [(r.ratio.role.label, r.load, r.ratio.fte_short) for r in page.district_rows] == [
        ("School counselor", 3.0, 4.0),
        ("School psychologist", 3.0, 2.0),
    ]
    # Brook: 900 / 1 / 250 = 3.6 and 900 / 0.5 / 500 = 3.6; Adams: 600 / 1 / 250 = 2.4 and 600 / 0.5 / 500 = 2.4.
    assert [(r.school_name, r.ratio.role.label, round(r.load, 2)) for r in page.school_rows] == [
        ("Brook Middle", "School counselor", 3.6),
        ("Brook Middle", "School psychologist", 3.6),
        ("Adams Elementary", "School counselor", 2.4),
        ("Adams Elementary", "School psychologist", 2.4),
    ]


def test_leaders_see_the_ranking_with_no_reflections_yet(small_district):
    response = client_for(small_district.principal).get(reverse("roles:capacity"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "not available" in body
    assert body.index("School counselor") < body.index("School psychologist")
    assert 'type="checkbox"' not in body  # only admins confirm


def test_the_admin_confirms_the_constrained_roles(small_district):
    p = small_district
    counselor = p.district.roles.get(seed_key="school-counselor")
    psychologist = p.district.roles.get(seed_key="school-psychologist")
    client = client_for(p.admin)
    data = {
        f"role-{counselor.pk}-constrained": "on",
        f"role-{counselor.pk}-hours": "12.5",
        f"role-{psychologist.pk}-hours": "0",
        "seen": hidden_inputs(client, reverse("roles:capacity"))["seen"],
    }
    response = client.post(reverse("roles:capacity"), data)
    assert response.status_code == 302
    confirmed = ConstrainedRole.objects.get(district=p.district)
    assert confirmed.role == counselor
    assert confirmed.needed_priority_hours == Decimal("12.5")
    assert confirmed.confirmed_by == p.admin

    # Un-ticking removes it.
    seen = hidden_inputs(client, reverse("roles:capacity"))["seen"]
    client.post(reverse("roles:capacity"), {f"role-{counselor.pk}-hours": "12.5", "seen": seen})
    assert not ConstrainedRole.objects.filter(district=p.district).exists()


def test_negative_hours_are_refused_beside_the_field(small_district):
    p = small_district
    counselor = p.district.roles.get(seed_key="school-counselor")
    data = {f"role-{counselor.pk}-constrained": "on", f"role-{counselor.pk}-hours": "-3"}
    response = client_for(p.admin).post(reverse("roles:capacity"), data)
    assert response.status_code == 200
    assert "greater than or equal to 0" in response.content.decode()
    assert not ConstrainedRole.objects.exists()


def test_a_principal_cannot_confirm_constrained_roles(small_district):
    p = small_district
    counselor = p.district.roles.get(seed_key="school-counselor")
    response = client_for(p.principal).post(reverse("roles:capacity"), {f"role-{counselor.pk}-constrained": "on"})
    assert response.status_code == 403
    assert not ConstrainedRole.objects.exists()


def test_the_school_rows_narrow_to_a_role_and_a_school_name(small_district):
    p = small_district
    psychologist = p.district.roles.get(seed_key="school-psychologist")
    page = capacity_ranking(p.district, role_id=psychologist.pk, school_search="brook")
    assert [(r.school_name, r.ratio.role.label) for r in page.school_rows] == [("Brook Middle", "School psychologist")]
    body = (
        client_for(p.principal).get(reverse("roles:capacity"), {"role": psychologist.pk, "q": "adams"}).content.decode()
    )
    assert "Adams Elementary" in body and "Brook Middle" not in body
