"""Recurrence rules for check-in series, expanded in the district's time zone.

Pure: no database. A series is a first meeting as *wall-clock* time (naive,
in the district's zone) plus an RFC 5545 RRULE. Expanding the rule on naive
local datetimes and attaching the zone afterwards keeps a 3:30 pm meeting at
3:30 pm on both sides of a daylight-saving change (its UTC time moves instead):

>>> import zoneinfo
>>> chicago = zoneinfo.ZoneInfo("America/Chicago")
>>> first = dt.datetime(2027, 2, 9, 15, 30)          # 2nd Tuesday of February
>>> [d.isoformat() for d in expand(first, "FREQ=MONTHLY;BYDAY=2TU", chicago, count=3)]
['2027-02-09T21:30:00+00:00', '2027-03-09T21:30:00+00:00', '2027-04-13T20:30:00+00:00']

``UNTIL`` is not written into the stored rule: a series keeps its end as a
date (``Series.until``), and :func:`until_utc` turns it into the UTC value
RFC 5545 requires when DTSTART carries a TZID.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from dateutil import rrule as du

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ORDINAL_NAMES = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", -1: "last"}
ALLOWED_PARTS = {"FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "COUNT", "WKST"}
ALLOWED_FREQS = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
# How far ahead a rule must yield a date to be accepted.
HORIZON_YEARS = 5


class RuleError(ValueError):
    """A recurrence rule that cannot be used; the message is for the person who typed it."""


def ordinal_weekday(day: dt.date) -> tuple[int, int]:
    """Which weekday of its month ``day`` is: (ordinal, weekday) with -1 for a 5th, i.e. the last.

    >>> ordinal_weekday(dt.date(2027, 2, 9))   # a Tuesday, the 2nd of February 2027
    (2, 1)
    """
    ordinal = (day.day - 1) // 7 + 1
    return (-1 if ordinal == 5 else ordinal), day.weekday()


def monthly_rule(day: dt.date, interval: int = 1) -> str:
    """Every ``interval`` months on the same weekday ordinal as ``day`` ("the 2nd Tuesday").

    >>> monthly_rule(dt.date(2027, 2, 9))
    'FREQ=MONTHLY;BYDAY=2TU'
    >>> monthly_rule(dt.date(2027, 2, 9), interval=3)
    'FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU'
    """
    ordinal, weekday = ordinal_weekday(day)
    every = f";INTERVAL={interval}" if interval > 1 else ""
    return f"FREQ=MONTHLY{every};BYDAY={ordinal}{WEEKDAYS[weekday]}"


def weekly_rule(weeks: int) -> str:
    """Every ``weeks`` weeks on the first meeting's weekday.

    >>> weekly_rule(2)
    'FREQ=WEEKLY;INTERVAL=2'
    """
    if weeks < 1:
        raise RuleError("The number of weeks must be at least 1.")
    return "FREQ=WEEKLY" if weeks == 1 else f"FREQ=WEEKLY;INTERVAL={weeks}"


def parts(rule: str) -> dict[str, str]:
    """The rule's parts as a dict (``{"FREQ": "MONTHLY", "BYDAY": "2TU"}``); ``RRULE:`` prefix allowed."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    result: dict[str, str] = {}
    for piece in filter(None, text.split(";")):
        name, sep, value = piece.partition("=")
        if not sep or not value:
            raise RuleError(f"“{piece}” is not a NAME=VALUE part of a rule.")
        result[name.strip().upper()] = value.strip().upper()
    return result


def validate_rule(rule: str, first: dt.datetime) -> str:
    """Check a rule typed by a person and return it normalized; raise :class:`RuleError` if unusable.

    A rule must yield at least one date from ``first`` (naive local) within
    :data:`HORIZON_YEARS` years. UNTIL is refused: the series' end date says that.
    """
    found = parts(rule)
    if not found:
        raise RuleError("Enter a recurrence rule, for example FREQ=MONTHLY;BYDAY=2TU.")
    unknown = set(found) - ALLOWED_PARTS
    if "UNTIL" in unknown:
        raise RuleError("Leave UNTIL out of the rule; use the series' end date instead.")
    if unknown:
        raise RuleError(f"These parts are not supported: {', '.join(sorted(unknown))}.")
    if found.get("FREQ") not in ALLOWED_FREQS:
        raise RuleError("The rule needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY.")
    normalized = ";".join(f"{k}={v}" for k, v in found.items())
    try:
        dates = _rule(normalized, first).between(first, first.replace(year=first.year + HORIZON_YEARS), inc=True)
    except (ValueError, TypeError) as exc:
        raise RuleError(f"The rule cannot be read: {exc}.") from exc
    if not dates:
        raise RuleError(f"This rule yields no meeting dates in the next {HORIZON_YEARS} years.")
    return normalized


