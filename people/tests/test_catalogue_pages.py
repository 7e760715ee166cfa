import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from people.models import Role, Task, TaskCategory
from people.services import in_use
from tests import factories
from tests.forms import hidden_inputs

CATALOGUE = reverse("people:catalogue")


def category(personas, key="assessment"):
    return TaskCategory.objects.get(district=personas.district, seed_key=key)


def task(personas, key="screening"):
    return Task.objects.get(district=personas.district, seed_key=key)


@pytest.mark.parametrize("who", ["admin", "principal", "counselor_a"])
def test_everyone_in_the_district_sees_roles_and_tasks(personas, who):
    response = client_for(getattr(personas, who)).get(CATALOGUE)
    assert response.status_code == 200
    assert "School psychologist" in response.text
    assert "Threat assessment" in response.text
    assert ("Add a role" in response.text) == (who == "admin")


def test_the_page_shows_how_many_staff_have_each_role(personas, as_admin):
    roles = {r.seed_key: r for r in as_admin.get(CATALOGUE).context["roles"]}
    assert roles["school-counselor"].staff_count == 2
    assert roles["administrator"].staff_count == 2


def test_the_catalogue_page_query_count_does_not_grow_with_the_rows(personas, as_admin):
    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            as_admin.get(CATALOGUE)
        return len(queries)

    small = count_queries()
    for n in range(30):
        Role.objects.create(district=personas.district, name=f"Extra role {n}", position=100 + n)
        Task.objects.create(district=personas.district, category=category(personas), name=f"Extra task {n}")
    assert count_queries() == small


