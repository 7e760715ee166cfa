"""Capacity-constrained staff: which mental health roles are furthest from their recommended ratio.

A pure module (no database). The ratios themselves come from :mod:`people.ratios`
(one formula for the whole product); this module only ranks them and adds the
share of current time the role spends on tasks that are not its priorities,
and says how a role that could *receive* shifted work stands (:func:`standings`).

The score of one role (at one school, or in the whole district) is its **load**:

    load = (enrollment / FTE) / recommended students per FTE

Worked through a tiny example — a district of 1,000 students with 2.0 FTE of
school counselors (recommended 250) and 1.0 FTE of school psychologists
(recommended 500):

- counselors: 1,000 / 2.0 = 500 students per FTE; load = 500 / 250 = 2.0; FTE short = 4.0 − 2.0 = 2.0
- psychologists: 1,000 / 1.0 = 1,000 students per FTE; load = 1,000 / 500 = 2.0; FTE short = 2.0 − 1.0 = 1.0

Both loads are 2.0, so the tie is broken by FTE short (more first): counselors
rank first. Students without any staff in the role have an infinite load, the
worst possible. Remaining ties go by role name, then school name. Roles that
share a recommended ratio are ranked as one pool (:func:`people.ratios.ratio_pools`:
their FTE together against the enrollment).

The share of current time on non-priority tasks comes from staff reflections
(:func:`non_priority_share`); where there are too few to show (fewer people than
the district's minimum group size) or the role has no priority tasks yet, it is
``None``. It is shown beside the load, never mixed into the score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import overload

from people.ratios import RatioTable, RoleRatio, SchoolRatios


@dataclass(frozen=True, slots=True)
class CapacityRow:
    """One role in one scope (a school, or the district when ``school_id`` is ``None``)."""

    ratio: RoleRatio
    school_id: int | None = None
    school_name: str = ""
    non_priority_share: float | None = None  # 0..1, from reflections; None when there are none
    member_shares: tuple[tuple[str, float | None], ...] = ()  # a pool's roles: (label, share)

    @property
    def load(self) -> float:
        return self.ratio.load

    @property
    def score_text(self) -> str:
        """The load as a person reads it: "no staff", or "2.0× recommended"."""
        if self.ratio.has_no_staff:
            return "no staff"
        return f"{self.load:.1f}× recommended"

    @property
    def share_text(self) -> str:
        """ "45%" or "not available"; for a pool, each role's: "LCSW: 45%; Counselor / social worker: not available"."""
        if self.member_shares:
            return "; ".join(f"{label}: {_percent(share)}" for label, share in self.member_shares)
        return _percent(self.non_priority_share)

    @property
    def has_share(self) -> bool:
        return self.non_priority_share is not None or any(s is not None for _l, s in self.member_shares)

    @property
    def sort_key(self) -> tuple:
        """Worst first: highest load, then most FTE short, then role and school by name."""
        return (-self.load, -self.ratio.fte_short, self.ratio.role.label.lower(), self.school_name.lower())


def _percent(share: float | None) -> str:
    return "not available" if share is None else f"{share:.0%}"


def row_for(
    ratio: RoleRatio,
    shares: Mapping[int, float],
    school_id: int | None = None,
    school_name: str = "",
) -> CapacityRow:
    """The row of one role (its share from ``shares`` by role id) or of one pool (each member's share)."""
    role = ratio.role
    if role.is_pool:
        members = tuple((member.label, shares.get(member.id)) for member in role.members)
        return CapacityRow(ratio, school_id, school_name, None, members)
    return CapacityRow(ratio, school_id, school_name, shares.get(role.id))


def rank_capacity(
    ratios: Iterable[tuple[int | None, str, RoleRatio]],
    non_priority_shares: Mapping[int, float] | None = None,
) -> list[CapacityRow]:
    """Rank (school id, school name, ratio) triples worst first, see the module docstring.

    ``non_priority_shares`` maps a role id to the share (0..1) of its current
    time spent on tasks that are not its priorities, averaged over reflections;
    roles missing from it have no share yet.

    >>> from people.ratios import RoleInfo
    >>> counselor, psychologist = RoleInfo(1, "Counselor", 250), RoleInfo(2, "Psychologist", 500)
    >>> ratios = [RoleRatio(psychologist, 1000, 1.0), RoleRatio(counselor, 1000, 2.0)]
    >>> rows = rank_capacity([(None, "", ratio) for ratio in ratios])
    >>> [(r.ratio.role.label, r.load, r.ratio.fte_short) for r in rows]
    [('Counselor', 2.0, 2.0), ('Psychologist', 2.0, 1.0)]
    """
    shares = non_priority_shares or {}
    rows = [row_for(ratio, shares, school_id, school_name) for school_id, school_name, ratio in ratios]
    rows.sort(key=lambda row: row.sort_key)
    return rows


