"""Old roster and tracker uploads (people's names and emails) are removed by the hourly jobs."""

from __future__ import annotations

import datetime as dt
import uuid

import time_machine
from django.utils import timezone

from actions.models import TrackerUpload
from actions.spreadsheets.apply import prune_tracker_uploads
from core.scheduler import HOURLY_JOBS, run_hourly_jobs
from core.uploads import KEEP_FOR
from people.models import RosterUpload
from people.roster.apply import prune_roster_uploads

NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def upload(model, personas, *, age: dt.timedelta):
    with time_machine.travel(NOW - age, tick=False):
        return model.objects.create(
            district=personas.district, token=uuid.uuid4(), filename="sheet.csv", content=b"a,b\n", uploaded_by=None
        )


def test_uploads_older_than_two_days_are_removed_and_newer_ones_kept(personas):
    old_roster = upload(RosterUpload, personas, age=KEEP_FOR + dt.timedelta(minutes=1))
    new_roster = upload(RosterUpload, personas, age=KEEP_FOR - dt.timedelta(minutes=1))
    old_tracker = upload(TrackerUpload, personas, age=dt.timedelta(days=30))
    new_tracker = upload(TrackerUpload, personas, age=dt.timedelta(hours=1))
    with time_machine.travel(NOW, tick=False):
        assert timezone.now() == NOW
        outcomes = run_hourly_jobs()
    assert outcomes["people.roster.apply.prune_roster_uploads"] == "1 old roster uploads removed"
    assert outcomes["actions.spreadsheets.apply.prune_tracker_uploads"] == "1 old tracker uploads removed"
    assert set(RosterUpload.objects.values_list("pk", flat=True)) == {new_roster.pk}
    assert set(TrackerUpload.objects.values_list("pk", flat=True)) == {new_tracker.pk}
    assert not RosterUpload.objects.filter(pk=old_roster.pk).exists()
    assert not TrackerUpload.objects.filter(pk=old_tracker.pk).exists()


def test_both_prune_jobs_run_every_hour():
    assert prune_roster_uploads in HOURLY_JOBS and prune_tracker_uploads in HOURLY_JOBS
