"""Requests to reflect: recipients by group, emails with links, who responded, one reminder."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from checkins.models import Participant, Series
from conftest import client_for
from reflections import services
from reflections.models import Reflection, ReflectionRequest, RequestRecipient
from reflections.tests.makers import make_reflection
from tests import factories
from tests.smtp import text_of

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 12, 10)
NOW = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def ask_school_a(p, **extra) -> ReflectionRequest:
    return services.create_request(
        p.district, by=p.principal, group=ReflectionRequest.Group.SCHOOL, school=p.school_a, due_on=DUE, **extra
    )


def make_series(p) -> Series:
    series = Series.objects.create(
        district=p.district,
        school=p.school_a,
        title="Adams mental health check-in",
        organizer=p.principal,
        start_local=dt.datetime(2026, 12, 8, 15, 30, tzinfo=dt.UTC),
        rrule="FREQ=MONTHLY;BYDAY=2TU",
        uid=f"{uuid.uuid4()}@test",
    )
    for person in (p.principal, p.counselor_a):
        Participant.objects.create(district=p.district, series=series, staff=person)
    return series


def test_a_school_request_goes_to_its_staff_who_can_log_in_but_not_the_asker(personas):
    made = ask_school_a(personas)
    assert {r.staff for r in made.recipients.all()} == {personas.counselor_a}


def test_a_role_request_goes_to_everyone_in_the_role(personas):
    made = services.create_request(
        personas.district,
        by=personas.admin,
        group=ReflectionRequest.Group.ROLE,
        role=personas.counselor_a.role,
        due_on=DUE,
    )
    assert {r.staff for r in made.recipients.all()} == {personas.counselor_a, personas.counselor_b}


def test_a_series_request_goes_to_its_participants_and_is_linked_to_the_next_meeting(personas):
    series = make_series(personas)
    made = services.create_request(
        personas.district, by=personas.principal, group=ReflectionRequest.Group.SERIES, series=series, due_on=DUE
    )
    assert {r.staff for r in made.recipients.all()} == {personas.counselor_a}
    assert made.meeting is not None
    assert made.meeting.series == series
    assert made.meeting.starts_at.date() == dt.date(2026, 12, 8)


def test_a_reflection_for_a_series_request_can_be_shared_with_the_check_in(personas):
    series = make_series(personas)
    counselor_b_joins = Participant.objects.create(
        district=personas.district, series=series, staff=personas.counselor_b
    )
    made = services.create_request(
        personas.district, by=personas.principal, group=ReflectionRequest.Group.SERIES, series=series, due_on=DUE
    )
    reflection = make_reflection(personas.counselor_a, request=made, checkin=True)
    assert reflection.meeting == made.meeting
    url = reverse("reflections:detail", args=[reflection.pk])
    assert client_for(personas.counselor_b).get(url).status_code == 200  # a fellow participant
    counselor_b_joins.delete()
    assert client_for(personas.counselor_b).get(url).status_code == 404
    assert client_for(personas.admin).get(url).status_code == 404


def test_each_recipient_gets_an_email_with_a_link_to_a_new_reflection(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = ask_school_a(personas, message="Before our December check-in, please.")
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["casey@lincoln.example.org"]
    assert "Pat Principal asks you to fill in a short reflection by Thu, Dec 10, 2026" in email.body
    assert "Before our December check-in, please." in email.body
    assert f"{settings.SITE_URL}{reverse('reflections:reflection_new')}?request={made.pk}" in email.body


def test_the_request_email_reaches_a_real_mail_server(personas, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = ask_school_a(personas)
    assert [envelope[1] for envelope in smtp_server.envelopes] == [["casey@lincoln.example.org"]]
    message = smtp_server.messages[0]
    assert message["Subject"] == "Please fill in a short reflection by Dec 10"
    assert f"?request={made.pk}" in text_of(message)


def test_a_request_for_a_group_with_nobody_in_it_is_refused_with_a_clear_message(personas):
    empty = factories.make_school(personas.district, "Cedar High")
    response = client_for(personas.admin).post(
        reverse("reflections:request_new"), {"group": "school", "school": empty.pk, "due_on": "2026-12-10"}
    )
    assert response.status_code == 200
    assert "Nobody in this group can be asked" in response.content.decode()
    assert not ReflectionRequest.objects.exists()


def test_a_principal_asks_only_their_own_schools(personas):
    response = client_for(personas.principal).post(
        reverse("reflections:request_new"), {"group": "school", "school": personas.school_b.pk, "due_on": "2026-12-10"}
    )
    assert response.status_code == 200
    assert not ReflectionRequest.objects.exists()
    page = client_for(personas.principal).get(reverse("reflections:request_new")).content.decode()
    assert "Brook Middle" not in page
    assert "Everyone in a role" not in page


def test_a_due_date_in_the_past_is_refused(personas):
    response = client_for(personas.principal).post(
        reverse("reflections:request_new"), {"group": "school", "school": personas.school_a.pk, "due_on": "2026-11-01"}
    )
    assert "Choose today or a later date." in response.content.decode()


def test_the_request_form_creates_the_request_and_goes_to_its_page(personas):
    response = client_for(personas.principal).post(
        reverse("reflections:request_new"),
        {"group": "school", "school": personas.school_a.pk, "due_on": "2026-12-10", "message": "Thanks!"},
    )
    made = ReflectionRequest.objects.get()
    assert response["Location"] == reverse("reflections:request_detail", args=[made.pk])


def test_the_link_opens_a_reflection_for_the_request_and_submitting_marks_the_response(personas):
    made = ask_school_a(personas)
    client = client_for(personas.counselor_a)
    link = f"{reverse('reflections:reflection_new')}?request={made.pk}"
    page = client.get(link)
    assert page.status_code == 200
    assert "Asked by Pat Principal" in page.content.decode()
    response = client.post(link, {"time_unit": "percent", "other_rows": "1", "submit": "1", "support_needed": "Time"})
    reflection = Reflection.objects.get(author=personas.counselor_a)
    assert response["Location"] == reverse("reflections:detail", args=[reflection.pk])
    assert reflection.request == made
    assert RequestRecipient.objects.get(request=made).reflection == reflection
    assert client.get(link)["Location"] == reverse("reflections:detail", args=[reflection.pk])


def test_the_link_is_404_for_someone_the_request_was_not_sent_to(personas):
    made = ask_school_a(personas)
    link = f"{reverse('reflections:reflection_new')}?request={made.pk}"
    assert client_for(personas.counselor_b).get(link).status_code == 404


def test_the_request_page_shows_who_responded_but_not_what_they_wrote(personas):
    made = services.create_request(
        personas.district,
        by=personas.admin,
        group=ReflectionRequest.Group.ROLE,
        role=personas.counselor_a.role,
        due_on=DUE,
    )
    make_reflection(personas.counselor_a, request=made, support="Secret words about my principal")
    page = client_for(personas.admin).get(reverse("reflections:request_detail", args=[made.pk])).content.decode()
    assert "Casey Counselor" in page and "Bailey Counselor" in page
    assert "1 of 2" in page
    assert "Secret words" not in page
    casey_row = page.split("Casey Counselor")[1].split("</tr>")[0]
    bailey_row = page.split("Bailey Counselor")[1].split("</tr>")[0]
    assert "Yes" in casey_row and "Not yet" in bailey_row


def test_a_principal_cannot_open_a_request_an_admin_made(personas):
    made = services.create_request(
        personas.district, by=personas.admin, group=ReflectionRequest.Group.SCHOOL, school=personas.school_a, due_on=DUE
    )
    assert client_for(personas.principal).get(reverse("reflections:request_detail", args=[made.pk])).status_code == 404


def test_the_reminder_goes_once_and_only_to_those_who_have_not_responded(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        made = services.create_request(
            personas.district,
            by=personas.admin,
            group=ReflectionRequest.Group.ROLE,
            role=personas.counselor_a.role,
            due_on=DUE,
        )
    make_reflection(personas.counselor_a, request=made)
    mailoutbox.clear()
    client = client_for(personas.admin)
    url = reverse("reflections:request_remind", args=[made.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert [m.to for m in mailoutbox] == [["bailey@lincoln.example.org"]]
    assert "A reminder:" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "already sent" in response.content.decode()
    assert len(mailoutbox) == 1


def test_the_hourly_job_reminds_the_day_before_the_due_date_once(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ask_school_a(personas)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_reminders() == 0  # Dec 1: not yet
    day_before = dt.datetime(2026, 12, 9, 15, 0, tzinfo=dt.UTC)  # 9 am in Chicago
    with time_machine.travel(day_before, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert services.send_due_reminders() == 1
        assert services.send_due_reminders() == 0
    assert [m.to for m in mailoutbox] == [["casey@lincoln.example.org"]]


def test_the_reminder_job_is_registered_with_the_hourly_scheduler():
    from core.scheduler import HOURLY_JOBS

    assert services.send_due_reminders in HOURLY_JOBS


def _request_page_queries(personas, made) -> int:
    client = client_for(personas.admin)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("reflections:request_detail", args=[made.pk])).status_code == 200
    return len(queries)


def test_the_request_page_runs_the_same_number_of_queries_for_few_and_many_recipients(personas):
    few = services.create_request(
        personas.district, by=personas.admin, group=ReflectionRequest.Group.SCHOOL, school=personas.school_a, due_on=DUE
    )
    school = factories.make_school(personas.district, "Cedar High")
    for n in range(12):
        factories.make_staff(personas.district, f"Cedar Staff {n}", schools={school: 1})
    many = services.create_request(
        personas.district, by=personas.admin, group=ReflectionRequest.Group.SCHOOL, school=school, due_on=DUE
    )
    make_reflection(many.recipients.first().staff, request=many)
    assert _request_page_queries(personas, few) == _request_page_queries(personas, many)


def test_the_request_list_runs_the_same_number_of_queries_for_few_and_many_requests(personas):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client_for(personas.admin).get(reverse("reflections:request_list"))
        return len(queries)

    ask_school_a(personas)
    one = count()
    for _ in range(5):
        ask_school_a(personas)
    assert count() == one


def test_the_request_page_links_to_a_response_only_when_it_is_shared_with_the_viewer(personas):
    made = services.create_request(
        personas.district,
        by=personas.admin,
        group=ReflectionRequest.Group.ROLE,
        role=personas.counselor_a.role,
        due_on=DUE,
    )
    shared = make_reflection(personas.counselor_a, request=made, admins=True)
    private = make_reflection(personas.counselor_b, request=made)
    page = client_for(personas.admin).get(reverse("reflections:request_detail", args=[made.pk])).content.decode()
    assert reverse("reflections:detail", args=[shared.pk]) in page
    assert reverse("reflections:detail", args=[private.pk]) not in page
