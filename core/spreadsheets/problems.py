"""What is wrong with an uploaded file, named by sheet, row and column."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

#: Problems kept for the page and the command line; beyond this only their number is kept.
KEEP_PROBLEMS = 1000


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (sheet, row as the spreadsheet shows it, column) and why."""

    sheet: str
    row: int | None
    column: str
    reason: str

    def __str__(self) -> str:
        parts = (self.sheet, self.row and f"row {self.row}", self.column and f"column {self.column}")
        prefix = ", ".join(part for part in parts if part)
        return f"{prefix}: {self.reason}" if prefix else self.reason

    def to_dict(self) -> dict:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "reason": self.reason}

    @classmethod
    def from_dict(cls, data: dict) -> Problem:
        return cls(data.get("sheet", ""), data.get("row"), data.get("column", ""), data.get("reason", ""))


class Problems:
    """A list of problems that keeps the first :data:`KEEP_PROBLEMS` and counts the rest.

    A 200,000-row file with a mistake on every row must not hold a million problems in memory;
    the person needs the first ones (with their number) to correct the file.

    >>> problems = Problems(keep=2)
    >>> for row in (2, 3, 4):
    ...     problems.add(Problem("", row, "Name", "A name is required."))
    >>> len(problems), len(list(problems)), bool(problems)
    (3, 2, True)
    """

    def __init__(self, problems: Iterable[Problem] = (), *, keep: int = KEEP_PROBLEMS) -> None:
        self.keep = keep
        self.kept: list[Problem] = []
        self.count = 0
        self.extend(problems)

    def add(self, problem: Problem) -> None:
        self.count += 1
        if len(self.kept) < self.keep:
            self.kept.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(problem)
        if isinstance(problems, Problems):  # the problems it only counted
            self.count += problems.count - len(problems.kept)

    def __iadd__(self, problems: Iterable[Problem]) -> Problems:
        self.extend(problems)
        return self

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.kept)

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0

    def __getitem__(self, index):
        return self.kept[index]


class FileRefused(Exception):
    """The file cannot be read (or is too large to read); the message says why and what to do.

    Raised by the readers while they read, so that a limit stops the reading at once; ``row`` is the
    row being read when it applies.
    """

    def __init__(self, reason: str, *, row: int | None = None, sheet: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.row = row
        self.sheet = sheet

    def problem(self) -> Problem:
        return Problem(self.sheet, self.row, "", self.reason)
