"""What needs me now: the groups of a persona's home page, each a count and a bounded list.

Every group answers in a fixed number of queries whatever the size of the district (the home page
keeps the same query count at both benchmark scales, ``tests/test_query_counts.py``): a count, and
the first ``LIMIT`` rows, most urgent first. The page links to the full, filtered list ("See all").
Each group says what to do next when it is empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LIMIT = 5
"""Rows shown per group; the rest are behind "See all"."""


@dataclass
class Entry:
    """One line of a group: what, a link, and a detail (a date, a status, a figure)."""

    text: str
    url: str = ""
    detail: str = ""
    urgent: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Group:
    """A group of the home page: a heading, how many there are, the first few, where to see all."""

    key: str
    title: str
    count: int
    entries: list[Entry]
    see_all: str = ""
    empty: str = ""
    empty_link: tuple[str, str] | None = None  # (url, label) of what to do next when empty

    @property
    def more(self) -> int:
        return max(self.count - len(self.entries), 0)
