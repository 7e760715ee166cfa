"""The seed's agenda as the default, and editing it per district and per series."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from checkins.agenda import agenda_for, clock, district_template, running_section, switch_section, used_seconds
from checkins.models import AgendaSection
from checkins.services.agenda import customise_for_series, ensure_district_template
from checkins.tests.factories import make_series
from conftest import client_for

SEED_TITLES = [
    "Review actions from the previous check-in",
    "Discuss barriers preventing staff members from fully utilizing their education and training",
    "Set clear plans for addressing each barrier",
]


def formset_data(sections: list[dict]) -> dict:
    data = {
        "section-TOTAL_FORMS": str(len(sections)),
        "section-INITIAL_FORMS": str(sum(1 for s in sections if "pk" in s)),  # the rows the page showed
        "section-MIN_NUM_FORMS": "0",
        "section-MAX_NUM_FORMS": "20",
    }
    for i, section in enumerate(sections):
        for key, value in section.items():
            data[f"section-{i}-{key}"] = "" if value is None else str(value)
    return data


def rows_of(sections: list[AgendaSection]) -> list[dict]:
    return [
        {
            "pk": s.pk or "",
            "title": s.title,
            "minutes": s.minutes,
            "questions": s.questions,
            "kind": s.kind,
            "ORDER": i + 1,
        }
        for i, s in enumerate(sections)
    ]


def test_the_default_agenda_is_the_seeds(personas):
    sections = district_template(personas.district)
    assert [s.title for s in sections] == SEED_TITLES
    assert [s.minutes for s in sections] == [15, 30, 15]
    assert [s.kind for s in sections] == ["review", "barriers", "plans"]
    assert sections[0].question_list == [
        "What progress has been made on actions identified in previous check-in(s)?",
        "What actions are behind schedule? What can be done to speed up these actions?",
    ]
    assert sections[1].question_list == [
        "What do staff need to better serve our students?",
        "What barriers are preventing staff from fully utilizing their education and training in support of "
        "students; e.g., are staff struggling to secure space to meet with students? Are staff expected to spend "
        "time on tasks that do not fully utilize their education and training?",
    ]
    assert sections[2].question_list == [
        "What can be done to meet staff needs and remove barriers?",
        "Who will be responsible for each of the actions coming out of this check-in?",
        "By what date will these actions be completed?",
    ]


def test_the_template_is_stored_once_per_district_and_reading_it_stores_nothing(personas):
    district_template(personas.district)
    assert not AgendaSection.objects.exists()
    ensure_district_template(personas.district)
    ensure_district_template(personas.district)
    assert AgendaSection.objects.filter(district=personas.district).count() == 3
    assert not AgendaSection.objects.filter(district=personas.other_district).exists()


def test_a_series_follows_the_district_template_until_customised(personas):
    series = make_series(personas)
    assert [s.series_id for s in agenda_for(series)] == [None, None, None]
    customise_for_series(series)
    own = agenda_for(series)
    assert [s.title for s in own] == SEED_TITLES
    assert {s.series_id for s in own} == {series.pk}


def test_an_admin_edits_the_district_template_and_reorders_it(personas):
    sections = district_template(personas.district)
    rows = rows_of(sections)
    rows[0]["minutes"] = 10
    rows[2]["ORDER"] = 0  # plans first
    rows.append({"title": "Celebrate a success", "minutes": 5, "questions": "What went well?\n\n", "kind": "other"})
    rows[3]["ORDER"] = 9
    response = client_for(personas.admin).post(reverse("checkins:district_agenda"), formset_data(rows))
    assert response.status_code == 302
    edited = district_template(personas.district)
    assert [s.title for s in edited] == [SEED_TITLES[2], SEED_TITLES[0], SEED_TITLES[1], "Celebrate a success"]
    assert [s.minutes for s in edited] == [15, 10, 30, 5]
    assert edited[3].question_list == ["What went well?"]


def test_removing_a_section_deletes_it(personas):
    rows = rows_of(district_template(personas.district))
    rows[1]["DELETE"] = "on"
    client_for(personas.admin).post(reverse("checkins:district_agenda"), formset_data(rows))
    assert [s.title for s in district_template(personas.district)] == [SEED_TITLES[0], SEED_TITLES[2]]


def test_bad_minutes_show_an_error_beside_the_field_and_save_nothing(personas):
    rows = rows_of(district_template(personas.district))
    rows[0]["minutes"] = 0
    rows[1]["title"] = ""
    response = client_for(personas.admin).post(reverse("checkins:district_agenda"), formset_data(rows))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_section-0-minutes_error"' in body
    assert 'id="id_section-1-title_error"' in body
    assert [s.minutes for s in district_template(personas.district)] == [15, 30, 15]


def test_an_agenda_keeps_at_least_one_section(personas):
    rows = rows_of(district_template(personas.district))
    for row in rows:
        row["DELETE"] = "on"
    response = client_for(personas.admin).post(reverse("checkins:district_agenda"), formset_data(rows))
    assert "at least one section" in response.content.decode()
    assert len(district_template(personas.district)) == 3


def test_the_organizer_customises_and_edits_the_series_agenda_only(personas):
    series = make_series(personas)
    client = client_for(personas.principal)
    page = client.get(reverse("checkins:series_agenda", kwargs={"pk": series.pk}))
    assert "Customise for this series" in page.content.decode()
    client.post(reverse("checkins:series_agenda_customise", kwargs={"pk": series.pk}))
    rows = rows_of(list(series.agenda_sections.all()))
    rows[1]["minutes"] = 40
    response = client.post(reverse("checkins:series_agenda", kwargs={"pk": series.pk}), formset_data(rows))
    assert response.status_code == 302
    assert [s.minutes for s in agenda_for(series)] == [15, 40, 15]
    assert [s.minutes for s in district_template(personas.district)] == [15, 30, 15]


def test_a_series_agenda_cannot_take_over_the_district_template(personas):
    series = make_series(personas)
    customise_for_series(series)
    rows = rows_of(ensure_district_template(personas.district))
    response = client_for(personas.principal).post(
        reverse("checkins:series_agenda", kwargs={"pk": series.pk}), formset_data(rows)
    )
    assert "another agenda" in response.content.decode()
    assert series.agenda_sections.count() == 3
    assert AgendaSection.objects.filter(series__isnull=True, district=personas.district).count() == 3


def test_resetting_returns_the_series_to_the_district_template(personas):
    series = make_series(personas)
    customise_for_series(series)
    client = client_for(personas.principal)
    url = reverse("checkins:series_agenda_reset", kwargs={"pk": series.pk})
    assert "Follow the district" in client.get(url).content.decode()
    assert series.agenda_sections.count() == 3  # a GET only asks
    client.post(url)
    assert series.agenda_sections.count() == 0


def test_a_participant_who_does_not_run_the_series_cannot_edit_its_agenda(personas):
    series = make_series(personas)
    assert (
        client_for(personas.counselor_a).get(reverse("checkins:series_agenda", kwargs={"pk": series.pk})).status_code
        == 403
    )
    assert (
        client_for(personas.counselor_b).get(reverse("checkins:series_agenda", kwargs={"pk": series.pk})).status_code
        == 404
    )


# --- the timer (pure) ---

T0 = dt.datetime(2026, 11, 28, 15, 0, tzinfo=dt.UTC)


def test_the_timer_adds_the_running_sections_time_when_switching():
    state = switch_section({}, 12, T0)
    assert running_section(state) == 12
    assert used_seconds(state, 12, T0 + dt.timedelta(minutes=2)) == 120
    state = switch_section(state, 13, T0 + dt.timedelta(minutes=10))
    state = switch_section(state, 12, T0 + dt.timedelta(minutes=15))
    state = switch_section(state, None, T0 + dt.timedelta(minutes=16))
    assert running_section(state) is None
    assert used_seconds(state, 12, T0 + dt.timedelta(hours=1)) == 11 * 60
    assert used_seconds(state, 13, T0 + dt.timedelta(hours=1)) == 5 * 60


def test_the_clock_reads_minutes_and_seconds():
    assert clock(0) == "0:00"
    assert clock(750) == "12:30"
    assert clock(3725) == "1:02:05"
