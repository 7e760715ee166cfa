"""The demo's reflections are valid: both columns add up to 100 for everyone, in every round."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db.models import Sum

from reflections.demo import PROFILE, PSYCHOLOGIST, build_demo_reflections
from reflections.models import Reflection, TimeAllocation
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_demo_profiles_add_up_to_100():
    for profile in (PROFILE, PROFILE | PSYCHOLOGIST):
        assert sum(ideal for ideal, _ in profile.values()) == 100
        assert sum(current for _, current in profile.values()) == 100


def test_demo_reflections_are_submitted_and_add_up_to_100(personas):
    factories.make_staff(personas.district, role_key="school-psychologist", schools={personas.school_a: 1})
    build_demo_reflections(personas.district, random.Random(1))
    reflections = Reflection.objects.filter(district=personas.district)
    assert reflections.count() >= 6 * 3  # counselors A and B and the psychologist can log in: every round
    assert set(reflections.values_list("status", flat=True)) == {Reflection.Status.SUBMITTED}
    totals = TimeAllocation.objects.values("reflection").annotate(i=Sum("ideal_percent"), c=Sum("current_percent"))
    assert {(row["i"], row["c"]) for row in totals} == {(100, 100)}
    assert reflections.filter(date__gt=dt.date.today()).count() == 0
