"""Read a stored run (its inputs snapshot and ``PlanResult.to_dict()``) into what the pages show.

Pure functions over the stored JSON, so an old run reads the same whatever changed since.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

EPS = 1e-6


@dataclass
class MoveRow:
    key: str  # "<school index>:<move index>", the accept form's value
    school: str
    task: str
    from_role: str | None
    to_role: str | None
    hours: float
    training: str | None
    sentence: str

    @property
    def acceptable(self) -> bool:
        """Only a move from one role to another can become a shift plan."""
        return bool(self.from_role and self.to_role)


@dataclass
class RoleSplit:
    role: str
    rows: list[tuple[str, float, float]] = field(default_factory=list)  # (task category, before, after)

    @property
    def before(self) -> float:
        return sum(before for _c, before, _a in self.rows)

    @property
    def after(self) -> float:
        return sum(after for _c, _b, after in self.rows)


def _chosen(result: dict, indices: list[int] | None) -> list[tuple[int, dict]]:
    """(index, school) for the result's schools at ``indices`` (all when ``None``)."""
    schools = result.get("schools", [])
    return list(enumerate(schools)) if indices is None else [(i, schools[i]) for i in indices]


def moves(result: dict, indices: list[int] | None = None) -> list[MoveRow]:
    """The moves of the schools at ``indices`` (all when ``None``), keyed by their place in the whole result."""
    rows = []
    for s, school in _chosen(result, indices):
        for m, move in enumerate(school["moves"]):
            rows.append(
                MoveRow(
                    f"{s}:{m}",
                    school["name"],
                    move["task"],
                    move["from_role"],
                    move["to_role"],
                    move["hours"],
                    move["training"],
                    school["sentences"][m] if m < len(school["sentences"]) else "",
                )
            )
    return rows


def freed_by_role(result: dict) -> list[tuple[str, float]]:
    """Hours a week freed for priority work, per constrained role, over the run's schools."""
    totals: dict[str, float] = defaultdict(float)
    for school in result.get("schools", []):
        for role, hours in school["freed"].items():
            totals[role] += hours
    return sorted(((role, round(hours, 2)) for role, hours in totals.items() if hours > EPS), key=lambda r: -r[1])


#: Orders of the hours-freed-by-group tables: (sort key, largest first?); missing figures go last.
GROUP_ORDERS: dict[str, str] = {
    "hours": "hours freed",
    "per_person": "hours freed per person",
    "per_fte": "hours freed per FTE",
    "school": "school name",
}


@dataclass
class GroupRow:
    """A group of people: one constrained role's staff at one school (or in the whole run).

    ``hours`` is ``None`` where the school has no plan; ``people`` is ``None`` where the run's snapshot
    does not hold it (runs stored before it did). Per person and per FTE are the hours divided by them.
    """

    name: str
    hours: float | None
    people: int | None
    fte: float

    @property
    def per_person(self) -> float | None:
        if self.hours is None or not self.people:
            return None
        return round(self.hours / self.people, 2)

    @property
    def per_fte(self) -> float | None:
        if self.hours is None or self.fte <= EPS:
            return None
        return round(self.hours / self.fte, 2)


@dataclass
class RoleGroups:
    """One constrained role's groups (a school's staff of the role each), and the run's total."""

    role: str
    rows: list[GroupRow]
    total: GroupRow
    without_plan: int = 0  # schools with staff of the role but no plan (their hours count as 0 in the total)


