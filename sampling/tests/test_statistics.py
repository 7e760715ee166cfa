"""The statistics core, checked by simulation and by the formulas' worked examples (no database)."""

from __future__ import annotations

import datetime as dt
import doctest
import math
import random
from collections import Counter
from fractions import Fraction
from statistics import NormalDist

import pytest

from sampling import draw, figures, hooks, published, school_days, sizing, stats
from sampling.draw import Stratum, Worker, draw_stratum, draw_study

DAYS = [
    dt.date(2027, 1, 4) + dt.timedelta(days=i)
    for i in range(14)
    if (dt.date(2027, 1, 4) + dt.timedelta(days=i)).weekday() < 5
]


@pytest.mark.parametrize("module", [stats, draw, figures, published, school_days, sizing, hooks])
def test_the_worked_examples_in_the_docstrings_hold(module):
    failed, attempted = doctest.testmod(module)
    assert attempted > 0 and failed == 0


def test_the_classic_sample_size_is_2213_moments_and_2435_with_oversampling():
    assert round(1.96**2 * 0.36 * 0.64 / 0.02**2, 2) == 2212.76
    assert stats.moments_needed("0.02", 95, "0.36") == 2213
    assert stats.with_oversampling(2213, 10) == 2435


@pytest.mark.parametrize(
    ("margin", "confidence", "p", "expected"),
    [("0.05", 95, "0.5", 385), ("0.05", 90, "0.5", 271), ("0.03", 95, "0.5", 1068), ("0.1", 99, "0.2", 107)],
)
def test_the_sample_size_matches_the_formula(margin, confidence, p, expected):
    z = float(stats.Z_SCORES[confidence])
    assert stats.moments_needed(margin, confidence, p) == math.ceil(
        z * z * float(p) * (1 - float(p)) / float(margin) ** 2
    )
    assert stats.moments_needed(margin, confidence, p) == expected


def test_a_margin_outside_0_and_1_is_refused():
    with pytest.raises(ValueError, match="between 0 and 1"):
        stats.moments_needed(0)


def test_the_wilson_interval_matches_its_formula():
    interval = stats.wilson(36, 100)
    z, n, p = 1.96, 100, 0.36
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    assert (interval.low, interval.high) == pytest.approx((centre - half, centre + half))
    assert stats.wilson(0, 0) is None


TRUE_SHARES = [0.36, 0.22, 0.12, 0.30]


def _simulate_answers(rng: random.Random, n: int, shares: list[float]) -> Counter:
    return Counter(rng.choices(range(len(shares)), weights=shares, k=n))


def test_95_intervals_cover_the_true_share_in_92_to_98_percent_of_300_studies():
    rng = random.Random(19)
    studies, covered = 300, Counter()
    for _ in range(studies):
        answers = _simulate_answers(rng, 385, TRUE_SHARES)
        for key, true in enumerate(TRUE_SHARES):
            interval = stats.wilson(answers[key], 385)
            covered[key] += interval.low <= true <= interval.high
    for key in range(len(TRUE_SHARES)):
        assert 0.92 <= covered[key] / studies <= 0.98, (key, covered[key])


def test_weighted_intervals_over_two_roles_cover_the_district_share_in_92_to_98_percent_of_300_studies():
    """Counselors (300,000 working minutes, 40% on the task type) and psychologists (100,000 minutes, 10%),
    each drawn on its own with 400 moments: the district's true share is (0.4·3 + 0.1·1) / 4 = 32.5%."""
    rng = random.Random(2027)
    minutes = {1: 300_000, 2: 100_000}
    true = {1: 0.40, 2: 0.10}
    district = sum(minutes[r] * true[r] for r in minutes) / sum(minutes.values())
    studies, covered = 300, 0
    for _ in range(studies):
        strata = []
        for role in minutes:
            answered = 400 - rng.randrange(0, 40)  # some go unanswered
            hits = sum(rng.random() < true[role] for _ in range(answered))
            strata.append(stats.Stratum(minutes[role] / answered, answered, hits))
        interval = stats.weighted_share(strata)
        covered += interval.low <= district <= interval.high
    assert 0.92 <= covered / studies <= 0.98, covered


def _chi_square_critical(df: int, alpha: float = 0.001) -> float:
    """Wilson–Hilferty: the chi-square quantile from the normal one (good to a few tenths for df ≥ 30)."""
    z = NormalDist().inv_cdf(1 - alpha)
    return df * (1 - 2 / (9 * df) + z * math.sqrt(2 / (9 * df))) ** 3


