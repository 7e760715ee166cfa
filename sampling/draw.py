"""Drawing the moments of a study: pure, reproducible from a seed, no Django.

A *moment* is one person × one minute of their working time. Each role is drawn
on its own (a stratum, like a Medicaid cost pool), so that each role gets the
precision asked for: within a role every working minute of every participant
has the same chance, and no minute is drawn twice.

The working minutes of a role are laid end to end — person by person (in the
order given), school day by school day, minute by minute from the start of the
person's hours — and numbered 0 … M − 1. ``random.Random(seed).sample`` picks
n distinct numbers, and each number is turned back into a person, a day and a
minute. Example: two people, Ana 8:00–8:03 (3 minutes a day) and Ben
9:00–9:02 (2 minutes), on two school days (Mon, Tue)::

    number   0     1     2     3     4     5     6     7     8     9
    person   Ana   Ana   Ana   Ana   Ana   Ana   Ben   Ben   Ben   Ben
    day      Mon   Mon   Mon   Tue   Tue   Tue   Mon   Mon   Tue   Tue
    time     8:00  8:01  8:02  8:00  8:01  8:02  9:00  9:01  9:00  9:01

Number 7 is Ben on Monday at 9:01. The same seed, people, hours and days give
the same moments, so anyone can re-run a draw to audit it
(:func:`draw_study`). Roles are drawn one after another from one generator, in
the order given.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Worker:
    """A participant's working hours on each school day, as minutes after midnight (``ends`` excluded).

    7:30–15:30 is ``Worker(key, 450, 930)``: 480 working minutes a day.
    """

    key: int
    starts: int
    ends: int

    @property
    def minutes_a_day(self) -> int:
        return max(0, self.ends - self.starts)


@dataclass(frozen=True)
class Stratum:
    """A role's participants and how many moments to draw among their working minutes."""

    key: int
    workers: Sequence[Worker]
    moments: int


@dataclass(frozen=True)
class Moment:
    """A drawn moment: who (``worker``'s key), which role (``stratum``), the school day and the wall-clock minute."""

    stratum: int
    worker: int
    day: dt.date
    minute: int

    @property
    def clock(self) -> dt.time:
        """The wall-clock time: minute 642 is 10:42."""
        return dt.time(self.minute // 60, self.minute % 60)


def working_minutes(workers: Sequence[Worker], days: int) -> int:
    """Every working minute of ``workers`` over ``days`` school days: Ana (3 a day) and Ben (2) over 2 days = 10.

    >>> working_minutes([Worker(1, 480, 483), Worker(2, 540, 542)], 2)
    10
    """
    return sum(w.minutes_a_day for w in workers) * days


def draw_stratum(rng: random.Random, stratum: Stratum, days: Sequence[dt.date]) -> list[Moment]:
    """``stratum.moments`` distinct moments, uniform over its working minutes, in time order per person.

    Raises ``ValueError`` when there are fewer working minutes than moments wanted.

    >>> days = [dt.date(2027, 1, 4), dt.date(2027, 1, 5)]
    >>> people = [Worker(1, 480, 483), Worker(2, 540, 542)]
    >>> drawn = draw_stratum(random.Random(7), Stratum(9, people, 3), days)
    >>> [(m.worker, m.day.day, m.clock.isoformat("minutes")) for m in drawn]
    [(1, 4, '08:02'), (1, 5, '08:02'), (2, 4, '09:00')]
    """
    total = working_minutes(stratum.workers, len(days))
    if stratum.moments > total:
        raise ValueError(f"{stratum.moments} moments wanted but only {total} working minutes.")
    starts: list[int] = []  # the number of each worker's first minute
    offset = 0
    for worker in stratum.workers:
        starts.append(offset)
        offset += worker.minutes_a_day * len(days)
    moments = []
    for number in sorted(rng.sample(range(total), stratum.moments)):
        index = bisect.bisect_right(starts, number) - 1
        worker = stratum.workers[index]
        day, minute = divmod(number - starts[index], worker.minutes_a_day)
        moments.append(Moment(stratum.key, worker.key, days[day], worker.starts + minute))
    return moments


def draw_study(seed: int, strata: Sequence[Stratum], days: Sequence[dt.date]) -> list[Moment]:
    """Every role's moments, drawn one role after another from ``random.Random(seed)``."""
    rng = random.Random(seed)
    moments: list[Moment] = []
    for stratum in strata:
        moments.extend(draw_stratum(rng, stratum, days))
    return moments


def new_seed() -> int:
    """A fresh seed for a draw (recorded on the study so that the draw can be re-run)."""
    return random.SystemRandom().randrange(1, 2**62)
