import re

from django.test import Client, override_settings
from django.urls import reverse

from conftest import client_for
from outbox.models import OutboxMessage
from people.models import Access, District, StaffMember

DISTRICTS = reverse("people:districts")
NEW = reverse("people:district_new")


def new_district_data(**changes):
    data = {
        "name": "Maple Valley Schools",
        "slug": "maple-valley",
        "time_zone": "America/Denver",
        "admin_name": "Morgan Maple",
        "admin_email": "Morgan@MapleValley.example.org",
    }
    data.update(changes)
    return data


def test_the_operator_sees_every_district_with_school_and_staff_counts(personas):
    response = client_for(personas.operator).get(DISTRICTS)
    assert response.status_code == 200
    rows = {d.slug: (d.school_count, d.staff_count) for d in response.context["page_obj"]}
    assert rows == {"lincoln": (2, 5), "riverside": (1, 1)}
    page = response.content.decode()
    assert "Lincoln County Schools" in page and "Riverside Unified" in page
    assert '<th scope="col" class="num">Schools</th>' in page


def test_the_district_list_can_be_searched(personas):
    response = client_for(personas.operator).get(DISTRICTS, {"q": "river"})
    assert [d.slug for d in response.context["page_obj"]] == ["riverside"]
    response = client_for(personas.operator).get(DISTRICTS, {"q": "nothing like it"})
    assert "No district matches" in response.content.decode()


def test_the_district_list_is_paginated_with_bounded_queries(personas, django_assert_max_num_queries):
    for n in range(55):
        District.objects.create(name=f"District {n:02}", slug=f"d-{n}")
    client = client_for(personas.operator)
    with django_assert_max_num_queries(6):
        response = client.get(DISTRICTS)
    assert len(response.context["page_obj"]) == 50
    assert "Page 1 of 2" in response.content.decode()
    assert len(client.get(DISTRICTS, {"page": 2}).context["page_obj"]) == 7


def test_district_admins_and_staff_cannot_manage_districts(personas):
    for person in [personas.admin, personas.principal, personas.counselor_a, personas.other_admin]:
        client = client_for(person)
        assert client.get(DISTRICTS).status_code == 403
        assert client.get(NEW).status_code == 403
        assert client.post(NEW, new_district_data()).status_code == 403
    assert not District.objects.filter(slug="maple-valley").exists()


def test_an_anonymous_visitor_is_sent_to_log_in(db):
    response = Client().get(NEW)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_new_district_form_labels_every_field(personas):
    page = client_for(personas.operator).get(NEW).content.decode()
    for label in ["District name", "Short name for addresses", "Time zone", "District admin&#x27;s name"]:
        assert label in page
    assert "<legend>First district admin</legend>" in page


@override_settings(SITE_URL="https://app.example.org")
def test_the_operator_creates_a_district_whose_admin_is_invited_to_log_in(
    personas, smtp_server, django_capture_on_commit_callbacks
):
    client = client_for(personas.operator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(NEW, new_district_data())
    assert response.status_code == 302
    assert response.url == DISTRICTS

    district = District.objects.get(slug="maple-valley")
    assert district.name == "Maple Valley Schools"
    assert district.time_zone == "America/Denver"
    assert district.roles.filter(seed_key="school-counselor").exists()
    assert district.task_categories.count() == 8
    admin = StaffMember.objects.get(district=district)
    assert admin.email == "morgan@maplevalley.example.org"
    assert admin.access == Access.ADMIN
    assert admin.role.seed_key == "administrator"
    assert admin.can_log_in and admin.user.is_active
    assert not admin.user.has_usable_password()

    assert OutboxMessage.objects.get().status == OutboxMessage.Status.SENT
    [invitation] = smtp_server.messages
    assert invitation["To"] == "morgan@maplevalley.example.org"
    body = invitation.get_body(preferencelist=("plain",)).get_content()
    path = re.search(r"https://app\.example\.org(/accounts/invitation/\S+/\S+/)", body).group(1)

    # The new admin chooses a password from the link, logs in and lands on their checklist.
    admin_client = Client()
    form_url = admin_client.get(path, follow=True).redirect_chain[-1][0]
    password = "maple valley admin passphrase"
    admin_client.post(form_url, {"new_password1": password, "new_password2": password})
    response = admin_client.post(reverse("accounts:login"), {"username": admin.email, "password": password})
    assert response.status_code == 302
    home = admin_client.get(reverse("home:home"))
    assert "Set-up checklist" in home.content.decode()


def test_a_slug_already_in_use_is_refused_beside_the_field(personas):
    response = client_for(personas.operator).post(NEW, new_district_data(slug="lincoln"))
    assert response.status_code == 200
    assert response.context["form"].errors["slug"] == ["Another district already uses this short name. Choose another."]
    assert 'id="id_slug_error"' in response.content.decode()
    assert not District.objects.filter(name="Maple Valley Schools").exists()


def test_an_email_of_an_existing_staff_member_or_user_is_refused_beside_the_field(personas):
    client = client_for(personas.operator)
    for email in ["CASEY@lincoln.example.org", personas.operator.email, "terry@lincoln.example.org"]:
        response = client.post(NEW, new_district_data(admin_email=email))
        assert response.status_code == 200
        assert "already belongs to someone" in response.context["form"].errors["admin_email"][0]
    assert not District.objects.filter(slug="maple-valley").exists()
    assert not OutboxMessage.objects.exists()


def test_creating_a_district_with_an_admin_is_one_transition(db, django_capture_on_commit_callbacks):
    from django.core import mail

    from people.services import create_district_with_admin

    with django_capture_on_commit_callbacks(execute=True):
        district, admin = create_district_with_admin(
            name="Cedar Schools", slug="cedar", time_zone="UTC", admin_name="Cam Cedar", admin_email="cam@cedar.org"
        )
    assert admin.district == district
    assert [m.to for m in mail.outbox] == [["cam@cedar.org"]]
    assert "Cedar Schools" in mail.outbox[0].subject
