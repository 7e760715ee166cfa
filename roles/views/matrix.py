"""The capability matrix: everyone in the district reads it; district admins edit it.

One page shows the district matrix or, with ``?school=<id>``, one school's (its overrides,
otherwise the district's values). Each cell saves on its own with htmx; without JavaScript
the "Save matrix" button posts the whole grid. Each cell carries the value the page showed
(``was-<task>-<role>``), so a cell another admin changed meanwhile is not overwritten unseen
(``roles.services.matrix.save_cells``).
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from core.stale import OUT_OF_DATE, StaleEdit
from people import services as people_services
from people.access import DistrictRequest, district_view, in_district
from people.models import Access, Role, School, Task
from roles.forms.matrix import MatrixRoleForm, MatrixTaskForm
from roles.matrix import NOT_DECIDED, SHORT_LABELS, legend_lines
from roles.models import Capability
from roles.services import matrix as services

CHOICES = [(value, SHORT_LABELS[value]) for value in Capability.values]
CELL_NAME = re.compile(r"^(cell|was)-(\d+)-(\d+)$")


def school_from_request(request: DistrictRequest) -> School | None:
    """The school of ``?school=`` (or a posted ``school``) in the user's district; none for the district matrix."""
    pk = request.POST.get("school") or request.GET.get("school")
    if not pk:
        return None
    return in_district(School.objects.all(), request.district, pk)


def matrix_url(school: School | None) -> str:
    url = reverse("roles:matrix")
    return f"{url}?school={school.pk}" if school else url


@district_view()
def matrix(request: DistrictRequest) -> HttpResponse:
    return _matrix_page(request, school_from_request(request))


def _matrix_page(
    request: DistrictRequest,
    school: School | None,
    *,
    stale: StaleEdit | None = None,
    chosen: dict[tuple[int, int], str] | None = None,
) -> HttpResponse:
    """The matrix page; after a refused save, ``chosen`` holds the editor's choices to show again."""
    grid = services.matrix_grid(request.district, school)
    for group in grid.groups:
        for row in group.rows:
            for cell in row.cells:
                cell.chosen = (chosen or {}).get((cell.task.pk, cell.role.pk))
    can_edit = request.member.has_access(Access.ADMIN)
    context = {
        "grid": grid,
        "school": school,
        "schools": School.objects.filter(district=request.district).values_list("pk", "name"),
        "can_edit": can_edit,
        "choices": CHOICES,
        "legend": legend_lines(),
        "task_form": MatrixTaskForm(district=request.district) if can_edit else None,
        "role_form": MatrixRoleForm(district=request.district) if can_edit else None,
        "stale": stale,
    }
    return render(request, "roles/matrix/matrix.html", context)


@district_view(access=Access.ADMIN)
@require_POST
def matrix_save(request: DistrictRequest) -> HttpResponse:
    """The whole grid at once (the form without JavaScript); a refusal shows the page again with the choices."""
    school = school_from_request(request)
    values, was = _posted_cells(request, *services.active_catalogue(request.district)[1:])
    if set(values) - set(was):
        messages.error(request, f"Nothing was saved. {OUT_OF_DATE}")
        return redirect(matrix_url(school))
    try:
        changed = services.save_cells(request.district, values, school=school, by=request.member, seen=was)
    except ValueError:
        return HttpResponseBadRequest("Each cell is Yes, No, With training or not decided.")
    except StaleEdit as error:
        mine = {key: value for key, value in values.items() if value != was[key]}
        return _matrix_page(request, school, stale=error, chosen=mine)
    messages.success(request, f"Saved the matrix ({changed} cell{'s' if changed != 1 else ''} changed).")
    return redirect(matrix_url(school))


def _posted_cells(
    request: DistrictRequest, tasks: list[Task], roles: list[Role]
) -> tuple[dict[tuple[int, int], str], dict[tuple[int, int], str]]:
    """The posted ``cell-<task>-<role>`` fields and the ``was-<task>-<role>`` values the page showed,
    keeping only the district's active tasks and roles."""
    task_ids, role_ids = {task.pk for task in tasks}, {role.pk for role in roles}
    values: dict[tuple[int, int], str] = {}
    was: dict[tuple[int, int], str] = {}
    for name, value in request.POST.items():
        match = CELL_NAME.match(name)
        if match and int(match[2]) in task_ids and int(match[3]) in role_ids:
            (values if match[1] == "cell" else was)[(int(match[2]), int(match[3]))] = str(value)
    return values, was


