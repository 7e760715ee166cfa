"""Read a stored run (its inputs snapshot and ``PlanResult.to_dict()``) into what the pages show.

Pure functions over plain data, so an old run reads the same whatever changed since. A run is stored
in parts (``roles.planning.runs``): :func:`summarize` turns the whole inputs and result into the run's
small summary once, when the run finishes; the other functions read a page of schools' plans, each
given as ``(index in the result's schools, that school's plan)``.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from planner.explain import capitalized, plural
from roles.planning.ledger import Ledger, ledger, total

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


#: A school's plan as the pages read it: its index in the result's schools, and its part of the result.
Planned = tuple[int, dict]


def planned(result: dict) -> list[Planned]:
    """Every school of a whole result, with its index."""
    return list(enumerate(result.get("schools", [])))


def moves(schools: Iterable[Planned]) -> list[MoveRow]:
    """The moves of ``schools``, keyed by their school's place in the whole result."""
    rows = []
    for s, school in schools:
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
    ledger: Ledger | None = None  # where the hours come from (``roles.planning.ledger``); None: no plan, or an old run

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
    Roles come largest total first. The same as :func:`role_groups` over :func:`group_figures`.
    """
    return role_groups(group_figures(inputs, result), order)


def group_figures(inputs: dict, result: dict) -> dict:
    """The figures of :func:`freed_by_group`, JSON-ready, as a run's summary keeps them.

    ``{role: {"rows": [[school, hours or None, people or None, fte, *ledger], …], "people": distinct people
    or None}}`` for each constrained role with a group; empty when no school has a plan. ``ledger`` is the
    school's :class:`roles.planning.ledger.Ledger` as four figures (moved away, week not placed before,
    taken on, gained), absent where the school has no plan (and in runs stored before it was kept).
    """
    planned = {school["name"]: school for school in result.get("schools", [])}
    if not planned:
        return {}
    people = inputs.get("people")
    figures = {}
    for role, priorities in inputs.get("constrained", {}).items():
        rows = []
        for school in inputs.get("schools", []):
            fte = float(school.get("fte", {}).get(role, 0.0))
            headcount = school["headcount"].get(role, 0) if "headcount" in school else None
            plan = planned.get(school["name"])
            hours = round(plan.get("freed", {}).get(role, 0.0), 2) if plan is not None else None
            if fte > EPS or headcount or (hours or 0) > EPS:
                row = [school["name"], hours, headcount, round(fte, 4)]
                if plan is not None and "after" in plan:
                    row += ledger(role, set(priorities), school.get("current", {}), plan["after"]).as_list()
                rows.append(row)
        if rows:
            figures[role] = {"rows": rows, "people": people.get(role, 0) if people is not None else None}
    return figures


def role_groups(figures: dict, order: str = "hours") -> list[RoleGroups]:
    """The groups of :func:`group_figures`, each role's rows in ``order``, with the role's total."""
    groups = []
    for role, figure in figures.items():
        rows = [
            GroupRow(name, hours, people, fte, Ledger(*rest) if rest else None)
            for name, hours, people, fte, *rest in figure["rows"]
        ]
        ledgers = [row.ledger for row in rows if row.ledger is not None]
        whole = GroupRow(
            "Total",
            round(sum(row.hours or 0.0 for row in rows), 2),
            figure["people"],
            round(sum(row.fte for row in rows), 4),
            total(ledgers) if ledgers else None,
        )
        groups.append(RoleGroups(role, order_groups(rows, order), whole, sum(row.hours is None for row in rows)))
    return sorted(groups, key=lambda g: (-(g.total.hours or 0.0), g.role))


def headline(groups: list[RoleGroups], schools: int | None = None) -> str:
    """The run's headline in words: each constrained role's hours gained for priority tasks.

    >>> rows = [GroupRow("Adams", 6.0, 1, 1.0)]
    >>> groups = [RoleGroups("school counselor", rows, GroupRow("Total", 294.0, 50, 49.0)),
    ...           RoleGroups("school psychologist", rows, GroupRow("Total", 80.0, 20, 20.0))]
    >>> headline(groups, 30)
    'School counselors gain 294 hours a week for priority tasks and school psychologists 80 hours, across 30 schools.'
    """
    parts = [
        f"{plural(g.role)} {'gain ' if i == 0 else ''}{_hours(g.total.hours or 0.0)}" for i, g in enumerate(groups)
    ]
    if not parts:
        return ""
    words = parts[0] + (" a week for priority tasks" if len(parts) == 1 else "")
    if len(parts) > 1:
        words = f"{parts[0]} a week for priority tasks" + "".join(f", {p}" for p in parts[1:-1]) + f" and {parts[-1]}"
    where = f", across {schools:,} school{'s' * (schools != 1)}" if schools else ""
    return capitalized(words) + where + "."


def _hours(value: float) -> str:
    figure = f"{value:,.1f}".removesuffix(".0")
    return f"{figure} hour{'s' * (figure != '1')}"


def order_groups(rows: list[GroupRow], order: str) -> list[GroupRow]:
    """``rows`` by school name, or by a figure largest first (ties by name; unknown figures last)."""
    by_name = sorted(rows, key=lambda row: row.name)
    if order == "school":
        return by_name
    figure = {"per_person": "per_person", "per_fte": "per_fte"}.get(order, "hours")
    return sorted(by_name, key=lambda row: (getattr(row, figure) is None, -(getattr(row, figure) or 0.0)))


def trainings(schools: Iterable[Planned]) -> list[dict]:
    return [need for _i, school in schools for need in school["trainings"]]


def hires(schools: Iterable[Planned]) -> list[dict]:
    return [hire for _i, school in schools for hire in school["hires"]]


def changes_something(school: dict) -> bool:
    """Whether a school's plan changes anything (moves, trainings or hires)."""
    return bool(school["moves"] or school["trainings"] or school["hires"])


