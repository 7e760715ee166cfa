"""Staffing ratios: the pure arithmetic, then the page."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from people.models import School
from people.ratios import RoleInfo, RoleRatio, SchoolInfo, staffing_ratios
from tests import factories

COUNSELOR = RoleInfo(1, "School counselor", 250, "ASCA")
PSYCHOLOGIST = RoleInfo(2, "School psychologist", 500, "NASP 2020")


# --- The arithmetic (no database) -------------------------------------------------------------------


def test_students_per_fte_load_and_shortfall_follow_the_worked_example():
    ratio = RoleRatio(COUNSELOR, 600, Decimal("1.5"))
    assert ratio.students_per_fte == 400
    assert ratio.load == pytest.approx(1.6)
    assert ratio.fte_needed == pytest.approx(2.4)
    assert ratio.fte_short == pytest.approx(0.9)
    assert ratio.summary == "1.6× recommended"
    assert ratio.status == "bad"


def test_a_school_over_staffed_is_not_short_and_reads_within_recommendation():
    ratio = RoleRatio(COUNSELOR, 400, Decimal("2"))
    assert ratio.load == pytest.approx(0.8)
    assert ratio.fte_short == 0
    assert ratio.status == "ok"
    assert ratio.summary == "within recommendation"


def test_a_school_with_students_and_no_staff_is_the_worst_and_says_no_staff():
    ratio = RoleRatio(COUNSELOR, 300, Decimal(0))
    assert ratio.students_per_fte is None
    assert ratio.load == math.inf
    assert ratio.summary == "no staff"
    assert ratio.fte_short == pytest.approx(1.2)


def test_a_school_without_students_or_staff_has_no_load():
    ratio = RoleRatio(COUNSELOR, 0, Decimal(0))
    assert ratio.load == 0
    assert ratio.status == "ok"


def test_schools_are_sorted_by_their_worst_load_and_the_district_total_adds_everything_up():
    schools = [
        SchoolInfo(10, "Adams", "elementary", 500),  # counselor 2.0×
        SchoolInfo(11, "Brook", "middle", 1000),  # counselor 1.0×, psychologist no staff
        SchoolInfo(12, "Cedar", "high", 250),  # within recommendations
    ]
    fte = {
        (10, 1): Decimal("1"),
        (10, 2): Decimal("1"),
        (11, 1): Decimal("4"),
        (12, 1): Decimal("1"),
        (12, 2): Decimal("0.5"),
    }
    table = staffing_ratios(schools, [COUNSELOR, PSYCHOLOGIST], fte)
    assert [row.school.name for row in table.schools] == ["Brook", "Adams", "Cedar"]
    counselors, psychologists = table.district
    assert table.total_enrollment == 1750
    assert counselors.fte == Decimal(6)
    assert counselors.students_per_fte == pytest.approx(1750 / 6)
    assert counselors.fte_short == pytest.approx(1)
    assert psychologists.students_per_fte == pytest.approx(1750 / 1.5)
    assert psychologists.fte_short == pytest.approx(2)


def test_sorting_by_one_role_only_looks_at_that_role():
    schools = [SchoolInfo(10, "Adams", "elementary", 500), SchoolInfo(11, "Brook", "middle", 1000)]
    fte = {(10, 1): Decimal("1"), (11, 1): Decimal("4")}
    table = staffing_ratios(schools, [COUNSELOR], fte)
    assert [row.school.name for row in table.schools] == ["Adams", "Brook"]


# --- The page ----------------------------------------------------------------------------------------


def ratios_url(**params):
    from urllib.parse import urlencode

    return reverse("people:ratios") + (f"?{urlencode(params)}" if params else "")


def test_an_admin_sees_the_district_total_and_each_school(personas, as_admin):
    response = as_admin.get(ratios_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert "District total" in content
    assert "Adams Elementary" in content and "Brook Middle" in content
    # Adams: 600 students, 1 counselor → 600 per FTE, 2.4× the ASCA ratio.
    assert "2.4× recommended" in content
    assert "ASCA" in content
    assert reverse("people:district_settings") in content


def test_a_principal_sees_the_page_without_the_link_to_edit_ratios(personas):
    response = client_for(personas.principal).get(ratios_url())
    assert response.status_code == 200
    assert "Adams Elementary" in response.content.decode()
    assert reverse("people:district_settings") not in response.content.decode()


def test_a_counselor_is_refused(personas):
    assert client_for(personas.counselor_a).get(ratios_url()).status_code == 403


def test_another_districts_schools_and_staff_are_never_shown(personas):
    factories.make_staff(personas.other_district, "Rita River", schools={personas.other_school: 1})
    response = client_for(personas.other_admin).get(ratios_url())
    content = response.content.decode()
    assert "Riverside High" in content
    assert "Adams Elementary" not in content and "Brook Middle" not in content
    # 1,500 students and the one Riverside counselor: the Lincoln counselors do not count.
    assert "1,500 per FTE" in content


def test_filters_narrow_the_school_rows_but_not_the_district_total(personas, as_admin):
    content = as_admin.get(ratios_url(level="middle")).content.decode()
    assert "Brook Middle" in content and ">Adams Elementary<" not in content
    content = as_admin.get(ratios_url(q="adams")).content.decode()
    assert ">Adams Elementary<" in content and ">Brook Middle<" not in content
    assert "All 2 schools" in content


def test_a_role_filter_shows_only_that_role(personas, as_admin):
    psychologist = factories.role(personas.district, "school-psychologist")
    content = as_admin.get(ratios_url(role=psychologist.pk)).content.decode()
    assert "School psychologist" in content
    assert "School counselor <span" not in content


def test_the_page_explains_when_there_are_no_schools(db):
    district = factories.make_district("Empty District", slug="empty")
    admin = factories.make_staff(district, role_key="administrator", access="admin")
    response = client_for(admin).get(ratios_url())
    assert "no schools yet" in response.content.decode()


def test_the_page_explains_when_no_role_has_a_ratio(personas, as_admin):
    personas.district.roles.update(recommended_ratio=None)
    assert "No mental health role has a recommended ratio" in as_admin.get(ratios_url()).content.decode()


def queries_for(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(ratios_url()).status_code == 200
    return len(ctx.captured_queries)


def add_schools(district, count: int, start: int) -> None:
    schools = School.objects.bulk_create(
        School(district=district, name=f"Extra School {start + i}", enrollment=400 + i) for i in range(count)
    )
    for school in schools[:5]:
        factories.make_staff(district, can_log_in=False, schools={school: "0.5"})


def test_the_number_of_queries_does_not_grow_with_the_schools(personas, as_admin):
    principal = client_for(personas.principal)
    add_schools(personas.district, 8, 0)
    with_ten = queries_for(as_admin), queries_for(principal)
    add_schools(personas.district, 190, 100)
    assert (queries_for(as_admin), queries_for(principal)) == with_ten


def test_a_role_nobody_holds_does_not_hide_the_order_of_the_other_roles():
    schools = [SchoolInfo(10, "Adams", "elementary", 500), SchoolInfo(11, "Brook", "middle", 500)]
    fte = {(10, 1): Decimal("2"), (11, 1): Decimal("1")}  # no psychologist anywhere
    table = staffing_ratios(schools, [COUNSELOR, PSYCHOLOGIST], fte)
    assert [row.school.name for row in table.schools] == ["Brook", "Adams"]


def test_a_principal_sees_which_school_is_theirs_and_can_show_only_those(personas):
    client = client_for(personas.principal)
    content = client.get(ratios_url()).content.decode()
    assert "your school" in content and "Only the schools I lead" in content
    content = client.get(ratios_url(mine="on")).content.decode()
    assert ">Adams Elementary<" in content and ">Brook Middle<" not in content


def test_an_admin_is_not_offered_the_filter_for_their_own_schools(personas, as_admin):
    content = as_admin.get(ratios_url()).content.decode()
    assert "Only the schools I lead" not in content and "your school" not in content
