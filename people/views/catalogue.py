"""Roles, task categories and tasks: everyone may look; district admins add, edit, reorder, retire and delete."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.stale import StaleEdit, after_stale_edit
from people import queries, services
from people.access import DistrictRequest, district_view, in_district
from people.forms.catalogue import CategoryForm, RoleForm, TaskForm
from people.models import Access, Role, Task, TaskCategory

# kind → (model, form, what the page calls it)
KINDS: dict[str, tuple[Any, Any, str]] = {
    "role": (Role, RoleForm, "role"),
    "category": (TaskCategory, CategoryForm, "task category"),
    "task": (Task, TaskForm, "task"),
}


@district_view()
def catalogue(request: DistrictRequest) -> HttpResponse:
    return render(request, "people/catalogue/catalogue.html", queries.catalogue(request.district))


# --- Add and edit -------------------------------------------------------------------------------


def _new(request: DistrictRequest, kind: str, initial: dict | None = None) -> HttpResponse:
    model, form_class, label = KINDS[kind]
    form = form_class(request.POST or None, initial=initial, district=request.district)
    if request.method == "POST" and form.is_valid():
        item = services.save_catalogue_item(form.save(commit=False))
        messages.success(request, f"Added the {label} “{item}”.")
        return redirect(f"{_catalogue_url()}#{kind}-{item.pk}")
    return render(request, "people/catalogue/form.html", {"form": form, "heading": f"Add a {label}", "item": None})


def _edit(request: DistrictRequest, kind: str, pk: int) -> HttpResponse:
    model, form_class, label = KINDS[kind]
    item = in_district(model.objects.all(), request.district, pk)
    heading = f"Edit the {label} “{item}”"
    form = form_class(request.POST or None, instance=item, district=request.district)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            item = services.save_catalogue_item(form.save(commit=False), seen=form.seen)
        except StaleEdit as error:
            stale = error
            after_stale_edit(error, form)
        else:
            messages.success(request, f"Saved the {label} “{item}”.")
            return redirect(f"{_catalogue_url()}#{kind}-{item.pk}")
    context = {"form": form, "heading": heading, "item": item, "stale": stale, "what": f"this {label}"}
    return render(request, "people/catalogue/form.html", context)


@district_view(access=Access.ADMIN)
def role_new(request: DistrictRequest) -> HttpResponse:
    return _new(request, "role")


@district_view(access=Access.ADMIN)
def role_edit(request: DistrictRequest, pk: int) -> HttpResponse:
    return _edit(request, "role", pk)


@district_view(access=Access.ADMIN)
def category_new(request: DistrictRequest) -> HttpResponse:
    return _new(request, "category")


@district_view(access=Access.ADMIN)
def category_edit(request: DistrictRequest, pk: int) -> HttpResponse:
    return _edit(request, "category", pk)


@district_view(access=Access.ADMIN)
def task_new(request: DistrictRequest) -> HttpResponse:
    category = request.GET.get("category", "")
    return _new(request, "task", initial={"category": category} if category.isdigit() else None)


@district_view(access=Access.ADMIN)
def task_edit(request: DistrictRequest, pk: int) -> HttpResponse:
    return _edit(request, "task", pk)


# --- Reorder ------------------------------------------------------------------------------------


def _siblings(item: Role | TaskCategory | Task) -> QuerySet:
    """The rows ``item`` moves among: the active ones of its list, as the page shows them."""
    if isinstance(item, Task):
        return Task.objects.filter(category_id=item.category_id).active()
    if isinstance(item, Role):
        return Role.objects.filter(district_id=item.district_id).active()
    return TaskCategory.objects.filter(district_id=item.district_id).active()


def _move(request: DistrictRequest, kind: str, pk: int) -> HttpResponse:
    model, _form, _label = KINDS[kind]
    item = in_district(model.objects.all(), request.district, pk)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        services.move(item, up=direction == "up", siblings=_siblings(item))
        messages.success(request, f"Moved “{item}” {direction}.")
    return redirect(f"{_catalogue_url()}#{kind}-{item.pk}")


@require_POST
@district_view(access=Access.ADMIN)
def role_move(request: DistrictRequest, pk: int) -> HttpResponse:
    return _move(request, "role", pk)


@require_POST
@district_view(access=Access.ADMIN)
def category_move(request: DistrictRequest, pk: int) -> HttpResponse:
    return _move(request, "category", pk)


@require_POST
@district_view(access=Access.ADMIN)
def task_move(request: DistrictRequest, pk: int) -> HttpResponse:
    return _move(request, "task", pk)


# --- Retire and restore -------------------------------------------------------------------------


def _retire(request: DistrictRequest, kind: str, pk: int) -> HttpResponse:
    model, _form, label = KINDS[kind]
    item = in_district(model.objects.all(), request.district, pk)
    retired = services.toggle_retired(item)
    if retired:
        messages.success(request, f"Retired the {label} “{item}”. It is no longer offered as a choice.")
    else:
        messages.success(request, f"Restored the {label} “{item}”.")
    return redirect(f"{_catalogue_url()}#{kind}-{item.pk}")


@require_POST
@district_view(access=Access.ADMIN)
def role_retire(request: DistrictRequest, pk: int) -> HttpResponse:
    return _retire(request, "role", pk)


@require_POST
@district_view(access=Access.ADMIN)
def category_retire(request: DistrictRequest, pk: int) -> HttpResponse:
    return _retire(request, "category", pk)


@require_POST
@district_view(access=Access.ADMIN)
def task_retire(request: DistrictRequest, pk: int) -> HttpResponse:
    return _retire(request, "task", pk)


# --- Delete (only what nothing refers to) --------------------------------------------------------


def _delete(request: DistrictRequest, kind: str, pk: int) -> HttpResponse:
    model, _form, label = KINDS[kind]
    item = in_district(model.objects.all(), request.district, pk)
    if request.method == "POST":
        try:
            services.delete_catalogue_item(item)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(f"{_catalogue_url()}#{kind}-{item.pk}")
        messages.success(request, f"Deleted the {label} “{item}”.")
        return redirect("people:catalogue")
    context = {"item": item, "kind": kind, "label": label, "in_use": services.in_use(item)}
    return render(request, "people/catalogue/confirm_delete.html", context)


@district_view(access=Access.ADMIN)
def role_delete(request: DistrictRequest, pk: int) -> HttpResponse:
    return _delete(request, "role", pk)


@district_view(access=Access.ADMIN)
def category_delete(request: DistrictRequest, pk: int) -> HttpResponse:
    return _delete(request, "category", pk)


@district_view(access=Access.ADMIN)
def task_delete(request: DistrictRequest, pk: int) -> HttpResponse:
    return _delete(request, "task", pk)


def _catalogue_url() -> str:
    return reverse("people:catalogue")
