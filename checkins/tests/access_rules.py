"""The check-ins' URLs in the access matrix (tests/test_access_matrix.py)."""

from __future__ import annotations

from conftest import Personas
from tests.access import ADMIN, LEADER, PUBLIC, STAFF, Rule

RULES: dict[str, Rule] = {}

# --- series ---


def series_with_admin(p: Personas) -> dict:
    """A series of school A organized by the principal; counselor A and the admin take part."""
    from checkins.tests.factories import make_series

    return {"pk": make_series(p, participants=[p.principal, p.counselor_a, p.admin]).pk}


def series_occurrence(p: Personas) -> dict:
    """The first meeting (by the rule) of such a series."""
    from checkins.services.series import upcoming
    from checkins.tests.factories import make_series
    from checkins.views.series import when_param

    made = make_series(p, participants=[p.principal, p.counselor_a, p.admin])
    return {"pk": made.pk, "when": when_param(upcoming(made, 1)[0].recurrence_id)}


def calendar_feed(p: Personas) -> dict:
    from checkins.services.series import feed_for

    return {"token": feed_for(p.counselor_a).token}


def attendance_link(p: Personas) -> dict:
    from checkins.services.attendance_links import answer_token
    from checkins.tests.factories import make_series

    return {"token": answer_token(make_series(p).participants.get(staff=p.counselor_a))}


RULES |= {
    "checkins:series_list": Rule(STAFF),
    "checkins:series_new": Rule(LEADER),
    "checkins:series_detail": Rule(STAFF, kwargs=series_with_admin, tenant_object=True),
    "checkins:series_edit": Rule(LEADER, kwargs=series_with_admin, tenant_object=True),
    "checkins:series_send": Rule(LEADER, kwargs=series_with_admin, tenant_object=True),
    "checkins:series_cancel": Rule(LEADER, kwargs=series_with_admin, tenant_object=True),
    "checkins:series_response": Rule(STAFF, kwargs=series_with_admin, tenant_object=True, post_only=True),
    "checkins:occurrence_move": Rule(LEADER, kwargs=series_occurrence, tenant_object=True),
    "checkins:occurrence_cancel": Rule(LEADER, kwargs=series_occurrence, tenant_object=True),
    "checkins:occurrence_open": Rule(STAFF, kwargs=series_occurrence, tenant_object=True, post_only=True),
    "checkins:calendar_subscription": Rule(STAFF),
    "checkins:calendar_rotate": Rule(STAFF, post_only=True),
    "checkins:calendar_feed": Rule(PUBLIC, kwargs=calendar_feed),
    "checkins:attendance_answer": Rule(PUBLIC, kwargs=attendance_link),
    "checkins:invitation_settings": Rule(ADMIN),
}

# --- polls ---


def poll(p: Personas) -> dict:
    """An open poll at school A organized by the principal: the principal and the admin follow it."""
    from checkins.tests.poll_factories import make_poll

    return {"pk": make_poll(p).pk}


def poll_option(p: Personas) -> dict:
    from checkins.tests.poll_factories import make_poll

    made = make_poll(p)
    return {"pk": made.pk, "option_pk": made.options.all()[0].pk}


def poll_invitee(p: Personas) -> dict:
    from checkins.tests.poll_factories import make_poll

    made = make_poll(p)
    return {"pk": made.pk, "invitee_pk": made.invitees.get(staff=p.counselor_a).pk}


def vote_link(p: Personas) -> dict:
    from checkins.tests.poll_factories import make_poll

    return {"token": make_poll(p).invitees.get(staff=p.counselor_a).token}


RULES |= {
    "checkins:poll_list": Rule(LEADER),
    "checkins:poll_new": Rule(LEADER),
    "checkins:poll_detail": Rule(LEADER, kwargs=poll, tenant_object=True),
    "checkins:poll_remind": Rule(LEADER, kwargs=poll, tenant_object=True, post_only=True),
    "checkins:poll_resend": Rule(LEADER, kwargs=poll_invitee, tenant_object=True, post_only=True),
    "checkins:poll_pick": Rule(LEADER, kwargs=poll_option, tenant_object=True),
    "checkins:poll_edit": Rule(LEADER, kwargs=poll, tenant_object=True),
    "checkins:poll_close": Rule(LEADER, kwargs=poll, tenant_object=True),
    "checkins:poll_vote": Rule(PUBLIC, kwargs=vote_link),
}

# --- meetings ---


def make_meeting(p: Personas, series=None, **options):
    from checkins.tests.meeting_factories import make_meeting as make

    return make(p, series, **options)


def meeting(p: Personas) -> dict:
    return {"pk": make_meeting(p).pk}


def running_meeting(p: Personas) -> dict:
    return {"pk": make_meeting(p, status="in_progress").pk}


def meeting_item(p: Personas) -> dict:
    """An open item of counselor A, reviewed in a running meeting they attend."""
    from actions.services import create_item

    made = make_meeting(p, status="in_progress")
    item = create_item(p.district, description="Book a room", by=p.counselor_a, owner=p.counselor_a, notify=False)
    return {"pk": made.pk, "item_pk": item.pk}


def series(p: Personas) -> dict:
    from checkins.tests.factories import make_series

    return {"pk": make_series(p).pk}


RULES |= {
    "checkins:meeting_detail": Rule(STAFF, kwargs=meeting, tenant_object=True),
    "checkins:meeting_start": Rule(LEADER, kwargs=meeting, tenant_object=True, post_only=True),
    "checkins:meeting_close": Rule(LEADER, kwargs=running_meeting, tenant_object=True),
    "checkins:meeting_section": Rule(LEADER, kwargs=running_meeting, tenant_object=True, post_only=True),
    "checkins:meeting_item_status": Rule(STAFF, kwargs=meeting_item, tenant_object=True, post_only=True),
    "checkins:meeting_barrier_new": Rule(LEADER, kwargs=running_meeting, tenant_object=True, post_only=True),
    "checkins:meeting_item_new": Rule(LEADER, kwargs=running_meeting, tenant_object=True, post_only=True),
    "checkins:meeting_attendance": Rule(LEADER, kwargs=running_meeting, tenant_object=True, post_only=True),
    "checkins:meeting_minutes": Rule(STAFF, kwargs=meeting, tenant_object=True),
    "checkins:series_meetings": Rule(STAFF, kwargs=series, tenant_object=True),
    "checkins:district_agenda": Rule(ADMIN),
    "checkins:series_agenda": Rule(LEADER, kwargs=series, tenant_object=True),
    "checkins:series_agenda_customise": Rule(LEADER, kwargs=series, tenant_object=True, post_only=True),
    "checkins:series_agenda_reset": Rule(LEADER, kwargs=series, tenant_object=True),
}
