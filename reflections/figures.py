"""Group figures from reflections' time tables: pure functions, no database.

The figures of a group are computed from each person's *latest submitted*
reflection in the period. The database side (``reflections.publication``) adds
those reflections up into a :class:`GroupSums`; everything else here turns sums
into means, gaps and shares.

A worked example with two counselors and two task types ("Assessment", direct;
"Non-counseling duties", non-counseling)::

    person   ideal (A / N)   current (A / N)
    Ana      95 / 5          70 / 30
    Ben      90 / 10         80 / 20

    mean ideal    A = (95 + 90) / 2 = 92.5    N = (5 + 10) / 2 = 7.5
    mean current  A = (70 + 80) / 2 = 75      N = (30 + 20) / 2 = 25
    gap (current − ideal)  A = −17.5          N = +17.5
    direct + indirect share of current time = 75 (below ASCA's 80)

Rows an author added ("Other" rows without a task type) are added up under the
key ``None``; a task type someone left empty counts as 0% for them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ASCA_TARGET = Decimal(80)
"""ASCA: at least 80% of a school counselor's time on direct and indirect student services."""
SERVICE_KINDS = ("direct", "indirect")
NON_COUNSELING = "non_counseling"
ADDED_ROWS = "Other rows added by staff"
ZERO = Decimal(0)


@dataclass(frozen=True)
class TaskType:
    """A row of the time table: ``key`` is the task category's id (``None`` for rows staff added)."""

    key: int | None
    name: str
    service_kind: str = ""


@dataclass(frozen=True)
class PersonTime:
    """One person's latest submitted reflection: percentages per task type key, and barrier kinds."""

    ideal: Mapping[int | None, Decimal] = field(default_factory=dict)
    current: Mapping[int | None, Decimal] = field(default_factory=dict)
    barrier_kinds: tuple[str, ...] = ()


@dataclass
class GroupSums:
    """Sums over a group's people; exact, so they can be stored and added together.

    ``people`` counts everyone with a submitted reflection (the number checked
    against the minimum group size); ``with_ideal`` / ``with_current`` count those
    who filled in that column of the time table (the divisors of the means).
    """

    people: int = 0
    with_ideal: int = 0
    with_current: int = 0
    ideal: dict[int | None, Decimal] = field(default_factory=dict)
    current: dict[int | None, Decimal] = field(default_factory=dict)
    barriers: Counter = field(default_factory=Counter)

    def add(self, other: GroupSums) -> GroupSums:
        """Add ``other`` into these sums (groups of different people only) and return self."""
        self.people += other.people
        self.with_ideal += other.with_ideal
        self.with_current += other.with_current
        for mine, theirs in ((self.ideal, other.ideal), (self.current, other.current)):
            for key, value in theirs.items():
                mine[key] = mine.get(key, ZERO) + value
        self.barriers.update(other.barriers)
        return self


def sums_of(people: Iterable[PersonTime]) -> GroupSums:
    """Add people up: ``sums_of([PersonTime({1: 95}, {1: 70}), PersonTime({1: 90}, {1: 80})])``
    gives people 2, with_ideal 2, ideal {1: 185}, current {1: 150}."""
    sums = GroupSums()
    for person in people:
        sums.people += 1
        if person.ideal:
            sums.with_ideal += 1
        if person.current:
            sums.with_current += 1
        for mine, theirs in ((sums.ideal, person.ideal), (sums.current, person.current)):
            for key, value in theirs.items():
                mine[key] = mine.get(key, ZERO) + Decimal(value)
        sums.barriers.update(set(person.barrier_kinds))
    return sums


def hidden_reason(minimum: int, *, protects: bool = False) -> str:
    """The sentence shown (and exported) in place of a hidden group's figures.

    ``protects``: the group is large enough but hidden so that a smaller one cannot be worked out
    by subtraction (``reflections.suppression``).
    """
    if protects:
        return (
            "Hidden so that the figures of a group of fewer than "
            f"{minimum} people cannot be worked out from the figures shown."
        )
    return (
        f"Fewer than {minimum} people in this group have submitted a reflection; "
        "figures are hidden to protect their privacy."
    )


def one_decimal(value: Decimal | None) -> Decimal | None:
    """Round half up to one decimal, for display and export: 92.25 → 92.3."""
    return None if value is None else value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def mean(total: Decimal, count: int) -> Decimal | None:
    """``total / count`` (``None`` when nobody answered)."""
    return total / count if count else None


