"""Availability poll pages: the new poll form, the vote page behind the personal link, the grid, picking a time."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from checkins.models import Poll, PollAnswer, PollInvitee, Series
from checkins.polls import cadence_presets
from checkins.services import polls
from checkins.tests.poll_factories import local_time, make_poll
from conftest import client_for
from outbox.models import OutboxMessage
from tests import factories

pytestmark = pytest.mark.django_db


def every_school() -> str:
    """The new-poll page listing the whole district's staff (a principal sees their school's first)."""
    return reverse("checkins:poll_new") + "?staff_school="


def new_poll_data(p, *times, **extra):
    """The new-poll form's fields; ``times`` are (date, time) strings for the rows."""
    deadline = local_time(p.district, 7, deadline=True)
    data = {
        "title": "Adams check-in",
        "school": p.school_a.pk,
        "message": "Let us find a time.",
        "invitees": [p.counselor_a.pk, p.counselor_b.pk],
        "duration_minutes": 60,
        "deadline_date": deadline.date().isoformat(),
        "deadline_time": "17:00",
        "times-TOTAL_FORMS": 6,
        "times-INITIAL_FORMS": 0,
        "times-MIN_NUM_FORMS": 0,
        "times-MAX_NUM_FORMS": 20,
    }
    for n, (day, time) in enumerate(times):
        data[f"times-{n}-date"], data[f"times-{n}-time"] = day, time
    data.update(extra)
    return data


def day(p, n: int) -> str:
    return local_time(p.district, n).date().isoformat()


