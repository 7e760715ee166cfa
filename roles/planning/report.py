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


def moves(result: dict) -> list[MoveRow]:
    rows = []
    for s, school in enumerate(result.get("schools", [])):
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


def trainings(result: dict) -> list[dict]:
    return [need for school in result.get("schools", []) for need in school["trainings"]]


def hires(result: dict) -> list[dict]:
    return [hire for school in result.get("schools", []) for hire in school["hires"]]


def other_sentences(result: dict) -> dict[str, list[str]]:
    """Per school, the sentences after the moves (hours gained, trainings, hires)."""
    return {
        school["name"]: school["sentences"][len(school["moves"]) :]
        for school in result.get("schools", [])
        if len(school["sentences"]) > len(school["moves"])
    }


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
