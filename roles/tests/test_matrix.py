"""The matrix's rules: effective cells, "not decided" keeps no row, and the seed's example loads exactly."""

from __future__ import annotations

from roles.matrix import NOT_DECIDED, effective_cell, fitting_trainings, seed_example
from roles.models import Capability, CapabilityCell
from roles.services.matrix import example_conflicts, load_seed_example, matrix_grid, set_cell

Y, N, T = Capability.YES, Capability.NO, Capability.TRAINING

# The seed's "Example of how a major school district defined staff roles" (1/2 and 2/2), row by row:
# LCSW, Counselor, Administrator/para-professional, Teacher.
SEED_TABLE = {
    "screening": (Y, Y, N, N),
    "psychological-assessment": (Y, Y, N, N),
    "threat-assessment": (Y, Y, N, N),
    "tier-3": (Y, Y, N, N),
    "tier-2": (Y, Y, N, N),
    "tier-1": (Y, Y, N, T),
    "drop-in-support": (Y, Y, N, T),
    "crisis-intervention": (Y, Y, N, T),
    "connect-resources": (Y, Y, N, T),
    "special-populations": (Y, Y, N, T),
    "family-engagement": (Y, Y, T, T),
    "physical-goods": (Y, Y, T, T),
    "formal-training": (Y, Y, N, N),
    "coaching": (Y, Y, N, T),
    "program-management": (Y, Y, T, N),
    "community-partnerships": (Y, Y, T, N),
    "counseling-admin-duties": (Y, Y, T, N),
    "non-counseling-duties": (Y, Y, T, T),
}
COLUMNS = (("lcsw",), ("school-counselor", "other-counselor"), ("administrator", "para-professional"), ("teacher",))


def test_a_school_override_wins_over_the_district_cell():
    district = {(1, 1): Y, (1, 2): T}
    school = {(1, 1): N}
    assert effective_cell((1, 1), district, school).value == N
    assert not effective_cell((1, 1), district, school).inherited
    assert effective_cell((1, 2), district, school).value == T
    assert effective_cell((1, 2), district, school).inherited
    assert effective_cell((2, 2), district, school).value == NOT_DECIDED


def test_a_training_fits_when_linked_to_the_task_and_to_the_role_or_to_no_role():
    assert fitting_trainings(5, 9, {5: [1, 2, 3]}, {1: {9}, 2: {8}}) == [1, 3]
    assert fitting_trainings(6, 9, {5: [1]}, {}) == []


def test_the_seed_example_as_data_is_the_seeds_table():
    example = seed_example()
    expected = {
        (task, role): marks[column]
        for task, marks in SEED_TABLE.items()
        for column, roles in enumerate(COLUMNS)
        for role in roles
    }
    assert example == expected


def test_loading_the_seed_example_gives_exactly_its_marks(personas):
    district = personas.district
    changed = load_seed_example(district, by=personas.admin)
    assert changed == 18 * 6
    cells = CapabilityCell.objects.filter(district=district, school__isnull=True)
    loaded = {(c.task.seed_key, c.role.seed_key): c.value for c in cells.select_related("task", "role")}
    assert loaded == {
        (task, role): marks[column]
        for task, marks in SEED_TABLE.items()
        for column, roles in enumerate(COLUMNS)
        for role in roles
    }
    # The roles the example has no column for stay undecided.
    assert not cells.filter(role__seed_key__in=["school-psychologist", "school-nurse", "family-engagement"]).exists()


def test_loading_the_example_again_changes_nothing_and_counts_conflicts_first(personas):
    district = personas.district
    load_seed_example(district, by=personas.admin)
    assert load_seed_example(district, by=personas.admin) == 0
    teacher = district.roles.get(seed_key="teacher")
    screening = district.tasks.get(seed_key="screening")
    set_cell(district, task=screening, role=teacher, value=T, by=personas.admin)
    assert example_conflicts(district) == 1


def test_not_decided_keeps_no_row(personas):
    district = personas.district
    task, role = district.tasks.get(seed_key="screening"), district.roles.get(seed_key="teacher")
    set_cell(district, task=task, role=role, value=Y, by=personas.admin)
    assert CapabilityCell.objects.filter(task=task, role=role).count() == 1
    set_cell(district, task=task, role=role, value=NOT_DECIDED, by=personas.admin)
    assert not CapabilityCell.objects.filter(task=task, role=role).exists()


def test_a_school_override_is_kept_apart_and_resets_to_the_district(personas):
    district, school = personas.district, personas.school_a
    task, role = district.tasks.get(seed_key="tier-1"), district.roles.get(seed_key="teacher")
    set_cell(district, task=task, role=role, value=T, by=personas.admin)
    set_cell(district, task=task, role=role, value=N, school=school, by=personas.admin)

    def cell_at(school):
        grid = matrix_grid(district, school)
        return next(c for g in grid.groups for r in g.rows for c in r.cells if c.task == task and c.role == role)

    assert (cell_at(school).value, cell_at(school).inherited) == (N, False)
    assert (cell_at(personas.school_b).value, cell_at(personas.school_b).inherited) == (T, True)
    assert cell_at(None).value == T
    set_cell(district, task=task, role=role, value=NOT_DECIDED, school=school, by=personas.admin)
    assert (cell_at(school).value, cell_at(school).inherited) == (T, True)
    assert CapabilityCell.objects.filter(task=task, role=role).count() == 1
