"""A finished study's published counts and which of their groups are hidden: pure, no database.

A study's results are one table: a **cell** per role × school (the participants of that role whose
main school it is, and what became of their moments), and around it the totals that are shown —
each role (all schools), each school (all roles) and the district. Cells themselves are never shown,
nor the people without a school (``None``); they only add up to the totals.

``sampling.models.PublishedResults`` stores the cells once the study is over (``encode``), and every
surface reads them back (``decode``) and hides the same groups (``hidden_entries``).

A worked example, a minimum of 5: counselors (role 1) at Adams (10, 6 people) and Brook (20, 6
people), one nurse (role 2) and one psychologist (role 3) at Brook::

    >>> cells = [Cell(1, 10, 6, Counts()), Cell(1, 20, 6, Counts()), Cell(2, 20, 1, Counts()),
    ...          Cell(3, 20, 1, Counts())]
    >>> sorted(hidden_entries(cells, 5))
    [('role', 1), ('role', 2), ('role', 3)]

The nurse's and the psychologist's rows are small. Together they are a group of 2, which "the
district minus the counselors" would give; so the counselors' row is hidden too. The schools (6 and
8 people) and the district (14) are shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sampling.figures import Counts, hidden_groups

DISTRICT: tuple = ("district",)
Key = tuple  # DISTRICT, ("role", role id), ("school", school id)


@dataclass(frozen=True)
class Cell:
    """The participants of one role whose main school is ``school`` (``None``: no school), and their moments."""

    role: int
    school: int | None
    people: int
    counts: Counts


def encode(cells: Iterable[Cell]) -> list[list]:
    """Cells as JSON: ``[role, school, people, drawn, due, answered, late, expired, working, {task type: n}]``.

    >>> encode([Cell(1, 10, 6, Counts(9, 9, 8, 1, 1, 7, {4: 7}))])
    [[1, 10, 6, 9, 9, 8, 1, 1, 7, {'4': 7}]]
    >>> cell = Cell(1, None, 2, Counts(3, 3, 3, 0, 0, 3, {4: 3}))
    >>> decode(encode([cell])) == [cell]
    True
    """
    return [
        [
            cell.role,
            cell.school,
            cell.people,
            *(getattr(cell.counts, name) for name in ("drawn", "due", "answered", "late", "expired", "working")),
            {str(task_type): n for task_type, n in sorted(cell.counts.hits.items())},
        ]
        for cell in cells
    ]


def decode(rows: Iterable[list]) -> list[Cell]:
    """The cells stored by :func:`encode`."""
    cells = []
    for role, school, people, drawn, due, answered, late, expired, working, hits in rows:
        counts = Counts(drawn, due, answered, late, expired, working, {int(t): n for t, n in hits.items()})
        cells.append(Cell(role, school, people, counts))
    return cells


def hidden_entries(cells: Iterable[Cell], minimum: int, *, hidden_before: Iterable[Key] = ()) -> set[Key]:
    """The shown totals to hide: the district when it has fewer than ``minimum`` people (and then every
    group); else each line — the roles, which add up to the district, and the schools, which do too
    (people without a school among them, never shown) — by ``sampling.figures.hidden_groups``, so that
    the district minus the shown groups of a line is no one or at least ``minimum`` people.

    ``hidden_before``: the groups hidden when the results were published; they stay hidden (a district
    that raises its minimum hides more, never less).

    >>> sorted(hidden_entries([Cell(1, 10, 3, Counts())], 5))
    [('district',), ('role', 1), ('school', 10)]
    >>> sorted(hidden_entries([Cell(1, 10, 9, Counts()), Cell(2, 10, 9, Counts())], 5, hidden_before=[("role", 2)]))
    [('role', 2)]
    """
    cells = list(cells)
    before = {tuple(key) for key in hidden_before}
    roles: Counter = Counter()
    schools: Counter = Counter()
    for cell in cells:
        roles[cell.role] += cell.people
        schools[cell.school] += cell.people
    everyone = {("role", role) for role in roles} | {("school", school) for school in schools if school is not None}
    if sum(roles.values()) < minimum or DISTRICT in before:
        return {DISTRICT} | everyone
    hidden_roles = hidden_groups(roles, minimum, hidden_before={key[1] for key in before if key[0] == "role"})
    hidden_schools = hidden_groups(
        schools, minimum, unpublished=[None], hidden_before={key[1] for key in before if key[0] == "school"}
    )
    return {("role", role) for role in hidden_roles} | {
        ("school", school) for school in hidden_schools if school is not None
    }
