from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from conftest import client_for
from people.models import Role
from tests import factories

HOME = reverse("home:home")


def test_an_anonymous_visitor_is_sent_to_log_in(client, db):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_an_operator_without_a_district_goes_to_the_district_list(personas):
    response = client_for(personas.operator).get(HOME)
    assert response.status_code == 302
    assert response.url == reverse("people:districts")


def test_a_login_that_belongs_to_no_district_sees_a_clear_page(db):
    user = get_user_model().objects.create_user("stray@example.org", factories.PASSWORD)
    response = client_for(user).get(HOME)
    assert response.status_code == 403
    page = response.content.decode()
    assert "not linked to a district" in page
    assert "Ask your district admin" in page


def test_a_district_admin_sees_the_set_up_checklist_with_links(personas):
    response = client_for(personas.admin).get(HOME)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Set-up checklist" in page
    for name in [
        "people:district_settings",
        "people:school_list",
        "people:staff_list",
        "people:catalogue",
        "people:roster_import",
        "people:ratios",
    ]:
        assert f'href="{reverse(name)}"' in page
    steps = {step["title"]: step["done"] for step in response.context["checklist"]}
    assert steps["Add your schools"] is True
    assert steps["Add your staff"] is True
    assert steps["Give logins to the people who will use the app"] is True
    assert steps["Set enrollment and recommended staffing ratios"] is True


def test_a_new_district_admin_sees_every_step_still_to_do(db):
    district = factories.make_district("Fresh Start District", slug="fresh")
    Role.objects.filter(district=district).update(recommended_ratio=None)
    admin = factories.make_staff(district, "Frankie First", role_key="administrator", access="admin")
    response = client_for(admin).get(HOME)
    steps = {step["title"]: step["done"] for step in response.context["checklist"]}
    assert steps["Add your schools"] is False
    assert steps["Add your staff"] is False
    assert steps["Give logins to the people who will use the app"] is False
    assert steps["Set enrollment and recommended staffing ratios"] is False
    assert "To do" in response.content.decode()


def test_a_school_without_enrollment_keeps_the_ratio_step_to_do(personas):
    factories.make_school(personas.district, "Cedar Elementary", enrollment=0)
    response = client_for(personas.admin).get(HOME)
    steps = {step["title"]: step for step in response.context["checklist"]}
    step = steps["Set enrollment and recommended staffing ratios"]
    assert step["done"] is False
    assert step["status"].startswith("1 school(s) without enrollment")


def test_a_principal_sees_the_schools_they_lead(personas):
    response = client_for(personas.principal).get(HOME)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your schools" in page
    assert "Adams Elementary" in page
    assert "Brook Middle" not in page
    assert reverse("people:school_detail", args=[personas.school_a.pk]) in page
    [school] = response.context["schools"]
    assert school.staff_count == 3  # the principal, the counselor and the teacher at school A


def test_a_counselor_sees_their_schools_and_fte_and_the_directory(personas):
    factories.make_staff(
        personas.district,
        "Sam Split",
        email="sam@lincoln.example.org",
        schools={personas.school_a: Decimal("0.6"), personas.school_b: Decimal("0.4")},
    )
    from people.models import StaffMember

    response = client_for(StaffMember.objects.get(email="sam@lincoln.example.org")).get(HOME)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Where you work" in page
    assert "Adams Elementary" in page and "0.60" in page
    assert "Brook Middle" in page and "0.40" in page
    assert f'href="{reverse("people:staff_list")}"' in page
    assert "Set-up checklist" not in page


def test_a_counselor_without_assignments_sees_an_empty_state(personas):
    personas.counselor_b.assignments.all().delete()
    response = client_for(personas.counselor_b).get(HOME)
    assert "not assigned to a school yet" in response.content.decode()


def test_a_staff_member_whose_login_was_removed_is_told_so(personas):
    client = client_for(personas.counselor_a)
    personas.counselor_a.can_log_in = False
    personas.counselor_a.save(update_fields=["can_log_in"])
    assert client.get(HOME).status_code == 403


@pytest.mark.parametrize("persona", ["admin", "principal", "counselor_a"])
def test_the_home_page_runs_a_bounded_number_of_queries(personas, persona, django_assert_max_num_queries):
    for n in range(15):
        school = factories.make_school(personas.district, f"Extra School {n}")
        factories.make_staff(personas.district, schools={school: 1})
    client = client_for(getattr(personas, persona))
    with django_assert_max_num_queries(40):  # the home lists what needs the person (home.needs): about 2 a group
        assert client.get(HOME).status_code == 200