@dataclass(frozen=True)
class TaskTypeFigure:
    task_type: TaskType
    ideal: Decimal | None
    current: Decimal | None

    @property
    def gap(self) -> Decimal | None:
        """Current minus ideal: positive when more time goes to the task type than people think it should."""
        if self.ideal is None or self.current is None:
            return None
        return self.current - self.ideal


def task_type_figures(sums: GroupSums, task_types: Iterable[TaskType]) -> list[TaskTypeFigure]:
    """Mean ideal and current percentage per task type, in the catalogue's order.

    With the module's example: Assessment 92.5 / 75 (gap −17.5), Non-counseling
    duties 7.5 / 25 (gap +17.5). The added rows' line appears only when someone used it.
    """
    rows = []
    for task_type in task_types:
        if task_type.key is None and task_type.key not in sums.ideal and task_type.key not in sums.current:
            continue
        rows.append(
            TaskTypeFigure(
                task_type,
                mean(sums.ideal.get(task_type.key, ZERO), sums.with_ideal),
                mean(sums.current.get(task_type.key, ZERO), sums.with_current),
            )
        )
    return rows


def service_share(
    sums: GroupSums, task_types: Iterable[TaskType], column: str, kinds: tuple[str, ...] = SERVICE_KINDS
) -> Decimal | None:
    """Mean share of time (``column`` "ideal" or "current") on task types of ``kinds``.

    By default direct + indirect student services, the share ASCA wants at 80% or
    more: 75 in the module's example (Assessment only). ``None`` when nobody filled the column.
    """
    values, count = (sums.ideal, sums.with_ideal) if column == "ideal" else (sums.current, sums.with_current)
    total = sum((values.get(t.key, ZERO) for t in task_types if t.service_kind in kinds), ZERO)
    return mean(total, count)


def biggest_gaps(figures: Iterable[TaskTypeFigure], limit: int = 3) -> list[TaskTypeFigure]:
    """The task types whose current time is furthest from the ideal, largest difference first.

    Ties keep the catalogue's order; task types without both columns are left out.
    """
    with_gap = [f for f in figures if f.gap is not None and f.gap != 0]
    return sorted(with_gap, key=lambda f: -abs(f.gap))[:limit]  # type: ignore[arg-type]


@dataclass(frozen=True)
class TrendPoint:
    """One period of a trend: its label, people and mean shares (``hidden`` when not shown)."""

    label: str
    people: int
    hidden: bool
    services_current: Decimal | None = None
    non_counseling_current: Decimal | None = None
    non_counseling_ideal: Decimal | None = None


def trend_point(label: str, sums: GroupSums | None, task_types: list[TaskType]) -> TrendPoint:
    """A period's point: the share of current time on direct and indirect services, and the current
    and ideal share on non-counseling duties; hidden when ``sums`` is None (not shown).

    With the module's example: services 75, non-counseling 25 (ideal 7.5).
    """
    if sums is None:
        return TrendPoint(label, 0, hidden=True)
    return TrendPoint(
        label,
        sums.people,
        hidden=False,
        services_current=service_share(sums, task_types, "current"),
        non_counseling_current=service_share(sums, task_types, "current", (NON_COUNSELING,)),
        non_counseling_ideal=service_share(sums, task_types, "ideal", (NON_COUNSELING,)),
    )


def barrier_counts(sums: GroupSums, labels: Mapping[str, str]) -> list[tuple[str, int]]:
    """``(label, people)`` per barrier kind named by at least one person, most named first.

    A person who ticks a kind counts once for it; kinds not in ``labels`` keep their code.
    """
    ordered = sorted(
        sums.barriers.items(), key=lambda item: (-item[1], list(labels).index(item[0]) if item[0] in labels else 99)
    )
    return [(labels.get(kind, kind), count) for kind, count in ordered if count]


def school_year_of(day: dt.date) -> int:
    """The school year a date belongs to, by its starting calendar year (1 July to 30 June).

    >>> school_year_of(dt.date(2026, 9, 15)), school_year_of(dt.date(2027, 3, 1))
    (2026, 2026)
    """
    return day.year if day.month >= 7 else day.year - 1


def school_year_bounds(start_year: int) -> tuple[dt.date, dt.date]:
    """First and last day of the school year starting in July of ``start_year``."""
    return dt.date(start_year, 7, 1), dt.date(start_year + 1, 6, 30)


def school_year_label(start_year: int) -> str:
    """``2026`` → ``"2026–27"``."""
    return f"{start_year}–{str(start_year + 1)[-2:]}"