@pytest.mark.parametrize("who", ["principal", "counselor_a"])
def test_only_admins_change_the_catalogue(personas, who):
    client = client_for(getattr(personas, who))
    role = factories.role(personas.district, "teacher")
    posts = [
        (reverse("people:role_new"), {"name": "Coach"}),
        (reverse("people:role_edit", args=[role.pk]), {"name": "Coach"}),
        (reverse("people:role_move", args=[role.pk]), {"direction": "up"}),
        (reverse("people:role_retire", args=[role.pk]), {}),
        (reverse("people:role_delete", args=[role.pk]), {}),
        (reverse("people:category_new"), {"name": "X", "service_kind": "direct"}),
        (reverse("people:category_edit", args=[category(personas).pk]), {"name": "X"}),
        (reverse("people:category_move", args=[category(personas).pk]), {"direction": "down"}),
        (reverse("people:category_retire", args=[category(personas).pk]), {}),
        (reverse("people:category_delete", args=[category(personas).pk]), {}),
        (reverse("people:task_new"), {"name": "X", "category": category(personas).pk}),
        (reverse("people:task_edit", args=[task(personas).pk]), {"name": "X"}),
        (reverse("people:task_move", args=[task(personas).pk]), {"direction": "down"}),
        (reverse("people:task_retire", args=[task(personas).pk]), {}),
        (reverse("people:task_delete", args=[task(personas).pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    role.refresh_from_db()
    assert (role.name, role.retired) == ("Teacher", False)
    assert not task(personas).retired


def test_another_districts_catalogue_rows_are_not_found(personas):
    other = client_for(personas.other_admin)
    rows = {
        "role": factories.role(personas.district, "teacher"),
        "category": category(personas),
        "task": task(personas),
    }
    for kind, row in rows.items():
        assert other.get(reverse(f"people:{kind}_edit", args=[row.pk])).status_code == 404
        assert other.get(reverse(f"people:{kind}_delete", args=[row.pk])).status_code == 404
        for action in ("move", "retire", "delete"):
            assert other.post(reverse(f"people:{kind}_{action}", args=[row.pk]), {"direction": "up"}).status_code == 404
    assert Task.objects.filter(pk=task(personas).pk, retired=False).exists()


def test_post_only_endpoints_refuse_get(personas, as_admin):
    role = factories.role(personas.district, "teacher")
    for kind, pk in (("role", role.pk), ("category", category(personas).pk), ("task", task(personas).pk)):
        for action in ("move", "retire"):
            assert as_admin.get(reverse(f"people:{kind}_{action}", args=[pk])).status_code == 405


def test_the_admin_adds_and_edits_a_role_with_its_notes_and_ratio(personas, as_admin):
    data = {
        "name": "Behavior specialist",
        "short_name": "BCBA",
        "is_mental_health": "on",
        "recommended_ratio": 400,
        "ratio_source": "Local plan",
        "notes": "At most 2 hours a week of non-counseling duties (CBA art. 12).",
    }
    response = as_admin.post(reverse("people:role_new"), data, follow=True)
    assert "Added the role “Behavior specialist”." in response.text
    role = Role.objects.get(district=personas.district, name="Behavior specialist")
    assert (role.short_name, role.is_mental_health, role.recommended_ratio) == ("BCBA", True, 400)
    assert role.position > factories.role(personas.district, "teacher").position
    data["notes"] = "No lunch duty."
    data["seen"] = hidden_inputs(as_admin, reverse("people:role_edit", args=[role.pk]))["seen"]
    as_admin.post(reverse("people:role_edit", args=[role.pk]), data)
    role.refresh_from_db()
    assert role.notes == "No lunch duty."


def test_names_are_unique_ignoring_case(personas, as_admin):
    response = as_admin.post(reverse("people:role_new"), {"name": "school NURSE"})
    assert 'id="id_name_error"' in response.text
    response = as_admin.post(reverse("people:category_new"), {"name": "assessment", "service_kind": "direct"})
    assert 'id="id_name_error"' in response.text
    response = as_admin.post(reverse("people:task_new"), {"name": "SCREENING", "category": category(personas).pk})
    assert 'id="id_name_error"' in response.text
    assert Role.objects.filter(district=personas.district, name__iexact="school nurse").count() == 1
    assert Task.objects.filter(category=category(personas), name__iexact="screening").count() == 1


def test_a_task_name_may_repeat_in_another_category(personas, as_admin):
    other = category(personas, "other")
    response = as_admin.post(reverse("people:task_new"), {"name": "Screening", "category": other.pk})
    assert response.status_code == 302
    assert other.tasks.filter(name="Screening").exists()


def test_a_new_task_goes_at_the_end_of_its_category(personas, as_admin):
    assessment = category(personas)
    as_admin.post(reverse("people:task_new"), {"name": "Suicide risk screening", "category": assessment.pk})
    assert list(assessment.tasks.order_by("position").values_list("name", flat=True))[-1] == "Suicide risk screening"


def test_the_new_task_page_preselects_the_category(personas, as_admin):
    response = as_admin.get(reverse("people:task_new"), {"category": category(personas).pk})
    assert response.context["form"]["category"].value() == str(category(personas).pk)


def test_moving_changes_the_order(personas, as_admin):
    assessment = category(personas)

    def order():
        return list(assessment.tasks.order_by("position", "pk").values_list("seed_key", flat=True))

    assert order() == ["screening", "psychological-assessment", "threat-assessment"]
    as_admin.post(reverse("people:task_move", args=[task(personas, "threat-assessment").pk]), {"direction": "up"})
    assert order() == ["screening", "threat-assessment", "psychological-assessment"]
    as_admin.post(reverse("people:task_move", args=[task(personas, "screening").pk]), {"direction": "down"})
    assert order() == ["threat-assessment", "screening", "psychological-assessment"]

    roles = Role.objects.filter(district=personas.district)
    first = roles.order_by("position", "pk").first()
    as_admin.post(reverse("people:role_move", args=[first.pk]), {"direction": "down"})
    assert roles.order_by("position", "pk")[1] == first

    categories = TaskCategory.objects.filter(district=personas.district)
    last = categories.order_by("position", "pk").last()
    as_admin.post(reverse("people:category_move", args=[last.pk]), {"direction": "up"})
    assert list(categories.order_by("position", "pk"))[-2] == last


def test_retiring_hides_a_row_from_choices_and_restoring_brings_it_back(personas, as_admin):
    nurse = factories.role(personas.district, "school-nurse")
    response = as_admin.post(reverse("people:role_retire", args=[nurse.pk]), follow=True)
    assert "Retired the role “School nurse”." in response.text
    nurse.refresh_from_db()
    assert nurse.retired
    assert nurse in response.context["retired_roles"]
    assert nurse not in response.context["roles"]
    assert nurse not in as_admin.get(reverse("people:staff_new")).context["form"].fields["role"].queryset

    response = as_admin.post(reverse("people:role_retire", args=[nurse.pk]), follow=True)
    assert "Restored the role “School nurse”." in response.text
    nurse.refresh_from_db()
    assert not nurse.retired


def test_retired_tasks_and_categories_are_listed_apart(personas, as_admin):
    as_admin.post(reverse("people:task_retire", args=[task(personas).pk]))
    as_admin.post(reverse("people:category_retire", args=[category(personas, "other").pk]))
    context = as_admin.get(CATALOGUE).context
    assert [t.seed_key for t in context["retired_tasks"]] == ["screening"]
    assert [c.seed_key for c in context["retired_categories"]] == ["other"]
    assessment = next(c for c in context["categories"] if c.seed_key == "assessment")
    assert "screening" not in [t.seed_key for t in assessment.active_tasks]
    new_task_form = as_admin.get(reverse("people:task_new")).context["form"]
    assert category(personas, "other") not in new_task_form.fields["category"].queryset


def test_a_role_in_use_cannot_be_deleted(personas, as_admin):
    counselor = factories.role(personas.district, "school-counselor")
    assert in_use(counselor)
    url = reverse("people:role_delete", args=[counselor.pk])
    assert "is in use" in as_admin.get(url).text
    response = as_admin.post(url, follow=True)
    assert "is in use, so it cannot be deleted. Retire it instead." in response.text
    assert Role.objects.filter(pk=counselor.pk).exists()


def test_a_category_with_tasks_cannot_be_deleted(personas, as_admin):
    assessment = category(personas)
    as_admin.post(reverse("people:category_delete", args=[assessment.pk]))
    assert TaskCategory.objects.filter(pk=assessment.pk).exists()


def test_rows_nothing_refers_to_can_be_deleted_after_a_confirmation(personas, as_admin):
    para = factories.role(personas.district, "para-professional")
    empty_category = category(personas, "other")
    screening = task(personas)
    for kind, row in (("role", para), ("category", empty_category), ("task", screening)):
        assert not in_use(row)
        url = reverse(f"people:{kind}_delete", args=[row.pk])
        confirmation = as_admin.get(url)
        assert confirmation.status_code == 200
        assert "cannot be undone" in confirmation.text
        assert type(row).objects.filter(pk=row.pk).exists()
        assert as_admin.post(url).status_code == 302
        assert not type(row).objects.filter(pk=row.pk).exists()


def test_the_admin_opens_every_add_and_edit_page(personas, as_admin):
    role = factories.role(personas.district, "teacher")
    urls = [
        reverse("people:role_new"),
        reverse("people:role_edit", args=[role.pk]),
        reverse("people:category_new"),
        reverse("people:category_edit", args=[category(personas).pk]),
        reverse("people:task_new"),
        reverse("people:task_edit", args=[task(personas).pk]),
    ]
    for url in urls:
        response = as_admin.get(url)
        assert response.status_code == 200, url
        assert "<h1>" in response.text


def test_in_use_follows_every_reverse_relation(personas):
    # Not only catalogue rows: any model's reverse relations count (here assignments and leaderships).
    assert in_use(personas.school_a)
    assert not in_use(factories.make_school(personas.district))
    leader_only = factories.make_school(personas.district)
    factories.make_staff(personas.district, role_key="administrator", access="leader", leads=[leader_only])
    assert in_use(leader_only)
