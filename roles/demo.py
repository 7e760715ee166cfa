"""Demo role definition for each demo district (``people.demo.DEMO_BUILDERS``).

A filled capability matrix: the seed's example for its columns, then plausible answers for the
roles it has no column for (school psychologist, school nurse, family engagement specialist), one
task the district added itself, a school that keeps crisis intervention away from its teachers,
and the glossary with its trainings linked to the tasks and roles they prepare for.
"""

from __future__ import annotations

import random

from people.models import District, School, Task
from people.services import save_catalogue_item
from roles.matrix import EXAMPLE_TASKS
from roles.models import Capability, Training
from roles.services.glossary import fill_glossary, save_training
from roles.services.matrix import load_seed_example, save_cells

Y, N, T = Capability.YES, Capability.NO, Capability.TRAINING

# Role seed key → the tasks (seed keys) answered Yes / With training; every other example task is No.
OTHER_COLUMNS: dict[str, tuple[set[str], set[str]]] = {
    "school-psychologist": (set(EXAMPLE_TASKS), set()),
    "school-nurse": (
        {"screening", "drop-in-support", "connect-resources", "special-populations", "physical-goods"},
        {"tier-1", "crisis-intervention", "family-engagement", "formal-training", "community-partnerships"},
    ),
    "family-engagement": (
        {"connect-resources", "family-engagement", "physical-goods", "community-partnerships"},
        {"tier-1", "drop-in-support", "special-populations", "program-management"},
    ),
}
OWN_TASK = "Check-and-connect mentoring for chronically absent students"
OWN_TASK_COLUMN = {
    "lcsw": Y,
    "other-counselor": Y,
    "school-counselor": Y,
    "school-psychologist": Y,
    "school-nurse": T,
    "family-engagement": Y,
    "administrator": T,
    "para-professional": T,
    "teacher": T,
}
# Training seed key → (task seed keys, role seed keys; none = any role).
TRAINING_LINKS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ymhfa-teachers": (("tier-1", "drop-in-support", "crisis-intervention", "connect-resources"), ("teacher",)),
    "ymhfa-general-staff": (
        ("drop-in-support", "crisis-intervention", "connect-resources", "family-engagement"),
        ("administrator", "para-professional", "family-engagement"),
    ),
    "nctsn-core-teachers": (("tier-1", "special-populations", "coaching"), ("teacher",)),
    "asist-general-staff": (("crisis-intervention",), ()),
    "qpr": (("crisis-intervention", "drop-in-support"), ()),
    "nurses-trauma": (("tier-1", "crisis-intervention"), ("school-nurse",)),
    "edge-coaching": (("coaching", "program-management"), ("administrator", "para-professional")),
}


def build_demo_matrix(district: District, rng: random.Random) -> None:
    """Fill ``district``'s matrix and glossary (deterministic; ``rng`` is not needed)."""
    fill_glossary(district)
    load_seed_example(district, by=None)
    tasks = {task.seed_key: task for task in Task.objects.filter(district=district).exclude(seed_key="")}
    roles = {role.seed_key: role for role in district.roles.exclude(seed_key="")}
    values = {}
    for role_key, (yes, training) in OTHER_COLUMNS.items():
        for task_key in EXAMPLE_TASKS:
            value = Y if task_key in yes else T if task_key in training else N
            values[(tasks[task_key].pk, roles[role_key].pk)] = value
    own = save_catalogue_item(
        Task(district=district, category=district.task_categories.get(seed_key="family-care"), name=OWN_TASK)
    )
    for role_key, value in OWN_TASK_COLUMN.items():
        values[(own.pk, roles[role_key].pk)] = value
    save_cells(district, values, by=None)
    school = School.objects.filter(district=district).order_by("pk").first()
    if school is not None:
        save_cells(district, {(tasks["crisis-intervention"].pk, roles["teacher"].pk): N}, school=school, by=None)
    trainings = {t.seed_key: t for t in Training.objects.filter(district=district)}
    for training_key, (task_keys, role_keys) in TRAINING_LINKS.items():
        save_training(
            trainings[training_key],
            tasks=[tasks[key] for key in task_keys] + ([own] if training_key == "ymhfa-general-staff" else []),
            roles=[roles[key] for key in role_keys],
        )


# --- constrained roles and shift plans (below) ---
