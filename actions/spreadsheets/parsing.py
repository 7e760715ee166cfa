"""Read the cells people type: dates in the US and ISO forms, the seed's statuses in any spelling.

Pure functions, no database: each returns the value or raises ``CellError``
with the message shown to the person who uploaded the file.
"""

from __future__ import annotations

import datetime as dt
import re

from actions.models import Status
from actions.spreadsheets.columns import normalise

DATE_EXAMPLE = "5-19-2022"
_US_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$")
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")

# Every spelling accepted for each status (compared after ``normalise`` and with - and _ read as spaces).
STATUS_SYNONYMS = {
    Status.NOT_STARTED: ("not started", "not yet started", "to do", "todo", "not_started"),
    Status.IN_PROGRESS: ("in progress", "inprogress", "started", "ongoing", "underway"),
    Status.BLOCKED: (
        "blocked or behind schedule",
        "blocked",
        "behind schedule",
        "behind",
        "blocked/behind schedule",
        "blocked / behind schedule",
        "blocked or behind",
    ),
    Status.ABANDONED: ("abandoned", "dropped", "cancelled", "canceled"),
    Status.COMPLETED: ("completed", "complete", "done", "finished"),
}


class CellError(ValueError):
    """A cell that cannot be read; the message says why and what to write instead."""


def _status_key(text: str) -> str:
    return normalise(text.replace("-", " ").replace("_", " ")).rstrip(".")


_STATUS_BY_WORD = {_status_key(word): status for status, words in STATUS_SYNONYMS.items() for word in words}
ALLOWED_STATUSES = ", ".join(label.lower() for label in Status.labels)


def parse_status(value: object) -> str:
    """The status a cell names; blank means not started.

    >>> parse_status("  IN progress ")
    'in_progress'
    >>> parse_status("behind schedule")
    'blocked'
    """
    if value is None or not str(value).strip():
        return Status.NOT_STARTED
    status = _STATUS_BY_WORD.get(_status_key(str(value)))
    if status is None:
        raise CellError(f"'{_short(value)}' is not a status; use one of: {ALLOWED_STATUSES}.")
    return str(status)


def parse_date(value: object) -> dt.date | None:
    """The date in a cell, ``None`` when blank.

    Accepts a spreadsheet's own date cells and text as people type it:
    month-day-year (``5-19-2022``, ``5/19/2022``, ``05/19/22``; a two-digit
    year is in the 2000s) and year-month-day (``2022-05-19``).
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    if match := _US_DATE.match(text):
        month, day, year = (int(part) for part in match.groups())
        year = year + 2000 if len(match.group(3)) == 2 else year
    elif match := _ISO_DATE.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise CellError(f"'{_short(value)}' is not a date (use e.g. {DATE_EXAMPLE}).")
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise CellError(f"'{_short(value)}' is not a date of the calendar (use e.g. {DATE_EXAMPLE}).") from exc


def _short(value: object, limit: int = 60) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
