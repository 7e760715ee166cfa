"""The role definition URLs in the access matrix (tests/test_access_matrix.py)."""

from __future__ import annotations

from conftest import Personas
from roles.models import MatrixUpload, Training
from roles.services.glossary import fill_glossary
from tests.access import ADMIN, LEADER, STAFF, Rule


def cell(p: Personas) -> dict:
    return {
        "task_pk": p.district.tasks.get(seed_key="screening").pk,
        "role_pk": p.district.roles.get(seed_key="teacher").pk,
    }


def matrix_upload(p: Personas) -> dict:
    upload = MatrixUpload.objects.create(district=p.district, filename="matrix.xlsx", content=b"", uploaded_by=p.admin)
    return {"token": upload.token}


def training(p: Personas) -> dict:
    fill_glossary(p.district)
    return {"pk": Training.objects.filter(district=p.district).first().pk}


RULES: dict[str, Rule] = {
    # --- capability matrix ---
    "roles:matrix": Rule(STAFF),
    "roles:matrix_save": Rule(ADMIN, post_only=True),
    "roles:matrix_cell": Rule(ADMIN, kwargs=cell, tenant_object=True, post_only=True),
    "roles:matrix_add_task": Rule(ADMIN),
    "roles:matrix_add_role": Rule(ADMIN),
    "roles:matrix_load_example": Rule(ADMIN),
    "roles:matrix_template": Rule(STAFF),
    "roles:matrix_print": Rule(STAFF),
    "roles:matrix_export": Rule(STAFF),
    "roles:matrix_import": Rule(ADMIN),
    "roles:matrix_import_page": Rule(ADMIN, kwargs=matrix_upload, tenant_object=True),
    # --- training glossary ---
    "roles:glossary": Rule(STAFF),
    "roles:training_new": Rule(ADMIN),
    "roles:training_edit": Rule(ADMIN, kwargs=training, tenant_object=True),
    "roles:training_retire": Rule(ADMIN, kwargs=training, tenant_object=True, post_only=True),
    # --- shift plans ---
    "roles:capacity": Rule(LEADER),
    "roles:priority_tasks": Rule(ADMIN, kwargs=lambda p: constrained_role(p), tenant_object=True),
    "roles:tasks_to_shift": Rule(LEADER),
    "roles:plan_list": Rule(STAFF),
    "roles:plan_new": Rule(ADMIN),
    "roles:plan_detail": Rule(STAFF, kwargs=lambda p: shift_plan(p), tenant_object=True),
    "roles:plan_edit": Rule(ADMIN, kwargs=lambda p: shift_plan(p), tenant_object=True),
    "roles:plan_print": Rule(STAFF, kwargs=lambda p: shift_plan(p), tenant_object=True),
    "roles:plan_pdf": Rule(STAFF, kwargs=lambda p: shift_plan(p), tenant_object=True),
    "roles:limits": Rule(LEADER),
    "roles:limit_edit": Rule(ADMIN, kwargs=lambda p: role_limit(p), tenant_object=True),
    "roles:limit_delete": Rule(ADMIN, kwargs=lambda p: role_limit(p), post_only=True, tenant_object=True),
    # --- shift planner ---
    "roles:planner": Rule(LEADER),
    "roles:planner_settings": Rule(ADMIN, post_only=True),
    "roles:planner_start": Rule(ADMIN, post_only=True),
    "roles:planner_runs": Rule(LEADER),
    "roles:planner_run": Rule(LEADER, kwargs=lambda p: planner_run(p), tenant_object=True),
    "roles:planner_accept": Rule(ADMIN, kwargs=lambda p: planner_run(p), tenant_object=True, post_only=True),
    "roles:planner_compare": Rule(LEADER),
    # a leader for the schools they lead (the principal leads Adams Elementary), an admin for any
    "roles:planner_estimates": Rule(LEADER, kwargs=lambda p: {"pk": p.school_a.pk}, tenant_object=True),
    "roles:planner_estimates_clear": Rule(LEADER, kwargs=lambda p: {"pk": p.school_a.pk}, tenant_object=True),
}


def planner_run(p: Personas) -> dict:
    """A finished district-wide run of Lincoln County (solved at once by the immediate backend)."""
    from roles.models import PlannerRun
    from roles.planning.adapter import build_input
    from roles.planning.runs import execute_run, snapshot

    run = PlannerRun.objects.create(district=p.district, inputs=snapshot(build_input(p.district)))
    execute_run(run.pk)
    return {"pk": run.pk}


# --- shift plans: kwargs builders (called lazily by the rules above) ---


def constrained_role(p: Personas) -> dict:
    from decimal import Decimal

    from roles.models import ConstrainedRole
    from roles.services.priorities import confirm_constrained_roles

    psychologist = p.district.roles.get(seed_key="school-psychologist")
    confirm_constrained_roles(p.district, [(psychologist, True, Decimal(10))], by=p.admin)
    return {"pk": ConstrainedRole.objects.get(role=psychologist).pk}


def role_limit(p: Personas) -> dict:
    from roles.models import RoleLimit

    limit = RoleLimit.objects.create(
        district=p.district, role=p.district.roles.get(seed_key="teacher"), max_hours_per_week=1, source="Contract"
    )
    return {"pk": limit.pk}


def shift_plan(p: Personas) -> dict:
    """A district-wide plan moving screening to school counselors: every persona of Lincoln County may read it."""
    from decimal import Decimal

    from roles.models import ShiftPlan
    from roles.services.plans import Receiving, save_plan

    plan = ShiftPlan(
        district=p.district,
        task=p.district.tasks.get(seed_key="screening"),
        from_role=p.district.roles.get(seed_key="school-psychologist"),
        owner=p.admin,
    )
    counselors = p.district.roles.get(seed_key="school-counselor")
    save_plan(plan, [Receiving(counselors, Decimal(2))], trainings=[], by=None)
    return {"pk": plan.pk}
