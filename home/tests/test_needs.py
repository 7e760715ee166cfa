"""What needs me now, per persona: what each home lists, what it does not (nothing of another district,
nothing a person may not see), bounded lists with "See all", and empty states that say what to do."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from actions.models import Origin, Status
from actions.services import create_item, local_today
from checkins.services.polls import vote_url
from checkins.tests.factories import make_series, second_tuesday_ahead
from checkins.tests.poll_factories import make_poll
from conftest import client_for
from home.needs import LIMIT
from reflections.models import ReflectionRequest
from reflections.services import create_request
from reflections.tests.makers import make_reflection

pytestmark = pytest.mark.django_db

HOME = reverse("home:home")


def _item(p, owner, days: int, text: str, **extra):
    today = local_today(p.district)
    return create_item(
        p.district,
        description=text,
        by=p.admin,
        owner=owner,
        due_on=today + dt.timedelta(days=days),
        created_on=today - dt.timedelta(days=60),
        status=Status.NOT_STARTED,
        notify=False,
        **extra,
    )


def _ask_school_a_to_reflect(p) -> None:
    """The principal asks school A's staff (counselor A) for a reflection due in 5 days."""
    create_request(
        p.district,
        by=p.principal,
        group=ReflectionRequest.Group.SCHOOL,
        school=p.school_a,
        due_on=local_today(p.district) + dt.timedelta(days=5),
    )


def _groups(response) -> dict:
    return {group.key: group for group in response.context["groups"]}


def test_a_counselors_home_lists_her_check_in_poll_reflection_and_items(personas):
    series = make_series(personas, start_local=second_tuesday_ahead(1))
    poll = make_poll(personas)
    _ask_school_a_to_reflect(personas)
    _item(personas, personas.counselor_a, -3, "Take the social workers off lunch duty")
    _item(personas, personas.counselor_a, 2, "Book the small-group room")
    _item(personas, personas.counselor_a, 30, "Plan next year's screening")
    _item(personas, personas.counselor_b, -3, "Bailey's own overdue item")
    _item(personas, personas.counselor_a, 1, "Train the paras on family outreach", origin=Origin.SHIFT_PLAN)

    response = client_for(personas.counselor_a).get(HOME)
    html = response.content.decode()
    groups = _groups(response)
    assert [e.text for e in groups["checkins"].entries] == [series.title]
    assert "Will you attend?" in html  # she has not answered: buttons
    assert vote_url(poll.invitees.get(staff=personas.counselor_a)) in html
    assert groups["reflections"].count == 1
    assert [e.text for e in groups["items"].entries] == [
        "Take the social workers off lunch duty",
        "Book the small-group room",
    ]
    assert groups["items"].entries[0].urgent and "Overdue since" in groups["items"].entries[0].detail
    assert [e.text for e in groups["steps"].entries] == ["Train the paras on family outreach"]
    assert "Plan next year's screening" not in html and "Bailey's own overdue item" not in html
    assert "Where you work" in html


def test_answering_from_the_home_page_comes_back_home_and_shows_the_answer(personas):
    series = make_series(personas, start_local=second_tuesday_ahead(1))
    client = client_for(personas.counselor_a)
    response = client.post(reverse("checkins:series_response", args=[series.pk]), {"response": "yes", "next": HOME})
    assert response.status_code == 302 and response["Location"] == HOME
    assert "Will attend" in client.get(HOME).content.decode()
    elsewhere = client.post(
        reverse("checkins:series_response", args=[series.pk]), {"response": "no", "next": "https://evil.example/"}
    )
    assert elsewhere["Location"] == reverse("checkins:series_detail", args=[series.pk])


def test_every_list_is_bounded_with_a_see_all_link(personas):
    for n in range(LIMIT + 3):
        _item(personas, personas.counselor_a, -n - 1, f"Overdue item {n}")
    response = client_for(personas.counselor_a).get(HOME)
    group = _groups(response)["items"]
    assert group.count == LIMIT + 3 and len(group.entries) == LIMIT
    assert f'href="{reverse("actions:my_items")}"' in response.content.decode()
    assert "Overdue item 7" in response.content.decode()  # the longest overdue first


def test_an_empty_home_says_what_to_do_next(personas):
    html = client_for(personas.counselor_b).get(HOME).content.decode()
    assert "No check-in in the next 60 days" in html
    assert "Nobody is waiting for a reflection from you" in html
    assert f'href="{reverse("reflections:reflection_new")}"' in html


def test_a_principal_sees_shared_reflections_requests_school_items_and_upcoming_check_ins(personas):
    make_reflection(personas.counselor_a, leader=True)
    make_reflection(personas.counselor_b, leader=True)  # another school: not shared with her
    make_reflection(personas.counselor_a, admins=True, support="admins only")
    _ask_school_a_to_reflect(personas)
    _item(personas, personas.counselor_a, -2, "Adams overdue item", school=personas.school_a)
    _item(personas, personas.counselor_b, -2, "Brook overdue item", school=personas.school_b)
    series = make_series(personas, start_local=second_tuesday_ahead(1))

    response = client_for(personas.principal).get(HOME)
    groups = _groups(response)
    assert [e.text for e in groups["shared"].entries] == [f"{personas.counselor_a.name} (Adams Elementary)"]
    assert groups["requests"].entries[0].detail == "0 of 1 responded"
    assert [e.text for e in groups["school_items"].entries] == ["Adams overdue item"]
    assert [e.text for e in groups["upcoming"].entries] == [series.title]
    assert "Brook overdue item" not in response.content.decode()


def test_a_district_admin_sees_the_district_pulse(personas):
    make_poll(personas)
    _item(personas, personas.counselor_b, -2, "Brook overdue 1", school=personas.school_b)
    _item(personas, personas.counselor_b, -4, "Brook overdue 2", school=personas.school_b)
    _item(personas, personas.counselor_a, -2, "Adams overdue", school=personas.school_a)
    response = client_for(personas.admin).get(HOME)
    groups = _groups(response)
    assert [(e.text, e.detail) for e in groups["overdue_schools"].entries] == [
        ("Brook Middle", "2 overdue"),
        ("Adams Elementary", "1 overdue"),
    ]
    assert groups["overdue_schools"].entries[0].url.endswith(f"?school={personas.school_b.pk}&overdue=on")
    assert {e.text for e in groups["quiet_schools"].entries} == {"Adams Elementary", "Brook Middle"}
    assert "0% answered (0 of 3)" in groups["polls_open"].entries[0].detail
    html = response.content.decode()
    # The personas' district is set up: the checklist folds into a link.
    assert "Set-up checklist" in html and 'class="checklist"' not in html


def test_another_districts_admin_sees_nothing_of_lincoln(personas):
    make_poll(personas)
    make_reflection(personas.counselor_a, admins=True)
    _item(personas, personas.counselor_b, -2, "Brook overdue 1", school=personas.school_b)
    html = client_for(personas.other_admin).get(HOME).content.decode()
    for name in ("Brook Middle", "Adams Elementary", personas.counselor_a.name, "Brook overdue 1"):
        assert name not in html
