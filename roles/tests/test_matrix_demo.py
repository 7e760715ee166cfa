"""The demo's matrix: filled for every seed role and task, with an override and linked trainings."""

from __future__ import annotations

import random

from roles.demo import build_demo_matrix
from roles.models import Capability, CapabilityCell, TrainingTask
from roles.services.matrix import matrix_grid


def test_the_demo_district_has_a_filled_matrix_and_linked_glossary(personas):
    district = personas.district
    build_demo_matrix(district, random.Random(1))
    grid = matrix_grid(district)
    undecided = [
        (cell.role.seed_key, cell.task.name) for g in grid.groups for r in g.rows for cell in r.cells if not cell.value
    ]
    assert undecided == []
    assert [task.name for task in grid.other_tasks] == ["Check-and-connect mentoring for chronically absent students"]
    assert CapabilityCell.objects.filter(district=district, school__isnull=False, value=Capability.NO).count() == 1
    assert TrainingTask.objects.filter(district=district).exists()
    with_training = [c for g in grid.groups for r in g.rows for c in r.cells if c.value == Capability.TRAINING]
    assert any(c.trainings for c in with_training)
