"""The reflections' URLs in the access matrix (tests/test_access_matrix.py)."""

from __future__ import annotations

import datetime as dt

from conftest import Personas
from reflections import services
from reflections.models import ReflectionRequest
from reflections.tests.makers import make_reflection
from tests.access import ADMIN, LEADER, STAFF, Rule


def shared_reflection(p: Personas) -> dict:
    """Counselor A's submitted reflection shared with their school leader and admins: all three personas read it."""
    return {"pk": make_reflection(p.counselor_a, leader=True, admins=True).pk}


def reflection_row(p: Personas) -> dict:
    reflection = make_reflection(p.counselor_a, leader=True, admins=True)
    return {"pk": reflection.pk, "row_pk": reflection.allocations.first().pk}


def counselor_a(p: Personas) -> dict:
    return {"staff_pk": p.counselor_a.pk}


def principals_request(p: Personas) -> dict:
    made = services.create_request(
        p.district,
        by=p.principal,
        group=ReflectionRequest.Group.SCHOOL,
        school=p.school_a,
        due_on=dt.date(2099, 1, 1),
    )
    return {"pk": made.pk}


RULES: dict[str, Rule] = {
    "reflections:my_reflections": Rule(STAFF),
    "reflections:shared_with_me": Rule(LEADER),
    "reflections:reflection_new": Rule(STAFF),
    "reflections:detail": Rule(STAFF, kwargs=shared_reflection, tenant_object=True),
    "reflections:reflection_edit": Rule(STAFF, kwargs=shared_reflection, tenant_object=True),
    "reflections:reflection_share": Rule(STAFF, kwargs=shared_reflection, tenant_object=True),
    "reflections:make_action_item": Rule(LEADER, kwargs=reflection_row, tenant_object=True, post_only=True),
    "reflections:estimate_new": Rule(LEADER, kwargs=counselor_a, tenant_object=True),
    "reflections:comparison": Rule(LEADER, kwargs=counselor_a, tenant_object=True),
    "reflections:request_list": Rule(LEADER),
    "reflections:request_new": Rule(LEADER),
    "reflections:request_detail": Rule(LEADER, kwargs=principals_request, tenant_object=True),
    "reflections:request_remind": Rule(LEADER, kwargs=principals_request, tenant_object=True, post_only=True),
    # --- dashboards ---
    "dashboards:index": Rule(STAFF),
    "dashboards:mine": Rule(STAFF),
    "dashboards:district": Rule(ADMIN),
    "dashboards:district_export": Rule(ADMIN, kwargs=lambda p: {"fmt": "csv"}),
    "dashboards:school": Rule(LEADER, kwargs=lambda p: {"pk": p.school_a.pk}, tenant_object=True),
    "dashboards:school_export": Rule(LEADER, kwargs=lambda p: {"pk": p.school_a.pk, "fmt": "xlsx"}, tenant_object=True),
    "dashboards:role": Rule(LEADER, kwargs=lambda p: {"pk": p.counselor_a.role_id}, tenant_object=True),
    "dashboards:role_export": Rule(
        LEADER, kwargs=lambda p: {"pk": p.counselor_a.role_id, "fmt": "csv"}, tenant_object=True
    ),
    "dashboards:reflection_form_blank": Rule(STAFF),
    "dashboards:reflection_form_print": Rule(STAFF, kwargs=shared_reflection, tenant_object=True),
}
