"""The matrix page: reading, editing a cell with htmx or the whole grid, school overrides, access."""

from __future__ import annotations

import doctest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import roles.matrix
from conftest import client_for
from people.models import Task
from roles.models import Capability, CapabilityCell, Training
from roles.services.glossary import fill_glossary, save_training
from roles.services.matrix import load_seed_example, set_cell

MATRIX = reverse("roles:matrix")


def _ids(p, task_key="screening", role_key="teacher"):
    return p.district.tasks.get(seed_key=task_key), p.district.roles.get(seed_key=role_key)


def _cell_url(task, role):
    return reverse("roles:matrix_cell", kwargs={"task_pk": task.pk, "role_pk": role.pk})


def test_the_formulas_docstrings_hold():
    assert doctest.testmod(roles.matrix).failed == 0


def test_everyone_in_the_district_reads_the_matrix_with_marks_and_words(personas):
    load_seed_example(personas.district, by=personas.admin)
    response = client_for(personas.counselor_a).get(MATRIX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Scheduled Tier 3 support provision" in body and ">LCSW</abbr>" in body
    assert "✓</span> Yes" in body and "***</span> With training" in body and "✗</span> No" in body
    assert 'name="cell-' not in body, "staff read the matrix; they do not edit it"


def test_an_admin_edits_a_cell_with_htmx_and_gets_the_cell_and_a_saved_status(personas, as_admin):
    task, role = _ids(personas)
    data = {f"cell-{task.pk}-{role.pk}": "training", f"was-{task.pk}-{role.pk}": ""}
    response = as_admin.post(_cell_url(task, role), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="info-{task.pk}-{role.pk}"' in body
    assert 'hx-swap-oob="innerHTML:#matrix-status"' in body and "Saved: Teacher × Screening is with training" in body
    assert CapabilityCell.objects.get(task=task, role=role, school=None).value == Capability.TRAINING


def test_a_with_training_cell_lists_the_trainings_that_fit(personas, as_admin):
    fill_glossary(personas.district)
    task, role = _ids(personas, "tier-1")
    ymhfa = Training.objects.get(district=personas.district, seed_key="ymhfa-teachers")
    save_training(ymhfa, tasks=[task], roles=[role])
    asist = Training.objects.get(district=personas.district, seed_key="asist-general-staff")
    save_training(asist, tasks=[task], roles=[])  # any role
    qpr = Training.objects.get(district=personas.district, seed_key="qpr")
    save_training(qpr, tasks=[task], roles=[personas.district.roles.get(seed_key="administrator")])  # not teachers
    data = {f"cell-{task.pk}-{role.pk}": "training", f"was-{task.pk}-{role.pk}": ""}
    response = as_admin.post(_cell_url(task, role), data, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Youth Mental Health First Aid" in body and "Applied Suicide Intervention Skills Training" in body
    assert "QPR" not in body
    assert "Youth Mental Health First Aid" in as_admin.get(MATRIX).content.decode()


def test_without_javascript_a_cell_form_redirects_back_to_the_matrix(personas, as_admin):
    task, role = _ids(personas)
    response = as_admin.post(_cell_url(task, role), {"value": "no", "was": ""})
    assert response.status_code == 302 and response["Location"] == MATRIX
    assert CapabilityCell.objects.get(task=task, role=role).value == Capability.NO


def test_the_whole_grid_saves_from_one_form(personas, as_admin):
    task, role = _ids(personas)
    other_task, other_role = _ids(personas, "tier-2", "lcsw")
    set_cell(personas.district, task=other_task, role=other_role, value="yes", by=personas.admin)
    response = as_admin.post(
        reverse("roles:matrix_save"),
        {
            f"cell-{task.pk}-{role.pk}": "yes",
            f"was-{task.pk}-{role.pk}": "",
            f"cell-{other_task.pk}-{other_role.pk}": "",
            f"was-{other_task.pk}-{other_role.pk}": "yes",
            "unrelated": "x",
        },
    )
    assert response.status_code == 302
    assert CapabilityCell.objects.get(task=task, role=role).value == Capability.YES
    assert not CapabilityCell.objects.filter(task=other_task, role=other_role).exists()


def test_a_bad_value_is_refused_and_writes_nothing(personas, as_admin):
    task, role = _ids(personas)
    response = as_admin.post(_cell_url(task, role), {"value": "maybe", "was": ""})
    assert response.status_code == 400
    assert not CapabilityCell.objects.exists()


def test_the_grid_form_ignores_cells_of_another_district(personas, as_admin):
    task = personas.other_district.tasks.get(seed_key="screening")
    role = personas.other_district.roles.get(seed_key="teacher")
    as_admin.post(reverse("roles:matrix_save"), {f"cell-{task.pk}-{role.pk}": "yes"})
    assert not CapabilityCell.objects.exists()


def test_a_principal_cannot_edit_the_matrix(personas):
    task, role = _ids(personas)
    client = client_for(personas.principal)
    assert client.post(_cell_url(task, role), {"value": "yes"}, HTTP_HX_REQUEST="true").status_code == 403
    assert client.post(reverse("roles:matrix_save"), {f"cell-{task.pk}-{role.pk}": "yes"}).status_code == 403
    assert client.post(reverse("roles:matrix_load_example")).status_code == 403
    assert not CapabilityCell.objects.exists()


def test_another_districts_admin_gets_404_for_lincoln_cells(personas):
    task, role = _ids(personas)
    client = client_for(personas.other_admin)
    assert client.post(_cell_url(task, role), {"value": "yes"}).status_code == 404
    own_task, own_role = _ids(personas)
    mixed = reverse("roles:matrix_cell", kwargs={"task_pk": own_task.pk, "role_pk": own_role.pk})
    assert client.post(mixed, {"value": "yes"}).status_code == 404
    assert client.get(f"{MATRIX}?school={personas.school_a.pk}").status_code == 404
    assert not CapabilityCell.objects.exists()


def test_a_school_override_and_its_reset_from_the_page(personas, as_admin):
    task, role = _ids(personas, "tier-1")
    set_cell(personas.district, task=task, role=role, value="training", by=personas.admin)
    school = personas.school_a
    url = f"{_cell_url(task, role)}?school={school.pk}"
    as_admin.post(url, {f"cell-{task.pk}-{role.pk}": "no", f"was-{task.pk}-{role.pk}": ""}, HTTP_HX_REQUEST="true")
    assert CapabilityCell.objects.get(task=task, role=role, school=school).value == Capability.NO
    page = as_admin.get(f"{MATRIX}?school={school.pk}").content.decode()
    assert "Adams Elementary" in page and "District: With training" in page and "(this school)" in page
    response = as_admin.post(
        url, {f"cell-{task.pk}-{role.pk}": "", f"was-{task.pk}-{role.pk}": "no"}, HTTP_HX_REQUEST="true"
    )
    assert "the district’s value (with training)" in response.content.decode()
    assert not CapabilityCell.objects.filter(school=school).exists()
    assert CapabilityCell.objects.get(task=task, role=role, school=None).value == Capability.TRAINING


def test_loading_the_example_over_decided_cells_asks_first(personas, as_admin):
    task, role = _ids(personas)
    set_cell(personas.district, task=task, role=role, value="yes", by=personas.admin)
    response = as_admin.post(reverse("roles:matrix_load_example"))
    assert response.status_code == 200 and "This changes 1 cell already decided" in response.content.decode()
    assert CapabilityCell.objects.count() == 1
    response = as_admin.post(reverse("roles:matrix_load_example"), {"confirm": "yes"})
    assert response.status_code == 302
    assert CapabilityCell.objects.get(task=task, role=role).value == Capability.NO
    assert CapabilityCell.objects.count() == 108


def test_loading_the_example_into_an_empty_matrix_needs_no_confirmation(personas, as_admin):
    response = as_admin.post(reverse("roles:matrix_load_example"))
    assert response.status_code == 302 and CapabilityCell.objects.count() == 108


def test_an_admin_adds_a_task_and_a_role_from_the_matrix(personas, as_admin):
    category = personas.district.task_categories.get(seed_key="family-care")
    response = as_admin.post(
        reverse("roles:matrix_add_task"), {"task-category": category.pk, "task-name": "Home visits"}
    )
    assert response.status_code == 302
    response = as_admin.post(
        reverse("roles:matrix_add_role"), {"role-name": "Behavior specialist", "role-short_name": "BCBA"}
    )
    assert response.status_code == 302
    page = as_admin.get(MATRIX).content.decode()
    assert ">BCBA</abbr>" in page
    other = page.split("Other tasks needed in your district")[1]
    assert "Home visits" in other and "Screening" not in other


def test_adding_a_task_with_a_taken_name_shows_the_error_beside_the_field(personas, as_admin):
    category = personas.district.task_categories.get(seed_key="assessment")
    response = as_admin.post(reverse("roles:matrix_add_task"), {"task-category": category.pk, "task-name": "screening"})
    assert response.status_code == 200 and 'class="errorlist"' in response.content.decode()


def test_the_print_views_follow_the_seeds_template(personas):
    load_seed_example(personas.district, by=personas.admin)
    client = client_for(personas.counselor_a)
    blank = client.get(reverse("roles:matrix_template")).content.decode()
    for heading in (
        "Task category",
        "Task description",
        "Do staff have the skills to complete this task, as a result of certification or training?",
        "*** Not currently, but could do so with additional training through the district",
        "Licensed clinical provider (e.g., LCSW)",
        "<span>☐ Yes</span> <span>☐ No</span> <span>☐ ***</span>",
        "size: landscape",
    ):
        assert heading in blank, heading
    filled = client.get(reverse("roles:matrix_print")).content.decode()
    assert "Task description" in filled and "✓</span> Yes" in filled and "☐ Yes" not in filled


def test_the_xlsx_export_has_the_templates_header(personas):
    from io import BytesIO

    from openpyxl import load_workbook

    load_seed_example(personas.district, by=personas.admin)
    Task.objects.create(
        district=personas.district,
        category=personas.district.task_categories.get(seed_key="other"),
        name="=HYPERLINK(1)",
    )
    response = client_for(personas.counselor_a).get(reverse("roles:matrix_export"))
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "Tasks" and rows[0][2].startswith("Do staff have the skills")
    assert rows[1][:3] == ["Task category", "Task description", "Licensed clinical provider (e.g., LCSW)"]
    assert rows[2][2].startswith("Yes: has the skills")
    assert rows[3][:3] == ["Assessment", "Screening", "Yes"]
    teacher = rows[1].index("Teacher")
    assert rows[3][teacher] == "No"
    tier_1 = next(row for row in rows if row[1] == "Scheduled Tier 1 support provision")
    assert tier_1[teacher] == "With training"
    psychologist = rows[1].index("School psychologist")
    assert tier_1[psychologist] is None
    assert any(row[1] == "=HYPERLINK(1)" for row in rows)  # a text cell, never a formula
    formula_like = next(row for row in sheet.iter_rows() if row[1].value == "=HYPERLINK(1)")[1]
    assert formula_like.data_type == "s" and formula_like.quotePrefix


def _queries_for_matrix(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _add_tasks(district, count, start=0):
    category = district.task_categories.get(seed_key="other")
    Task.objects.bulk_create(
        Task(district=district, category=category, name=f"Extra task {n}", position=n)
        for n in range(start, start + count)
    )


def test_the_matrix_page_costs_the_same_queries_for_10_or_60_tasks(personas, as_admin):
    district = personas.district
    fill_glossary(district)
    district.tasks.exclude(seed_key__in=["screening", "tier-1"]).update(retired=True)
    _add_tasks(district, 8)
    load_seed_example(district, by=personas.admin)
    save_training(
        Training.objects.get(district=district, seed_key="qpr"),
        tasks=list(district.tasks.all()),
        roles=[],
    )
    url = f"{MATRIX}?school={personas.school_a.pk}"
    few = _queries_for_matrix(as_admin, url), _queries_for_matrix(client_for(personas.counselor_a), MATRIX)
    _add_tasks(district, 50, start=8)
    for task in district.tasks.filter(retired=False):
        set_cell(district, task=task, role=district.roles.get(seed_key="teacher"), value="training", by=personas.admin)
    many = _queries_for_matrix(as_admin, url), _queries_for_matrix(client_for(personas.counselor_a), MATRIX)
    assert district.tasks.filter(retired=False).count() == 60
    assert few == many
