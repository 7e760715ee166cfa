"""The time table's arithmetic: worked examples and seeded random properties (no database)."""

from __future__ import annotations

import doctest
import random
from decimal import Decimal

import pytest

from reflections import time
from reflections.time import (
    NoWeekError,
    adds_up,
    column_problem,
    column_total,
    compare,
    hours_to_percent,
    percent_to_hours,
    running_total,
    week_hours,
)

D = Decimal
SEEDS = range(20)


def test_the_docstring_examples_hold():
    failures, _ = doctest.testmod(time)
    assert failures == 0


def test_a_full_time_week_is_the_districts_hours_per_fte():
    assert week_hours(D("40"), D("1.00")) == D("40.0")
    assert week_hours(D("37.5"), D("0.5")) == D("18.8")  # 18.75 rounds half up to one decimal


def test_someone_without_fte_has_no_week_and_hours_are_refused():
    assert week_hours(D("40"), D("0")) is None
    assert week_hours(D("40"), None) is None
    with pytest.raises(NoWeekError, match="without an FTE"):
        hours_to_percent(D("5"), None)
    with pytest.raises(NoWeekError):
        percent_to_hours(D("5"), None)


def test_ten_hours_of_a_forty_hour_week_is_a_quarter():
    assert hours_to_percent(D("10"), D("40")) == D("25.00")
    assert percent_to_hours(D("25"), D("40")) == D("10.00")


def test_an_empty_column_has_no_total_and_counts_as_adding_up():
    assert column_total([None, None]) is None
    assert adds_up(None)
    assert column_problem("Ideal", [None, None]) is None


def test_a_column_short_of_100_says_by_how_much():
    assert column_problem("Ideal", [D("50"), D("40")]) == "Ideal adds up to 90% — 10 points short of 100%"


def test_a_column_over_100_says_by_how_much():
    assert column_problem("Current", [D("60"), D("41")]) == "Current adds up to 101% — 1 point over 100%"


def test_half_a_point_of_rounding_is_tolerated():
    assert column_problem("Ideal", [D("33.33"), D("33.33"), D("33.34")]) is None
    assert column_problem("Ideal", [D("99.5")]) is None
    assert column_problem("Ideal", [D("99.49")]) == "Ideal adds up to 99.49% — 0.51 points short of 100%"


def test_running_totals_read_the_same_in_percent_and_in_hours():
    assert running_total(D("100")) == "100% — adds up"
    assert running_total(D("36"), hours_week=D("40")) == "36 of 40 hours (90%) — 10 points short of 100%"
    assert running_total(None) == "empty"


def test_the_comparison_flags_rows_more_than_the_threshold_apart():
    rows = compare(
        [
            ("Assessment", D("20"), D("30"), D("15")),
            ("Non-counseling duties", D("5"), D("25"), D("20")),
            ("Other", None, None, D("10")),
        ],
        D("10"),
    )
    assert [r.differs for r in rows] == [True, False, False]
    assert rows[0].difference_text == "differs by 15 points"
    assert rows[2].difference is None


def test_a_difference_equal_to_the_threshold_is_not_flagged():
    (row,) = compare([("Assessment", None, D("30"), D("20"))], D("10"))
    assert not row.differs


@pytest.mark.parametrize("seed", SEEDS)
def test_percent_to_hours_and_back_returns_the_input_within_rounding(seed):
    rng = random.Random(seed)
    for _ in range(200):
        week = week_hours(D(rng.choice(["35", "37.5", "40", "42.5"])), D(rng.randint(1, 100)) / 100)
        assert week is not None
        percent = D(rng.randint(0, 10000)) / 100
        back = hours_to_percent(percent_to_hours(percent, week), week)
        # Hours are kept to 0.01 h, i.e. at most 0.005 h off: in percent that is 0.5 / week.
        assert abs(back - percent) <= D("0.5") / week + D("0.005"), (percent, week, back)


@pytest.mark.parametrize("seed", SEEDS)
def test_hours_that_fill_the_week_convert_to_a_column_that_adds_up(seed):
    rng = random.Random(seed)
    for _ in range(100):
        week = week_hours(D("40"), D(rng.randint(10, 100)) / 100)
        assert week is not None
        rows = rng.randint(1, 9)
        cuts = sorted(rng.randint(0, int(week * 100)) for _ in range(rows - 1))
        bounds = [0, *cuts, int(week * 100)]
        hours = [D(b - a) / 100 for a, b in zip(bounds, bounds[1:], strict=False)]
        percents = [hours_to_percent(h, week) for h in hours]
        assert adds_up(column_total(percents)), (hours, week, percents)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_valid_random_table_totals_100_and_has_no_problem(seed):
    rng = random.Random(seed)
    for _ in range(100):
        rows = rng.randint(1, 12)
        cuts = sorted(rng.randint(0, 10000) for _ in range(rows - 1))
        bounds = [0, *cuts, 10000]
        column = [D(b - a) / 100 for a, b in zip(bounds, bounds[1:], strict=False)]
        assert column_total(column) == 100
        assert column_problem("Ideal", column) is None


@pytest.mark.parametrize("seed", SEEDS)
def test_a_column_off_by_more_than_half_a_point_always_has_a_problem_naming_the_gap(seed):
    rng = random.Random(seed)
    for _ in range(100):
        gap = D(rng.choice([-1, 1]) * rng.randint(51, 5000)) / 100
        column = [D("100") + gap]
        problem = column_problem("Current", column)
        assert problem is not None
        assert ("short of" in problem) == (gap < 0)
        assert time._number(abs(gap)) in problem