def freed_by_group(inputs: dict, result: dict, order: str = "hours") -> list[RoleGroups]:
    """Hours a week freed for each constrained role and each group of people in it (its staff at a school).

    A group's people and FTE come from the run's snapshot (``schools[].headcount`` and ``fte``), its
    hours from the result (``schools[].freed``). The total's people are the role's distinct people
    (``people``: someone shared by two schools is one person in the total, one at each school); runs
    stored without it say "unavailable". Example: counselors at Adams (2 people, 1.5 FTE) gain 6 h and
    at Brook (1 person, 1 FTE) 0 h → Adams 3 h per person and 4 h per FTE; the total 6 h over 3 people
    and 2.5 FTE is 2 h per person and 2.4 h per FTE.

    Rows are ordered by ``order`` (a key of :data:`GROUP_ORDERS`): largest first, ties by school name.
    Roles come largest total first.
    """
    planned = {school["name"]: school.get("freed", {}) for school in result.get("schools", [])}
    if not planned:
        return []
    people = inputs.get("people")
    groups = []
    for role in inputs.get("constrained", {}):
        rows = []
        for school in inputs.get("schools", []):
            fte = float(school.get("fte", {}).get(role, 0.0))
            headcount = school["headcount"].get(role, 0) if "headcount" in school else None
            freed = planned.get(school["name"])
            hours = round(freed.get(role, 0.0), 2) if freed is not None else None
            if fte > EPS or headcount or (hours or 0) > EPS:
                rows.append(GroupRow(school["name"], hours, headcount, round(fte, 4)))
        if not rows:
            continue
        total = GroupRow(
            "Total",
            round(sum(row.hours or 0.0 for row in rows), 2),
            people.get(role, 0) if people is not None else None,
            round(sum(row.fte for row in rows), 4),
        )
        groups.append(RoleGroups(role, order_groups(rows, order), total, sum(row.hours is None for row in rows)))
    return sorted(groups, key=lambda g: (-(g.total.hours or 0.0), g.role))


def order_groups(rows: list[GroupRow], order: str) -> list[GroupRow]:
    """``rows`` by school name, or by a figure largest first (ties by name; unknown figures last)."""
    by_name = sorted(rows, key=lambda row: row.name)
    if order == "school":
        return by_name
    figure = {"per_person": "per_person", "per_fte": "per_fte"}.get(order, "hours")
    return sorted(by_name, key=lambda row: (getattr(row, figure) is None, -(getattr(row, figure) or 0.0)))


def trainings(result: dict, indices: list[int] | None = None) -> list[dict]:
    return [need for _i, school in _chosen(result, indices) for need in school["trainings"]]


def hires(result: dict, indices: list[int] | None = None) -> list[dict]:
    return [hire for _i, school in _chosen(result, indices) for hire in school["hires"]]


def schools_with_changes(result: dict) -> list[int]:
    """Indices of the result's schools whose plan changes something (moves, trainings or hires)."""
    schools = result.get("schools", [])
    return [i for i, school in enumerate(schools) if school["moves"] or school["trainings"] or school["hires"]]


@dataclass
class SchoolMoves:
    name: str
    moves: list[MoveRow]
    other_sentences: list[str]  # after the moves: hours gained, trainings, hires


def plan_by_school(result: dict, indices: list[int] | None = None) -> list[SchoolMoves]:
    """The schools at ``indices`` (all when ``None``) that have moves: their moves, then their other sentences."""
    return [
        SchoolMoves(school["name"], moves(result, [i]), school["sentences"][len(school["moves"]) :])
        for i, school in _chosen(result, indices)
        if school["moves"]
    ]


def time_split(inputs: dict, result: dict) -> list[RoleSplit]:
    """Before/after hours a week per role and task category, over the schools that have a plan.

    Only roles whose split changes are listed.
    """
    category = inputs.get("task_category", {})
    planned = {school["name"]: school for school in result.get("schools", [])}
    before: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    after: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for school in inputs.get("schools", []):
        if school["name"] not in planned:
            continue
        for key, hours in school["current"].items():
            role, task = key.split("|", 1)
            before[role][category.get(task, task)] += hours
        for key, hours in planned[school["name"]]["after"].items():
            role, task = key.split("|", 1)
            after[role][category.get(task, task)] += hours
    splits = []
    for role in sorted(set(before) | set(after)):
        names = sorted(set(before[role]) | set(after[role]))
        rows = [(name, round(before[role][name], 2), round(after[role][name], 2)) for name in names]
        if any(abs(b - a) > 0.01 for _n, b, a in rows):
            splits.append(RoleSplit(role, [row for row in rows if row[1] > EPS or row[2] > EPS]))
    return splits


def compare(first: dict, second: dict) -> dict:
    """Two results side by side: hours freed, moves added / removed / changed, trainings and hires."""

    def keyed(result: dict) -> dict[tuple, float]:
        return {(row.school, row.task, row.from_role or "", row.to_role or ""): row.hours for row in moves(result)}

    a, b = keyed(first), keyed(second)
    return {
        "added": [(key, b[key]) for key in b if key not in a],
        "removed": [(key, a[key]) for key in a if key not in b],
        "changed": [(key, a[key], b[key]) for key in a if key in b and abs(a[key] - b[key]) > 0.01],
        "same": sum(1 for key in a if key in b and abs(a[key] - b[key]) <= 0.01),
    }
