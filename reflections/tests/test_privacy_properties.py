"""Property tests of the published group figures over random districts and submissions.

For every persona (a district admin sees every entry of a quarter's table; a school leader their
schools' entries) and every count (people, who filled the ideal column, who filled the current one):

- two figures they can obtain are of the same members, or their members differ by at least the
  minimum group size; one figure inside another leaves none or at least the minimum outside it;
- no hidden figure of a small group, and no single person, is a linear combination of the figures
  they can obtain (of the same table: the table is the whole quarter).

First on the pure protection (``reflections.suppression``) with many random tables, then end to end
through the database (``reflections.publication``) with random reflections.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

import numpy as np
import pytest
import time_machine
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflections.periods import parse_quarter
from reflections.suppression import SHOWN, Counts, protect, table_of

ROLES = (1, 2, 3)
SCHOOLS = (10, 20, 30, None)


@dataclass(frozen=True)
class Unit:
    cell: tuple
    number: int
    filled: frozenset


def expand(cells: dict) -> list[Unit]:
    """A unit per person of each cell: the first ``with_ideal`` filled the ideal column, the last
    ``with_current`` the current one."""
    units = []
    for cell, counts in cells.items():
        for number in range(counts.people):
            filled = {"people"}
            if number < counts.with_ideal:
                filled.add("with_ideal")
            if number >= counts.people - counts.with_current:
                filled.add("with_current")
            units.append(Unit(cell, number, frozenset(filled)))
    return units


def in_entry(unit: Unit, key: tuple) -> bool:
    role, school = unit.cell
    kind = key[0]
    if kind == "cell":
        return (role, school) == (key[1], key[2])
    if kind == "role":
        return role == key[1]
    if kind == "school":
        return school == key[1]
    return True


def group(units: list[Unit], key: tuple, measure: str) -> frozenset[Unit]:
    return frozenset(u for u in units if in_entry(u, key) and measure in u.filled)


class Span:
    """The linear combinations of some groups' sums: the figures an attacker has obtained."""

    def __init__(self, rows: list[frozenset], universe: list[Unit]) -> None:
        self.index = {unit: i for i, unit in enumerate(universe)}
        self.size = len(universe)
        matrix = np.zeros((max(len(rows), 1), self.size))
        for r, row in enumerate(rows):
            for unit in row:
                matrix[r, self.index[unit]] = 1.0
        _u, singular, basis = np.linalg.svd(matrix, full_matrices=False)
        self.basis = basis[: int((singular > 1e-9).sum())]

    def contains(self, target: frozenset) -> bool:
        """Whether the sum over ``target`` can be worked out: its indicator lies in the span."""
        if not target:
            return False
        x = np.zeros(self.size)
        for unit in target:
            x[self.index[unit]] = 1.0
        return bool(np.linalg.norm(x - self.basis.T @ (self.basis @ x)) < 1e-7)


def personas_of(states: dict) -> dict[str, list[tuple]]:
    """What each persona can obtain: the admin every shown entry; a leader of school s the shown
    total of s and its cells."""
    shown = [key for key, state in states.items() if state == SHOWN]
    seen = {"admin": shown}
    for school in {key[1] for key in states if key[0] == "school" and key[1] is not None}:
        seen[f"leader of {school}"] = [k for k in shown if (k[0] == "school" and k[1] == school) or k[-1] == school]
    return seen


def check_release(cells: dict, states: dict, minimum: int) -> None:
    """Every property of the module docstring, for every persona and count."""
    universe = expand(cells)
    table = table_of(cells)
    assert set(states) == set(table)
    for persona, keys in personas_of(states).items():
        for measure in ("people", "with_ideal", "with_current"):
            obtained = {key: group(universe, key, measure) for key in keys}
            for (a, first), (b, second) in combinations(obtained.items(), 2):
                if first == second:
                    continue
                if a[0] == b[0]:
                    assert len(first ^ second) >= minimum, (persona, measure, a, b)
                for outer, inner in ((first, second), (second, first)):
                    if inner < outer:
                        assert len(outer - inner) >= minimum, (persona, measure, a, b)
            span = Span([members for members in obtained.values() if members], universe)
            for key, state in states.items():
                hidden = group(universe, key, measure)
                if state != SHOWN and 0 < len(hidden) < minimum:
                    assert not span.contains(hidden), (persona, measure, key)
            for unit in universe:
                if measure in unit.filled:
                    assert not span.contains(frozenset({unit})), (persona, measure, unit)


counts = st.integers(min_value=1, max_value=9).flatmap(
    lambda people: st.builds(
        Counts,
        st.just(people),
        st.integers(min_value=0, max_value=people),
        st.integers(min_value=0, max_value=people),
    )
)
tables = st.dictionaries(st.sampled_from([(r, s) for r in ROLES for s in SCHOOLS]), counts, max_size=12)