def test_a_principal_creates_a_poll_and_the_invitees_get_their_links(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    data = new_poll_data(personas, (day(personas, 10), "15:30"), (day(personas, 11), "08:00"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(personas.principal).post(every_school(), data)
    poll = Poll.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("checkins:poll_detail", args=[poll.pk])
    assert poll.organizer == personas.principal and poll.school == personas.school_a
    starts = [o.starts_at.astimezone(personas.district.zone).time() for o in poll.options.all()]
    assert starts == [dt.time(15, 30), dt.time(8, 0)]
    assert sorted(m.to[0] for m in mailoutbox) == ["bailey@lincoln.example.org", "casey@lincoln.example.org"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ((), "Propose at least one time."),
        ((("2020-01-07", "15:30"),), "This time has already passed."),
        ((("DAY", "15:30"), ("DAY", "15:30")), "This time is already proposed (time 1)."),
        ((("DAY", ""),), "Give the start time."),
    ],
)
def test_bad_times_are_named_beside_the_rows_and_nothing_is_sent(personas, rows, message):
    rows = tuple((day(personas, 10) if d == "DAY" else d, t) for d, t in rows)
    response = client_for(personas.principal).post(every_school(), new_poll_data(personas, *rows))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Poll.objects.exists() and not OutboxMessage.objects.exists()


def test_a_deadline_after_the_first_time_is_refused_with_a_message(personas):
    data = new_poll_data(personas, (day(personas, 3), "15:30"))
    response = client_for(personas.principal).post(every_school(), data)
    assert "Answers must be due before the first proposed time." in response.content.decode()
    assert not Poll.objects.exists()


def test_an_invitee_without_an_email_address_is_named_beside_the_list(personas):
    personas.counselor_b.email = ""
    personas.counselor_b.save(update_fields=["email"])
    data = new_poll_data(personas, (day(personas, 10), "15:30"))
    response = client_for(personas.principal).post(every_school(), data)
    assert "Bailey Counselor has no email address" in response.content.decode()
    assert not Poll.objects.exists()


def test_a_principal_sees_their_school_staff_first_and_may_list_every_school(personas):
    client = client_for(personas.principal)
    first = client.get(reverse("checkins:poll_new")).content.decode()
    assert "Casey Counselor" in first and "Bailey Counselor" not in first
    every = client.get(reverse("checkins:poll_new"), {"staff_school": ""}).content.decode()
    assert "Casey Counselor" in every and "Bailey Counselor" in every


def test_a_principal_may_only_pick_a_school_they_lead(personas):
    data = new_poll_data(personas, (day(personas, 10), "15:30"), school=personas.school_b.pk)
    response = client_for(personas.principal).post(every_school(), data)
    assert response.status_code == 200 and not Poll.objects.exists()
    assert "Select a valid choice" in response.content.decode()


def test_the_invitee_list_can_be_narrowed_to_one_school(personas):
    response = client_for(personas.admin).get(reverse("checkins:poll_new"), {"staff_school": personas.school_b.pk})
    body = response.content.decode()
    assert "Bailey Counselor" in body and "Casey Counselor" not in body


def test_the_vote_page_needs_no_login_and_hides_the_other_invitees(personas, client):
    poll = make_poll(personas)
    invitee = poll.invitees.get(staff=personas.counselor_a)
    response = client.get(reverse("checkins:poll_vote", args=[invitee.token]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Casey Counselor" in body and "Bailey Counselor" not in body and "Terry Teacher" not in body
    assert body.count("<fieldset") == 3 and body.count("<legend") == 3
    assert "3:30 PM CST" in body and "5:00 PM CST" in body


def test_an_invitee_answers_through_the_link_and_may_change_the_answers(personas, client):
    poll = make_poll(personas)
    invitee = poll.invitees.get(staff=personas.counselor_a)
    url = reverse("checkins:poll_vote", args=[invitee.token])
    options = list(poll.options.all())
    response = client.post(url, {f"option_{o.pk}": "yes" for o in options})
    assert response.status_code == 302
    client.post(url, {f"option_{o.pk}": a for o, a in zip(options, ["no", "maybe", "yes"], strict=True)})
    answers = dict(PollAnswer.objects.filter(invitee=invitee).values_list("option_id", "answer"))
    assert [answers[o.pk] for o in options] == ["no", "maybe", "yes"]
    page = client.get(url).content.decode()
    assert page.count("checked") == 3  # earlier answers are prefilled


def test_a_missing_answer_is_shown_beside_its_time(personas, client):
    poll = make_poll(personas)
    invitee = poll.invitees.get(staff=personas.counselor_a)
    first = poll.options.first()
    response = client.post(reverse("checkins:poll_vote", args=[invitee.token]), {f"option_{first.pk}": "yes"})
    assert response.status_code == 200
    assert response.content.decode().count("Answer yes, if need be, or no for this time.") == 2
    assert not PollAnswer.objects.exists()


def test_an_altered_link_is_not_found(personas, client):
    poll = make_poll(personas)
    token = poll.invitees.first().token
    assert client.get(reverse("checkins:poll_vote", args=[token[:-1] + "x"])).status_code == 404


def test_a_closed_poll_says_so_and_refuses_votes(personas, client):
    poll = make_poll(personas)
    invitee = poll.invitees.get(staff=personas.counselor_a)
    url = reverse("checkins:poll_vote", args=[invitee.token])
    with time_machine.travel(poll.deadline + dt.timedelta(minutes=5)):
        response = client.post(url, {f"option_{o.pk}": "yes" for o in poll.options.all()})
    assert response.status_code == 410 and "This poll is closed" in response.content.decode()
    assert not PollAnswer.objects.exists()
    polls.close_poll(poll, by=personas.principal)
    assert client.get(url).status_code == 410


def test_the_grid_shows_marks_with_words_totals_and_best_times_first(personas):
    poll = make_poll(personas)
    first, second, third = poll.options.all()
    polls.record_answers(
        poll.invitees.get(staff=personas.counselor_a), {first.pk: "no", second.pk: "yes", third.pk: "maybe"}
    )
    body = client_for(personas.principal).get(reverse("checkins:poll_detail", args=[poll.pk])).content.decode()
    assert "✓" in body and "(✓)" in body and "✗" in body and "—" in body
    assert '<span class="visually-hidden">If need be</span>' in body
    assert body.index(reverse("checkins:poll_pick", args=[poll.pk, second.pk])) < body.index(
        reverse("checkins:poll_pick", args=[poll.pk, third.pk])
    )
    assert "Bailey Counselor" in body.split("Not answered yet")[1]


def test_the_grid_needs_the_same_queries_for_3_or_30_invitees(personas):
    small = make_poll(personas, times=3)
    people = [factories.make_staff(personas.district, schools={personas.school_a: 1}) for _ in range(30)]
    large = make_poll(personas, invitees=people, times=10)
    for invitee in PollInvitee.objects.filter(poll__in=[small, large]).select_related("poll"):
        polls.record_answers(invitee, {o.pk: "yes" for o in invitee.poll.options.all()})
    client = client_for(personas.principal)
    counts = []
    for poll in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("checkins:poll_detail", args=[poll.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_poll_list_needs_the_same_queries_for_few_or_many_polls(personas):
    client = client_for(personas.admin)
    make_poll(personas)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("checkins:poll_list"))
    for _ in range(5):
        make_poll(personas)
    with CaptureQueriesContext(connection) as many:
        body = client.get(reverse("checkins:poll_list")).content.decode()
    assert len(few) == len(many)
    assert "0 of 3" in body


def test_a_counselor_b_leader_elsewhere_cannot_follow_the_poll(personas):
    poll = make_poll(personas)
    other_leader = factories.make_staff(
        personas.district, role_key="administrator", access="leader", leads=[personas.school_b]
    )
    assert client_for(other_leader).get(reverse("checkins:poll_detail", args=[poll.pk])).status_code == 403


def test_the_reminder_button_works_once_then_shows_when_it_was_sent(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    poll = make_poll(personas)
    client = client_for(personas.principal)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("checkins:poll_remind", args=[poll.pk]))
        client.post(reverse("checkins:poll_remind", args=[poll.pk]))
    assert len(mailoutbox) == 3
    body = client.get(reverse("checkins:poll_detail", args=[poll.pk])).content.decode()
    assert "disabled" in body and "Reminder sent on" in body


def test_picking_a_time_someone_rejected_warns_and_names_them(personas):
    poll = make_poll(personas)
    option = poll.options.first()
    invitee = poll.invitees.get(staff=personas.counselor_b)
    polls.record_answers(invitee, {o.pk: "no" for o in poll.options.all()})
    body = client_for(personas.principal).get(reverse("checkins:poll_pick", args=[poll.pk, option.pk])).content
    assert "Not everyone can come at this time" in body.decode() and "Bailey Counselor" in body.decode()


def test_picking_a_time_nobody_rejected_shows_no_warning(personas):
    poll = make_poll(personas)
    body = client_for(personas.principal).get(reverse("checkins:poll_pick", args=[poll.pk, poll.options.first().pk]))
    assert "Not everyone can come" not in body.content.decode()


def test_picking_creates_the_series_sends_invitations_and_closes_the_poll(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    poll = make_poll(personas)
    option = poll.options.all()[1]
    quarterly = cadence_presets(option.starts_at.astimezone(personas.district.zone).date())[1][0]
    data = {"title": "Adams monthly check-in", "rrule": quarterly, "location": "Room 12"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(personas.principal).post(reverse("checkins:poll_pick", args=[poll.pk, option.pk]), data)
    poll.refresh_from_db()
    series = poll.series
    assert response.status_code == 302 and response["Location"] == reverse("checkins:series_detail", args=[series.pk])
    assert poll.status == Poll.Status.CLOSED and poll.chosen_option == option
    assert series.title == "Adams monthly check-in" and series.location == "Room 12" and "INTERVAL=3" in series.rrule
    assert set(series.participants.values_list("staff__email", flat=True)) == {
        "casey@lincoln.example.org",
        "bailey@lincoln.example.org",
        "terry@lincoln.example.org",
    }
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        ["casey@lincoln.example.org", "bailey@lincoln.example.org", "terry@lincoln.example.org"]
    )
    again = client_for(personas.principal).post(reverse("checkins:poll_pick", args=[poll.pk, option.pk]), data)
    assert again.status_code == 302 and Poll.objects.filter(series__isnull=False).count() == 1


def test_closing_without_picking_asks_first(personas):
    poll = make_poll(personas)
    client = client_for(personas.principal)
    assert "Close the poll" in client.get(reverse("checkins:poll_close", args=[poll.pk])).content.decode()
    poll.refresh_from_db()
    assert poll.status == Poll.Status.OPEN
    client.post(reverse("checkins:poll_close", args=[poll.pk]))
    poll.refresh_from_db()
    assert poll.status == Poll.Status.CLOSED


def test_picking_a_time_that_has_passed_says_so_and_creates_nothing(personas):
    poll = make_poll(personas)
    option = poll.options.first()
    data = {"title": "Adams check-in", "rrule": cadence_presets(local_time(personas.district, 10).date())[0][0]}
    with time_machine.travel(option.starts_at + dt.timedelta(hours=1)):
        response = client_for(personas.principal).post(reverse("checkins:poll_pick", args=[poll.pk, option.pk]), data)
    assert response.status_code == 200
    assert "The first meeting must be in the future." in response.content.decode()
    poll.refresh_from_db()
    assert poll.series is None and poll.chosen_option is None and not Series.objects.exists()


def edit_data(poll, **changes) -> dict:
    deadline = poll.deadline.astimezone(poll.district.zone)
    data = {
        "title": poll.title,
        "message": poll.message,
        "duration_minutes": poll.duration_minutes,
        "deadline_date": deadline.date().isoformat(),
        "deadline_time": deadline.strftime("%H:%M"),
    }
    return data | changes


def test_the_organizer_gives_more_time_and_a_second_edit_from_the_same_page_is_refused(personas):
    poll = make_poll(personas)
    client, url = client_for(personas.principal), reverse("checkins:poll_edit", args=[poll.pk])
    seen = client.get(url).context["form"]["seen"].value()
    later = (poll.deadline.astimezone(poll.district.zone) + dt.timedelta(days=1)).date().isoformat()
    assert client.post(url, edit_data(poll, deadline_date=later, seen=seen)).status_code == 302
    refused = client.post(url, edit_data(poll, title="Adams check-in, spring", seen=seen))
    page = refused.content.decode()
    assert refused.status_code == 200 and "Someone else changed this poll while you were editing it" in page
    assert "Answers due by</strong>:" in page
    poll.refresh_from_db()
    assert poll.title == "Adams mental health check-in"
    assert poll.deadline.astimezone(poll.district.zone).date().isoformat() == later  # the first edit stays
    again = client.post(url, refused.context["form"].data)
    assert again.status_code == 302
    poll.refresh_from_db()
    assert poll.title == "Adams check-in, spring"


def test_a_deadline_after_the_first_time_is_refused_beside_the_field(personas):
    poll = make_poll(personas)
    late = (poll.options.first().starts_at.astimezone(poll.district.zone) + dt.timedelta(days=1)).date().isoformat()
    client = client_for(personas.principal)
    url = reverse("checkins:poll_edit", args=[poll.pk])
    seen = client.get(url).context["form"]["seen"].value()
    response = client.post(url, edit_data(poll, deadline_date=late, seen=seen))
    assert response.context["form"].errors["deadline_date"] == ["Answers must be due before the first proposed time."]
