"""Recording limits from local agreements, which shift plans then respect."""

from conftest import client_for
from roles.models import RoleLimit
from tests.forms import form_values


def test_an_admin_records_a_limit_and_a_duplicate_is_refused_beside_the_field(personas):
    teacher = personas.district.roles.get(seed_key="teacher")
    duties = personas.district.task_categories.get(seed_key="non-counseling")
    admin = client_for(personas.admin)
    data = {"role": teacher.pk, "category": duties.pk, "max_hours_per_week": "1", "source": "Teachers' contract"}
    assert admin.post("/roles/limits/", data).status_code == 302
    limit = RoleLimit.objects.get()
    assert (limit.role, limit.category, limit.max_hours_per_week) == (teacher, duties, 1)
    page = admin.post("/roles/limits/", data)
    assert page.status_code == 200
    assert "already has a limit" in page.content.decode()
    assert RoleLimit.objects.count() == 1


def test_a_negative_limit_is_refused(personas):
    teacher = personas.district.roles.get(seed_key="teacher")
    page = client_for(personas.admin).post("/roles/limits/", {"role": teacher.pk, "max_hours_per_week": "-2"})
    assert page.status_code == 200 and not RoleLimit.objects.exists()


def test_a_principal_reads_the_limits_but_cannot_add_one(personas):
    principal = client_for(personas.principal)
    assert principal.get("/roles/limits/").status_code == 200
    teacher = personas.district.roles.get(seed_key="teacher")
    assert principal.post("/roles/limits/", {"role": teacher.pk, "max_hours_per_week": "1"}).status_code == 403
    assert not RoleLimit.objects.exists()


def test_an_admin_deletes_a_limit(personas):
    limit = RoleLimit.objects.create(
        district=personas.district, role=personas.district.roles.get(seed_key="teacher"), max_hours_per_week=1
    )
    admin = client_for(personas.admin)
    row = form_values(admin.get("/roles/limits/"))  # the row's delete button
    response = admin.post(f"/roles/limits/{limit.pk}/delete/", row, follow=True)
    assert "Deleted the limit: Teacher: at most 1.0 h/week of shifted work." in response.content.decode()
    assert not RoleLimit.objects.exists()
