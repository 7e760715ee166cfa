"""The demo districts: ``seed_demo`` and ``demo_logins``."""

from __future__ import annotations

import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Sum
from django.test import Client
from django.urls import reverse

from people import demo
from people.models import Assignment, District, School, StaffMember
from people.ratios import RoleInfo, SchoolInfo, staffing_ratios


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def lakeview(db) -> District:
    seed("--schools", "12")
    return District.objects.get(slug="lakeview")


def test_seed_demo_creates_lakeview_and_riverside(lakeview):
    riverside = District.objects.get(slug="riverside")
    assert lakeview.name == "Lakeview Unified School District"
    assert lakeview.time_zone == "America/Chicago"
    assert lakeview.schools.count() == 12
    assert riverside.name == "Riverside County Schools"
    assert riverside.schools.count() == 3
    assert StaffMember.objects.filter(district=riverside, access="admin").exists()


def log_in(email: str) -> Client:
    """Log in through the login page, as a visitor would (django-axes needs the request)."""
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": email, "password": demo.DEMO_PASSWORD})
    assert response.status_code == 302, f"{email} could not log in"
    assert "_auth_user_id" in client.session
    return client


@pytest.mark.parametrize("login", demo.DEMO_LOGINS, ids=lambda login: login.email)
def test_every_persona_can_log_in_with_the_demo_password(lakeview, login):
    log_in(login.email)


def test_the_personas_have_the_promised_roles_and_schools(lakeview):
    principal = StaffMember.objects.get(email=demo.PRINCIPAL)
    home = principal.leaderships.get().school
    assert home.level == "elementary"
    assert StaffMember.objects.get(email=demo.DIRECTOR).access == "admin"
    assert StaffMember.objects.get(email=demo.COUNSELOR).assignments.get().school == home
    psychologist = StaffMember.objects.get(email=demo.PSYCHOLOGIST)
    assert sorted(a.fte for a in psychologist.assignments.all()) == [0.5, 0.5]
    assert StaffMember.objects.get(email=demo.TEACHER).access == "staff"


def test_the_other_staff_cannot_log_in_and_nobody_works_more_than_full_time(lakeview):
    assert (
        StaffMember.objects.filter(can_log_in=True).count() == len(demo.DEMO_LOGINS) - 1
    )  # the operator has no staff row
    assert not Assignment.objects.values("staff").annotate(total=Sum("fte")).filter(total__gt=1).exists()
    assert School.objects.filter(district=lakeview, leaderships__isnull=True).count() == 0


def test_the_demo_is_mostly_short_of_the_recommended_ratios(lakeview):
    roles = [
        RoleInfo(r.pk, r.label, r.recommended_ratio)
        for r in lakeview.roles.filter(is_mental_health=True, recommended_ratio__isnull=False)
    ]
    schools = [SchoolInfo(s.pk, s.name, s.level, s.enrollment) for s in lakeview.schools.all()]
    fte = {
        (row["school_id"], row["staff__role_id"]): row["total"]
        for row in Assignment.objects.filter(district=lakeview)
        .values("school_id", "staff__role_id")
        .annotate(total=Sum("fte"))
    }
    table = staffing_ratios(schools, roles, fte)
    assert all(ratio.load > 1 for ratio in table.district)
    counselors = next(r for r in table.district if r.role.label == "School counselor")
    assert 1.4 < counselors.load < 2.0


def test_the_same_seed_gives_the_same_demo(db):
    seed("--schools", "8", "--seed", "7")
    first = list(School.objects.order_by("name").values_list("name", "enrollment"))
    staff = list(StaffMember.objects.order_by("email").values_list("name", "email"))
    District.objects.all().delete()  # everything in a district goes with it
    seed("--schools", "8", "--seed", "7")
    assert list(School.objects.order_by("name").values_list("name", "enrollment")) == first
    assert list(StaffMember.objects.order_by("email").values_list("name", "email")) == staff


def test_if_empty_does_nothing_when_a_district_exists(lakeview):
    schools = School.objects.count()
    assert "not loaded again" in seed("--if-empty")
    assert School.objects.count() == schools


def test_the_demo_scales_with_the_number_of_schools(db):
    seed("--schools", "60")
    lakeview = District.objects.get(slug="lakeview")
    assert lakeview.schools.count() == 60
    mental_health = StaffMember.objects.filter(district=lakeview).mental_health().count()
    assert 200 < mental_health < 400  # about 4.5 per school, as at 1,800 schools (about 8,000)
    levels = dict(lakeview.schools.values_list("level").annotate(n=Count("id")).values_list("level", "n"))
    assert levels == {"elementary": 36, "middle": 15, "high": 9}


def test_builders_registered_by_later_capabilities_run_for_each_demo_district(db, monkeypatch):
    seen = []
    monkeypatch.setattr(demo, "DEMO_BUILDERS", [])
    demo.demo_builder(lambda district, rng: seen.append((district.slug, isinstance(rng, random.Random))))
    seed("--schools", "3")
    assert seen == [("lakeview", True), ("riverside", True)]


def test_the_ratios_page_works_on_the_demo(lakeview):
    response = log_in(demo.DIRECTOR).get(reverse("people:ratios"))
    assert response.status_code == 200
    assert "× recommended" in response.content.decode()


def test_demo_logins_prints_every_login_and_the_password(db):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    for login in demo.DEMO_LOGINS:
        assert login.email in out.getvalue()
    assert demo.DEMO_PASSWORD in out.getvalue()


def test_the_docs_list_the_same_logins():
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[2] / "docs" / "demo-logins.md").read_text()
    assert demo.logins_table(markdown=True) in docs
