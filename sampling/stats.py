"""The statistics of a random moment time study: pure functions, no Django, no database.

A study asks people what they were doing at random minutes of their working
time; the share of moments spent on a task type estimates the share of time.
Three formulas carry it:

- **How many moments** (:func:`moments_needed`): n = z² · p(1 − p) / e², rounded
  up, then :func:`with_oversampling` adds a share for moments nobody answers.
  The classic example: ±2 points (e = 0.02) at 95% (z = 1.96) with p = 0.36 is
  1.96² × 0.36 × 0.64 / 0.02² = 3.8416 × 0.2304 / 0.0004 = 2,212.76 → **2,213**
  moments; with 10% oversampling 2,213 × 1.1 = 2,434.3 → **2,435** drawn.
- **How sure** (:func:`wilson`): the Wilson score interval of a share. For 36
  moments of 100 at 95%: centre (0.36 + 1.96²/200) / (1 + 1.96²/100) = 0.3652,
  half-width 1.96 / 1.0384 × √(0.36 × 0.64 / 100 + 1.96²/40,000) = 0.0925, so
  **27.3% to 45.8%** (a plain ±1.96·√(p(1−p)/n) would say 26.6% to 45.4%; Wilson
  stays inside 0..1 and keeps its 95% for small groups and shares near 0 or 1).
- **Groups that mix roles** (:func:`weighted_share`): each role is drawn on its
  own (its own precision), so a moment of a small role stands for fewer minutes
  than one of a large role. Each answered moment is weighted by the minutes it
  stands for; the interval is Wilson's with Kish's effective number of moments
  (Σw)² / Σw². With one role every weight is equal and it is the plain Wilson
  interval.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

Z_SCORES = {90: Fraction("1.645"), 95: Fraction("1.96"), 99: Fraction("2.576")}
"""Two-sided normal quantiles for the confidence levels a study may ask for (percent → z)."""

WORST_CASE = Fraction(1, 2)
"""p = 0.5 makes p(1 − p) largest: the sample size that is enough whatever the shares turn out to be."""

VALID_RESPONSE_RATE = Fraction(85, 100)
"""A study's figures are valid only when at least 85% of its moments (whose time has come) were answered."""

ASCA_TARGET = Fraction(80, 100)
"""ASCA: at least 80% of a school counselor's time on direct and indirect student services."""


def z_score(confidence: int) -> Fraction:
    """The z of a confidence level in percent: ``z_score(95)`` is 1.96."""
    try:
        return Z_SCORES[confidence]
    except KeyError:
        raise ValueError(f"Confidence must be one of {sorted(Z_SCORES)}, not {confidence}.") from None


def moments_needed(margin: Fraction | float | str, confidence: int = 95, p: Fraction | float | str = WORST_CASE) -> int:
    """Moments needed for a share to be known within ±``margin`` (a fraction: 0.05 is ±5 points).

    n = z² · p(1 − p) / e², rounded up; exact arithmetic, so a whole result is not pushed up by rounding.

    >>> moments_needed("0.02", 95, "0.36")   # 3.8416 × 0.2304 / 0.0004 = 2,212.76
    2213
    >>> moments_needed("0.05")               # 3.8416 × 0.25 / 0.0025 = 384.16
    385
    >>> moments_needed("0.05", 99)           # 2.576² × 0.25 / 0.0025 = 663.58
    664
    """
    e, share = Fraction(str(margin)), Fraction(str(p))
    if not 0 < e < 1:
        raise ValueError("The margin must be between 0 and 1 (0.05 is ±5 points).")
    if not 0 < share < 1:
        share = WORST_CASE
    z = z_score(confidence)
    return math.ceil(z * z * share * (1 - share) / (e * e))


def with_oversampling(needed: int, percent: int | Fraction = 10) -> int:
    """``needed`` plus ``percent`` more for moments that go unanswered, rounded up.

    >>> with_oversampling(2213)   # 2,213 × 1.1 = 2,434.3
    2435
    >>> with_oversampling(385, 0)
    385
    """
    return math.ceil(needed * (1 + Fraction(percent) / 100))


