"""The tally of a poll and the best times first: pure, no database."""

from __future__ import annotations

import datetime as dt

from checkins.polls import cadence_presets, ranked, tally

MON = dt.datetime(2027, 1, 11, 21, 30, tzinfo=dt.UTC)
TUE = dt.datetime(2027, 1, 12, 21, 30, tzinfo=dt.UTC)
WED = dt.datetime(2027, 1, 13, 21, 30, tzinfo=dt.UTC)
THU = dt.datetime(2027, 1, 14, 21, 30, tzinfo=dt.UTC)


def counts(tallies):
    return [(t.option_id, t.yes, t.maybe, t.no) for t in tallies]


def test_the_tally_counts_yes_if_need_be_and_no_per_time_in_the_order_of_the_times():
    answers = [(1, "yes"), (1, "no"), (2, "maybe"), (2, "yes"), (2, "yes"), (3, "no")]
    assert counts(tally([(1, MON), (2, TUE), (3, WED)], answers)) == [(1, 1, 0, 1), (2, 2, 1, 0), (3, 0, 0, 1)]


def test_a_time_nobody_answered_counts_zero_and_stray_answers_are_ignored():
    assert counts(tally([(1, MON)], [(9, "yes"), (1, "perhaps")])) == [(1, 0, 0, 0)]


def test_the_time_with_most_yes_comes_first():
    tallies = tally([(1, MON), (2, TUE)], [(1, "yes"), (2, "yes"), (2, "yes")])
    assert [t.option_id for t in ranked(tallies)] == [2, 1]


def test_with_as_many_yes_the_time_more_can_come_to_if_need_be_comes_first():
    tallies = tally([(1, MON), (2, TUE)], [(1, "yes"), (1, "no"), (2, "yes"), (2, "maybe")])
    assert [t.option_id for t in ranked(tallies)] == [2, 1]


def test_with_as_many_who_can_come_the_time_with_fewer_no_comes_first():
    tallies = tally([(1, MON), (2, TUE)], [(1, "yes"), (1, "no"), (1, "no"), (2, "yes"), (2, "no")])
    assert [t.option_id for t in ranked(tallies)] == [2, 1]


def test_a_tie_goes_to_the_earliest_time():
    tallies = tally([(3, WED), (1, MON), (2, TUE)], [(3, "yes"), (1, "yes"), (2, "yes")])
    assert [t.option_id for t in ranked(tallies)] == [1, 2, 3]


def test_the_docstring_example_ranks_most_yes_then_most_who_can_come():
    answers = [(1, "yes")] * 3 + [(1, "no")] * 2 + [(2, "yes")] * 3 + [(2, "maybe"), (2, "no")]
    answers += [(3, "yes")] * 4 + [(3, "no")]
    assert [t.option_id for t in ranked(tally([(1, MON), (2, TUE), (3, THU)], answers))] == [3, 2, 1]


def test_the_cadences_offered_keep_the_weekday_of_the_picked_time():
    presets = dict(cadence_presets(dt.date(2027, 1, 12)))
    assert presets["FREQ=MONTHLY;BYDAY=2TU"] == "Monthly, on the 2nd Tuesday"
    assert presets["FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU"] == "Quarterly, on the 2nd Tuesday"
    assert "FREQ=WEEKLY;INTERVAL=2" in presets


def test_a_fifth_weekday_becomes_the_last_of_the_month():
    assert cadence_presets(dt.date(2027, 1, 29))[0] == ("FREQ=MONTHLY;BYDAY=-1FR", "Monthly, on the last Friday")
