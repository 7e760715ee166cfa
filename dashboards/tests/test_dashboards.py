"""Dashboards: who sees which, the privacy minimum, the tables against the figures, exports, query counts."""

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
from dashboards.services import rebuild_figures
from dashboards.tests.makers import STORY, colleagues, reflect
from reflections.figures import hidden_reason
from reflections.models import Reflection

pytestmark = pytest.mark.django_db
SEPTEMBER = dt.date(2026, 9, 15)
OCTOBER = dt.date(2026, 10, 20)


@pytest.fixture(autouse=True)
def _november():
    with time_machine.travel(dt.datetime(2026, 11, 28, 15, tzinfo=dt.UTC), tick=False):
        yield


def five_at(personas, school, date=SEPTEMBER):
    people = colleagues(personas.district, school, 5)
    for person in people:
        reflect(person, date)
    return people


def test_staff_see_only_their_own_dashboard(personas):
    client = client_for(personas.counselor_a)
    assert client.get(reverse("dashboards:mine")).status_code == 200
    assert client.get(reverse("dashboards:district")).status_code == 403
    assert client.get(reverse("dashboards:school", kwargs={"pk": personas.school_a.pk})).status_code == 403
    assert client.get(reverse("dashboards:district_export", kwargs={"fmt": "csv"})).status_code == 403


def test_a_principal_sees_the_school_they_lead_and_not_another(personas):
    client = client_for(personas.principal)
    assert client.get(reverse("dashboards:school", kwargs={"pk": personas.school_a.pk})).status_code == 200
    assert client.get(reverse("dashboards:school", kwargs={"pk": personas.school_b.pk})).status_code == 403
    export = reverse("dashboards:school_export", kwargs={"pk": personas.school_b.pk, "fmt": "csv"})
    assert client.get(export).status_code == 403
    assert client.get(reverse("dashboards:district")).status_code == 403


def test_another_district_gets_404_for_a_school(personas):
    url = reverse("dashboards:school", kwargs={"pk": personas.school_a.pk})
    assert client_for(personas.other_admin).get(url).status_code == 404


def test_a_school_below_the_minimum_group_size_is_hidden_with_the_reason(personas):
    for person in colleagues(personas.district, personas.school_a, 4):
        reflect(person, SEPTEMBER)
    page = client_for(personas.principal).get(reverse("dashboards:school", kwargs={"pk": personas.school_a.pk}))
    body = page.content.decode()
    assert hidden_reason(5) in body
    assert "Fewer than 5 people in this group have submitted a reflection" in body
    assert 'id="table-time"' not in body


def test_drafts_do_not_count_towards_the_group(personas):
    for person in colleagues(personas.district, personas.school_a, 4):
        reflect(person, SEPTEMBER)
    reflect(personas.counselor_a, SEPTEMBER, status=Reflection.Status.DRAFT)
    page = client_for(personas.principal).get(reverse("dashboards:school", kwargs={"pk": personas.school_a.pk}))
    assert hidden_reason(5) in page.content.decode()


def test_the_school_table_shows_the_figures_once_the_group_is_large_enough(personas):
    five_at(personas, personas.school_a)
    page = client_for(personas.principal).get(reverse("dashboards:school", kwargs={"pk": personas.school_a.pk}))
    body = page.content.decode()
    assert '<th scope="row">Non-counseling duties</th><td class="num">5.0%</td><td class="num">30.0%</td>' in body
    assert "+25.0 points" in body
    assert "whether or not its author shared it" in body
    # The chart reads the same numbers from the json_script block.
    assert page.context["report"].charts["time"]["current"][6] == 30.0


def test_a_person_counts_once_with_their_latest_reflection(personas):
    people = five_at(personas, personas.school_a)
    changed = [(15, 10), (30, 26), (15, 10), (12, 8), (10, 7), (8, 14), (5, 20), (5, 5)]
    reflect(people[0], OCTOBER, changed)
    report = client_for(personas.principal).get(reverse("dashboards:school", kwargs={"pk": personas.school_a.pk}))
    figures = {f.task_type.name: f for f in report.context["report"].task_types}
    assert report.context["report"].people == 5
    assert figures["Non-counseling duties"].current == 28  # (20 + 4 × 30) / 5


def test_the_district_dashboard_reads_the_stored_figures_and_matches_them(personas):
    five_at(personas, personas.school_a)
    for person in colleagues(personas.district, personas.school_b, 3, role_key="school-psychologist"):
        reflect(person, OCTOBER, barrier_kinds=("paperwork", "duties"))
    rebuild_figures(personas.district)
    page = client_for(personas.admin).get(reverse("dashboards:district"))
    report = page.context["report"]
    assert report.people == 8
    assert [r.name for r in report.roles if r.hidden] == ["School psychologist"]
    assert report.barriers[0] == ("Duties and time", 8)
    body = page.content.decode()
    assert "Hidden: fewer than 5 people in this role have submitted a reflection." in body
    assert '<th scope="row">Duties and time</th><td class="num">8</td>' in body
    assert [p.hidden for p in report.trend] == [False, True]  # September: 5 people; October: 3