def _rule(rule: str, first: dt.datetime) -> du.rrule:
    return du.rrulestr(rule, dtstart=first.replace(tzinfo=None))  # type: ignore[return-value]


def with_months(rule: str, months: str) -> str:
    """The rule limited to ``months`` (comma-separated numbers; empty: the rule as it is).

    >>> with_months("FREQ=MONTHLY;BYDAY=2TU", "1,2,3,4,5,6,9,10,11,12")
    'FREQ=MONTHLY;BYDAY=2TU;BYMONTH=1,2,3,4,5,6,9,10,11,12'
    """
    return f"{rule};BYMONTH={months}" if months and "BYMONTH" not in parts(rule) else rule


def until_utc(until: dt.date, first: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """The UTC UNTIL for a series ending on the local date ``until`` (its meeting that day included)."""
    last_local = dt.datetime.combine(until, first.time())
    return last_local.replace(tzinfo=zone).astimezone(dt.UTC)


def expand(
    first: dt.datetime,
    rule: str,
    zone: zoneinfo.ZoneInfo,
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    until: dt.date | None = None,
    count: int | None = None,
) -> list[dt.datetime]:
    """The rule's meeting starts, in UTC, from ``start`` to ``end`` (aware, inclusive), at most ``count``.

    ``first`` is the first meeting as naive local time in ``zone``. Without
    ``end`` a ``count`` is needed, so an endless rule is never expanded forever.
    """
    if end is None and count is None:
        raise ValueError("expand() needs an end or a count.")
    first = first.replace(tzinfo=None)
    recurrence = _rule(rule, first)
    if until is not None:
        recurrence = recurrence.replace(until=dt.datetime.combine(until, dt.time.max))
    local_start = start.astimezone(zone).replace(tzinfo=None) - dt.timedelta(days=1) if start else first
    result: list[dt.datetime] = []
    for local in recurrence.xafter(max(local_start, first), inc=True):
        moment = local.replace(tzinfo=zone).astimezone(dt.UTC)
        if end is not None and moment > end:
            break
        if start is not None and moment < start:
            continue
        result.append(moment)
        if count is not None and len(result) >= count:
            break
    return result


def describe(rule: str) -> str:
    """The cadence in words for emails and pages.

    >>> describe("FREQ=MONTHLY;BYDAY=2TU"), describe("FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU")
    ('monthly', 'quarterly')
    >>> describe("FREQ=WEEKLY;INTERVAL=2")
    'every 2 weeks'
    """
    try:
        found = parts(rule)
    except RuleError:
        return "regular"
    freq, interval = found.get("FREQ", ""), int(found.get("INTERVAL", "1") or 1)
    if freq == "MONTHLY":
        return {1: "monthly", 3: "quarterly", 6: "twice-yearly"}.get(interval, f"every {interval} months")
    if freq == "WEEKLY":
        return "weekly" if interval == 1 else f"every {interval} weeks"
    if freq == "DAILY":
        return "daily" if interval == 1 else f"every {interval} days"
    if freq == "YEARLY":
        return "yearly"
    return "regular"


def describe_day(rule: str) -> str:
    """The day part in words: "on the 2nd Tuesday" for BYDAY=2TU, "" otherwise.

    >>> describe_day("FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR")
    'on the last Friday'
    """
    try:
        byday = parts(rule).get("BYDAY", "")
    except RuleError:
        return ""
    if "," in byday or len(byday) < 3 or byday[-2:] not in WEEKDAYS:
        return ""
    try:
        ordinal = int(byday[:-2])
    except ValueError:
        return ""
    name = ORDINAL_NAMES.get(ordinal)
    return f"on the {name} {WEEKDAY_NAMES[WEEKDAYS.index(byday[-2:])]}" if name else ""
