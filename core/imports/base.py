"""What an app gives the shared import steps: an importer (its columns and rules) and its plans.

``core.imports`` runs every spreadsheet import the same way — open the file within the limits, plan
it row by row, show the plan (or every problem) before anything is written, then write it all or
nothing in one short transaction prepared outside it. An app supplies an :class:`Importer`:

- ``options(upload)``: what the import needs besides the file (the district, a school, who imports);
- ``plan(spreadsheet, options, progress)``: the rows read and checked against the database, as an
  :class:`ImportPlan` — its problems, or what each row changes;
- ``prepare(plan, options)``: the objects to write, built outside the transaction;
- ``write(prepared, options)``: the writes, inside the transaction; returns nothing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from core.imports.progress import Progress
from core.spreadsheets import Limits, Problems, Spreadsheet

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"


@dataclass
class PreviewRow:
    """One line of the preview: what a row (or a person, a school…) of the file does."""

    kind: str  # NEW, CHANGED or UNCHANGED
    label: str  # what it is: "Sam Psych <sam@…>", an action item…
    row: int | None = None
    sheet: str = ""
    differences: list[tuple[str, str, str]] = field(default_factory=list)  # (what, before, after)
    detail: str = ""  # for a new row: what it holds

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> PreviewRow:
        data = dict(data)
        data["differences"] = [tuple(item) for item in data.get("differences", [])]
        return cls(**data)


class ImportPlan(Protocol):
    problems: Problems
    read_as: str
    notes: list[tuple[int, str]]

    @property
    def ok(self) -> bool: ...

    def summary(self) -> str: ...

    def preview(self) -> list[PreviewRow]:
        """The new and changed rows (unchanged ones are only counted by ``summary``)."""
        ...


class Importer(Protocol):
    noun: str  # "Roster", "Tracker", "Matrix": starts the message "Roster imported."
    limits: Limits

    def options(self, upload: Any) -> Any: ...

    def plan(self, spreadsheet: Spreadsheet, options: Any, progress: Progress) -> ImportPlan: ...

    def prepare(self, plan: Any, options: Any) -> Any: ...

    def write(self, prepared: Any, options: Any) -> None: ...


@dataclass
class RefusedPlan:
    """The plan of a file refused before any row was read (empty, damaged, too large)."""

    problems: Problems
    read_as: str = ""
    notes: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return False

    def summary(self) -> str:
        return ""

    def preview(self) -> list[PreviewRow]:
        return []