@dataclass
class SchoolMoves:
    name: str
    moves: list[MoveRow]
    other_sentences: list[str]  # after the moves: hours gained, trainings, hires


def plan_by_school(schools: Iterable[Planned]) -> list[SchoolMoves]:
    """Those of ``schools`` that have moves: their moves, then their other sentences."""
    return [
        SchoolMoves(school["name"], moves([(i, school)]), school["sentences"][len(school["moves"]) :])
        for i, school in schools
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


#: Binding limits a run's page lists (the summary keeps these; the run's result keeps them all).
BINDING_SHOWN = 10
#: The result's own figures, copied into the summary as they are.
HEADLINE = (
    "status",
    "label",
    "has_plan",
    "hours_freed",
    "greedy_hours_freed",
    "hours_changed",
    "training_dollars",
    "hiring_dollars",
    "gap",
    "seconds",
    "variables",
    "constraints",
    "problems",
    "schools_total",
)


def summarize(inputs: dict, result: dict) -> dict:
    """Everything a run's pages show that spans its schools, worked out once when the run finishes.

    The result's headline figures and problems, the first binding limits, hours freed by role, the
    group tables' figures (:func:`group_figures`), the before/after split (:func:`time_split`, as
    ``[[role, [[task type, before, after], …]], …]``) and how many schools, moves, trainings and hires
    the plan has. ``inputs`` and ``result`` are the whole snapshot and ``PlanResult.to_dict()``.
    """
    schools = result.get("schools", [])
    return {
        **{key: result.get(key) for key in HEADLINE},
        "has_plan": bool(result.get("has_plan")),
        "problems": result.get("problems", []),
        "binding": result.get("binding", [])[:BINDING_SHOWN],
        "time_limit": inputs.get("time_limit"),
        "freed": freed_by_role(result),
        "groups": group_figures(inputs, result),
        "splits": [[split.role, split.rows] for split in time_split(inputs, result)],
        "counts": {
            "planned": len(schools),
            "with_changes": sum(changes_something(school) for school in schools),
            "moves": sum(len(school["moves"]) for school in schools),
            "trainings": sum(len(school["trainings"]) for school in schools),
            "hires": sum(len(school["hires"]) for school in schools),
        },
    }


def splits(summary: dict) -> list[RoleSplit]:
    """The before/after split a summary keeps."""
    return [RoleSplit(role, [tuple(row) for row in rows]) for role, rows in summary.get("splits", [])]


def _move_key(move: dict) -> tuple[str, str, str]:
    return (move["task"], move["from_role"] or "", move["to_role"] or "")


def moves_digest(school_moves: list[dict]) -> str:
    """A fingerprint of a school's moves (task, roles, hours to 0.01 h), equal exactly when
    :func:`compare_moves` finds them all the same; empty for no moves. Lets two runs' schools be
    compared in the database, so only the schools that differ are read."""
    if not school_moves:
        return ""
    keyed = sorted([*_move_key(move), round(float(move["hours"]), 2)] for move in school_moves)
    return hashlib.sha1(json.dumps(keyed).encode(), usedforsecurity=False).hexdigest()


@dataclass
class SchoolComparison:
    """One school's moves in two runs, each move keyed by (task, from role, to role); "" for none."""

    name: str
    added: list[tuple[tuple[str, str, str], float]] = field(default_factory=list)
    removed: list[tuple[tuple[str, str, str], float]] = field(default_factory=list)
    changed: list[tuple[tuple[str, str, str], float, float]] = field(default_factory=list)
    same: int = 0


def compare_moves(name: str, first: list[dict], second: list[dict]) -> SchoolComparison:
    """One school's moves in two runs: added (only in the second), removed (only in the first), hours
    changed (to 0.01 h), and how many are the same. Example: first moves 6 h of duties from counselors
    to paras, second 4 h of the same and 2 h to teachers → 1 changed (6 → 4), 1 added (2 h), 0 same."""
    a = {_move_key(move): round(move["hours"], 2) for move in first}
    b = {_move_key(move): round(move["hours"], 2) for move in second}
    return SchoolComparison(
        name,
        added=[(key, b[key]) for key in b if key not in a],
        removed=[(key, a[key]) for key in a if key not in b],
        changed=[(key, a[key], b[key]) for key in a if key in b and a[key] != b[key]],
        same=sum(1 for key in a if key in b and a[key] == b[key]),
    )