def planning_share(shares: Iterable[Fraction | float]) -> Fraction:
    """The p to size a study with from a previous study's shares: the one closest to 0.5 (largest p(1 − p)).

    Sizing for that share makes every other share at least as precise. Without shares, the worst case 0.5.

    >>> planning_share([0.10, 0.36, 0.22])
    Fraction(9, 25)
    >>> planning_share([])
    Fraction(1, 2)
    """
    candidates = [Fraction(str(s)) for s in shares if 0 < s < 1]
    if not candidates:
        return WORST_CASE
    return min(candidates, key=lambda s: abs(s - WORST_CASE))


@dataclass(frozen=True)
class Interval:
    """A share with its confidence interval, all as fractions of 1."""

    share: float
    low: float
    high: float

    @property
    def percent(self) -> tuple[float, float, float]:
        """``(share, low, high)`` in percent, one decimal.

        ``Interval(0.36, 0.2727, 0.4577).percent`` is (36.0, 27.3, 45.8).
        """
        return (round(self.share * 100, 1), round(self.low * 100, 1), round(self.high * 100, 1))


def wilson(hits: float, n: float, confidence: int = 95, share: float | None = None) -> Interval | None:
    """The Wilson score interval of ``hits`` out of ``n`` (``None`` when ``n`` is 0).

    centre = (p̂ + z²/2n) / (1 + z²/n);  half = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²).
    ``share`` overrides p̂ = hits / n (the weighted share of :func:`weighted_share`, with ``n``
    its effective number of moments).

    >>> wilson(36, 100).percent
    (36.0, 27.3, 45.8)
    >>> wilson(0, 20).percent   # none of 20: still up to 16.1%
    (0.0, 0.0, 16.1)
    """
    if n <= 0:
        return None
    z = float(z_score(confidence))
    p = hits / n if share is None else share
    z2n = z * z / n
    centre = (p + z2n / 2) / (1 + z2n)
    half = z / (1 + z2n) * math.sqrt(max(p * (1 - p) / n + z2n / (4 * n), 0.0))
    return Interval(p, max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True)
class Stratum:
    """A role's answered moments in a group: its weight (minutes per answered moment), and counts.

    ``working`` counts answers "I was working"; ``hits`` those of them on the task type (or kind)
    being estimated.
    """

    weight: float
    working: int
    hits: int


def effective_moments(strata: Iterable[Stratum]) -> float:
    """Kish's effective number of moments, (Σw)² / Σw² over the working answers.

    Two roles, 100 moments weighted 1 and 100 weighted 3: (100 + 300)² / (100 + 900) = 160 —
    as informative as 160 equally weighted moments.

    >>> effective_moments([Stratum(1, 100, 0), Stratum(3, 100, 0)])
    160.0
    """
    strata = list(strata)
    total = sum(s.weight * s.working for s in strata)
    squares = sum(s.weight * s.weight * s.working for s in strata)
    return total * total / squares if squares else 0.0


def weighted_share(strata: Iterable[Stratum], confidence: int = 95) -> Interval | None:
    """The share of working time on what ``hits`` counts, over roles drawn separately, with its interval.

    share = Σ wᵣ·hitsᵣ / Σ wᵣ·workingᵣ, interval: Wilson's with the effective number of moments.
    Counselors (weight 1): 30 of 100 on assessment; psychologists (weight 3): 60 of 100. Share
    (30 + 180) / (100 + 300) = 52.5%, effective moments 160:

    >>> weighted_share([Stratum(1, 100, 30), Stratum(3, 100, 60)]).percent
    (52.5, 44.8, 60.1)
    """
    strata = [s for s in strata if s.working]
    total = sum(s.weight * s.working for s in strata)
    if not total:
        return None
    share = sum(s.weight * s.hits for s in strata) / total
    return wilson(0, effective_moments(strata), confidence, share=share)


def response_rate(answered: int, due: int) -> Fraction | None:
    """Answered moments over the moments whose time has come (``None`` before the first one).

    >>> response_rate(1870, 2200)
    Fraction(17, 20)
    """
    return Fraction(answered, due) if due else None


def is_valid(rate: Fraction | None) -> bool:
    """Whether a response rate makes the figures valid (at least 85%): ``is_valid(Fraction(84, 100))`` is False."""
    return rate is not None and rate >= VALID_RESPONSE_RATE
