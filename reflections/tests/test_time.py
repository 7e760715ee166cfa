"""The time table's arithmetic: worked examples and hypothesis properties (no database)."""

from __future__ import annotations

import doctest
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


weeks = st.builds(
    week_hours,
    st.sampled_from([D("35"), D("37.5"), D("40"), D("42.5")]),
    st.integers(1, 100).map(lambda n: D(n) / 100),
)
hundredths = st.integers(0, 10000).map(lambda n: D(n) / 100)


def split(total_hundredths: int, cuts: list[int]) -> list[Decimal]:
    """Cut ``total_hundredths`` at ``cuts``: the pieces, in units (two decimals), add up to the total."""
    bounds = [0, *sorted(c % (total_hundredths + 1) for c in cuts), total_hundredths]
    return [D(b - a) / 100 for a, b in zip(bounds, bounds[1:], strict=False)]


@given(week=weeks, percent=hundredths)
def test_percent_to_hours_and_back_returns_the_input_within_rounding(week, percent):
    back = hours_to_percent(percent_to_hours(percent, week), week)
    # Hours are kept to 0.01 h, i.e. at most 0.005 h off: in percent that is 0.5 / week.
    assert abs(back - percent) <= D("0.5") / week + D("0.005")


@given(fte=st.integers(10, 100), cuts=st.lists(st.integers(0, 10**6), max_size=8))
def test_hours_that_fill_the_week_convert_to_a_column_that_adds_up(fte, cuts):
    week = week_hours(D("40"), D(fte) / 100)
    assert week is not None
    percents = [hours_to_percent(h, week) for h in split(int(week * 100), cuts)]
    assert adds_up(column_total(percents))


@given(cuts=st.lists(st.integers(0, 10**6), max_size=11))
def test_a_valid_table_totals_100_and_has_no_problem(cuts):
    column = split(10000, cuts)
    assert column_total(column) == 100
    assert column_problem("Ideal", column) is None


@given(gap=st.integers(51, 5000).flatmap(lambda n: st.sampled_from([D(n) / 100, -D(n) / 100])))
def test_a_column_off_by_more_than_half_a_point_always_has_a_problem_naming_the_gap(gap):
    problem = column_problem("Current", [D("100") + gap])
    assert problem is not None
    assert ("short of" in problem) == (gap < 0)
    assert time._number(abs(gap)) in problem