@settings(max_examples=300, deadline=None)
@given(cells=tables, minimum=st.integers(min_value=5, max_value=7))
def test_no_small_group_or_person_can_be_worked_out_from_a_protected_table(cells, minimum):
    check_release(cells, protect(cells, minimum), minimum)


@settings(max_examples=100, deadline=None)
@given(cells=tables, minimum=st.integers(min_value=5, max_value=6), more=st.integers(min_value=1, max_value=3))
def test_protecting_again_with_a_larger_minimum_only_hides_more(cells, minimum, more):
    before = protect(cells, minimum)
    after = protect(cells, minimum + more, hidden_before=[k for k, state in before.items() if state != SHOWN])
    assert {k for k, s in after.items() if s == SHOWN} <= {k for k, s in before.items() if s == SHOWN}
    check_release(cells, after, minimum + more)


# --- End to end through the database ------------------------------------------------------------


@pytest.mark.django_db
@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(seed=st.integers(min_value=0, max_value=10**6))
def test_published_figures_of_random_districts_keep_the_properties(seed):
    with transaction.atomic():
        _random_district_round_trip(random.Random(seed))
        transaction.set_rollback(True)


def _random_district_round_trip(rng: random.Random) -> None:
    from dashboards.tests.attacker import members, units
    from reflections.models import Reflection, TimeAllocation
    from reflections.publication import group_figures
    from tests import factories

    district = factories.make_district(f"Random {rng.random()}")
    schools = [factories.make_school(district) for _ in range(rng.randint(2, 3))]
    role_keys = rng.sample(["school-counselor", "school-psychologist", "lcsw"], rng.randint(2, 3))
    categories = list(district.task_categories.order_by("position"))
    quarter = parse_quarter("2026-07")
    for role_key in role_keys:
        for school in [*schools, None]:
            for _ in range(rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 7])):
                person = factories.make_staff(
                    district, role_key=role_key, schools={school: 1} if school else {}, can_log_in=False
                )
                for _time in range(rng.choice([1, 1, 2])):  # some write twice: the latest counts
                    day = quarter.start + dt.timedelta(days=rng.randint(0, 91))
                    reflection = Reflection.objects.create(
                        district=district,
                        author=person,
                        role=person.role,
                        school=school,
                        date=day,
                        status=Reflection.Status.SUBMITTED,
                        submitted_at=dt.datetime.combine(day, dt.time(rng.randint(8, 17)), tzinfo=district.zone),
                        barrier_kinds=rng.sample(["duties", "space", "paperwork"], rng.randint(0, 2)),
                    )
                    columns = rng.choice([(True, True), (True, True), (False, True), (True, False), (False, False)])
                    TimeAllocation.objects.bulk_create(
                        TimeAllocation(
                            district=district,
                            reflection=reflection,
                            category=category,
                            ideal_percent=Decimal(rng.randint(0, 30)) if columns[0] else None,
                            current_percent=Decimal(rng.randint(0, 30)) if columns[1] else None,
                        )
                        for category in categories[:3]
                    )
    roles = sorted({factories.role(district, key).pk for key in role_keys})
    with time_machine.travel(dt.datetime(2026, 11, 28, 15, tzinfo=dt.UTC), tick=False):
        everyone = units(district, quarter)
        cells: dict = {}
        for unit in everyone:
            cell = cells.setdefault((unit.role_id, unit.school_id), [0, 0, 0])
            cell[0] += 1
            cell[1] += "ideal" in unit.filled
            cell[2] += "current" in unit.filled
        states = {}
        for role_id in [None, *roles]:
            for school_id in [None, *(s.pk for s in schools)]:
                figure = group_figures(district, quarter, role_id=role_id, school_id=school_id).total
                group = members(everyone, role_id=role_id, school_id=school_id)
                assert (figure is None) == (not group)
                if figure is None:
                    continue
                key = (
                    ("cell", role_id, school_id)
                    if role_id and school_id
                    else ("role", role_id)
                    if role_id
                    else ("school", school_id)
                    if school_id
                    else ("district",)
                )
                states[key] = figure.state
                if figure.shown:  # a shown figure is exactly its members' figure
                    assert figure.people == len(group)
                    assert figure.sums is not None and figure.sums.with_current == sum(
                        "current" in u.filled for u in group
                    )
    oracle = {key: Counts(*values) for key, values in cells.items()}
    expected = protect(oracle, district.min_group_size)
    for key, state in expected.items():
        if key[-1] is not None or key[0] in ("role", "district"):
            assert states.get(key) == state, key
    check_release(oracle, {**expected, **states}, district.min_group_size)
