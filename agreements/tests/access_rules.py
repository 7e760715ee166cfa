"""Agreements' URLs in the access matrix (tests/test_access_matrix.py): Casey Counselor's agreement at Adams
Elementary, which Casey, Pat Principal (who leads Adams) and the district admin may all see."""

from __future__ import annotations

from agreements.tests.makers import add_program_goal, make_agreement
from conftest import Personas
from tests.access import ADMIN, STAFF, Rule


def agreement(p: Personas) -> dict:
    return {"pk": make_agreement(p).pk}


def version(p: Personas) -> dict:
    return {"pk": make_agreement(p).pk, "number": 1}


def goal(p: Personas) -> dict:
    made = make_agreement(p)
    return {"pk": made.pk, "goal_pk": add_program_goal(p, made).pk}


RULES: dict[str, Rule] = {
    "agreements:list": Rule(STAFF),
    "agreements:new": Rule(STAFF),
    "agreements:detail": Rule(STAFF, kwargs=agreement, tenant_object=True),
    "agreements:edit": Rule(STAFF, kwargs=agreement, tenant_object=True),
    "agreements:review": Rule(STAFF, kwargs=agreement, tenant_object=True, post_only=True),
    "agreements:sign": Rule(STAFF, kwargs=agreement, tenant_object=True, post_only=True),
    "agreements:comment": Rule(STAFF, kwargs=agreement, tenant_object=True, post_only=True),
    "agreements:next_year": Rule(STAFF, kwargs=agreement, tenant_object=True, post_only=True),
    "agreements:print": Rule(STAFF, kwargs=agreement, tenant_object=True),
    "agreements:pdf": Rule(STAFF, kwargs=agreement, tenant_object=True),
    "agreements:version": Rule(STAFF, kwargs=version, tenant_object=True),
    "agreements:goal_new": Rule(STAFF, kwargs=agreement, tenant_object=True),
    "agreements:goal_edit": Rule(STAFF, kwargs=goal, tenant_object=True),
    "agreements:goal_delete": Rule(STAFF, kwargs=goal, tenant_object=True, post_only=True),
    "agreements:progress_new": Rule(STAFF, kwargs=goal, tenant_object=True),
}
RULES["agreements:district"] = Rule(ADMIN)
RULES["agreements:district_export"] = Rule(ADMIN)
RULES["agreements:targets"] = Rule(ADMIN)
RULES["agreements:target_edit"] = Rule(
    ADMIN, kwargs=lambda p: {"pk": p.district.roles.get(seed_key="school-counselor").pk}, tenant_object=True
)
