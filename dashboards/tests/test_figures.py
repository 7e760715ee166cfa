"""The group figures on a tiny hand-computed group: no database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from reflections.figures import (
    ADDED_ROWS,
    GroupSums,
    PersonTime,
    TaskType,
    barrier_counts,
    biggest_gaps,
    school_year_of,
    service_share,
    sums_of,
    task_type_figures,
    trend_point,
)

ASSESSMENT = TaskType(1, "Assessment", "direct")
FAMILY = TaskType(2, "Family care", "indirect")
DUTIES = TaskType(3, "Non-counseling duties", "non_counseling")
ADDED = TaskType(None, ADDED_ROWS)
TYPES = [ASSESSMENT, FAMILY, DUTIES, ADDED]

# Ana: ideal 60/35/5, current 40/30/30; Ben: ideal 50/40/10, current 50/20/20 plus an added row of 10.
ANA = PersonTime({1: D(60), 2: D(35), 3: D(5)}, {1: D(40), 2: D(30), 3: D(30)}, ("duties", "space"))
BEN = PersonTime({1: D(50), 2: D(40), 3: D(10)}, {1: D(50), 2: D(20), 3: D(20), None: D(10)}, ("duties",))
CARA = PersonTime(barrier_kinds=("paperwork",))  # answered the questions but not the time table
LABELS = {"space": "Space", "duties": "Duties and time", "paperwork": "Paperwork and data systems"}


def test_means_and_gaps_per_task_type_divide_by_the_people_who_filled_the_table():
    figures = {f.task_type.name: f for f in task_type_figures(sums_of([ANA, BEN, CARA]), TYPES)}
    assert (figures["Assessment"].ideal, figures["Assessment"].current, figures["Assessment"].gap) == (55, 45, -10)
    assert (figures["Family care"].ideal, figures["Family care"].current) == (D("37.5"), 25)
    assert (figures["Non-counseling duties"].ideal, figures["Non-counseling duties"].current) == (D("7.5"), 25)
    assert figures["Non-counseling duties"].gap == D("17.5")
    assert (figures[ADDED_ROWS].ideal, figures[ADDED_ROWS].current) == (0, 5)


def test_the_added_rows_line_appears_only_when_someone_used_it():
    names = [f.task_type.name for f in task_type_figures(sums_of([ANA]), TYPES)]
    assert ADDED_ROWS not in names


def test_the_direct_and_indirect_share_adds_up_those_service_kinds():
    sums = sums_of([ANA, BEN, CARA])
    # Ideal: (60+35 + 50+40) / 2 = 92.5; current: (40+30 + 50+20) / 2 = 70 — below ASCA's 80.
    assert service_share(sums, TYPES, "ideal") == D("92.5")
    assert service_share(sums, TYPES, "current") == 70
    assert service_share(sums, TYPES, "current", ("non_counseling",)) == 25
    assert service_share(GroupSums(people=3), TYPES, "current") is None


def test_the_biggest_gaps_come_first_whatever_their_sign():
    gaps = biggest_gaps(task_type_figures(sums_of([ANA, BEN]), TYPES), limit=2)
    assert [(g.task_type.name, g.gap) for g in gaps] == [
        ("Non-counseling duties", D("17.5")),
        ("Family care", D("-12.5")),
    ]


def test_barrier_kinds_count_each_person_once_most_named_first():
    sums = sums_of([ANA, BEN, CARA, PersonTime(barrier_kinds=("duties", "duties"))])
    assert barrier_counts(sums, LABELS) == [("Duties and time", 3), ("Space", 1), ("Paperwork and data systems", 1)]


def test_stored_sums_added_together_equal_the_sums_of_everyone():
    together = sums_of([ANA]).add(sums_of([BEN, CARA]))
    assert together == sums_of([ANA, BEN, CARA])


def test_a_trend_point_shows_the_shares_of_a_shown_figure_and_nothing_of_a_hidden_one():
    shown = trend_point("Jul–Sep 2026", sums_of([ANA, BEN]), TYPES)
    assert (shown.label, shown.people, shown.hidden) == ("Jul–Sep 2026", 2, False)
    assert (shown.services_current, shown.non_counseling_current, shown.non_counseling_ideal) == (70, 25, D("7.5"))
    hidden = trend_point("Oct–Dec 2026", None, TYPES)
    assert hidden.hidden is True and hidden.people == 0 and hidden.services_current is None


def test_the_school_year_runs_from_july_to_june():
    assert school_year_of(dt.date(2026, 7, 1)) == 2026
    assert school_year_of(dt.date(2027, 6, 30)) == 2026


def test_the_pure_modules_worked_examples_hold():
    import doctest

    from reflections import figures, periods, suppression

    for module in (figures, periods, suppression):
        assert doctest.testmod(module).failed == 0, module.__name__