class RankedSchoolRows(Sequence[CapacityRow]):
    """Every school × role of a ratio table, ranked as :func:`rank_capacity` ranks, built only when read.

    A district of 1,800 schools and five roles has 9,000 rows; sorting their plain sort keys is
    quick, while building a :class:`CapacityRow` for each is not — so only the page shown is built.
    """

    def __init__(
        self,
        table: RatioTable,
        non_priority_shares: Mapping[int, float] | None = None,
        *,
        role_id: int | None = None,
        school_search: str = "",
    ) -> None:
        self.shares = non_priority_shares or {}
        needle = school_search.strip().lower()
        keys: list[tuple[float, float, str, str, SchoolRatios, int]] = []
        for row in table.schools:
            name = row.school.name.lower()
            if needle and needle not in name:
                continue
            enrollment = row.school.enrollment
            for index, role in enumerate(row.roles):
                if role_id is not None and role.id != role_id:
                    continue
                fte_short = max(0.0, enrollment / role.recommended_ratio - row.ftes[index])
                keys.append((-row.loads[index], -fte_short, role.label.lower(), name, row, index))
        keys.sort(key=lambda key: key[:4])
        self._keys = keys

    def __len__(self) -> int:
        return len(self._keys)

    def _row(self, key: tuple) -> CapacityRow:
        school_row, index = key[4], key[5]
        ratio = RoleRatio(school_row.roles[index], school_row.school.enrollment, school_row.ftes[index])
        return row_for(ratio, self.shares, school_row.school.id, school_row.school.name)

    @overload
    def __getitem__(self, index: int) -> CapacityRow: ...
    @overload
    def __getitem__(self, index: slice) -> list[CapacityRow]: ...
    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._row(key) for key in self._keys[index]]
        return self._row(self._keys[index])


def non_priority_share(
    mean_current: Mapping[int | None, float], non_priority_fraction: Mapping[int | None, float]
) -> float:
    """The share (0..1) of a role's current week spent on tasks that are not its priorities.

    Reflections give time per task type (category); a type counts as
    non-priority in proportion to its active tasks that are not the role's
    priorities (an even split over the type's tasks); an "Other" row (key
    ``None``) or a type not in ``non_priority_fraction`` counts as non-priority.

    Counselors spending on average 40% on Assessment (3 tasks, all priorities),
    30% on Teacher support (2 tasks, 1 a priority) and 30% on Non-counseling
    duties (1 task, not a priority): 0.40 × 0 + 0.30 × ½ + 0.30 × 1 = 0.45.

    >>> round(non_priority_share({1: 40.0, 2: 30.0, 3: 30.0}, {1: 0.0, 2: 0.5, 3: 1.0}), 2)
    0.45
    """
    return sum(percent * non_priority_fraction.get(category, 1.0) for category, percent in mean_current.items()) / 100


# --- Roles that could receive shifted work -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Standing:
    """How a role that could take on a shifted task stands against its recommended ratio.

    - **spare capacity**: within its recommended ratio (load at most 1.0);
    - **no recommended ratio** (teachers, para-professionals…): not measured, so not known to be short;
    - **capacity-constrained**: over its ratio (alone or in its pool), without staff for its
      students, or confirmed as capacity-constrained by the district.

    Shifting work onto a constrained role moves the shortage instead of easing it, so such roles
    are suggested last and marked with their figure.
    """

    ratio: RoleRatio | None = None
    confirmed: bool = False

    @property
    def constrained(self) -> bool:
        return self.confirmed or (self.ratio is not None and self.ratio.status != "ok")

    @property
    def spare(self) -> bool:
        return self.ratio is not None and not self.constrained

    @property
    def order(self) -> tuple[int, float]:
        """Spare capacity first (least loaded first), then roles without a ratio, then the constrained."""
        load = self.ratio.load if self.ratio is not None else 0.0
        return (0 if self.spare else 2 if self.constrained else 1, load)

    @property
    def figure(self) -> str:
        """The figure behind the standing, e.g. "3.3× its recommended ratio, counted with …"."""
        if self.ratio is None:
            return "confirmed as capacity-constrained" if self.confirmed else "no recommended ratio"
        role = self.ratio.role
        if self.ratio.has_no_staff:
            text = "no staff for its students"
        elif self.ratio.status == "ok":
            text = f"{self.ratio.load:.1f}× its recommended ratio"
        else:
            text = f"{self.ratio.load:.1f}× its recommended ratio (1 per {role.recommended_ratio:,})"
        if role.is_pool:
            text += f", counted together with {' and '.join(m.label for m in role.members)}"
        if self.confirmed and self.ratio.status == "ok":
            text += "; confirmed as capacity-constrained"
        return text

    @property
    def text(self) -> str:
        """ "spare capacity: 0.8× …", "capacity-constrained: 3.3× …" or "no recommended ratio"."""
        if self.constrained:
            return f"capacity-constrained: {self.figure}"
        if self.spare:
            return f"spare capacity: {self.figure}"
        return self.figure


def standings(ratios: Iterable[RoleRatio], confirmed: Iterable[int] = ()) -> dict[int, Standing]:
    """Each role id → its :class:`Standing`, from the ratios of one scope (a school or the district).

    A pool's ratio stands for each of its roles. ``confirmed`` are the ids of the roles the district
    confirmed as capacity-constrained. Roles without a ratio are missing: ``Standing()`` for them.

    >>> from people.ratios import RoleInfo, ratio_pools
    >>> lcsw, other = RoleInfo(1, "LCSW", 250, "SSWAA"), RoleInfo(2, "Other", 250, "SSWAA")
    >>> nurse = RoleInfo(3, "Nurse", 750, "NASN")
    >>> pool, nurses = ratio_pools([lcsw, other, nurse])
    >>> found = standings([RoleRatio(pool, 1000, 1.0), RoleRatio(nurses, 1000, 2.0)])
    >>> found[2].text
    'capacity-constrained: 4.0× its recommended ratio (1 per 250), counted together with LCSW and Other'
    >>> found[3].text, found[3].order < found[1].order
    ('spare capacity: 0.7× its recommended ratio', True)
    """
    wanted = set(confirmed)
    found = {role_id: Standing(ratio, role_id in wanted) for ratio in ratios for role_id in ratio.role.role_ids}
    for role_id in wanted - found.keys():
        found[role_id] = Standing(None, True)
    return found
