"""Availability polls without a database: the tally per time, the best times first, cadences to pick.

Answers are the values of ``PollAnswer.Answer``: ``"yes"``, ``"maybe"`` (if need be) and ``"no"``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from checkins import recurrence

YES = "yes"
MAYBE = "maybe"
NO = "no"


@dataclass(frozen=True)
class OptionTally:
    """The answers to one proposed time."""

    option_id: int
    starts_at: dt.datetime
    yes: int = 0
    maybe: int = 0
    no: int = 0

    @property
    def can_come(self) -> int:
        """Invitees who can come, gladly or if need be."""
        return self.yes + self.maybe

    @property
    def score(self) -> float:
        """Yes counts 1 and if need be ½: 3 yes and 1 if need be score 3.5."""
        return self.yes + self.maybe / 2


def tally(options: Sequence[tuple[int, dt.datetime]], answers: Iterable[tuple[int, str]]) -> list[OptionTally]:
    """Count the yes / if need be / no answers of each option, in the order of ``options``.

    ``options`` are ``(option id, start)``; ``answers`` are ``(option id, answer)``.
    Answers to an option not listed are ignored.

    >>> t = tally([(1, dt.datetime(2027, 1, 5)), (2, dt.datetime(2027, 1, 6))], [(1, "yes"), (1, "no"), (2, "maybe")])
    >>> [(x.option_id, x.yes, x.maybe, x.no) for x in t]
    [(1, 1, 0, 1), (2, 0, 1, 0)]
    """
    counts: dict[int, dict[str, int]] = {pk: {YES: 0, MAYBE: 0, NO: 0} for pk, _ in options}
    for option_id, answer in answers:
        if option_id in counts and answer in counts[option_id]:
            counts[option_id][answer] += 1
    return [OptionTally(pk, starts_at, **counts[pk]) for pk, starts_at in options]


def ranking_key(t: OptionTally) -> tuple[float, int, int, dt.datetime]:
    """Best first: the highest score (yes 1, if need be ½), then most yes, then fewest no, then the earliest."""
    return (-t.score, -t.yes, t.no, t.starts_at)


def ranked(tallies: Iterable[OptionTally]) -> list[OptionTally]:
    """The options best first (see :func:`ranking_key`).

    With A = 3 yes, 0 maybe, 2 no (score 3); B = 3 yes, 1 maybe, 1 no (3.5); C = 4 yes, 0 maybe,
    1 no (4), the order is C, B, A. With D = 2 yes, 3 maybe (3.5) and E = 3 yes, 1 maybe (3.5),
    E comes first: the same score, more yes.
    """
    return sorted(tallies, key=ranking_key)


def cadence_presets(first: dt.date) -> list[tuple[str, str]]:
    """Recurrence rules that keep ``first``'s weekday, with labels, monthly first (rules from ``checkins.recurrence``).

    For Tuesday 12 January 2027: monthly on the 2nd Tuesday (``FREQ=MONTHLY;BYDAY=2TU``),
    quarterly on the 2nd Tuesday (``FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU``), every two weeks and
    every week on Tuesday.
    """
    day = recurrence.WEEKDAY_NAMES[first.weekday()]
    on_the = recurrence.describe_day(recurrence.monthly_rule(first))
    return [
        (recurrence.monthly_rule(first), f"Monthly, {on_the}"),
        (recurrence.monthly_rule(first, interval=3), f"Quarterly, {on_the}"),
        (recurrence.weekly_rule(2), f"Every two weeks, on {day}"),
        (recurrence.weekly_rule(1), f"Every week, on {day}"),
    ]
