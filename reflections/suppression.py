"""Which of a quarter's group figures may be shown: pure functions, no database.

A quarter's figures form one table. Each person who submitted a reflection in the quarter counts
once, with their latest, in one **cell**: their role at their school. Around the cells are their
**totals**: one per role (the role's dashboard, the district's rows by role), one per school (the
school's dashboard) and the district's. Every figure shown anywhere — page, chart, export, the
capacity page — is one of these entries (``reflections.publication``).

Four rules decide what is shown (``docs/privacy.md`` gives the argument):

1. **Small**: an entry counting fewer than ``minimum`` people — or fewer than ``minimum`` who filled
   in the ideal or the current column, the divisors of its means — is hidden.
2. **Line**: wherever a total is shown, the hidden entries it adds up (the hidden cells of a school,
   the hidden roles of the district…) together count no one or at least ``minimum`` people; if not,
   the smallest shown entry beside them is hidden too. Otherwise "total minus the shown parts"
   would be the figure of a small group.
3. **No exact derivation**: read the table as a graph — a vertex per role, per school, and one for
   "all roles" and one for "all schools"; each entry an edge between its role and its school (a
   role's total joins the role to "all schools", the district joins the two "all" vertices). Every
   total says that the entries meeting at a vertex add up. Given the shown entries, the hidden ones
   can still move together only around a cycle of hidden edges (the signs alternate around it, and
   the graph is bipartite, so every total stays put); so a hidden entry can be worked out exactly
   if and only if it lies on no cycle of hidden edges — it is a *bridge* of the hidden graph. For
   every small entry that is a bridge, the cheapest chain of shown entries that closes a cycle
   through it is hidden as well (cells before totals, fewest people first).

4. **Nesting**: two shown entries one inside the other (a cell in its role's or school's total, any
   total in the district's) differ by none or at least ``minimum``; otherwise the inner one is hidden.

The rules are applied again until nothing changes; hiding only ever adds entries, so a table
protected once stays protected when it is protected again with a larger minimum (``hidden_before``).

A worked example: counselors (role 1) at Adams (10) and Brook (20), three psychologists (role 2) at
Brook, a minimum of 5::

    >>> cells = {(1, 10): Counts(6, 6, 6), (1, 20): Counts(5, 5, 5), (2, 20): Counts(3, 3, 3)}
    >>> states = protect(cells, 5)
    >>> sorted(key for key, state in states.items() if state == SHOWN)
    [('cell', 1, 10), ('district',), ('school', 10), ('school', 20)]
    >>> states[("role", 2)], states[("role", 1)], states[("cell", 1, 20)]
    ('small', 'protects', 'protects')

The psychologists' row is small. Shown beside the district's 14 people, the counselors' 11 would
give the psychologists' figures by subtraction, so the counselors' row is hidden too; likewise
Brook's counselors beside Brook's 8 people. What stays derivable — Brook's 8, the district's 14 —
are groups of at least 5.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

SHOWN, SMALL, PROTECTS, UNPUBLISHED = "shown", "small", "protects", "unpublished"
"""What happens to an entry: shown; hidden as small; hidden to protect a small one; never published
(the cells and total of people without a school, which no page shows)."""

ALL = "all"
RANK_WEIGHT = 10.0**6
"""How much more hiding a total costs than hiding an entry of the rank below (``cheapest_chain``)."""
DISTRICT: tuple = ("district",)
Key = tuple  # ("district",), ("role", role), ("school", school), ("cell", role, school)
Vertex = tuple[str, object]


@dataclass(frozen=True)
class Counts:
    """How many people an entry counts: in all, and who filled in the ideal and the current column."""

    people: int = 0
    with_ideal: int = 0
    with_current: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.people + other.people, self.with_ideal + other.with_ideal, self.with_current + other.with_current
        )

    def is_small(self, minimum: int) -> bool:
        """Some count is above zero and below ``minimum``.

        >>> Counts(6, 2, 6).is_small(5), Counts(6, 0, 6).is_small(5)
        (True, False)
        """
        return any(0 < n < minimum for n in (self.people, self.with_ideal, self.with_current))


def table_of(cells: Mapping[Any, Counts]) -> dict[Key, Counts]:
    """The cells ``(role, school) -> Counts`` with their totals per role, per school and for the district."""
    table: dict[Key, Counts] = {}
    for (role, school), counts in cells.items():
        if not counts.people:
            continue
        for key in (("cell", role, school), ("role", role), ("school", school), DISTRICT):
            table[key] = table.get(key, Counts()) + counts
    return table


def endpoints(key: Key) -> tuple[Vertex, Vertex]:
    """The two vertices an entry joins: its role (or all roles) and its school (or all schools)."""
    kind = key[0]
    if kind == "cell":
        return ("role", key[1]), ("school", key[2])
    if kind == "role":
        return ("role", key[1]), ("school", ALL)
    if kind == "school":
        return ("role", ALL), ("school", key[1])
    return ("role", ALL), ("school", ALL)


def total_at(vertex: Vertex) -> Key:
    """The entry that is the total of the others meeting at ``vertex``."""
    side, value = vertex
    if value == ALL:
        return DISTRICT
    return (side, value)


def cost(key: Key, count: int) -> tuple:
    """Which shown entry to hide first: cells before school totals before role totals before the
    district, then the fewest people (the least information lost), then a fixed order."""
    rank = {"cell": 0, "school": 1, "role": 2, "district": 3}[key[0]]
    return (rank, count, repr(key))


MEASURES = ("people", "with_ideal", "with_current")


def protect(cells: Mapping[Any, Counts], minimum: int, *, hidden_before: Iterable[Key] = ()) -> dict[Key, str]:
    """The state (``SHOWN``, ``SMALL``, ``PROTECTS``, ``UNPUBLISHED``) of every entry of the table.

    ``cells`` maps ``(role, school)`` to its counts; a school of ``None`` (people without a school)
    is never published. ``hidden_before``: entries hidden by an earlier protection of the same
    table, which stay hidden. The rules are checked for each count on its own (people, who filled
    the ideal column, who filled the current column): an entry where a count is 0 adds nothing to
    that count's figures, so for it the table has fewer entries.
    """
    table = table_of(cells)
    unpublished = {key for key in table if key[0] in ("cell", "school") and key[-1] is None}
    small = {key for key, counts in table.items() if counts.is_small(minimum)}
    hidden = unpublished | small | (set(hidden_before) & table.keys())
    while True:
        changed = False
        for measure in MEASURES:
            counted = {key: getattr(counts, measure) for key, counts in table.items() if getattr(counts, measure)}
            changed |= _apply_line_rule(counted, hidden, minimum)
            changed |= _apply_cycle_rule(counted, hidden, minimum)
            changed |= _apply_nesting_rule(counted, hidden, minimum)
        if not changed:
            break
    return {
        key: UNPUBLISHED if key in unpublished else SMALL if key in small else PROTECTS if key in hidden else SHOWN
        for key in table
    }


def _meeting(keys: Iterable[Key]) -> dict[Vertex, list[Key]]:
    meeting: dict[Vertex, list[Key]] = defaultdict(list)
    for key in sorted(keys, key=repr):
        for vertex in endpoints(key):
            meeting[vertex].append(key)
    return meeting


def _apply_line_rule(counted: dict[Key, int], hidden: set[Key], minimum: int) -> bool:
    """Rule 2 for one count, until it holds at every total that is known; returns whether anything
    was hidden. A hidden entry that can be worked out exactly (a bridge) counts as known."""
    changed, again = False, True
    meeting = _meeting(counted)
    while again:
        again = False
        known = bridges(key for key in counted if key in hidden)
        for vertex, keys in meeting.items():
            total = total_at(vertex)
            if total in hidden and total not in known:
                continue
            parts = [key for key in keys if key != total]
            unknown = sum(counted[key] for key in parts if key in hidden and key not in known)
            if not 0 < unknown < minimum:
                continue
            shown = [key for key in parts if key not in hidden]
            if shown:
                more = [min(shown, key=lambda key: cost(key, counted[key]))]
            elif total not in hidden:
                more = [total]
            else:  # every part is hidden but the total can be worked out: put the total on a hidden cycle
                more = cheapest_chain(counted, hidden, total)
            if not more:
                continue
            hidden.update(more)
            changed = again = True
            break  # what is known has changed: look again
    return changed


def _inside(key: Key) -> list[Key]:
    """The totals whose people include all of ``key``'s: a cell's role, school and the district; a
    role's or school's total, the district."""
    if key[0] == "cell":
        return [("role", key[1]), ("school", key[2]), DISTRICT]
    return [] if key == DISTRICT else [DISTRICT]


def _apply_nesting_rule(counted: dict[Key, int], hidden: set[Key], minimum: int) -> bool:
    """Rule 4 for one count: two shown entries, one inside the other, differ by none or at least
    ``minimum`` people; otherwise the inner one is hidden (the outer minus the inner would be a small
    group, made of several hidden entries that the line rule sees at no single total)."""
    changed = False
    for key in sorted(counted, key=repr):
        if key in hidden:
            continue
        for outer in _inside(key):
            if outer in counted and outer not in hidden and 0 < counted[outer] - counted[key] < minimum:
                hidden.add(key)
                changed = True
                break
    return changed


def _apply_cycle_rule(counted: dict[Key, int], hidden: set[Key], minimum: int) -> bool:
    """Rule 3 for one count: close a cycle of hidden entries through every small entry that is a bridge."""
    changed = False
    for key in sorted(bridges(key for key in counted if key in hidden), key=repr):
        if not 0 < counted[key] < minimum:
            continue  # worked out, but it is not a small group's figure
        for shown in cheapest_chain(counted, hidden, key):
            hidden.add(shown)
            changed = True
    return changed


def bridges(keys: Iterable[Key]) -> set[Key]:
    """The entries of ``keys`` that lie on no cycle of the graph they form (iterative Tarjan).

    >>> sorted(bridges([("cell", 1, 10), ("role", 1), ("school", 10), ("district",), ("cell", 2, 10)]))
    [('cell', 2, 10)]
    """
    adjacency: dict[Vertex, list[tuple[Vertex, Key]]] = defaultdict(list)
    for key in keys:
        a, b = endpoints(key)
        adjacency[a].append((b, key))
        adjacency[b].append((a, key))
    order: dict[Vertex, int] = {}
    low: dict[Vertex, int] = {}
    found: set[Key] = set()
    for root in adjacency:
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack: list[tuple[Vertex, Key | None, int]] = [(root, None, 0)]
        while stack:
            vertex, via, index = stack[-1]
            if index < len(adjacency[vertex]):
                stack[-1] = (vertex, via, index + 1)
                neighbour, key = adjacency[vertex][index]
                if key == via:
                    continue
                if neighbour in order:
                    low[vertex] = min(low[vertex], order[neighbour])
                else:
                    order[neighbour] = low[neighbour] = len(order)
                    stack.append((neighbour, key, 0))
                continue
            stack.pop()
            if stack:
                parent = stack[-1][0]
                low[parent] = min(low[parent], low[vertex])
                if low[vertex] > order[parent]:
                    found.add(via)  # type: ignore[arg-type]
    return found


def cheapest_chain(counted: dict[Key, int], hidden: set[Key], bridge: Key) -> list[Key]:
    """The shown entries to hide so that ``bridge`` lies on a cycle of hidden entries: the cheapest
    path between its two vertices without it, where hidden entries cost nothing (Dijkstra). An entry
    costs ``RANK_WEIGHT`` to the power of its rank (cells 0 … the district 3), a little more for
    more people: a path through one total costs more than any path through cells alone."""
    start, goal = endpoints(bridge)
    adjacency: dict[Vertex, list[tuple[Vertex, Key]]] = defaultdict(list)
    for key in counted:
        if key == bridge:
            continue
        a, b = endpoints(key)
        adjacency[a].append((b, key))
        adjacency[b].append((a, key))
    best: dict[Vertex, float] = {start: 0.0}
    came: dict[Vertex, tuple[Vertex, Key]] = {}
    queue: list[tuple[float, str, Vertex]] = [(0.0, repr(start), start)]
    while queue:
        distance, _name, vertex = heapq.heappop(queue)
        if vertex == goal:
            break
        if distance > best[vertex]:
            continue
        for neighbour, key in adjacency[vertex]:
            rank = cost(key, counted[key])[0]
            candidate = distance + (0.0 if key in hidden else RANK_WEIGHT**rank * (1 + counted[key] / 10_000))
            if neighbour not in best or candidate < best[neighbour]:
                best[neighbour] = candidate
                came[neighbour] = (vertex, key)
                heapq.heappush(queue, (candidate, repr(neighbour), neighbour))
    if goal not in came:
        return []  # nothing else joins them: the entry is the whole table (cannot happen with totals)
    chain, vertex = [], goal
    while vertex != start:
        vertex, key = came[vertex]
        if key not in hidden:
            chain.append(key)
    return chain