@district_view(access=Access.ADMIN)
@require_POST
def matrix_cell(request: DistrictRequest, task_pk: int, role_pk: int) -> HttpResponse:
    """One cell; htmx gets the cell's mark and a "Saved" status back, a plain form a redirect.

    A cell another admin changed since the page was read is not saved: htmx gets the cell as it is now
    and a status saying so.
    """
    task = in_district(Task.objects.all(), request.district, task_pk)
    role = in_district(Role.objects.all(), request.district, role_pk)
    school = school_from_request(request)
    value = request.POST.get(f"cell-{task.pk}-{role.pk}", request.POST.get("value", NOT_DECIDED))
    was = request.POST.get(f"was-{task.pk}-{role.pk}", request.POST.get("was"))
    refused: str | None = None
    try:
        if was is None:
            refused = f"Not saved. {OUT_OF_DATE}"
        else:
            services.set_cell(
                request.district, task=task, role=role, value=value, school=school, by=request.member, was=was
            )
    except ValueError:
        return HttpResponseBadRequest("Each cell is Yes, No, With training or not decided.")
    except StaleEdit as error:
        (change,) = error.changes
        refused = (
            f"Not saved: someone else changed {change.label} while you were editing it ({change.old} → {change.new}). "
            "The cell shows their answer now; change it again if you still mean to."
        )
    if request.htmx:
        cell = (services.locate_cell if refused else services.one_cell)(request.district, task, role, school)
        context = {"cell": cell, "school": school, "can_edit": True, "refused": refused, "choices": CHOICES}
        return render(request, "roles/matrix/matrix.html#cell_answer", context)
    if refused:
        messages.error(request, refused)
    else:
        cell = services.one_cell(request.district, task, role, school)
        messages.success(request, f"Saved: {role.label} × {task.name} is {cell.label.lower()}.")
    return redirect(matrix_url(school))


@district_view(access=Access.ADMIN)
@require_http_methods(["GET", "POST"])
def matrix_add_task(request: DistrictRequest) -> HttpResponse:
    form = MatrixTaskForm(request.POST or None, district=request.district)
    if request.method == "POST" and form.is_valid():
        task = people_services.save_catalogue_item(form.save(commit=False))
        messages.success(request, f"Added the task “{task}”. Decide, for each role, whether it can do it.")
        return redirect(f"{matrix_url(None)}#task-{task.pk}")
    return render(request, "roles/matrix/add_form.html", {"form": form, "heading": "Add a task to the matrix"})


@district_view(access=Access.ADMIN)
@require_http_methods(["GET", "POST"])
def matrix_add_role(request: DistrictRequest) -> HttpResponse:
    form = MatrixRoleForm(request.POST or None, district=request.district)
    if request.method == "POST" and form.is_valid():
        role = people_services.save_catalogue_item(form.save(commit=False))
        messages.success(request, f"Added the role “{role}”. Its column is at the right of the matrix.")
        return redirect(matrix_url(None))
    return render(request, "roles/matrix/add_form.html", {"form": form, "heading": "Add a role to the matrix"})


@district_view(access=Access.ADMIN)
@require_http_methods(["GET", "POST"])
def matrix_load_example(request: DistrictRequest) -> HttpResponse:
    """Load the seed's example; asks first when it would change cells already decided."""
    conflicts = services.example_conflicts(request.district)
    if request.method == "POST" and (conflicts == 0 or request.POST.get("confirm") == "yes"):
        changed = services.load_seed_example(request.district, by=request.member)
        messages.success(
            request, f"Loaded the practice's example ({changed} cell{'s' if changed != 1 else ''} changed)."
        )
        return redirect(matrix_url(None))
    return render(request, "roles/matrix/load_example.html", {"conflicts": conflicts})
