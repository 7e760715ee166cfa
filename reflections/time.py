"""Arithmetic of the reflection's time table — pure functions, no database.

Time is stored as a percentage of the person's week. People may type hours per
week instead; those are converted against their *week*: the district's hours
per 1.0 FTE times the person's total FTE.

Worked example (a 40-hour district):

>>> week = week_hours(Decimal("40"), Decimal("0.5"))
>>> week
Decimal('20.0')
>>> hours_to_percent(Decimal("5"), week)
Decimal('25.00')
>>> percent_to_hours(Decimal("25"), week)
Decimal('5.00')
>>> column_problem("Ideal", [Decimal("50"), Decimal("40"), None])
'Ideal adds up to 90% — 10 points short of 100%'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal("100")
TOLERANCE = Decimal("0.5")
"""How far from 100% a column may be and still count as adding up (rounding of hour conversions)."""
CENT = Decimal("0.01")


class NoWeekError(ValueError):
    """Hours cannot be converted for someone with no FTE."""


def week_hours(hours_per_fte: Decimal, total_fte: Decimal | None) -> Decimal | None:
    """The person's hours a week: district hours per FTE × their total FTE; None without FTE.

    >>> week_hours(Decimal("40"), Decimal("1.0"))
    Decimal('40.0')
    >>> week_hours(Decimal("37.5"), Decimal("0.8"))
    Decimal('30.0')
    >>> week_hours(Decimal("40"), Decimal("0")) is None
    True
    """
    if not total_fte or total_fte <= 0:
        return None
    return (Decimal(hours_per_fte) * Decimal(total_fte)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def hours_to_percent(hours: Decimal, week: Decimal | None) -> Decimal:
    """Hours a week as a percentage of ``week``, to two decimals.

    >>> hours_to_percent(Decimal("7"), Decimal("37.5"))
    Decimal('18.67')
    """
    if not week:
        raise NoWeekError("Hours cannot be used without an FTE; enter percentages instead.")
    return (Decimal(hours) * HUNDRED / Decimal(week)).quantize(CENT, ROUND_HALF_UP)


def percent_to_hours(percent: Decimal, week: Decimal | None) -> Decimal:
    """A percentage of ``week`` as hours a week, to two decimals.

    >>> percent_to_hours(Decimal("18.67"), Decimal("37.5"))
    Decimal('7.00')
    """
    if not week:
        raise NoWeekError("Hours cannot be used without an FTE; enter percentages instead.")
    return (Decimal(percent) * Decimal(week) / HUNDRED).quantize(CENT, ROUND_HALF_UP)


def column_total(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of a column's filled cells; None when every cell is empty (the table is optional).

    >>> column_total([Decimal("60"), None, Decimal("40")])
    Decimal('100')
    >>> column_total([None, None]) is None
    True
    """
    filled = [Decimal(v) for v in values if v is not None]
    return sum(filled, Decimal("0")) if filled else None


def off_by(total: Decimal) -> Decimal:
    """How many points ``total`` is from 100 (negative: short).

    >>> off_by(Decimal("90"))
    Decimal('-10')
    """
    return Decimal(total) - HUNDRED


def adds_up(total: Decimal | None) -> bool:
    """An empty column, or one within :data:`TOLERANCE` of 100.

    >>> adds_up(Decimal("99.6")), adds_up(Decimal("99.4")), adds_up(None)
    (True, False, True)
    """
    return total is None or abs(off_by(total)) <= TOLERANCE


def _number(value: Decimal) -> str:
    """Decimal without trailing zeros: 90.00 → '90', 12.50 → '12.5'."""
    text = format(Decimal(value).quantize(CENT, ROUND_HALF_UP), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def describe_total(total: Decimal | None) -> str:
    """The running total as shown under a column.

    >>> describe_total(Decimal("100.00")), describe_total(None)
    ('100%', 'empty')
    """
    return "empty" if total is None else f"{_number(total)}%"


def running_total(total: Decimal | None, *, hours_week: Decimal | None = None) -> str:
    """The total under a column while typing (the page's script writes the same text).

    ``total`` is in percent, or in hours when ``hours_week`` is given.

    >>> running_total(Decimal("90"))
    '90% — 10 points short of 100%'
    >>> running_total(Decimal("40"), hours_week=Decimal("40"))
    '40 of 40 hours (100%) — adds up'
    """
    if total is None:
        return "empty"
    percent, text = total, f"{_number(total)}%"
    if hours_week:
        percent = Decimal(total) * HUNDRED / Decimal(hours_week)
        text = f"{_number(total)} of {_number(hours_week)} hours ({_number(percent)}%)"
    gap = off_by(percent)
    if abs(gap) <= TOLERANCE:
        return f"{text} — adds up"
    points = _number(abs(gap))
    return f"{text} — {points} point{'' if points == '1' else 's'} {'short of' if gap < 0 else 'over'} 100%"


def column_problem(name: str, values: Sequence[Decimal | None]) -> str | None:
    """The error shown beside a column that does not add up to 100%, or None.

    >>> column_problem("Current", [Decimal("70"), Decimal("45")])
    'Current adds up to 115% — 15 points over 100%'
    >>> column_problem("Current", [Decimal("33.33"), Decimal("33.33"), Decimal("33.33")]) is None
    True
    """
    total = column_total(values)
    if adds_up(total):
        return None
    assert total is not None
    gap = off_by(total)
    side = "short of" if gap < 0 else "over"
    points = _number(abs(gap))
    unit = "point" if points == "1" else "points"
    return f"{name} adds up to {_number(total)}% — {points} {unit} {side} 100%"


@dataclass(frozen=True)
class ComparisonRow:
    """One task type in the leader-versus-staff table."""

    name: str
    ideal: Decimal | None
    current: Decimal | None
    estimate: Decimal | None
    difference: Decimal | None
    differs: bool

    @property
    def difference_text(self) -> str:
        if self.difference is None:
            return ""
        points = _number(abs(self.difference))
        return f"differs by {points} point{'' if points == '1' else 's'}"


def compare(
    rows: Sequence[tuple[str, Decimal | None, Decimal | None, Decimal | None]], threshold: Decimal
) -> list[ComparisonRow]:
    """Put the staff member's current split beside the leader's estimate.

    ``rows`` are (task type, ideal, staff's current, leader's estimate); a row
    *differs* when current and estimate are both known and more than
    ``threshold`` points apart.

    >>> [r.differs for r in compare([("Assessment", None, Decimal("30"), Decimal("15"))], Decimal("10"))]
    [True]
    >>> compare([("Duties", None, Decimal("20"), Decimal("25"))], Decimal("10"))[0].difference_text
    'differs by 5 points'
    """
    out = []
    for name, ideal, current, estimate in rows:
        difference = None if current is None or estimate is None else Decimal(current) - Decimal(estimate)
        differs = difference is not None and abs(difference) > threshold
        out.append(ComparisonRow(name, ideal, current, estimate, difference, differs))
    return out
