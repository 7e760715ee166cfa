"""The capability matrix's rules, as plain functions and data (no database access).

A cell says whether a role can do a task: Yes, No, With training, or nothing
(not yet decided — no row is stored). The district decides every cell; a
school may override some of them. The seed's "example from a major school
district" is here as data, so that loading it gives exactly the seed's marks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from roles.models import Capability

NOT_DECIDED = ""

# What a cell shows beside its words (never colour alone); *** is the seed template's mark for training.
MARKS = {Capability.YES: "✓", Capability.NO: "✗", Capability.TRAINING: "***", NOT_DECIDED: "?"}
SHORT_LABELS = {
    Capability.YES: "Yes",
    Capability.NO: "No",
    Capability.TRAINING: "With training",
    NOT_DECIDED: "Not decided",
}

#: What each cell's word means: the page's legend and the workbook's use the very words of the cells.
LEGEND = {
    Capability.YES: "has the skills through certification or credentials",
    Capability.NO: "could not, even with training",
    Capability.TRAINING: (
        "not currently, but could with additional training provided by the district (the template's ***)"
    ),
    NOT_DECIDED: "not decided yet",
}

Key = tuple[int, int]  # (task id, role id)


def legend_lines() -> list[tuple[str, str, str]]:
    """``(mark, word, meaning)`` for each value a cell can have, in the page's order.

    >>> legend_lines()[2][1:]
    ('With training', "not currently, but could with additional training provided by the district (the template's ***)")
    """
    return [(MARKS[value], SHORT_LABELS[value], LEGEND[value]) for value in (*Capability.values, NOT_DECIDED)]


@dataclass(frozen=True)
class Effective:
    """The value a school works with for one cell, and where it comes from."""

    value: str  # a Capability value, or NOT_DECIDED
    inherited: bool  # True when the value is the district's (no override at this school)
    district_value: str


def effective_cell(key: Key, district_cells: Mapping[Key, str], school_cells: Mapping[Key, str]) -> Effective:
    """A school's override where it has one, otherwise the district's cell.

    With the district saying LCSW × Screening is "yes" and nothing said at school A,
    school A works with "yes", inherited. If school A overrides it with "no", it works
    with "no", not inherited. A cell neither decided is NOT_DECIDED, inherited:

    >>> district = {(1, 2): "yes"}
    >>> effective_cell((1, 2), district, {})
    Effective(value='yes', inherited=True, district_value='yes')
    >>> effective_cell((1, 2), district, {(1, 2): "no"})
    Effective(value='no', inherited=False, district_value='yes')
    >>> effective_cell((3, 2), district, {}).value
    ''
    """
    district_value = district_cells.get(key, NOT_DECIDED)
    if key in school_cells:
        return Effective(school_cells[key], inherited=False, district_value=district_value)
    return Effective(district_value, inherited=True, district_value=district_value)


def fitting_trainings(
    task_id: int,
    role_id: int,
    trainings_by_task: Mapping[int, Iterable[int]],
    roles_by_training: Mapping[int, set[int]],
) -> list[int]:
    """The trainings that prepare ``role_id`` for ``task_id``, in the order given.

    A training fits when it is linked to the task and either to the role too,
    or to no role at all (it prepares anyone for the task):

    >>> fitting_trainings(1, 7, {1: [10, 11, 12]}, {10: {7}, 11: {8}})
    [10, 12]
    """
    return [
        training_id
        for training_id in trainings_by_task.get(task_id, ())
        if not roles_by_training.get(training_id) or role_id in roles_by_training[training_id]
    ]


# --- The seed's example --------------------------------------------------------------------------

EXAMPLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "LCSW": ("lcsw",),
    "Counselor": ("school-counselor", "other-counselor"),
    "Administrator/para-professional": ("administrator", "para-professional"),
    "Teacher": ("teacher",),
}
"""The example's four columns and the seed roles (by ``seed_key``) each one stands for."""

EXAMPLE_TASKS: tuple[str, ...] = (
    "screening",
    "psychological-assessment",
    "threat-assessment",
    "tier-3",
    "tier-2",
    "tier-1",
    "drop-in-support",
    "crisis-intervention",
    "connect-resources",
    "special-populations",
    "family-engagement",
    "physical-goods",
    "formal-training",
    "coaching",
    "program-management",
    "community-partnerships",
    "counseling-admin-duties",
    "non-counseling-duties",
)
"""The example's eighteen rows (task ``seed_key``s, people/catalogue.py), in its order."""

EXAMPLE_TICKS: dict[str, frozenset[str]] = {
    "LCSW": frozenset(EXAMPLE_TASKS),
    "Counselor": frozenset(EXAMPLE_TASKS),
    "Administrator/para-professional": frozenset(
        {
            "family-engagement",
            "physical-goods",
            "program-management",
            "community-partnerships",
            "counseling-admin-duties",
            "non-counseling-duties",
        }
    ),
    "Teacher": frozenset(
        {
            "tier-1",
            "drop-in-support",
            "crisis-intervention",
            "connect-resources",
            "special-populations",
            "family-engagement",
            "physical-goods",
            "coaching",
            "non-counseling-duties",
        }
    ),
}
"""The rows ticked (✓) in each column of the seed's two "Example of how a major school district
defined staff roles" tables."""

EXAMPLE_TICK_MEANS: dict[str, str] = {
    "LCSW": Capability.YES,
    "Counselor": Capability.YES,
    "Administrator/para-professional": Capability.TRAINING,
    "Teacher": Capability.TRAINING,
}
"""How to read a tick in each column.

The seed's example has two legends under one tick: "Generally has these skills as a result
of certification/credentialing" and "Could develop these skills with additional training".
The credentialed columns (LCSW, Counselor) are ticked on every task, the first legend;
the administrator/para-professional and teacher columns are the staff the district planned
to train ("This district prioritized hiring/training administrators and para-professionals
to manage shifted tasks"), the second legend. A blank cell is "No".
"""


def seed_example() -> dict[tuple[str, str], str]:
    """The example as (task seed_key, role seed_key) → Capability, for every row and mapped role.

    >>> example = seed_example()
    >>> example[("screening", "lcsw")], example[("tier-1", "teacher")], example[("screening", "teacher")]
    ('yes', 'training', 'no')
    >>> len(example)  # 18 tasks × 6 roles
    108
    """
    marks: dict[tuple[str, str], str] = {}
    for column, role_keys in EXAMPLE_COLUMNS.items():
        for task_key in EXAMPLE_TASKS:
            value = EXAMPLE_TICK_MEANS[column] if task_key in EXAMPLE_TICKS[column] else Capability.NO
            for role_key in role_keys:
                marks[(task_key, role_key)] = str(value)
    return marks
