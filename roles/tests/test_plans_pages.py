"""Shift plan pages: who sees which plan, the seven-question form, the printable page, query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from roles.forms.plans import BARGAINING_REMINDER, QUESTIONS, WORKLOAD_NOTE
from roles.models import Audience, RoleLimit, ShiftPlan, Training
from roles.services.matrix import load_seed_example
from roles.services.plans import Receiving, plan_items, save_plan
from tests.forms import form_values


def role(p, key):
    return p.district.roles.get(seed_key=key)


def task(p, key):
    return p.district.tasks.get(seed_key=key)


def make_plan(
    p,
    *,
    school=None,
    to="para-professional",
    task_key="family-engagement",
    hours="4",
    from_key="school-counselor",
    **fields,
):
    plan = ShiftPlan(
        district=p.district,
        task=task(p, task_key),
        from_role=role(p, from_key),
        school=school,
        owner=p.admin,
        **fields,
    )
    return save_plan(plan, [Receiving(role(p, to), Decimal(hours))], trainings=[], by=None)


@pytest.fixture
def plans(personas):
    """A plan at Adams (to para-professionals), one at Brook (to school counselors), one district-wide (to teachers)."""
    p = personas
    return {
        "adams": make_plan(p, school=p.school_a),
        "brook": make_plan(p, school=p.school_b, to="lcsw", task_key="physical-goods"),
        "brook_admin": make_plan(p, school=p.school_b, to="administrator", task_key="program-management"),
        "district": make_plan(p, to="teacher", task_key="tier-1"),
    }


def _listed(client, url=None):
    body = client.get(url or reverse("roles:plan_list")).content.decode()
    return body


def _url(plan):
    return reverse("roles:plan_detail", kwargs={"pk": plan.pk})


def test_a_principal_sees_their_schools_plans_and_district_wide_ones_but_not_another_school(personas, plans):
    client = client_for(personas.principal)
    body = _listed(client)
    assert _url(plans["adams"]) in body
    assert _url(plans["district"]) in body
    assert _url(plans["brook"]) not in body
    assert client.get(reverse("roles:plan_detail", kwargs={"pk": plans["brook"].pk})).status_code == 404
    assert client.get(reverse("roles:plan_detail", kwargs={"pk": plans["adams"].pk})).status_code == 200
    assert client.get(reverse("roles:plan_edit", kwargs={"pk": plans["adams"].pk})).status_code == 403


def test_staff_see_only_plans_their_role_receives_at_their_schools(personas, plans):
    p = personas
    psychologists = {"to": "school-counselor", "from_key": "school-psychologist", "hours": "1"}
    mine = make_plan(p, school=p.school_a, task_key="physical-goods", **psychologists)
    elsewhere = make_plan(p, school=p.school_b, task_key="coaching", **psychologists)
    client = client_for(p.counselor_a)
    body = _listed(client)
    assert reverse("roles:plan_detail", kwargs={"pk": mine.pk}) in body
    assert reverse("roles:plan_detail", kwargs={"pk": elsewhere.pk}) not in body
    assert reverse("roles:plan_detail", kwargs={"pk": plans["adams"].pk}) not in body
    detail = client.get(reverse("roles:plan_detail", kwargs={"pk": mine.pk}))
    assert detail.status_code == 200
    assert "Edit this plan" not in detail.content.decode()
    assert client.get(reverse("roles:plan_detail", kwargs={"pk": plans["adams"].pk})).status_code == 404
    assert client.get(reverse("roles:plan_edit", kwargs={"pk": mine.pk})).status_code == 403
    assert client.post(reverse("roles:plan_edit", kwargs={"pk": mine.pk}), {}).status_code == 403


def test_admins_see_and_edit_every_plan(personas, plans):
    client = client_for(personas.admin)
    body = _listed(client)
    for plan in plans.values():
        assert reverse("roles:plan_detail", kwargs={"pk": plan.pk}) in body
    assert (
        "Edit this plan" in client.get(reverse("roles:plan_detail", kwargs={"pk": plans["brook"].pk})).content.decode()
    )


def test_another_district_gets_404_for_a_plan(personas, plans):
    client = client_for(personas.other_admin)
    for name in ("roles:plan_detail", "roles:plan_edit", "roles:plan_print"):
        assert client.get(reverse(name, kwargs={"pk": plans["adams"].pk})).status_code == 404
    body = _listed(client)
    assert _url(plans["adams"]) not in body
    assert "There are no shift plans you can see yet." in body


def test_the_list_filters_by_status_school_and_task(personas, plans):
    client = client_for(personas.admin)
    adams = reverse("roles:plan_detail", kwargs={"pk": plans["adams"].pk})
    district = reverse("roles:plan_detail", kwargs={"pk": plans["district"].pk})
    by_school = _listed(client, reverse("roles:plan_list") + f"?school={personas.school_a.pk}")
    assert adams in by_school and district not in by_school
    by_scope = _listed(client, reverse("roles:plan_list") + "?school=district")
    assert district in by_scope and adams not in by_scope
    by_task = _listed(client, reverse("roles:plan_list") + f"?task={task(personas, 'tier-1').pk}")
    assert district in by_task and adams not in by_task
    by_status = _listed(client, reverse("roles:plan_list") + "?status=done")
    assert "No shift plan matches these filters." in by_status


def _form_data(p, **overrides):
    data = {
        "task": task(p, "family-engagement").pk,
        "from_role": role(p, "school-counselor").pk,
        "school": p.school_a.pk,
        "shift_when": "Start of next school year",
        "shift_on": "2026-08-17",
        "communication": "Employees informed in summer PD.",
        "parent_communication": "",
        "staffing": "hiring",
        "hiring_responsible": p.principal.pk,
        "training_needed": "on",
        "training_responsible": p.counselor_a.pk,
        "other_steps": "",
        "workload_note": "Para-professionals drop lunch duty.",
        "status": "in_progress",
        "owner": p.admin.pk,
        "receiving-TOTAL_FORMS": "2",
        "receiving-INITIAL_FORMS": "0",
        "receiving-0-role": role(p, "para-professional").pk,
        "receiving-0-hours": "6",
        "receiving-1-role": "",
        "receiving-1-hours": "",
        "trainings-TOTAL_FORMS": "2",
        "trainings-INITIAL_FORMS": "0",
        "trainings-0-training": "",
        "trainings-0-people": "",
        "trainings-1-training": "",
        "trainings-1-people": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def example(personas, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 2, 15, 0, tzinfo=dt.UTC), tick=False)
    load_seed_example(personas.district, by=personas.admin)
    return personas


def test_the_form_asks_the_seeds_questions_with_the_reminder_and_the_workload_prompt(example):
    role(example, "teacher").__class__.objects.filter(pk=role(example, "teacher").pk).update(
        notes="The teachers' contract: no more than 1 hour a week of non-teaching duties."
    )
    body = client_for(example.admin).get(reverse("roles:plan_new")).content.decode()
    for question in QUESTIONS:
        assert f"<strong>{question}</strong>" in body
    assert f"<strong>{BARGAINING_REMINDER}</strong>" in body
    assert WORKLOAD_NOTE in body
    assert "no more than 1 hour a week of non-teaching duties" in body


def test_plan_this_shift_prefills_the_form(example):
    p = example
    url = reverse("roles:plan_new") + (
        f"?task={task(p, 'family-engagement').pk}&from_role={role(p, 'school-counselor').pk}"
        f"&to_role={role(p, 'para-professional').pk}"
    )
    body = client_for(p.admin).get(url).content.decode()
    assert f'<option value="{task(p, "family-engagement").pk}" selected>' in body
    assert f'<option value="{role(p, "para-professional").pk}" selected>' in body


def test_the_admin_creates_a_plan_and_its_action_items(example):
    p = example
    qpr = Training.objects.create(district=p.district, name="QPR", audience=Audience.GENERAL_STAFF)
    data = _form_data(p, **{"trainings-0-training": qpr.pk, "trainings-0-people": "3"})
    response = client_for(p.admin).post(reverse("roles:plan_new"), data)
    assert response.status_code == 302, response.content.decode()
    plan = ShiftPlan.objects.get()
    assert plan.created_by == p.admin
    assert plan_items(plan).count() == 4
    detail = client_for(p.admin).get(response["Location"]).content.decode()
    assert "Train 3 people: QPR" in detail
    assert "Employees informed in summer PD." in detail


def test_the_form_shows_the_refusal_beside_the_receiving_role(example):
    p = example
    data = _form_data(
        p,
        task=task(p, "threat-assessment").pk,
        training_needed="",
        **{"receiving-0-role": role(p, "teacher").pk},
    )
    response = client_for(p.admin).post(reverse("roles:plan_new"), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Teachers are marked “No — could not, even with training” for Threat assessment" in body
    assert 'id="id_receiving-0-role_error"' in body
    assert not ShiftPlan.objects.exists()


def test_the_form_asks_for_a_training_when_the_role_needs_one(example):
    response = client_for(example.admin).post(reverse("roles:plan_new"), _form_data(example))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_training_needed_error"' in body
    assert "choose at least one training" in body


def test_a_flagged_plan_is_saved_and_the_warning_shows_on_the_list(example):
    p = example
    RoleLimit.objects.create(
        district=p.district, role=role(p, "para-professional"), max_hours_per_week=Decimal(2), source="the paras' MOU"
    )
    qpr = Training.objects.create(district=p.district, name="QPR", audience=Audience.GENERAL_STAFF)
    data = _form_data(p, **{"trainings-0-training": qpr.pk, "trainings-0-people": "3"})
    response = client_for(p.admin).post(reverse("roles:plan_new"), data, follow=True)
    body = response.content.decode()
    assert "Saved, but flagged" in body
    assert (
        "Para-professionals would receive 6.0 hours a week of shifted work at Adams Elementary across active shift "
        "plans, over the limit of 2.0 hours a week, from the paras&#x27; MOU." in body
    )
    listed = _listed(client_for(p.admin))
    assert "Flagged" in listed and "6.0 hours a week" in listed


def test_the_print_view_has_the_seven_questions_as_a_two_column_table(personas, plans):
    body = (
        client_for(personas.admin).get(reverse("roles:plan_print", kwargs={"pk": plans["adams"].pk})).content.decode()
    )
    for question in QUESTIONS:
        assert f'<th scope="row">{question}</th>' in body
    assert "Save as PDF" in body
    assert "Para-professionals" in body or "Para-professional: 4.0 hours a week" in body


def test_the_plans_list_takes_the_same_queries_with_more_plans(personas):
    p = personas
    client = client_for(p.principal)
    RoleLimit.objects.create(district=p.district, role=role(p, "para-professional"), max_hours_per_week=Decimal(1))
    make_plan(p, school=p.school_a)
    client.get(reverse("roles:plan_list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("roles:plan_list"))
    for key in ("tier-1", "coaching", "physical-goods", "program-management"):
        make_plan(p, school=p.school_a, task_key=key)
        make_plan(p, to="administrator", task_key=key)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("roles:plan_list"))
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_editing_a_plan_moves_its_items_dates_without_duplicating_them(example):
    p = example
    qpr = Training.objects.create(district=p.district, name="QPR", audience=Audience.GENERAL_STAFF)
    data = _form_data(p, **{"trainings-0-training": qpr.pk, "trainings-0-people": "3"})
    client = client_for(p.admin)
    client.post(reverse("roles:plan_new"), data)
    plan = ShiftPlan.objects.get()
    edit = client.get(reverse("roles:plan_edit", kwargs={"pk": plan.pk})).content.decode()
    assert 'value="2026-08-17"' in edit and "Edit the shift plan" in edit
    seen = form_values(edit)["seen"]

    qpr.retired = True  # retired since: the plan keeps it
    qpr.save()
    changed = _form_data(
        p,
        shift_on="2026-09-01",
        seen=seen,
        **{
            "receiving-INITIAL_FORMS": "1",
            "trainings-INITIAL_FORMS": "1",
            "trainings-0-training": qpr.pk,
            "trainings-0-people": "3",
        },
    )
    response = client.post(reverse("roles:plan_edit", kwargs={"pk": plan.pk}), changed)
    assert response.status_code == 302, response.content.decode()
    assert plan_items(plan).count() == 4
    # The start on September 1; hiring, training and communication 4, 2 and 1 weeks before it.
    assert sorted(plan_items(plan).values_list("due_on", flat=True)) == [
        dt.date(2026, 8, 4),
        dt.date(2026, 8, 18),
        dt.date(2026, 8, 25),
        dt.date(2026, 9, 1),
    ]


def test_the_capacity_page_takes_the_same_queries_with_more_schools_and_staff(personas):
    from tests import factories

    client = client_for(personas.admin)
    url = reverse("roles:capacity")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(6):
        school = factories.make_school(personas.district, f"Extra School {n}", enrollment=300 + n)
        factories.make_staff(personas.district, role_key="school-psychologist", schools={school: "0.5"})
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
