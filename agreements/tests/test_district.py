"""The district's view: signed agreements per school and role, goals' standing, planned against actual —
every group below the minimum group size hidden, including from the total's differences."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
from django.urls import reverse

from agreements import services
from agreements.figures import district_figures
from agreements.tests.makers import YEAR, add_program_goal, make_agreement, seen
from conftest import client_for
from reflections.tests.makers import make_reflection, seed_rows
from tests import factories


def signed(p, staff, school):
    agreement = make_agreement(p, staff=staff, school=school)
    add_program_goal(p, agreement)
    services.send_for_review(agreement, by=staff)
    services.sign(agreement, by=staff, seen=seen(agreement))
    services.sign(agreement, by=agreement.leader, seen=seen(agreement))
    return agreement


def counselors(p, school, n, prefix):
    return [factories.make_staff(p.district, f"{prefix} {i}", schools={school: 1}) for i in range(n)]


def test_a_small_schools_figure_cannot_be_worked_out_from_the_total(personas):
    """Adams has 6 counselors (Casey and 5 more), Brook 3 (Bailey and 2 more): Brook is below 5, so hidden;
    then Adams is hidden too — otherwise total minus Adams would give Brook's figure away."""
    p = personas
    factories.make_staff(p.district, "Blair Brook", role_key="administrator", access="leader", leads=[p.school_b])
    adams = [p.counselor_a, *counselors(p, p.school_a, 5, "Adams counselor")]
    brook = [p.counselor_b, *counselors(p, p.school_b, 2, "Brook counselor")]
    for person in adams[:4]:
        signed(p, person, p.school_a)
    signed(p, brook[0], p.school_b)  # the figure an attacker wants: 1 of 3 at Brook

    figures = district_figures(p.district, YEAR)
    rows = {row.label: row for row in figures.schools}
    assert rows["Brook Middle"].hidden and rows["Adams Elementary"].hidden
    visible = sum(row.values["signed"] for row in figures.schools if not row.hidden)
    attackers_estimate = figures.total.values["signed"] - visible
    assert attackers_estimate == 5  # all of Adams and Brook together: Brook's 1 is not revealed

    page = client_for(p.admin).get(reverse("agreements:district")).content.decode()
    assert "Hidden: fewer than 5 people" in page
    [counselor_row] = [row for row in figures.roles if row.label == "School counselor"]
    assert counselor_row.people == 9 and counselor_row.values["signed"] == 5 and not counselor_row.hidden


def test_planned_against_actual_shows_only_groups_of_enough_people(personas):
    p = personas
    people = [p.counselor_a, *counselors(p, p.school_a, 5, "Adams counselor")]
    for person in people:
        signed(p, person, p.school_a)
    current = (30, 20, 20, 10, 5, 5, 10, 0)  # direct 70 + indirect: Other student and family care 10, Teacher 5
    for person in people[:4]:
        make_reflection(person, leader=True, rows=seed_rows(person, current=current))
    [row] = [r for r in district_figures(p.district, YEAR).planned_vs_actual if r.label == "School counselor"]
    assert row.values["planned"] == Decimal("80.0") and row.values["actual"] is None  # 4 reflections < 5
    make_reflection(people[4], leader=True, rows=seed_rows(people[4], current=current))
    make_reflection(people[5], rows=seed_rows(people[5], current=(0, 0, 0, 0, 0, 50, 50, 0)))  # not shared
    [row] = [r for r in district_figures(p.district, YEAR).planned_vs_actual if r.label == "School counselor"]
    assert (row.values["actual"], row.values["measured"]) == (Decimal("85.0"), 5)


def test_the_export_has_a_row_per_agreement_and_no_free_text(personas):
    p = personas
    agreement = signed(p, p.counselor_a, p.school_a)
    services.save_agreement(
        agreement,
        by=p.counselor_a,
        seen=None,
        fields={"responsibilities": "SECRET-RESPONSIBILITIES"},
        shares=dict(agreement.shares.values_list("category_id", "percent")),
    )
    response = client_for(p.admin).get(reverse("agreements:district_export") + f"?year={YEAR}")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book["Agreements"].values)
    assert rows[0][:3] == ("Staff member", "Role", "School") and len(rows) == 2
    assert rows[1][0] == "Casey Counselor" and rows[1][4] == "In review"
    assert "SECRET" not in repr(rows)
    assert client_for(p.principal).get(reverse("agreements:district_export")).status_code == 403


def test_the_dashboards_show_planned_against_actual(personas):
    p = personas
    signed(p, p.counselor_a, p.school_a)
    make_reflection(p.counselor_a, leader=True)
    mine = client_for(p.counselor_a).get(reverse("dashboards:mine")).content.decode()
    assert "My annual agreement: planned against actual" in mine and "Gap (points)" in mine
    assert "My annual agreement" not in client_for(p.counselor_b).get(reverse("dashboards:mine")).content.decode()
    district = client_for(p.admin).get(reverse("dashboards:district")).content.decode()
    assert "Annual agreements: planned against actual" in district
    assert "Hidden: fewer than 5 people" in district  # one counselor with a signed agreement


def test_the_staff_page_shows_the_agreement_only_to_those_who_may_see_it(personas):
    p = personas
    signed(p, p.counselor_a, p.school_a)
    url = reverse("people:staff_detail", args=[p.counselor_a.pk])
    for person in (p.counselor_a, p.principal, p.admin):
        assert "Annual agreement: planned against actual" in client_for(person).get(url).content.decode(), person
    assert "Annual agreement" not in client_for(p.counselor_b).get(url).content.decode()
