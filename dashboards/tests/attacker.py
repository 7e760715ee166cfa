"""What a determined reader can work out from the group figures they can obtain.

The attacker sees figures (sums over a group); the test also knows who is in each group, worked out
here from the reflections independently of the app (``members``). A group's figure is a linear
function of its members' answers, so the attacker can compute exactly the linear combinations of the
figures they obtained: a person's answers (or a hidden group's) are exposed if and only if their
indicator vector lies in the span of the obtained figures' vectors (``exposed``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from reflections.models import Reflection
from reflections.periods import Quarter
from reflections.publication import quarter_bounds

MEASURES = ("people", "ideal", "current")


@dataclass(frozen=True)
class Unit:
    """A person's latest reflection of a quarter: who, their role and school, which columns they filled."""

    reflection_id: int
    role_id: int
    school_id: int | None
    filled: frozenset[str]


def units(district, quarter: Quarter) -> list[Unit]:
    """Each person's latest reflection submitted in ``quarter`` (the oracle: plain Python, no window function)."""
    start, end = quarter_bounds(district, quarter)
    latest: dict[int, Reflection] = {}
    for reflection in (
        Reflection.objects.filter(
            district=district, status=Reflection.Status.SUBMITTED, submitted_at__gte=start, submitted_at__lt=end
        )
        .prefetch_related("allocations")
        .order_by("submitted_at", "pk")
    ):
        latest[reflection.author_id] = reflection
    found = []
    for reflection in latest.values():
        rows = list(reflection.allocations.all())
        filled = {"people"}
        if any(row.ideal_percent is not None for row in rows):
            filled.add("ideal")
        if any(row.current_percent is not None for row in rows):
            filled.add("current")
        found.append(Unit(reflection.pk, reflection.role_id, reflection.school_id, frozenset(filled)))
    return found


def members(all_units: Iterable[Unit], *, role_id: int | None = None, school_id: int | None = None) -> set[Unit]:
    """The units of a group: the district (neither), a role, a school, or a role at a school."""
    return {
        unit
        for unit in all_units
        if (role_id is None or unit.role_id == role_id) and (school_id is None or unit.school_id == school_id)
    }


def of_measure(group: set[Unit], measure: str) -> set[Unit]:
    """The members that count in a measure's figures (all for "people"; those who filled the column)."""
    return {unit for unit in group if measure in unit.filled}


def exposed(obtained: Sequence[set[Unit]], target: set[Unit], universe: Sequence[Unit]) -> bool:
    """Whether the sum over ``target`` is a linear combination of the sums over the ``obtained`` groups."""
    if not target:
        return False
    index = {unit: i for i, unit in enumerate(universe)}

    def vector(group: set[Unit]) -> np.ndarray:
        v = np.zeros(len(universe))
        for unit in group:
            v[index[unit]] = 1.0
        return v

    rows = [vector(group) for group in obtained if group]
    if not rows:
        return False
    _u, singular, basis = np.linalg.svd(np.array(rows), full_matrices=False)
    basis = basis[: int((singular > 1e-9).sum())]
    x = vector(target)
    return bool(np.linalg.norm(x - basis.T @ (basis @ x)) < 1e-7)


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    """Noon UTC of ``day``, for ``time_machine.travel``."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)
