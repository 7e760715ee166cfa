"""The demo's check-in series."""

import datetime as dt

from django.utils import timezone

from checkins.models import Series
from checkins.services.series import occurrences
from people.demo import COUNSELOR, build_demo


def test_the_demo_has_the_personas_series_with_past_meetings_and_one_series_per_led_school(db):
    lakeview = build_demo(schools=6)
    series = Series.objects.filter(district=lakeview)
    personas = series.filter(participants__staff__email=COUNSELOR).order_by("pk")
    assert personas.count() == 2
    school, district = personas
    assert school.invitations_sent_at is not None and school.rrule.startswith("FREQ=MONTHLY;BYDAY=2TU")
    past = occurrences(school, timezone.now() - dt.timedelta(days=400), timezone.now())
    assert len(past) >= 9 and all(o.starts_at.month not in (7, 8) for o in past)  # a school year's meetings
    assert series.count() == 2 + 5  # the personas' two, and one for each of the other five schools
    assert all(s.participants.exists() for s in series)
