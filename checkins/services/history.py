"""The history of series, meetings and polls: who changed what, and when (shown on their pages)."""

from __future__ import annotations

from django.utils import timezone

from checkins.models import HistoryEntry, Meeting, Poll, Series
from people.models import StaffMember

SHOWN = 20


def record(
    what: str,
    *,
    by: StaffMember | None,
    series: Series | None = None,
    meeting: Meeting | None = None,
    poll: Poll | None = None,
) -> HistoryEntry:
    """Note that ``by`` (``None``: the app itself, or the demo) did ``what`` to a series, a meeting or a poll."""
    district_id = next(row.district_id for row in (series, meeting, poll) if row is not None)
    return HistoryEntry.objects.create(
        district_id=district_id, series=series, meeting=meeting, poll=poll, by=by, at=timezone.now(), what=what[:500]
    )


def history_of(*, series: Series | None = None, meeting: Meeting | None = None, poll: Poll | None = None) -> list:
    """The latest entries of one series, meeting or poll, newest first, in one query."""
    entries = HistoryEntry.objects.select_related("by")
    if series is not None:
        entries = entries.filter(series=series)
    elif meeting is not None:
        entries = entries.filter(meeting=meeting)
    else:
        entries = entries.filter(poll=poll)
    return list(entries[:SHOWN])
