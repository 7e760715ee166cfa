"""A study's results from counted moments: pure, no database (``sampling.results`` counts them).

For each group (the district, a role, a school) the moments drawn, answered,
late, expired and still open, the response rate against 85%, and — unless the
group has fewer people than the district's minimum — the share of working
moments per task type with its 95% interval (``sampling.stats``).

Shares are of **working** moments: "not working" answers (outside hours,
leave) are left out of the denominator; unanswered moments are never imputed.
A worked example, one role, 200 answered moments: 180 working, 45 of them on
Assessment → 45 / 180 = 25% (Wilson 95%: 19.2% to 31.8%).

Each role is drawn on its own, so a group mixing roles weights each answered
moment by the working minutes it stands for: role minutes ÷ the role's
answered moments (``stats.weighted_share``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from sampling import stats

DIRECT_AND_INDIRECT = ("direct", "indirect")


@dataclass
class Counts:
    """Moments of one role in one group, by what became of them; ``hits`` = working answers per task type."""

    drawn: int = 0
    due: int = 0
    answered: int = 0
    late: int = 0
    expired: int = 0
    working: int = 0
    hits: dict[int, int] = field(default_factory=dict)

    @property
    def open(self) -> int:
        """Moments whose time has come, neither answered nor expired yet."""
        return self.due - self.answered - self.expired

    def add(self, other: Counts) -> Counts:
        self.drawn += other.drawn
        self.due += other.due
        self.answered += other.answered
        self.late += other.late
        self.expired += other.expired
        self.working += other.working
        for key, value in other.hits.items():
            self.hits[key] = self.hits.get(key, 0) + value
        return self


@dataclass(frozen=True)
class TaskType:
    key: int
    name: str
    service_kind: str


@dataclass(frozen=True)
class Share:
    task_type: TaskType
    moments: int
    interval: stats.Interval | None


@dataclass
class Group:
    """One group's figures; ``shares`` and ``services`` are empty when ``hidden``."""

    key: int | None
    name: str
    people: int
    counts: Counts
    hidden: bool = False
    shares: list[Share] = field(default_factory=list)
    services: stats.Interval | None = None

    @property
    def response_rate(self) -> Fraction | None:
        return stats.response_rate(self.counts.answered, self.counts.due)

    @property
    def response_percent(self) -> float | None:
        rate = self.response_rate
        return None if rate is None else round(float(rate) * 100, 1)

    @property
    def valid(self) -> bool:
        return stats.is_valid(self.response_rate)

    @property
    def waiting(self) -> int:
        """Moments whose time has come, neither answered nor expired yet."""
        return self.counts.open


def weights(minutes: Mapping[int, int], answered: Mapping[int, int]) -> dict[int, float]:
    """Minutes each answered moment of a role stands for: a role with 96,000 minutes and 400 answers, 240.

    >>> weights({1: 96_000, 2: 48_000}, {1: 400, 2: 400})
    {1: 240.0, 2: 120.0}
    """
    return {role: minutes[role] / answered[role] for role in minutes if answered.get(role)}


def group_figures(
    key: int | None,
    name: str,
    people: int,
    by_role: Mapping[int, Counts],
    role_weights: Mapping[int, float],
    task_types: Sequence[TaskType],
    *,
    hidden: bool = False,
    confidence: int = 95,
) -> Group:
    """A group's figures from its counts per role (``hidden``: counts only).

    >>> tt = [TaskType(1, "Assessment", "direct"), TaskType(2, "Non-counseling duties", "non_counseling")]
    >>> counts = Counts(due=200, answered=200, working=180, hits={1: 45, 2: 135})
    >>> g = group_figures(None, "District", 6, {7: counts}, {7: 1.0}, tt)
    >>> [s.interval.percent for s in g.shares], g.services.percent
    ([(25.0, 19.2, 31.8), (75.0, 68.2, 80.8)], (25.0, 19.2, 31.8))
    """
    total = Counts()
    for counts in by_role.values():
        total.add(counts)
    group = Group(key, name, people, total, hidden=hidden)
    if hidden:
        return group

    def strata(keys: Iterable[int]) -> list[stats.Stratum]:
        wanted = set(keys)
        return [
            stats.Stratum(role_weights.get(role, 0.0), c.working, sum(n for t, n in c.hits.items() if t in wanted))
            for role, c in by_role.items()
            if role_weights.get(role)
        ]

    for task_type in task_types:
        interval = stats.weighted_share(strata([task_type.key]), confidence)
        group.shares.append(Share(task_type, total.hits.get(task_type.key, 0), interval))
    services = [t.key for t in task_types if t.service_kind in DIRECT_AND_INDIRECT]
    group.services = stats.weighted_share(strata(services), confidence)
    return group


def hidden_groups(
    people: Mapping[Any, int], minimum: int, *, unpublished: Iterable = (), hidden_before: Iterable = ()
) -> set:
    """The groups of one line (groups that add up to a shown total) to hide: those with fewer than
    ``minimum`` people, the ``unpublished`` ones (never shown, e.g. people without a school), those
    ``hidden_before``, and then the smallest shown ones until the hidden groups together count no one
    or at least ``minimum`` people — the total minus the shown groups is then never a small group.

    >>> sorted(hidden_groups({1: 3, 2: 12, 3: 8, 4: 20}, 5))   # school 1 alone would be district − the rest
    [1, 3]
    >>> sorted(hidden_groups({1: 3, 2: 4, 3: 8}, 5))           # 3 + 4 people: already 7 together
    [1, 2]
    >>> sorted(hidden_groups({1: 1, 2: 1, 3: 6, 4: 9}, 5))     # 1 + 1 would be a group of 2
    [1, 2, 3]
    >>> sorted(hidden_groups({1: 6, 2: 7, None: 2}, 5, unpublished=[None]), key=repr)  # the 2 unpublished count
    [1, None]
    """
    hidden = {key for key, n in people.items() if n < minimum}
    hidden |= set(unpublished) & people.keys()
    hidden |= set(hidden_before) & people.keys()
    while 0 < sum(people[key] for key in hidden) < minimum:
        shown = sorted((people[key], repr(key), key) for key in people if key not in hidden)
        if not shown:
            break  # every group is hidden: the total itself is below the minimum and hidden
        hidden.add(shown[0][2])
    return hidden
