"""Where a constrained role's extra priority hours come from, so that the run page's figures add up.

A pure module. For one capacity-constrained role at one school, from the run's current hours
(*before*) and its plan (*after*), over the role's tasks, with P its priority tasks:

- **moved away**: hours of its other tasks that it no longer does, Σ over t ∉ P of max(0, before − after);
- **taken on**: hours of other tasks it takes from other roles, Σ over t ∉ P of max(0, after − before);
- **week not placed before**: Σ after − Σ before over all its tasks. Positive: hours of its week that
  the current-time figures put on no task (e.g. a reflection's own "Other" rows, or shares that do not
  reach 100 %) and that the plan now spends on priority tasks. Negative: hours moved away that stay
  free, because the priority hours needed there are already met;
- **gained for priority tasks**: Σ over t ∈ P of (after − before).

Summing after − before over all its tasks gives the identity the page shows, exact to rounding:

    gained = moved away + week not placed before − taken on

Worked through (the demo's Adams Elementary): its counselor does 1.0 h of Crisis intervention, 0.64 h
of Check-and-connect mentoring and 1.87 h of administrative duties; the plan leaves 0.31 h of the first
and moves the rest to teachers and para-professionals: 0.69 + 0.64 + 1.87 = 3.2 h moved away. Screening,
a priority, goes from 1.33 to 7.33 h: 6.0 h gained. The counselor's week on tasks goes from 37.2 to
40.0 h: 2.8 h were placed on no task before. 3.2 + 2.8 − 0 = 6.0.

>>> before = {"counselor|Crisis": 1.0, "counselor|Mentoring": 0.64, "counselor|Duties": 1.87,
...           "counselor|Screening": 1.33, "counselor|Other tasks": 32.36, "para|Duties": 2.0}
>>> after = {"counselor|Crisis": 0.31, "counselor|Screening": 7.33, "counselor|Other tasks": 32.36,
...          "para|Duties": 3.87}
>>> found = ledger("counselor", {"Screening"}, before, after)
>>> found.moved_away, found.unplaced, found.taken_on, found.gained
(3.2, 2.8, 0.0, 6.0)
>>> found.adds_up
False
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

#: Figures that differ by less than this (hours a week) are taken as equal.
TOLERANCE = 0.01


@dataclass(frozen=True)
class Ledger:
    """One constrained role's hours at one school (or summed over schools), in hours a week."""

    moved_away: float
    unplaced: float  # the week's hours placed on no task before and used now (negative: left free)
    taken_on: float
    gained: float

    @property
    def adds_up(self) -> bool:
        """Whether the hours moved away are exactly the hours gained (nothing else needed to explain it)."""
        return abs(self.moved_away - self.gained) < TOLERANCE

    def as_list(self) -> list[float]:
        return [self.moved_away, self.unplaced, self.taken_on, self.gained]


def ledger(role: str, priorities: Collection[str], before: Mapping[str, float], after: Mapping[str, float]) -> Ledger:
    """The :class:`Ledger` of ``role`` from a school's current and planned hours (``"role|task"`` keys)."""
    prefix = f"{role}|"
    tasks = {key[len(prefix) :] for key in (*before, *after) if key.startswith(prefix)}
    moved = taken = gained = 0.0
    for task in tasks:
        change = after.get(prefix + task, 0.0) - before.get(prefix + task, 0.0)
        if task in priorities:
            gained += change
        elif change < 0:
            moved -= change
        else:
            taken += change
    moved, taken, gained = round(moved, 2), round(taken, 2), round(gained, 2)
    return Ledger(moved, round(gained - moved + taken, 2), taken, gained)


def total(ledgers: list[Ledger]) -> Ledger:
    """Several schools' ledgers summed (each figure rounded again)."""
    return Ledger(*(round(sum(figures), 2) for figures in zip(*(item.as_list() for item in ledgers), strict=True)))
