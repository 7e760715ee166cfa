"""The role definition URLs in the access matrix (tests/test_access_matrix.py)."""

from __future__ import annotations

from conftest import Personas
from roles.models import Training
from roles.services.glossary import fill_glossary
from tests.access import ADMIN, STAFF, Rule


def cell(p: Personas) -> dict:
    return {
        "task_pk": p.district.tasks.get(seed_key="screening").pk,
        "role_pk": p.district.roles.get(seed_key="teacher").pk,
    }


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
    # --- training glossary ---
    "roles:glossary": Rule(STAFF),
    "roles:training_new": Rule(ADMIN),
    "roles:training_edit": Rule(ADMIN, kwargs=training, tenant_object=True),
    "roles:training_retire": Rule(ADMIN, kwargs=training, tenant_object=True, post_only=True),
    # --- shift plans ---
}
