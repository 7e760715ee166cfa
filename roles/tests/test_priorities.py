"""Priority tasks of constrained roles (with the suggestion) and the tasks that could be shifted."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from roles.models import Audience, Capability, PriorityTask, Training
from roles.services.glossary import save_training
from roles.services.matrix import load_seed_example, save_cells
from roles.services.priorities import (
    confirm_constrained_roles,
    set_priority_tasks,
    suggested_priority_tasks,
    tasks_to_shift,
)
from tests.forms import hidden_inputs


def _role(p, key):
    return p.district.roles.get(seed_key=key)


def _task(p, key):
    return p.district.tasks.get(seed_key=key)


def test_with_the_seed_example_the_suggestion_is_the_tasks_only_credentialed_roles_can_do(personas):
    load_seed_example(personas.district, by=personas.admin)
    suggested = suggested_priority_tasks(personas.district, _role(personas, "school-counselor"))
    names = {t.seed_key for t in personas.district.tasks.filter(pk__in=suggested)}
    # The example marks teachers for Tier 1, drop-in support and crisis intervention (with training),
    # and administrators / para-professionals for family tasks and administration: those are not suggested.
    assert names == {
        "screening",
        "psychological-assessment",
        "threat-assessment",
        "tier-3",
        "tier-2",
        "formal-training",
    }


def test_the_suggestion_needs_the_role_itself_marked_yes(personas):
    load_seed_example(personas.district, by=personas.admin)
    # The example has no column for school psychologists: nothing is decided for them.
    assert suggested_priority_tasks(personas.district, _role(personas, "school-psychologist")) == set()


def test_setting_priority_tasks_replaces_the_previous_ones(personas):
    counselor = _role(personas, "school-counselor")
    set_priority_tasks(counselor, [_task(personas, "screening").pk, _task(personas, "tier-2").pk])
    set_priority_tasks(counselor, [_task(personas, "tier-2").pk, _task(personas, "tier-3").pk])
    kept = set(PriorityTask.objects.filter(role=counselor).values_list("task__seed_key", flat=True))
    assert kept == {"tier-2", "tier-3"}


def test_use_the_suggestion_ticks_it_and_saving_keeps_it(personas):
    load_seed_example(personas.district, by=personas.admin)
    counselor = _role(personas, "school-counselor")
    confirm_constrained_roles(personas.district, [(counselor, True, 10)], by=personas.admin)
    url = reverse("roles:priority_tasks", kwargs={"pk": counselor.constrained.pk})
    client = client_for(personas.admin)

    seen = hidden_inputs(client, url)["seen"]
    page = client.post(url, {"suggest": "1", "seen": seen}).content.decode()
    assert f'name="seen" value="{seen}"' in page  # the snapshot of what the page first showed, kept
    screening = _task(personas, "screening").pk
    crisis = _task(personas, "crisis-intervention").pk
    assert f'value="{screening}" id="task-{screening}" checked' in page
    assert f'value="{crisis}" id="task-{crisis}">' in page  # not ticked
    assert not PriorityTask.objects.exists()  # nothing saved until the admin saves

    response = client.post(url, {"tasks": [screening, crisis], "save": "1", "seen": seen})
    assert response.status_code == 302
    assert set(PriorityTask.objects.values_list("task_id", flat=True)) == {screening, crisis}


def _example_with_constrained_counselors(p):
    load_seed_example(p.district, by=p.admin)
    counselor = _role(p, "school-counselor")
    confirm_constrained_roles(p.district, [(counselor, True, 10)], by=p.admin)
    set_priority_tasks(counselor, suggested_priority_tasks(p.district, counselor))
    return counselor


def test_tasks_to_shift_lists_non_priority_tasks_with_the_roles_that_could_take_them(personas):
    p = personas
    _example_with_constrained_counselors(p)
    qpr = Training.objects.create(district=p.district, name="QPR", audience=Audience.GENERAL_STAFF)
    save_training(qpr, tasks=[_task(p, "crisis-intervention")], roles=[_role(p, "teacher")])
    ymhfa = Training.objects.create(district=p.district, name="YMHFA", audience=Audience.GENERAL_STAFF)
    save_training(ymhfa, tasks=[_task(p, "crisis-intervention")], roles=[_role(p, "para-professional")])

    [group] = tasks_to_shift(p.district)
    shiftable = {row.task.seed_key: row for row in group.tasks}
    assert "screening" not in shiftable  # a priority
    assert {"tier-1", "crisis-intervention", "family-engagement", "non-counseling-duties"} <= set(shiftable)

    crisis = {c.role.seed_key: c for c in shiftable["crisis-intervention"].candidates}
    # Other counselors / LCSW are "Yes"; teachers "With training", with the training linked to teachers only.
    assert crisis["lcsw"].value == Capability.YES
    assert crisis["teacher"].needs_training
    assert [t.name for t in crisis["teacher"].trainings] == ["QPR"]
    assert "administrator" not in crisis  # "No" in the example

    family = {c.role.seed_key for c in shiftable["family-engagement"].candidates}
    assert {"administrator", "para-professional", "teacher"} <= family


def test_tasks_to_shift_page_shows_the_reminder_and_plan_links(personas):
    p = personas
    _example_with_constrained_counselors(p)
    body = client_for(p.admin).get(reverse("roles:tasks_to_shift")).content.decode()
    assert "<strong>This tool describes potential actions and initiatives that may be governed by existing" in body
    assert "Plan this shift" in body
    family = _task(p, "family-engagement").pk
    para = _role(p, "para-professional").pk
    assert f"task={family}&amp;from_role={_role(p, 'school-counselor').pk}&amp;to_role={para}" in body


def test_leaders_read_tasks_to_shift_without_plan_links(personas):
    _example_with_constrained_counselors(personas)
    body = client_for(personas.principal).get(reverse("roles:tasks_to_shift")).content.decode()
    assert "Proactive family engagement" in body
    assert "Plan this shift" not in body


def test_without_constrained_roles_the_page_says_what_to_do(personas):
    body = client_for(personas.admin).get(reverse("roles:tasks_to_shift")).content.decode()
    assert "No role is confirmed as capacity-constrained yet." in body


def test_tasks_to_shift_takes_the_same_queries_with_more_roles_tasks_and_trainings(personas):
    p = personas
    _example_with_constrained_counselors(p)
    client = client_for(p.admin)
    url = reverse("roles:tasks_to_shift")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)

    psychologist = _role(p, "school-psychologist")
    confirm_constrained_roles(
        p.district, [(_role(p, "school-counselor"), True, 10), (psychologist, True, 5)], by=p.admin
    )
    save_cells(p.district, {(t.pk, psychologist.pk): Capability.YES for t in p.district.tasks.all()}, by=p.admin)
    for n in range(5):
        training = Training.objects.create(district=p.district, name=f"Training {n}", audience=Audience.TEACHERS)
        save_training(training, tasks=list(p.district.tasks.all()), roles=[_role(p, "teacher")])
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
