"""The training glossary: seeding it, saving a training with its links, retiring one."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from core import stale
from people.models import District, Role, Task
from roles.glossary import SEED_TRAININGS
from roles.models import Audience, Training, TrainingRole, TrainingTask


def fill_glossary(district: District) -> int:
    """Add the seed's trainings the district lacks (by seed key); returns how many were added.

    Safe to run again: a training already there, even renamed or retired, is left alone.
    Call it for every new district (after ``people.services.create_district``).
    """
    have = set(Training.objects.filter(district=district).values_list("seed_key", flat=True))
    taken = set(Training.objects.filter(district=district).values_list("audience", "name"))
    new = [
        Training(
            district=district,
            name=seed.name,
            audience=seed.audience,
            format=seed.format,
            length=seed.length,
            hours=seed.hours,
            url=seed.url,
            seed_key=seed.key,
        )
        for seed in SEED_TRAININGS
        if seed.key not in have and (seed.audience, seed.name) not in taken
    ]
    Training.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def save_training(
    training: Training, *, tasks: Iterable[Task], roles: Iterable[Role], seen: stale.Seen | None = None
) -> Training:
    """Create or update a training and set the tasks and roles it prepares for (all of the district).

    ``seen`` is what the editor's page showed (``core.stale``): if another admin saved the training
    since, its fields or its links, ``core.stale.StaleEdit`` says what changed and nothing is written.
    """
    district = training.district
    if training.pk is not None and seen is not None:
        stale.check(seen, Training.objects.select_for_update().get(pk=training.pk))
    tasks = [task for task in tasks if task.district_id == district.pk]
    roles = [role for role in roles if role.district_id == district.pk]
    training.save()
    training.tasks.set(tasks, through_defaults={"district": district})
    training.roles.set(roles, through_defaults={"district": district})
    return training


@transaction.atomic
def set_retired(training: Training, retired: bool) -> bool:
    """Retire (``retired``) or restore a training; returns False when it already was (someone else did it).

    A retired training is no longer suggested in the matrix; plans that chose it keep it.
    """
    current = Training.objects.select_for_update().get(pk=training.pk)
    training.retired = current.retired
    if current.retired == retired:
        return False
    training.retired = retired
    Training.objects.filter(pk=training.pk).update(retired=retired)
    return True


def glossary(district: District, *, include_retired: bool = False) -> list[tuple[str, list[Training]]]:
    """The district's trainings by audience, in the seed's order of audiences, each with its links loaded.

    Four queries whatever the number of trainings: trainings, task links, role links (each with
    the linked row joined).
    """
    trainings = Training.objects.filter(district=district)
    if not include_retired:
        trainings = trainings.filter(retired=False)
    trainings_list = list(trainings.order_by("name", "pk"))
    by_id = {training.pk: training for training in trainings_list}
    for training in trainings_list:
        training.linked_tasks = []  # type: ignore[attr-defined]
        training.linked_roles = []  # type: ignore[attr-defined]
    task_links = TrainingTask.objects.filter(training_id__in=by_id).select_related("task")
    for link in task_links.order_by("task__category__position", "task__position", "task__name"):
        by_id[link.training_id].linked_tasks.append(link.task)  # type: ignore[attr-defined]
    for role_link in (
        TrainingRole.objects.filter(training_id__in=by_id)
        .select_related("role")
        .order_by("role__position", "role__name")
    ):
        by_id[role_link.training_id].linked_roles.append(role_link.role)  # type: ignore[attr-defined]
    groups = []
    for value, label in Audience.choices:
        groups.append((label, [t for t in trainings_list if t.audience == value]))
    return groups
