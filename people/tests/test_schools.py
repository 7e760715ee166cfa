from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from people.models import Assignment, Leadership, School
from tests import factories
from tests.forms import hidden_inputs

LIST = reverse("people:school_list")


@pytest.mark.parametrize("who", ["admin", "principal", "counselor_a"])
def test_everyone_in_the_district_sees_the_schools(personas, who):
    response = client_for(getattr(personas, who)).get(LIST)
    assert response.status_code == 200
    assert "Adams Elementary" in response.text
    assert "Brook Middle" in response.text
    assert "Riverside High" not in response.text


def test_the_list_shows_enrollment_and_mental_health_fte(personas, as_admin):
    factories.make_staff(
        personas.district, "Pia Psychologist", role_key="school-psychologist", schools={personas.school_a: "0.5"}
    )
    page = as_admin.get(LIST).context["page_obj"]
    adams = next(s for s in page if s.pk == personas.school_a.pk)
    # Counselor A (1.0) and the psychologist (0.5) count; the principal and the teacher do not.
    assert adams.mental_health_fte == Decimal("1.5")
    assert adams.enrollment == 600


def test_the_list_searches_filters_and_sorts(personas, as_admin):
    assert [s.name for s in as_admin.get(LIST, {"q": "brook"}).context["page_obj"]] == ["Brook Middle"]
    assert [s.name for s in as_admin.get(LIST, {"level": "elementary"}).context["page_obj"]] == ["Adams Elementary"]
    by_size = as_admin.get(LIST, {"sort": "-enrollment"}).context["page_obj"]
    assert [s.name for s in by_size] == ["Brook Middle", "Adams Elementary"]


def test_the_list_says_when_nothing_matches(personas, as_admin):
    assert "No school matches these filters." in as_admin.get(LIST, {"q": "zzz"}).text


def test_the_list_has_an_empty_state(personas):
    district = factories.make_district("Empty District", slug="empty")
    admin = factories.make_staff(district, role_key="administrator", access="admin")
    assert "There are no schools yet." in client_for(admin).get(LIST).text


def test_the_list_query_count_does_not_grow_with_the_schools(personas, as_admin):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            assert as_admin.get(LIST).status_code == 200
        return len(queries)

    for _ in range(8):
        school = factories.make_school(personas.district)
        factories.make_staff(personas.district, schools={school: "0.5"})
    small = count_queries()
    for _ in range(50):
        factories.make_school(personas.district)
    assert School.objects.filter(district=personas.district).count() == 60
    assert count_queries() == small


def test_the_detail_page_lists_staff_and_leaders(personas, as_admin):
    response = as_admin.get(reverse("people:school_detail", args=[personas.school_a.pk]))
    assert response.status_code == 200
    assert "Casey Counselor" in response.text
    assert "Terry Teacher" in response.text
    leaders = response.text.split("<h2>Leaders</h2>")[1].split("<h2>")[0]
    assert "Pat Principal" in leaders


def test_another_districts_school_is_not_found(personas):
    other = client_for(personas.other_admin)
    pk = personas.school_a.pk
    for name in ("people:school_detail", "people:school_edit", "people:school_delete"):
        assert other.get(reverse(name, args=[pk])).status_code == 404
    assert other.post(reverse("people:school_delete", args=[pk])).status_code == 404
    assert School.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("who", ["principal", "counselor_a"])
def test_only_admins_change_schools(personas, who):
    client = client_for(getattr(personas, who))
    pk = personas.school_a.pk
    assert client.get(reverse("people:school_new")).status_code == 403
    assert client.post(reverse("people:school_new"), {"name": "X", "level": "high", "enrollment": 1}).status_code == 403
    assert client.post(reverse("people:school_edit", args=[pk]), {"name": "X"}).status_code == 403
    assert client.post(reverse("people:school_delete", args=[pk])).status_code == 403
    assert School.objects.filter(pk=pk, name="Adams Elementary").exists()


def test_the_admin_adds_a_school(personas, as_admin):
    response = as_admin.post(
        reverse("people:school_new"), {"name": "Cedar High", "level": "high", "enrollment": 1200}, follow=True
    )
    school = School.objects.get(district=personas.district, name="Cedar High")
    assert school.enrollment == 1200
    assert "Added Cedar High." in response.text


def test_a_school_name_is_unique_in_the_district_ignoring_case(personas, as_admin):
    response = as_admin.post(
        reverse("people:school_new"), {"name": "adams elementary", "level": "high", "enrollment": 1}
    )
    assert response.status_code == 200
    assert 'id="id_name_error"' in response.text
    assert "There is already a school called" in response.text
    assert School.objects.filter(district=personas.district).count() == 2


def test_another_district_may_use_the_same_school_name(personas):
    response = client_for(personas.other_admin).post(
        reverse("people:school_new"), {"name": "Adams Elementary", "level": "elementary", "enrollment": 10}
    )
    assert response.status_code == 302
    assert School.objects.filter(district=personas.other_district, name="Adams Elementary").exists()


def test_enrollment_cannot_be_negative(personas, as_admin):
    url = reverse("people:school_edit", args=[personas.school_a.pk])
    response = as_admin.post(url, {"name": "Adams Elementary", "level": "elementary", "enrollment": -1})
    assert 'id="id_enrollment_error"' in response.text
    personas.school_a.refresh_from_db()
    assert personas.school_a.enrollment == 600


def test_the_admin_edits_a_school_keeping_its_own_name(personas, as_admin):
    url = reverse("people:school_edit", args=[personas.school_a.pk])
    seen = hidden_inputs(as_admin, url)["seen"]
    response = as_admin.post(url, {"name": "Adams Elementary", "level": "k8", "enrollment": 640, "seen": seen})
    assert response.status_code == 302
    personas.school_a.refresh_from_db()
    assert (personas.school_a.level, personas.school_a.enrollment) == ("k8", 640)


def test_deleting_a_school_asks_first_and_says_what_goes(personas, as_admin):
    url = reverse("people:school_delete", args=[personas.school_a.pk])
    response = as_admin.get(url)
    assert response.status_code == 200
    assert "removes 3 staff assignments" in response.text
    assert School.objects.filter(pk=personas.school_a.pk).exists()
    response = as_admin.post(url, follow=True)
    assert "Deleted Adams Elementary and its 3 staff assignment(s)." in response.text
    assert not School.objects.filter(pk=personas.school_a.pk).exists()
    assert not Assignment.objects.filter(school_id=personas.school_a.pk).exists()
    assert not Leadership.objects.filter(school_id=personas.school_a.pk).exists()
    # The people stay.
    assert personas.counselor_a.__class__.objects.filter(pk=personas.counselor_a.pk).exists()


def test_the_admin_opens_the_new_and_edit_pages(personas, as_admin):
    assert as_admin.get(reverse("people:school_new")).status_code == 200
    response = as_admin.get(reverse("people:school_edit", args=[personas.school_a.pk]))
    assert response.status_code == 200
    assert 'value="Adams Elementary"' in response.text
