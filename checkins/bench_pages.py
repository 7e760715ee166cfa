"""The check-ins' pages in the benchmark. Each part of the app adds its pages in its own section."""

from bench.pages import PAGES, Page
from people.demo import COUNSELOR, DIRECTOR, PRINCIPAL

# --- series ---


def counselor_series(district) -> dict:
    """The personas' monthly series at the principal's school."""
    from checkins.models import Series

    found = Series.objects.filter(district=district, participants__staff__email=COUNSELOR, school__isnull=False)
    return {"pk": found.order_by("pk").values_list("pk", flat=True).first()}


def counselor_feed(district) -> dict:
    from checkins.services.series import feed_for
    from people.models import StaffMember

    return {"token": feed_for(StaffMember.objects.get(district=district, email=COUNSELOR)).token}


PAGES.extend(
    [
        Page("checkins:series_list", None, DIRECTOR, label="checkins:series_list (district admin)"),
        Page("checkins:series_list", None, DIRECTOR, "q=elementary", label="checkins:series_list (search)"),
        Page("checkins:series_list", None, PRINCIPAL, label="checkins:series_list (school leader)"),
        Page("checkins:series_list", None, COUNSELOR, label="checkins:series_list (participant)"),
        Page("checkins:series_new", None, DIRECTOR, label="checkins:series_new (district admin)"),
        Page("checkins:series_new", None, PRINCIPAL, label="checkins:series_new (school leader)"),
        Page("checkins:series_detail", counselor_series, COUNSELOR),
        Page("checkins:series_edit", counselor_series, PRINCIPAL),
        Page("checkins:calendar_subscription", None, COUNSELOR),
        Page("checkins:calendar_feed", counselor_feed, None),
        Page("checkins:invitation_settings", None, DIRECTOR),
    ]
)

# --- polls ---


def demo_poll(district) -> dict:
    """The demo's open poll: 30 invitees × 10 times (checkins/demo.py)."""
    from checkins.models import Poll

    return {"pk": Poll.objects.filter(district=district).order_by("pk").values_list("pk", flat=True).first()}


def demo_poll_option(district) -> dict:
    from checkins.models import PollOption

    option = PollOption.objects.filter(district=district).order_by("poll_id", "starts_at").first()
    return {"pk": option.poll_id, "option_pk": option.pk} if option else {}


def demo_vote_link(district) -> dict:
    from checkins.models import PollInvitee

    return {"token": PollInvitee.objects.filter(district=district).order_by("pk").values_list("token", flat=True)[0]}


PAGES.extend(
    [
        Page("checkins:poll_list", None, PRINCIPAL),
        Page("checkins:poll_list", None, DIRECTOR, "status=open", label="checkins:poll_list (district admin)"),
        Page("checkins:poll_new", None, PRINCIPAL),
        Page("checkins:poll_detail", demo_poll, PRINCIPAL, label="checkins:poll_detail (30 invitees x 10 times)"),
        Page("checkins:poll_pick", demo_poll_option, PRINCIPAL),
        Page("checkins:poll_close", demo_poll, PRINCIPAL),
        Page("checkins:poll_vote", demo_vote_link, None),
    ]
)

# --- meetings ---


def demo_closed_meeting(district) -> dict:
    """The latest closed meeting of the personas' series at the principal's school (from the demo)."""
    from checkins.models import Meeting

    found = Meeting.objects.filter(district=district, series__organizer__email=PRINCIPAL, status="closed")
    return {"pk": found.order_by("-starts_at").values_list("pk", flat=True).first()}


def demo_school_series(district) -> dict:
    from checkins.models import Series

    found = Series.objects.filter(district=district, organizer__email=PRINCIPAL, school__isnull=False)
    return {"pk": found.order_by("pk").values_list("pk", flat=True).first()}


FIVE_YEARS = "Five years of monthly check-ins (benchmark)"


def five_years_of_meetings(district) -> dict:
    """Today's meeting of a series with five years of closed monthly meetings and their items (made once).

    Each past meeting left two action items; those of the last two years are still open, so
    the page reviews about fifty items on top of its participants' own.
    """
    import datetime as dt

    from django.utils import timezone

    from actions.models import Origin, Status
    from actions.services import create_items_in_bulk, new_item
    from checkins.models import Meeting, Participant, Series
    from people.models import Leadership, StaffMember

    series = Series.objects.filter(district=district, title=FIVE_YEARS).first()
    if series is None:
        principal = StaffMember.objects.get(district=district, email=PRINCIPAL)
        school = Leadership.objects.filter(staff=principal).values_list("school_id", flat=True).get()
        people = [
            principal,
            *StaffMember.objects.filter(
                district=district, assignments__school_id=school, role__is_mental_health=True
            ).distinct()[:6],
        ]
        now = timezone.now().replace(second=0, microsecond=0)
        series = Series.objects.create(
            district=district,
            school_id=school,
            title=FIVE_YEARS,
            organizer=principal,
            rrule="FREQ=MONTHLY",
            start_local=(now - dt.timedelta(days=5 * 365)).replace(tzinfo=None),
            uid=f"bench-{district.pk}@five-years",
        )
        Participant.objects.bulk_create(Participant(district=district, series=series, staff=p) for p in people)
        starts = [now - dt.timedelta(days=30 * n) for n in range(60, -1, -1)]
        meetings = Meeting.objects.bulk_create(
            Meeting(
                district=district,
                series=series,
                recurrence_id=s,
                starts_at=s,
                ends_at=s + dt.timedelta(hours=1),
                status="closed" if s < now else "scheduled",
                started_at=s if s < now else None,
                closed_at=s + dt.timedelta(hours=1) if s < now else None,
            )
            for s in starts
        )
        recent = now - dt.timedelta(days=730)
        items = [
            new_item(
                district,
                description=f"Bench plan {n} of meeting {m.pk}",
                by=principal,
                owner=people[n % len(people)],
                status=Status.NOT_STARTED if m.starts_at > recent else Status.COMPLETED,
                created_on=m.starts_at.date(),
                origin=Origin.CHECKIN,
                origin_ref=m.pk,
            )
            for m in meetings[:-1]
            for n in range(2)
        ]
        create_items_in_bulk(district, items, by=principal)
    latest = series.meetings.order_by("-starts_at").values_list("pk", flat=True).first()
    return {"pk": latest}


PAGES.extend(
    [
        Page("checkins:meeting_detail", demo_closed_meeting, PRINCIPAL, label="checkins:meeting_detail (closed)"),
        Page("checkins:meeting_detail", five_years_of_meetings, PRINCIPAL, label="checkins:meeting_detail (5 years)"),
        Page("checkins:meeting_minutes", demo_closed_meeting, COUNSELOR),
        Page("checkins:series_meetings", demo_school_series, PRINCIPAL),
        Page("checkins:series_agenda", demo_school_series, PRINCIPAL),
        Page("checkins:district_agenda", None, DIRECTOR),
    ]
)
