"""What a change of schedule does to each meeting of a series: pure, no database.

When a series changes (another start time, another weekday, another cadence), each meeting of
the old schedule is matched with its *counterpart* in the new one: two meetings are counterparts
when each is the other's nearest (mutual nearest neighbours). A new start time pairs every meeting
with the one on the same day; the 2nd Tuesday becoming the 2nd Thursday pairs each month's
meetings; monthly becoming every six months pairs only the meetings near the new dates, and the
others have none:

>>> day = lambda d: dt.datetime(2027, 2, d, 15, 30)
>>> {a.day: b.day for a, b in counterparts([day(2), day(9), day(16)], [day(4), day(18)]).items()}
{2: 4, 16: 18}

A meeting with changes of its own (cancelled, moved) takes them to its counterpart; the
differences between the two schedules, meeting by meeting, are what the update email lists.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

Key = TypeVar("Key", bound=Hashable)


def _nearest(ordered: Sequence[dt.datetime], moment: dt.datetime) -> dt.datetime | None:
    """The value of ``ordered`` nearest to ``moment`` (the earlier one on a tie)."""
    index = bisect_left(ordered, moment)
    around = ordered[max(0, index - 1) : index + 1]
    return min(around, key=lambda value: (abs(value - moment), value)) if around else None


def counterparts(old: Sequence[dt.datetime], new: Sequence[dt.datetime]) -> dict[dt.datetime, dt.datetime]:
    """Old meeting → its counterpart in the new schedule, for the meetings that have one (see above).

    >>> counterparts([dt.datetime(2027, 1, 12, 15, 30)], [dt.datetime(2027, 1, 12, 15, 45)])
    {datetime.datetime(2027, 1, 12, 15, 30): datetime.datetime(2027, 1, 12, 15, 45)}
    """
    old_sorted, new_sorted = sorted(old), sorted(new)
    pairs: dict[dt.datetime, dt.datetime] = {}
    for moment in old_sorted:
        match = _nearest(new_sorted, moment)
        if match is not None and _nearest(old_sorted, match) == moment:
            pairs[moment] = match
    return pairs


@dataclass(frozen=True)
class Slot:
    """When and where one meeting takes place."""

    starts_at: dt.datetime
    place: str


@dataclass(frozen=True)
class Change:
    """One meeting before and after a change; ``None`` before: a new meeting, after: no meeting any more."""

    before: Slot | None
    after: Slot | None

    @property
    def starts_at(self) -> dt.datetime:
        return (self.before or self.after).starts_at  # type: ignore[union-attr]


def differences(before: Mapping[Key, Slot], after: Mapping[Key, Slot], same: Mapping[Key, Key]) -> list[Change]:
    """The meetings whose time or place differ, in time order; ``same`` maps a key before to its key after.

    Keys not in ``same`` keep their key. Meetings that did not change are left out:

    >>> t = lambda h: Slot(dt.datetime(2027, 1, 12, h), "Room 12")
    >>> differences({"jan": t(15), "feb": t(16)}, {"jan": t(15), "feb*": t(17)}, {"feb": "feb*"})
    [Change(before=Slot(starts_at=datetime.datetime(2027, 1, 12, 16, 0), place='Room 12'), after=Slot(starts_at=datetime.datetime(2027, 1, 12, 17, 0), place='Room 12'))]
    """  # noqa: E501 — a doctest's output is one line
    found: list[Change] = []
    matched = set()
    for key, slot in before.items():
        new_key = same.get(key, key)
        now = after.get(new_key)
        if now is not None:
            matched.add(new_key)
        if now != slot:
            found.append(Change(slot, now))
    found += [Change(None, slot) for key, slot in after.items() if key not in matched]
    return sorted(found, key=lambda change: change.starts_at)


def overlaps(
    mine: Sequence[tuple[dt.datetime, dt.datetime]], theirs: Sequence[tuple[dt.datetime, dt.datetime]]
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Those of ``mine`` (start, end) that overlap one of ``theirs``: a meeting ending as another starts does not.

    >>> h = lambda a, b: (dt.datetime(2027, 2, 9, a), dt.datetime(2027, 2, 9, b))
    >>> [start.hour for start, _ in overlaps([h(9, 10), h(15, 16), h(17, 18)], [h(10, 11), h(15, 17)])]
    [15]
    """
    ordered = sorted(theirs)
    starts = [start for start, _ in ordered]
    found = []
    for start, end in mine:
        # Their meetings starting before this one ends; any of them still running at its start overlaps.
        before = ordered[: bisect_left(starts, end)]
        if any(their_end > start for _, their_end in before):
            found.append((start, end))
    return found
