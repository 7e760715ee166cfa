"""Who read what: reads of a reflection by anyone but its author are recorded, on every page that shows
it, and its author sees the list. A reader can neither name someone else nor read without a trace."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from checkins.tests.factories import make_series
from checkins.tests.meeting_factories import make_meeting
from conftest import client_for
from reflections.models import ReflectionRead
from reflections.reads import prune_reads
from reflections.tests.makers import make_reflection
from reflections.tests.test_leader_estimate import record

pytestmark = pytest.mark.django_db


def detail(reflection) -> str:
    return reverse("reflections:detail", args=[reflection.pk])


def logged(reflection) -> list[tuple[str, str]]:
    return [(r.reader_name, r.surface) for r in ReflectionRead.objects.filter(reflection=reflection).order_by("pk")]


def test_a_leader_reading_a_shared_reflection_is_recorded_and_its_author_sees_it(personas):
    reflection = make_reflection(personas.counselor_a, leader=True)

    client_for(personas.principal).get(detail(reflection))
    client_for(personas.principal).get(detail(reflection))

    assert logged(reflection) == [("Pat Principal", "page"), ("Pat Principal", "page")]
    read = ReflectionRead.objects.first()
    assert read.reader == personas.principal and read.district == personas.district
    page = client_for(personas.counselor_a).get(detail(reflection)).content.decode()
    table = page.split('id="reads"')[1].split("</table>")[0]
    assert "Pat Principal" in table and "The reflection&#x27;s page" in table and '<td class="num">2</td>' in table


def test_the_author_reading_their_own_is_not_recorded_and_they_are_told_nobody_read_it(personas):
    reflection = make_reflection(personas.counselor_a, leader=True)

    page = client_for(personas.counselor_a).get(detail(reflection)).content.decode()

    assert logged(reflection) == []
    assert 'id="no-reads"' in page


def test_only_the_author_sees_the_list(personas):
    reflection = make_reflection(personas.counselor_a, leader=True, admins=True)
    client_for(personas.admin).get(detail(reflection))

    page = client_for(personas.principal).get(detail(reflection)).content.decode()

    assert "Who has read it" not in page and "Dana Director" not in page


def test_printing_comparing_and_the_meeting_page_are_reads_too(personas):
    series = make_series(personas, participants=[personas.principal, personas.counselor_a, personas.counselor_b])
    meeting = make_meeting(personas, series)
    reflection = make_reflection(personas.counselor_a, leader=True, checkin=True, meeting=meeting)
    record(personas)

    client_for(personas.principal).get(reverse("dashboards:reflection_form_print", args=[reflection.pk]))
    client_for(personas.principal).get(reverse("reflections:comparison", args=[personas.counselor_a.pk]))
    client_for(personas.counselor_b).get(reverse("checkins:meeting_detail", kwargs={"pk": meeting.pk}))
    client_for(personas.counselor_a).get(reverse("checkins:meeting_detail", kwargs={"pk": meeting.pk}))

    assert logged(reflection) == [
        ("Pat Principal", "print"),
        ("Pat Principal", "comparison"),
        ("Bailey Counselor", "checkin"),
    ]


def test_a_reader_cannot_forge_the_record_nor_read_without_a_trace(personas):
    reflection = make_reflection(personas.counselor_a, leader=True)
    principal = client_for(personas.principal)

    # Parameters, a HEAD request, an htmx request, a POST: each read is recorded as the logged-in reader.
    principal.get(detail(reflection), {"reader": personas.counselor_b.pk, "surface": "print", "reader_name": "X"})
    principal.head(detail(reflection))
    principal.get(detail(reflection), headers={"HX-Request": "true"})
    principal.post(detail(reflection), {"reader": personas.counselor_b.pk})

    assert {read.reader_id for read in ReflectionRead.objects.all()} == {personas.principal.pk}
    assert {read.reader_name for read in ReflectionRead.objects.all()} == {"Pat Principal"}
    assert ReflectionRead.objects.count() == 4


def test_no_page_edits_or_removes_a_read(personas):
    """Every URL of the app, asked by the reader with every method, leaves the record as it was."""
    reflection = make_reflection(personas.counselor_a, leader=True)
    principal = client_for(personas.principal)
    principal.get(detail(reflection))
    before = list(ReflectionRead.objects.values_list("pk", "reader_id", "reader_name", "surface", "read_at"))
    for url in (
        reverse("reflections:reflection_share", args=[reflection.pk]),
        reverse("reflections:reflection_edit", args=[reflection.pk]),
    ):
        principal.post(url, {"leader": "", "admins": "", "checkin": ""})
    assert list(ReflectionRead.objects.values_list("pk", "reader_id", "reader_name", "surface", "read_at")) == before


def test_another_district_cannot_read_it_and_leaves_no_record(personas):
    reflection = make_reflection(personas.counselor_a, leader=True, admins=True)

    assert client_for(personas.other_admin).get(detail(reflection)).status_code == 404
    assert logged(reflection) == []


def test_a_reader_who_leaves_stays_in_the_list_under_the_name_they_had(personas):
    reflection = make_reflection(personas.counselor_a, leader=True)
    client_for(personas.principal).get(detail(reflection))
    personas.principal.delete()

    page = client_for(personas.counselor_a).get(detail(reflection)).content.decode()

    assert "Pat Principal" in page.split('id="reads"')[1]


def test_reads_older_than_the_kept_time_are_removed_by_the_hourly_job(personas, settings):
    settings.READ_LOG_DAYS = 30
    reflection = make_reflection(personas.counselor_a, leader=True)
    with time_machine.travel(dt.datetime(2026, 1, 1, tzinfo=dt.UTC)):
        client_for(personas.principal).get(detail(reflection))
    with time_machine.travel(dt.datetime(2026, 1, 25, tzinfo=dt.UTC)):
        client_for(personas.principal).get(detail(reflection))

    with time_machine.travel(dt.datetime(2026, 2, 5, tzinfo=dt.UTC)):
        prune_reads()

    assert [r.read_at.date() for r in ReflectionRead.objects.all()] == [dt.date(2026, 1, 25)]