def test_the_draw_is_uniform_over_working_minutes():
    """30,000 moments over 40 people with four kinds of hours: the count in each person × day × half-hour
    cell follows its number of minutes — chi-square below the 0.1% critical value."""
    hours = [(450, 930), (480, 720), (420, 900), (600, 660)]
    workers = [Worker(k, *hours[k % 4]) for k in range(40)]
    total = draw.working_minutes(workers, len(DAYS))
    moments = draw_stratum(random.Random(5), Stratum(1, workers, 30_000), DAYS)
    assert len({(m.worker, m.day, m.minute) for m in moments}) == 30_000  # no minute twice
    cells: Counter = Counter(
        (m.worker, m.day, (m.minute - next(w.starts for w in workers if w.key == m.worker)) // 30) for m in moments
    )
    expected_per_minute = 30_000 / total
    chi = 0.0
    cell_count = 0
    for worker in workers:
        for day in DAYS:
            for block in range(math.ceil(worker.minutes_a_day / 30)):
                width = min(30, worker.minutes_a_day - block * 30)
                expected = width * expected_per_minute
                chi += (cells[(worker.key, day, block)] - expected) ** 2 / expected
                cell_count += 1
    assert chi < _chi_square_critical(cell_count - 1), (chi, cell_count)
    # and not suspiciously perfect either (a draw that spaced moments evenly would pass the test above)
    assert chi > (cell_count - 1) / 2


def test_no_moment_falls_outside_working_hours_or_school_days():
    workers = [Worker(1, 450, 930), Worker(2, 540, 600)]
    moments = draw_stratum(random.Random(11), Stratum(1, workers, 5_000), DAYS)
    hours = {w.key: (w.starts, w.ends) for w in workers}
    for moment in moments:
        starts, ends = hours[moment.worker]
        assert starts <= moment.minute < ends
        assert moment.day in DAYS and moment.day.weekday() < 5


def test_the_same_seed_gives_the_same_moments_and_another_seed_others():
    strata = [Stratum(1, [Worker(1, 450, 930), Worker(2, 450, 930)], 50), Stratum(2, [Worker(3, 480, 900)], 30)]
    first = draw_study(42, strata, DAYS)
    assert draw_study(42, strata, DAYS) == first
    assert draw_study(43, strata, DAYS) != first
    assert Counter(m.stratum for m in first) == {1: 50, 2: 30}


def test_more_moments_than_working_minutes_is_refused():
    with pytest.raises(ValueError, match="only 20 working minutes"):
        draw_stratum(random.Random(1), Stratum(1, [Worker(1, 480, 490)], 21), DAYS[:2])


def test_planning_share_takes_the_share_closest_to_a_half():
    assert stats.planning_share([0.1, 0.45, 0.7]) == Fraction("0.45")
    assert stats.moments_needed("0.05", 95, stats.planning_share([0.1, 0.2])) == 246


def test_a_single_hidden_school_also_hides_the_next_smallest():
    assert figures.hidden_groups({1: 6, 2: 7, 3: 2}, 5) == {3, 1}
    assert figures.hidden_groups({1: 6, 2: 7}, 5) == set()
    assert figures.hidden_groups({1: 6, 2: 0}, 5) == {2}  # an empty group reveals nothing


def test_hidden_groups_of_one_line_together_count_no_one_or_at_least_the_minimum():
    assert figures.hidden_groups({1: 1, 2: 1, 3: 6, 4: 9}, 5) == {1, 2, 3}  # 1 + 1 alone: a group of 2
    assert figures.hidden_groups({1: 2, 2: 3, 3: 6}, 5) == {1, 2}  # 2 + 3: already 5 together
    assert figures.hidden_groups({1: 6, 2: 7, None: 2}, 5, unpublished=[None]) == {None, 1}
    assert figures.hidden_groups({1: 9, 2: 9}, 5, hidden_before=[2]) == {2}


def test_on_random_tables_the_district_minus_the_shown_groups_is_never_a_small_group():
    """The attacker's estimate on every line of 300 random tables: district − shown roles, district −
    shown schools. Both are no one or at least the minimum, and hiding again with a larger minimum
    only hides more."""
    rng = random.Random(11)
    for _ in range(300):
        minimum = rng.choice([5, 6, 10])
        cells = [
            published.Cell(role, school, rng.choice([0, 1, 1, 2, 3, 4, 5, 8, 13]), figures.Counts())
            for role in range(rng.randint(1, 4))
            for school in [*range(rng.randint(1, 6)), None]
            if rng.random() < 0.7
        ]
        hidden = published.hidden_entries(cells, minimum)
        total = sum(cell.people for cell in cells)
        if published.DISTRICT in hidden:
            assert total < minimum
            continue
        for kind, of in (("role", lambda cell: cell.role), ("school", lambda cell: cell.school)):
            shown = sum(cell.people for cell in cells if of(cell) is not None and (kind, of(cell)) not in hidden)
            assert total - shown == 0 or total - shown >= minimum, (kind, cells, hidden)
        assert hidden <= published.hidden_entries(cells, minimum + 3, hidden_before=hidden)
