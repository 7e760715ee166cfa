"""Dashboards: who sees which, the published quarters, the tables against the figures, exports, query counts."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from conftest import client_for
from dashboards.tests.makers import colleagues, reflect
from reflections.figures import hidden_reason
from reflections.models import FigureRelease, Reflection

pytestmark = pytest.mark.django_db
SEPTEMBER = dt.date(2026, 9, 15)  # Jul–Sep 2026: over on the frozen day, so published
NOVEMBER = dt.date(2026, 11, 2)  # Oct–Dec 2026: the current quarter, not published yet


@pytest.fixture(autouse=True)
def _november():
    with time_machine.travel(dt.datetime(2026, 11, 28, 15, tzinfo=dt.UTC), tick=False):
        yield


def five_at(personas, school, date=SEPTEMBER, role_key="school-counselor"):
    people = colleagues(personas.district, school, 5, role_key=role_key)
    for person in people:
        reflect(person, date)
    return people


def school_page(person, school, **query):
    return client_for(person).get(reverse("dashboards:school", kwargs={"pk": school.pk}), query)


def test_staff_see_only_their_own_dashboard(personas):
    client = client_for(personas.counselor_a)
    assert client.get(reverse("dashboards:mine")).status_code == 200
    assert client.get(reverse("dashboards:district")).status_code == 403
    assert client.get(reverse("dashboards:school", kwargs={"pk": personas.school_a.pk})).status_code == 403
    assert client.get(reverse("dashboards:district_export", kwargs={"fmt": "csv"})).status_code == 403
    assert client.get(reverse("dashboards:role", kwargs={"pk": personas.counselor_a.role_id})).status_code == 403


def test_a_principal_sees_the_school_they_lead_and_not_another(personas):
    client = client_for(personas.principal)
    assert client.get(reverse("dashboards:school", kwargs={"pk": personas.school_a.pk})).status_code == 200
    assert client.get(reverse("dashboards:school", kwargs={"pk": personas.school_b.pk})).status_code == 403
    export = reverse("dashboards:school_export", kwargs={"pk": personas.school_b.pk, "fmt": "csv"})
    assert client.get(export).status_code == 403
    assert client.get(reverse("dashboards:district")).status_code == 403
    role = reverse("dashboards:role", kwargs={"pk": personas.counselor_a.role_id})
    assert client.get(role, {"school": personas.school_b.pk}).status_code == 403


def test_another_district_gets_404_for_a_school_and_a_role(personas):
    client = client_for(personas.other_admin)
    assert client.get(reverse("dashboards:school", kwargs={"pk": personas.school_a.pk})).status_code == 404
    assert client.get(reverse("dashboards:role", kwargs={"pk": personas.counselor_a.role_id})).status_code == 404


def test_a_school_below_the_minimum_group_size_is_hidden_with_the_reason(personas):
    for person in colleagues(personas.district, personas.school_a, 4):
        reflect(person, SEPTEMBER)
    body = school_page(personas.principal, personas.school_a).content.decode()
    assert hidden_reason(5) in body
    assert "Fewer than 5 people in this group have submitted a reflection" in body
    assert 'id="table-time"' not in body


def test_drafts_do_not_count_towards_the_group(personas):
    for person in colleagues(personas.district, personas.school_a, 4):
        reflect(person, SEPTEMBER)
    reflect(personas.counselor_a, SEPTEMBER, status=Reflection.Status.DRAFT)
    assert hidden_reason(5) in school_page(personas.principal, personas.school_a).content.decode()


def test_the_school_table_shows_the_figures_once_the_group_is_large_enough(personas):
    five_at(personas, personas.school_a)
    page = school_page(personas.principal, personas.school_a)
    body = page.content.decode()
    assert '<th scope="row">Non-counseling duties</th><td class="num">5.0%</td><td class="num">30.0%</td>' in body
    assert "+25.0 points" in body
    assert "whether or not its author shared it" in body
    assert "Jul–Sep 2026" in body
    # The chart reads the same numbers from the json_script block.
    assert page.context["report"].charts["time"]["current"][6] == 30.0


def test_a_person_counts_once_with_their_latest_reflection_of_the_quarter(personas):
    people = five_at(personas, personas.school_a, dt.date(2026, 9, 10))
    changed = [(15, 10), (30, 26), (15, 10), (12, 8), (10, 7), (8, 14), (5, 20), (5, 5)]
    reflect(people[0], dt.date(2026, 9, 20), changed)
    report = school_page(personas.principal, personas.school_a).context["report"]
    figures = {f.task_type.name: f for f in report.task_types}
    assert report.people == 5
    assert figures["Non-counseling duties"].current == 28  # (20 + 4 × 30) / 5


def test_the_current_quarter_is_published_only_once_it_is_over(personas):
    five_at(personas, personas.school_a, NOVEMBER)
    page = school_page(personas.principal, personas.school_a, quarter="2026-10")
    body = page.content.decode()
    assert "Select a valid choice" in body  # Oct–Dec 2026 is not offered yet
    assert page.context["report"].quarter.key == "2026-07"
    assert not FigureRelease.objects.filter(quarter=dt.date(2026, 10, 1)).exists()
    with time_machine.travel(dt.datetime(2027, 1, 1, 12, tzinfo=dt.UTC), tick=False):
        report = school_page(personas.principal, personas.school_a, quarter="2026-10").context["report"]
    assert (report.quarter.label, report.people, report.hidden) == ("Oct–Dec 2026", 5, False)


def test_the_district_dashboard_hides_a_small_role_and_the_row_it_could_be_worked_out_from(personas):
    five_at(personas, personas.school_a)
    for person in colleagues(personas.district, personas.school_b, 3, role_key="school-psychologist"):
        reflect(person, SEPTEMBER, barrier_kinds=("paperwork", "duties"))
    page = client_for(personas.admin).get(reverse("dashboards:district"))
    report = page.context["report"]
    assert report.people == 8
    assert {r.name: r.hidden for r in report.roles} == {"School counselor": True, "School psychologist": True}
    assert report.barriers[0] == ("Duties and time", 8)
    body = page.content.decode()
    assert hidden_reason(5) in body and hidden_reason(5, protects=True) in body
    assert '<th scope="row">Duties and time</th><td class="num">8</td>' in body
    assert [(p.label, p.hidden) for p in report.trend] == [("Jul–Sep 2026", False)]


def test_a_leaders_role_dashboard_shows_the_role_at_a_school_they_lead(personas):
    five_at(personas, personas.school_a)
    five_at(personas, personas.school_b)
    url = reverse("dashboards:role", kwargs={"pk": personas.counselor_a.role_id})
    principal = client_for(personas.principal).get(url).context
    assert (principal["report"].title, principal["report"].people) == ("School counselor at Adams Elementary", 5)
    assert client_for(personas.admin).get(url).context["report"].people == 10
    at_b = client_for(personas.admin).get(url, {"school": personas.school_b.pk}).context["report"]
    assert (at_b.title, at_b.people) == ("School counselor at Brook Middle", 5)


def test_exports_carry_the_page_s_figures_and_hide_what_it_hides(personas):
    five_at(personas, personas.school_a)
    for person in colleagues(personas.district, personas.school_b, 2, role_key="school-psychologist"):
        reflect(person, SEPTEMBER)
    client = client_for(personas.admin)
    response = client.get(reverse("dashboards:district_export", kwargs={"fmt": "csv"}))
    assert response["Content-Disposition"] == 'attachment; filename="figures-district-2026-07.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Group", "Period", "Section", "Item"]
    duties = next(r for r in rows if r[2] == "Time per task type" and r[3] == "Non-counseling duties")
    assert duties == ["Lincoln County Schools", "Jul–Sep 2026 (2026-07-01 to 2026-09-30)", "Time per task type"] + [
        "Non-counseling duties",
        "7",
        "5.0",
        "30.0",
        "25.0",
    ]
    psychologists = next(r for r in rows if r[3] == "School psychologist")
    assert psychologists[4] == f"hidden: {hidden_reason(5)}"
    counselors = next(r for r in rows if r[3] == "School counselor")
    assert counselors[4] == f"hidden: {hidden_reason(5, protects=True)}"
    school_b = client.get(reverse("dashboards:school_export", kwargs={"pk": personas.school_b.pk, "fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(school_b.content)).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[1][2:4] == ["All figures", f"hidden: {hidden_reason(5)}"]


def test_exported_text_never_runs_as_a_formula(personas):
    personas.school_a.name = '=HYPERLINK("x")'
    personas.school_a.save()
    five_at(personas, personas.school_a)
    response = client_for(personas.admin).get(
        reverse("dashboards:school_export", kwargs={"pk": personas.school_a.pk, "fmt": "csv"})
    )
    first = list(csv.reader(io.StringIO(response.content.decode())))[1]
    assert first[0].startswith("'=")


@pytest.mark.parametrize("url_name", ["dashboards:district", "dashboards:school", "dashboards:role", "dashboards:mine"])
def test_dashboards_make_the_same_number_of_queries_with_5_or_50_reflections(personas, url_name):
    kwargs = {
        "dashboards:school": {"pk": personas.school_a.pk},
        "dashboards:role": {"pk": personas.counselor_a.role_id},
    }.get(url_name, {})
    client = client_for(personas.admin)
    url = reverse(url_name, kwargs=kwargs)

    def count() -> int:
        client.get(url)  # the first visit publishes the quarters it shows, once
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    five_at(personas, personas.school_a)
    reflect(personas.admin, SEPTEMBER)
    few = count()
    FigureRelease.objects.all().delete()
    for day in (dt.date(2026, 7, 20), dt.date(2026, 8, 20), SEPTEMBER):
        for person in colleagues(personas.district, personas.school_a, 15):
            reflect(person, day)
    assert count() == few


def test_the_blank_form_prints_the_seeds_rows_and_columns(personas):
    body = client_for(personas.counselor_a).get(reverse("dashboards:reflection_form_blank")).content.decode()
    for text in (
        "Date:",
        "Name:",
        "Role:",
        "What support do you need, if any, to better serve students?",
        "Are there any barriers preventing you from supporting students? If so, what are those barriers?",
        "Type of task (add or modify as needed)",
        "For your role, what do you feel is the ideal allocation of time across different task types?",
        "How are you currently being asked to allocate your time on a day-to-day basis?",
        "What actions could be taken to move toward your ideal time allocation?",
    ):
        assert text in body
    rows = [
        "Assessment",
        "Scheduled student mental health support",
        "Non-scheduled student mental health support",
        "Other student and family care provision tasks",
        "Teacher and school staff support and training",
        "Counseling-related administrative activities",
        "Non-counseling duties",
        "Other",
    ]
    positions = [body.index(f'<th scope="row">{name}</th>') for name in rows]
    assert positions == sorted(positions)


def test_a_filled_form_prints_only_for_someone_it_was_shared_with(personas):
    reflection = reflect(personas.counselor_a, SEPTEMBER)
    url = reverse("dashboards:reflection_form_print", kwargs={"pk": reflection.pk})
    body = client_for(personas.counselor_a).get(url).content.decode()
    assert "Casey Counselor" in body and "30%" in body
    assert client_for(personas.principal).get(url).status_code == 404
    reflection.share_with_leader = True
    reflection.save()
    assert client_for(personas.principal).get(url).status_code == 200
    assert client_for(personas.counselor_b).get(url).status_code == 404


def test_an_unknown_quarter_is_refused_beside_the_field_and_the_newest_is_shown(personas):
    page = client_for(personas.counselor_a).get(reverse("dashboards:mine"), {"quarter": "2026-11"})
    assert 'id="id_quarter_error"' in page.content.decode()
    assert page.context["report"].quarter.key == "2026-10"  # a person's own page includes the current quarter


def test_my_own_page_shows_the_current_quarter_and_my_trend(personas):
    reflect(personas.counselor_a, SEPTEMBER)
    reflect(personas.counselor_a, NOVEMBER, [(20, 20), (30, 30), (10, 10), (10, 10), (10, 10), (10, 10), (5, 5)])
    report = client_for(personas.counselor_a).get(reverse("dashboards:mine")).context["report"]
    assert (report.quarter.label, report.people, report.hidden) == ("Oct–Dec 2026", 1, False)
    assert [(p.label, p.non_counseling_current) for p in report.trend] == [("Jul–Sep 2026", 30), ("Oct–Dec 2026", 5)]
