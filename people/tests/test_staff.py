import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from people.models import Access, Assignment, StaffMember
from tests import factories
from tests.forms import hidden_inputs

LIST = reverse("people:staff_list")
NEW = reverse("people:staff_new")


def staff_data(personas, assignments=(), **fields):
    """POST data for the staff form; ``assignments`` is a list of (school, fte)."""
    counselor_role = factories.role(personas.district, "school-counselor")
    data = {
        "name": "Sam Social",
        "email": "sam@lincoln.example.org",
        "role": counselor_role.pk,
        "access": Access.STAFF,
        "assignments-TOTAL_FORMS": max(len(assignments), 2),
        "assignments-INITIAL_FORMS": 0,
        "assignments-MIN_NUM_FORMS": 0,
        "assignments-MAX_NUM_FORMS": 1000,
    }
    for index, (school, fte) in enumerate(assignments):
        data[f"assignments-{index}-school"] = school.pk
        data[f"assignments-{index}-fte"] = fte
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def edit_data(personas, staff, **fields):
    """POST data that keeps ``staff`` as it is, except for ``fields``."""
    assignments = [(a.school, a.fte) for a in staff.assignments.select_related("school")]
    data = staff_data(
        personas,
        assignments,
        name=staff.name,
        email=staff.email,
        role=staff.role_id,
        access=staff.access,
        can_log_in="on" if staff.can_log_in else None,
    )
    data["assignments-INITIAL_FORMS"] = len(assignments)  # as the page renders it
    data["led_schools"] = list(staff.leaderships.values_list("school_id", flat=True))
    data["seen"] = hidden_inputs(client_for(personas.admin), reverse("people:staff_edit", args=[staff.pk]))["seen"]
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize("who", ["admin", "principal", "counselor_a"])
def test_everyone_in_the_district_sees_the_directory(personas, who):
    response = client_for(getattr(personas, who)).get(LIST)
    assert response.status_code == 200
    assert "Casey Counselor" in response.text
    assert "Olive Other" not in response.text


def test_the_directory_searches_and_filters(personas, as_admin):
    def names(**params):
        return [s.name for s in as_admin.get(LIST, params).context["page_obj"]]

    assert names(q="bailey") == ["Bailey Counselor"]
    assert names(q="director@") == ["Dana Director"]
    assert names(role=factories.role(personas.district, "teacher").pk) == ["Terry Teacher"]
    assert names(school=personas.school_b.pk) == ["Bailey Counselor"]
    assert names(access="leader") == ["Pat Principal"]
    assert names(login="no") == ["Terry Teacher"]
    assert "Nobody matches these filters." in as_admin.get(LIST, {"q": "nobody-at-all"}).text


def test_the_directory_query_count_does_not_grow_with_the_staff(personas, as_admin):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert as_admin.get(LIST).status_code == 200
        return len(queries)

    for _ in range(5):  # with the five personas: 10 people
        factories.make_staff(personas.district, schools={personas.school_a: "0.5", personas.school_b: "0.5"})
    small = count_queries()
    for _ in range(50):
        factories.make_staff(personas.district, can_log_in=False, schools={personas.school_b: "0.2"})
    assert StaffMember.objects.filter(district=personas.district).count() == 60
    assert count_queries() == small


def test_the_detail_page_shows_role_access_assignments_and_led_schools(personas, as_admin):
    response = as_admin.get(reverse("people:staff_detail", args=[personas.principal.pk]))
    assert response.status_code == 200
    text = response.text
    assert "principal@lincoln.example.org" in text
    assert "School leader" in text
    assert "Schools led" in text
    assert text.count("Adams Elementary") >= 2


def test_another_districts_staff_member_is_not_found(personas):
    other = client_for(personas.other_admin)
    pk = personas.counselor_a.pk
    assert other.get(reverse("people:staff_detail", args=[pk])).status_code == 404
    assert other.get(reverse("people:staff_edit", args=[pk])).status_code == 404
    assert other.post(reverse("people:staff_edit", args=[pk]), {"name": "Hacked"}).status_code == 404


@pytest.mark.parametrize("who", ["principal", "counselor_a"])
def test_only_admins_change_staff(personas, who):
    client = client_for(getattr(personas, who))
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, staff_data(personas)).status_code == 403
    edit = reverse("people:staff_edit", args=[personas.counselor_b.pk])
    assert client.post(edit, edit_data(personas, personas.counselor_b, name="Changed")).status_code == 403
    assert not StaffMember.objects.filter(name__in=["Sam Social", "Changed"]).exists()


def test_the_admin_adds_a_staff_member_with_assignments(personas, as_admin):
    data = staff_data(personas, [(personas.school_a, "0.6"), (personas.school_b, "0.4")])
    response = as_admin.post(NEW, data, follow=True)
    sam = StaffMember.objects.get(email="sam@lincoln.example.org")
    assert sam.district == personas.district
    assert {a.school_id: a.fte for a in sam.assignments.all()} == {
        personas.school_a.pk: Decimal("0.60"),
        personas.school_b.pk: Decimal("0.40"),
    }
    assert sam.user is None
    assert "Added Sam Social." in response.text
    assert mail.outbox == []


def test_an_fte_total_over_one_is_refused_and_nothing_is_saved(personas, as_admin):
    data = staff_data(personas, [(personas.school_a, "0.6"), (personas.school_b, "0.5")])
    response = as_admin.post(NEW, data)
    assert response.status_code == 200
    assert "FTE adds up to 1.1, more than 1.0." in response.text
    assert not StaffMember.objects.filter(email="sam@lincoln.example.org").exists()
    assert not Assignment.objects.filter(staff__email="sam@lincoln.example.org").exists()


