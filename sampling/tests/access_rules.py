"""Time sampling's URLs in the access matrix (tests/test_access_matrix.py)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from conftest import Personas
from sampling.models import Moment
from sampling.prompts import moment_token
from sampling.tests.makers import drawn_study
from tests.access import ADMIN, LEADER, PUBLIC, STAFF, Rule


def study(p: Personas) -> dict:
    return {"pk": drawn_study(p).pk}


def export(p: Personas) -> dict:
    return {"pk": drawn_study(p).pk, "fmt": "csv"}


def moment(p: Personas) -> dict:
    """A moment open now (its minute moved to a minute ago)."""
    first = drawn_study(p).moments.first()
    now = timezone.now()
    Moment.objects.filter(pk=first.pk).update(at=now - dt.timedelta(minutes=1), expires_at=now + dt.timedelta(days=1))
    return {"token": moment_token(first)}


RULES: dict[str, Rule] = {
    "sampling:study_list": Rule(LEADER),
    "sampling:study_new": Rule(ADMIN),
    "sampling:hours": Rule(ADMIN),
    "sampling:study_detail": Rule(ADMIN, kwargs=study, tenant_object=True),
    "sampling:study_draw": Rule(ADMIN, kwargs=study, tenant_object=True, post_only=True),
    "sampling:study_delete": Rule(ADMIN, kwargs=study, tenant_object=True),
    "sampling:results": Rule(LEADER, kwargs=study, tenant_object=True),
    "sampling:results_export": Rule(LEADER, kwargs=export, tenant_object=True),
    "sampling:responses": Rule(LEADER, kwargs=study, tenant_object=True),
    "sampling:my_moments": Rule(STAFF),
    "sampling:answer": Rule(PUBLIC, kwargs=moment),
}