def test_recording_each_submission_gives_the_same_figures_as_a_rebuild(personas):
    from dashboards.services import forget_submission, record_submission, stored_sums

    people = colleagues(personas.district, personas.school_a, 3)
    made = []
    for args in (
        (people[0], SEPTEMBER),
        (people[1], SEPTEMBER, STORY, ("space",)),
        (people[0], OCTOBER, [(20, 20), (30, 30), (10, 10), (10, 10), (10, 10), (10, 10), (5, 5), (5, 5)]),
        (people[0], dt.date(2026, 10, 1)),  # earlier than their October one: not their latest
        (people[2], OCTOBER, [(None, 50), (None, 50)]),  # only the current column
    ):
        made.append(reflect(*args[:3], **({"barrier_kinds": args[3]} if len(args) > 3 else {})))
        record_submission(made[-1])  # as the submit service does, one submission at a time
    forget_submission(made[1])
    made[1].status = Reflection.Status.DRAFT
    made[1].save()
    incremental = stored_sums(personas.district, 2026)
    rebuild_figures(personas.district)
    rebuilt = stored_sums(personas.district, 2026)

    def clean(pair):
        year, months = pair
        return (
            {k: v for k, v in year.items() if v.people},
            {k: v for k, v in months.items() if v.people},
        )

    def comparable(sums):
        return (
            sums.people,
            sums.with_ideal,
            sums.with_current,
            {k: v for k, v in sums.ideal.items() if v},
            {k: v for k, v in sums.current.items() if v},
            +sums.barriers,
        )

    left, right = clean(incremental), clean(rebuilt)
    for part in (0, 1):
        assert {k: comparable(v) for k, v in left[part].items()} == {k: comparable(v) for k, v in right[part].items()}


def test_a_leaders_role_dashboard_counts_only_the_staff_of_their_schools(personas):
    five_at(personas, personas.school_a)
    five_at(personas, personas.school_b)
    url = reverse("dashboards:role", kwargs={"pk": personas.counselor_a.role_id})
    assert client_for(personas.principal).get(url).context["report"].people == 5
    rebuild_figures(personas.district)
    assert client_for(personas.admin).get(url).context["report"].people == 10


def test_exports_hide_small_groups(personas):
    five_at(personas, personas.school_a)
    for person in colleagues(personas.district, personas.school_b, 2, role_key="school-psychologist"):
        reflect(person, SEPTEMBER)
    rebuild_figures(personas.district)
    client = client_for(personas.admin)
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("dashboards:district_export", kwargs={"fmt": "csv"})).content.decode("utf-8-sig")
            )
        )
    )
    assert rows[0][:4] == ["Group", "Period", "Section", "Item"]
    duties = next(r for r in rows if r[2] == "Time per task type" and r[3] == "Non-counseling duties")
    assert duties == ["Lincoln County Schools", "2026-07-01 to 2027-06-30", "Time per task type"] + [
        "Non-counseling duties",
        "7",
        "5.0",
        "30.0",
        "25.0",
    ]
    psychologists = [r for r in rows if r[3] == "School psychologist"]
    assert psychologists and psychologists[0][4] == "hidden (fewer than 5)"
    school_b = client.get(reverse("dashboards:school_export", kwargs={"pk": personas.school_b.pk, "fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(school_b.content)).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[1][2:4] == ["All figures", "hidden (fewer than 5)"]


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
        rebuild_figures(personas.district)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    five_at(personas, personas.school_a)
    few = count()
    for month in (SEPTEMBER, OCTOBER, dt.date(2026, 11, 2)):
        for person in colleagues(personas.district, personas.school_a, 15):
            reflect(person, month)
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


def test_a_date_range_must_have_both_ends_in_order(personas):
    client = client_for(personas.counselor_a)
    page = client.get(reverse("dashboards:mine"), {"start": "2026-10-01", "end": "2026-09-01"})
    assert "The end of the range is before its start." in page.content.decode()
    page = client.get(reverse("dashboards:mine"), {"start": "2026-10-01"})
    assert "Give both dates of the range, or neither." in page.content.decode()


def test_stored_and_live_figures_agree_for_the_same_school_year(personas):
    from django.core.management import call_command

    from dashboards.report import Period, group_report

    people = five_at(personas, personas.school_a)
    reflect(people[0], OCTOBER, [(10, 10), (40, 40), (10, 10), (10, 10), (10, 10), (10, 10), (5, 5), (5, 5)])
    five_at(personas, personas.school_b, OCTOBER)
    call_command("rebuild_figures", stdout=io.StringIO())
    year = Period.school_year_of(2026)
    stored = group_report(personas.district, "District", year)
    live = group_report(personas.district, "District", Period(year.start, year.end, 2026, custom=True))
    assert stored == live
    assert stored.people == 10 and len(stored.trend) == 2


def test_large_groups_computed_in_sql_give_the_same_figures_as_small_ones(personas, monkeypatch):
    from dashboards import queries
    from dashboards.report import Period, group_report

    people = five_at(personas, personas.school_a)
    reflect(people[0], OCTOBER, [(10, 10), (40, 40), (10, 10), (10, 10), (10, 10), (10, 10), (5, None), (5, None)])
    reflect(people[1], OCTOBER, [(None, 50), (None, 50)], barrier_kinds=("space", "staffing"))
    period = Period.school_year_of(2026)
    small = group_report(personas.district, "Adams", period, school_ids=[personas.school_a.pk])
    monkeypatch.setattr(queries, "SMALL_GROUP", 0)
    large = group_report(personas.district, "Adams", period, school_ids=[personas.school_a.pk])
    assert small == large
    assert small.people == 5
