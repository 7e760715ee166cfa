"""Pure rules of an agreement (no database): the school year's span, planned shares, default shares, and
what changed between two versions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

DIRECT_AND_INDIRECT = ("direct", "indirect")
ASCA_MINIMUM = Decimal(80)


def year_span(year: int, school_years: Iterable[tuple[dt.date, dt.date]] = ()) -> tuple[dt.date, dt.date]:
    """The first and last day of the school year starting in ``year``.

    The district's school year that starts between July 1 of ``year`` and June 30 of the next year,
    if it set one (people's school calendar); otherwise July 1 to June 30.

    >>> year_span(2026)
    (datetime.date(2026, 7, 1), datetime.date(2027, 6, 30))
    >>> year_span(2026, [(dt.date(2026, 8, 24), dt.date(2027, 6, 11))])
    (datetime.date(2026, 8, 24), datetime.date(2027, 6, 11))
    """
    start, end = dt.date(year, 7, 1), dt.date(year + 1, 6, 30)
    for first, last in school_years:
        if start <= first <= end:
            return first, last
    return start, end


def year_of(day: dt.date) -> int:
    """The school year (by its starting calendar year) a day falls in, July to June.

    >>> year_of(dt.date(2026, 12, 8)), year_of(dt.date(2026, 7, 1)), year_of(dt.date(2026, 6, 30))
    (2026, 2026, 2025)
    """
    return day.year if day.month >= 7 else day.year - 1


def shares_total(percents: Iterable[Decimal | None]) -> Decimal:
    """The sum of the planned shares (an empty share counts 0).

    >>> shares_total([Decimal("50"), None, Decimal("30.5"), Decimal("19.5")])
    Decimal('100.0')
    """
    return sum((p or Decimal(0) for p in percents), Decimal("0.0"))


def shares_problem(percents: Iterable[Decimal | None]) -> str:
    """What is wrong with planned shares, or "" when they add up to 100%.

    >>> shares_problem([Decimal(60), Decimal(40)])
    ''
    >>> shares_problem([Decimal(60), Decimal(35)])
    'The planned shares add up to 95%; they must add up to 100%.'
    """
    total = shares_total(percents)
    if total == 100:
        return ""
    return f"The planned shares add up to {total.normalize():f}%; they must add up to 100%."


def default_shares(kinds: Sequence[tuple[int, str]]) -> dict[int, Decimal]:
    """The district's default target for a role: ASCA's 80% on direct and indirect student services.

    ``kinds`` lists each task type as (id, service kind). 80% is split evenly over the direct and
    indirect task types and 20% over the others, in tenths of a percent, the remainder going to the
    first ones, so the shares always add up to exactly 100.

    >>> default_shares([(1, "direct"), (2, "direct"), (3, "indirect"), (4, "non_counseling")])
    {1: Decimal('26.7'), 2: Decimal('26.7'), 3: Decimal('26.6'), 4: Decimal('20.0')}
    """
    services = [pk for pk, kind in kinds if kind in DIRECT_AND_INDIRECT]
    others = [pk for pk, kind in kinds if kind not in DIRECT_AND_INDIRECT]
    if not services or not others:
        return _split(Decimal(100), [pk for pk, _ in kinds])
    return {**_split(ASCA_MINIMUM, services), **_split(Decimal(100) - ASCA_MINIMUM, others)}


def _split(total: Decimal, keys: Sequence[int]) -> dict[int, Decimal]:
    if not keys:
        return {}
    tenths = int(total * 10)
    each, extra = divmod(tenths, len(keys))
    return {key: Decimal(each + (1 if i < extra else 0)) / 10 for i, key in enumerate(keys)}


def direct_and_indirect(shares: Mapping[int, Decimal | None], kinds: Mapping[int, str]) -> Decimal:
    """The planned share on direct and indirect student services (ASCA asks for at least 80%).

    >>> direct_and_indirect({1: Decimal(50), 2: Decimal(25), 3: Decimal(25)}, {1: "direct", 2: "indirect", 3: "x"})
    Decimal('75')
    """
    return sum((p or Decimal(0) for pk, p in shares.items() if kinds.get(pk) in DIRECT_AND_INDIRECT), Decimal(0))


@dataclass(frozen=True)
class Part:
    """One part of an agreement's text as a version keeps it: ``key`` (stable), ``label``, ``text``."""

    key: str
    label: str
    text: str


def changes_between(old: Sequence[Part], new: Sequence[Part]) -> list[tuple[str, str, str]]:
    """(label, old text, new text) for each part that differs, in the new version's order, then removed ones.

    >>> changes_between([Part("c", "Caseload", "400")], [Part("c", "Caseload", "450"), Part("g", "Goal 1", "x")])
    [('Caseload', '400', '450'), ('Goal 1', '', 'x')]
    >>> changes_between([Part("g", "Goal 2", "y")], [])
    [('Goal 2', 'y', '')]
    """
    before = {part.key: part for part in old}
    after = {part.key: part for part in new}
    changes = [
        (part.label, before[part.key].text if part.key in before else "", part.text)
        for part in new
        if part.key not in before or before[part.key].text != part.text
    ]
    changes += [(part.label, part.text, "") for part in old if part.key not in after]
    return changes