def test_an_fte_must_be_more_than_zero_and_at_most_one(personas, as_admin):
    response = as_admin.post(NEW, staff_data(personas, [(personas.school_a, "0"), (personas.school_b, "1.5")]))
    assert 'id="id_assignments-0-fte_error"' in response.text
    assert 'id="id_assignments-1-fte_error"' in response.text
    assert not StaffMember.objects.filter(email="sam@lincoln.example.org").exists()


def test_raising_an_existing_fte_over_one_keeps_the_old_assignments(personas, as_admin):
    url = reverse("people:staff_edit", args=[personas.counselor_a.pk])
    data = edit_data(personas, personas.counselor_a)
    data["assignments-1-school"] = personas.school_b.pk
    data["assignments-1-fte"] = "0.5"
    response = as_admin.post(url, data)
    assert "FTE adds up to 1.5, more than 1.0." in response.text
    assert list(personas.counselor_a.assignments.values_list("school_id", "fte")) == [
        (personas.school_a.pk, Decimal("1.00"))
    ]


def test_an_assignment_can_be_removed(personas, as_admin):
    url = reverse("people:staff_edit", args=[personas.counselor_a.pk])
    data = edit_data(personas, personas.counselor_a)
    data["assignments-0-DELETE"] = "on"
    assert as_admin.post(url, data).status_code == 302
    assert not personas.counselor_a.assignments.exists()


def test_an_email_is_unique_in_the_district_ignoring_case(personas, as_admin):
    response = as_admin.post(NEW, staff_data(personas, email="CASEY@lincoln.example.org"))
    assert response.status_code == 200
    assert 'id="id_email_error"' in response.text
    assert "Someone on the staff list already has this email address." in response.text


def test_another_districts_email_is_accepted_like_any_new_one(personas, as_admin):
    response = as_admin.post(NEW, staff_data(personas, email="ADMIN@riverside.example.org"))
    assert response.status_code == 302
    assert StaffMember.objects.filter(email__iexact="admin@riverside.example.org").count() == 2


def test_an_admin_cannot_remove_their_own_admin_access_or_login(personas, as_admin):
    url = reverse("people:staff_edit", args=[personas.admin.pk])
    response = as_admin.post(url, edit_data(personas, personas.admin, access=Access.STAFF, can_log_in=None))
    assert response.status_code == 200
    assert "You cannot remove your own district admin access." in response.text
    assert "You cannot remove your own login." in response.text
    personas.admin.refresh_from_db()
    assert personas.admin.access == Access.ADMIN
    assert personas.admin.can_log_in


def test_the_admin_gives_a_principal_schools_to_lead(personas, as_admin):
    url = reverse("people:staff_edit", args=[personas.principal.pk])
    data = edit_data(personas, personas.principal, led_schools=[personas.school_a.pk, personas.school_b.pk])
    assert as_admin.post(url, data).status_code == 302
    assert set(personas.principal.leaderships.values_list("school_id", flat=True)) == {
        personas.school_a.pk,
        personas.school_b.pk,
    }


def test_a_school_of_another_district_cannot_be_assigned(personas, as_admin):
    response = as_admin.post(NEW, staff_data(personas, [(personas.other_school, "0.5")]))
    assert 'id="id_assignments-0-school_error"' in response.text
    assert not StaffMember.objects.filter(email="sam@lincoln.example.org").exists()


def test_removing_a_login_deactivates_the_account(personas, as_admin):
    url = reverse("people:staff_edit", args=[personas.counselor_b.pk])
    assert as_admin.post(url, edit_data(personas, personas.counselor_b, can_log_in=None)).status_code == 302
    personas.counselor_b.user.refresh_from_db()
    assert not personas.counselor_b.user.is_active


def test_a_new_login_gets_an_invitation_with_a_working_link(personas, as_admin, django_capture_on_commit_callbacks):
    data = staff_data(personas, [(personas.school_a, "1")], can_log_in="on")
    with django_capture_on_commit_callbacks(execute=True):
        response = as_admin.post(NEW, data, follow=True)
    assert "We emailed sam@lincoln.example.org an invitation" in response.text
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sam@lincoln.example.org"]
    link = re.search(r"https?://\S+", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    visitor = Client()
    form_page = visitor.get("/" + path, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else "/" + path
    password = "a long and unusual passphrase 42"
    done = visitor.post(set_password_url, {"new_password1": password, "new_password2": password})
    assert done.status_code == 302
    user = get_user_model().objects.get(email="sam@lincoln.example.org")
    assert user.check_password(password)
    assert user.is_active


def test_giving_an_existing_person_a_login_invites_them_once(personas, as_admin, django_capture_on_commit_callbacks):
    url = reverse("people:staff_edit", args=[personas.no_login.pk])
    with django_capture_on_commit_callbacks(execute=True):
        as_admin.post(url, edit_data(personas, personas.no_login, can_log_in="on"))
    assert [m.to for m in mail.outbox] == [["terry@lincoln.example.org"]]
    personas.no_login.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        as_admin.post(url, edit_data(personas, personas.no_login, name="Terry T. Teacher"))
    assert len(mail.outbox) == 1


def test_the_admin_opens_the_new_and_edit_pages(personas, as_admin):
    assert as_admin.get(NEW).status_code == 200
    response = as_admin.get(reverse("people:staff_edit", args=[personas.principal.pk]))
    assert response.status_code == 200
    assert 'name="assignments-INITIAL_FORMS" value="1"' in response.text
    assert response.context["form"]["led_schools"].value() == [personas.school_a.pk]
