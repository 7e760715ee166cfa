"""Who read what: every read of a reflection by someone other than its author is recorded.

The rows (``ReflectionRead``) are written by the server while it shows a reflection — on its page,
its printed form, the leader's comparison and the check-in meeting page — from the logged-in member,
never from anything the request carries, so a reader can neither name someone else nor read without
a trace. No page edits or deletes a row. The author sees the list on their reflection's page
(:func:`reads_of`). Rows older than ``settings.READ_LOG_DAYS`` (3 years by default) are removed by
the hourly job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max, Min
from django.utils import timezone

from people.models import StaffMember
from reflections.models import Reflection, ReflectionRead

Surface = ReflectionRead.Surface


def record_reads(reflections: Iterable[Reflection], *, reader: StaffMember, surface: str) -> int:
    """Record that ``reader`` was shown ``reflections`` on ``surface``; their own are not recorded.

    Returns how many reads were recorded (one INSERT, whatever their number).
    """
    now = timezone.now()
    rows = [
        ReflectionRead(
            district_id=reflection.district_id,
            reflection=reflection,
            reader=reader,
            reader_name=reader.name,
            surface=surface,
            read_at=now,
        )
        for reflection in reflections
        if reflection.author_id != reader.pk
    ]
    ReflectionRead.objects.bulk_create(rows)
    return len(rows)


def record_read(reflection: Reflection, *, reader: StaffMember, surface: str) -> bool:
    """Record one read (nothing when the reader is the author); returns whether it was recorded."""
    return bool(record_reads([reflection], reader=reader, surface=surface))


def shown_at_checkin(reflections: Iterable[Reflection], reader: StaffMember) -> int:
    """The check-in meeting page's listener (``checkins.hooks.on_reflections_shown``)."""
    return record_reads(reflections, reader=reader, surface=Surface.CHECKIN)


@dataclass(frozen=True)
class ReadSummary:
    """Who read a reflection, where, how many times, and when last."""

    reader_name: str
    surface: str
    times: int
    first_read_at: dt.datetime
    last_read_at: dt.datetime


def reads_of(reflection: Reflection) -> list[ReadSummary]:
    """The reads of ``reflection`` by reader and page, latest first (one query)."""
    rows = (
        ReflectionRead.objects.filter(reflection=reflection)
        .values("reader_id", "reader_name", "surface")
        .annotate(times=Count("pk"), first=Min("read_at"), last=Max("read_at"))
        .order_by("-last", "reader_name")
    )
    return [
        ReadSummary(
            reader_name=row["reader_name"],
            surface=Surface(row["surface"]).label,
            times=row["times"],
            first_read_at=row["first"],
            last_read_at=row["last"],
        )
        for row in rows
    ]


def prune_reads(now: dt.datetime | None = None) -> str:
    """The hourly job: reads older than ``settings.READ_LOG_DAYS`` are removed."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.READ_LOG_DAYS)
    removed, _ = ReflectionRead.objects.filter(read_at__lt=cutoff).delete()
    return f"{removed} reflection reads older than {settings.READ_LOG_DAYS} days removed"
