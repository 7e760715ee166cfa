"""The fixed periods group figures are published for: the four quarters of the school year.

Group figures are never computed over a date range someone chooses: two ranges one day apart
would differ by one person, and subtracting one figure from the other would give that person's
answers (``docs/privacy.md``). Each reflection counts in exactly one quarter — the one it was
submitted in, in the district's time zone — so the quarters never overlap, and a quarter's figures
are published once it is over, when nothing can be added to it any more.

The school year runs from 1 July to 30 June (``reflections.figures.school_year_of``); its quarters::

    Jul–Sep 2026   Oct–Dec 2026   Jan–Mar 2027   Apr–Jun 2027     (school year 2026–27)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reflections.figures import school_year_label, school_year_of

QUARTER_MONTHS = (7, 10, 1, 4)
"""The months a quarter starts in, in school-year order."""


@dataclass(frozen=True, order=True)
class Quarter:
    """A quarter of the school year, named by its first day (1 July, 1 October, 1 January or 1 April).

    >>> q = Quarter(dt.date(2026, 10, 1))
    >>> q.key, q.label, q.end, q.school_year
    ('2026-10', 'Oct–Dec 2026', datetime.date(2026, 12, 31), 2026)
    """

    start: dt.date

    def __post_init__(self) -> None:
        if self.start.day != 1 or self.start.month not in QUARTER_MONTHS:
            raise ValueError(f"{self.start} is not the first day of a quarter.")

    @property
    def end(self) -> dt.date:
        """Its last day."""
        return self.next().start - dt.timedelta(days=1)

    @property
    def key(self) -> str:
        """How it is written in a URL: ``2026-10``."""
        return f"{self.start:%Y-%m}"

    @property
    def label(self) -> str:
        """``Oct–Dec 2026``."""
        return f"{self.start:%b}–{self.end:%b %Y}"

    @property
    def school_year(self) -> int:
        return school_year_of(self.start)

    @property
    def school_year_label(self) -> str:
        return school_year_label(self.school_year)

    def next(self) -> Quarter:
        """The quarter after this one."""
        month = self.start.month + 3
        return Quarter(dt.date(self.start.year + (month > 12), (month - 1) % 12 + 1, 1))

    def previous(self) -> Quarter:
        """The quarter before this one."""
        month = self.start.month - 3
        return Quarter(dt.date(self.start.year - (month < 1), (month - 1) % 12 + 1, 1))

    def is_over(self, today: dt.date) -> bool:
        """Whether the quarter has ended by ``today`` (its figures may then be published)."""
        return today > self.end


def quarter_of(day: dt.date) -> Quarter:
    """The quarter ``day`` falls in.

    >>> quarter_of(dt.date(2027, 2, 14)).label
    'Jan–Mar 2027'
    """
    return Quarter(dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1))


def parse_quarter(key: str | None) -> Quarter | None:
    """The quarter a URL names (``2026-10``), or None for anything else.

    >>> parse_quarter("2026-10").label, parse_quarter("2026-11"), parse_quarter("soon")
    ('Oct–Dec 2026', None, None)
    """
    try:
        return Quarter(dt.datetime.strptime(key or "", "%Y-%m").date())
    except ValueError:
        return None


def school_year_quarters(school_year: int) -> list[Quarter]:
    """The four quarters of the school year starting in July of ``school_year``, in order."""
    first = Quarter(dt.date(school_year, 7, 1))
    return [first, first.next(), first.next().next(), first.next().next().next()]


def closed_quarters(today: dt.date, *, years: int = 5) -> list[Quarter]:
    """The quarters that are over by ``today``, newest first, back to the start of the school year
    ``years - 1`` years before the current one.

    >>> [q.key for q in closed_quarters(dt.date(2026, 11, 28), years=1)]
    ['2026-07']
    """
    first = Quarter(dt.date(school_year_of(today) - years + 1, 7, 1))
    quarters = []
    quarter = quarter_of(today).previous()
    while quarter >= first:
        quarters.append(quarter)
        quarter = quarter.previous()
    return quarters


def recent_quarters(today: dt.date, *, years: int = 5) -> list[Quarter]:
    """The current quarter, then the closed ones (``closed_quarters``): a person's own figures
    may be read before a quarter is over."""
    return [quarter_of(today), *closed_quarters(today, years=years)]
