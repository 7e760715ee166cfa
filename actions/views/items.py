"""The tracker's pages: lists, the item form, the item with its history, inline status and the paper sheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from actions import services
from actions.access import item_for, visible_items
from actions.forms import ItemFilterForm, ItemForm, StatusForm, field_label, status_counts
from actions.models import ActionItem, Status
from core.pagination import paginate, query_without_page
from people.access import DistrictRequest, district_view, in_district, led_school_ids
from people.models import Access, School, StaffMember

PRINT_LIMIT = 500
BLANK_ROWS = 15


@district_view()
def item_list(request: DistrictRequest) -> HttpResponse:
    heading = "The district's action items" if request.member.has_access(Access.ADMIN) else "Action items I can see"
    return _list_page(request, visible_items(request.member), heading=heading)


@district_view()
def my_items(request: DistrictRequest) -> HttpResponse:
    items = visible_items(request.member).filter(owner=request.member)
    return _list_page(request, items, heading="My action items", mine=True)


@district_view(access=Access.LEADER)
def school_items(request: DistrictRequest, school_pk: int) -> HttpResponse:
    school = in_district(School.objects.all(), request.district, school_pk)
    if school.pk not in led_school_ids(request.member):
        raise PermissionDenied("You do not lead this school.")
    items = visible_items(request.member).filter(school=school)
    return _list_page(request, items, heading=f"Action items of {school.name}", school=school)


def _list_page(
    request: DistrictRequest,
    items: QuerySet[ActionItem],
    *,
    heading: str,
    school: School | None = None,
    mine: bool = False,
) -> HttpResponse:
    """One list page for all three lists: filters, counts by status, a page of rows.

    The counts cover every status, also the completed and abandoned items the list hides by
    default; htmx asking for ``status-counts`` (after a status changed) gets just the counts.
    """
    today = services.local_today(request.district)
    hide = ("school",) if school else ("owner",) if mine else ()
    filters = ItemFilterForm(request.GET, district=request.district, hide=hide)
    counts = status_counts(filters.apply(items, today), today)
    context: dict[str, Any] = {
        "heading": heading,
        "filters": filters,
        "counts": counts,
        "list_url": request.get_full_path(),
    }
    if request.htmx and request.htmx.target == "status-counts":
        return render(request, "actions/items_list.html#status_counts", context)
    shown = counts["open"] if filters.hides_closed else counts["total"]
    page_obj = paginate(request, filters.listed(items, today).select_related("owner", "school"), count=shown)
    prepare_rows(page_obj, today)
    download_query = request.GET.copy()
    download_query.pop("page", None)
    if school is not None:
        download_query["school"] = str(school.pk)
    if mine:
        download_query["owner"] = str(request.member.pk)
    downloads = download_query.urlencode()
    closed_query = request.GET.copy()
    closed_query.pop("page", None)
    closed_query["closed"] = "on"
    return render(
        request,
        "actions/items_list.html",
        {
            **context,
            "school": school,
            "page_obj": page_obj,
            "querystring": query_without_page(request),
            "print_url": f"{reverse('actions:tracker_print')}?{downloads}",
            "xlsx_url": f"{reverse('actions:tracker_export', args=['xlsx'])}?{downloads}",
            "csv_url": f"{reverse('actions:tracker_export', args=['csv'])}?{downloads}",
            "show_closed_url": f"{request.path}?{closed_query.urlencode()}",
            "next": request.get_full_path(),
            "statuses": Status.choices,
        },
    )


@district_view()
def item_detail(request: DistrictRequest, pk: int) -> HttpResponse:
    item = item_for(request.member, pk)
    item.overdue = item.is_overdue(services.local_today(request.district))  # type: ignore[attr-defined]
    history = [(change, field_label(change.field)) for change in item.changes.select_related("changed_by")]
    return render(
        request,
        "actions/item_detail.html",
        {"item": item, "history": history, "statuses": Status.choices, "next": request.get_full_path()},
    )


@district_view()
def item_new(request: DistrictRequest) -> HttpResponse:
    member = request.member
    initial = {"created_on": services.local_today(request.district), "owner": member.pk, "school": _home_school(member)}
    form = ItemForm(_posted(request), district=request.district, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_item(request.district, by=member, **form.item_fields())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"Added the action item{_linked_note(form)}.")
            return redirect("actions:item_detail", pk=item.pk)
    return render(request, "actions/item_form.html", {"form": form, "item": None, "heading": "New action item"})


@district_view()
def item_edit(request: DistrictRequest, pk: int) -> HttpResponse:
    item = item_for(request.member, pk)
    form = ItemForm(_posted(request), district=request.district, item=item)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            fields = form.item_fields()
            item = services.update_item(
                item, by=request.member, expected_version=form.cleaned_data["version"], **fields
            )
        except services.StaleEdit as error:
            stale, item = error, error.item
            form = form.after_stale_edit(error)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, f"Saved the action item{_linked_note(form)}.")
            return redirect("actions:item_detail", pk=item.pk)
    return render(
        request,
        "actions/item_form.html",
        {"form": form, "item": item, "heading": "Edit the action item", "stale": stale},
    )


@district_view()
@require_POST
def item_status(request: DistrictRequest, pk: int) -> HttpResponse:
    """Change one item's status from a list row; htmx gets the row back, a plain form a redirect."""
    item = item_for(request.member, pk)
    form = StatusForm(request.POST)
    problem = ""
    if not form.is_valid():
        problem = "Choose one of the tracker's statuses."
    else:
        try:
            item = services.change_status(
                item, to=form.cleaned_data["status"], by=request.member, expected_version=form.cleaned_data["version"]
            )
        except services.StaleEdit as error:
            item = error.item
            problem = f"Not saved: {error}"
    next_url = _safe_next(request)
    if request.htmx:
        prepare_rows([item], services.local_today(request.district))
        context = {"item": item, "problem": problem, "saved": not problem, "next": next_url, "statuses": Status.choices}
        response = render(request, "actions/items_list.html#item_row", context)
        if not problem:
            response["HX-Trigger"] = "tracker-changed"  # the counts by status refresh themselves
        return response
    if problem:
        messages.error(request, problem)
    else:
        messages.success(request, f"“{item}” is now {item.get_status_display().lower()}.")
    return redirect(next_url or reverse("actions:item_detail", kwargs={"pk": item.pk}))


@district_view()
def tracker_print(request: DistrictRequest) -> HttpResponse:
    """The seed's paper tracker: ``?blank=1`` for empty ruled rows, else the items of the list's filters."""
    blank = request.GET.get("blank") == "1"
    rows, more = [], False
    if not blank:
        today = services.local_today(request.district)
        filters = ItemFilterForm(request.GET, district=request.district)
        items = filters.listed(visible_items(request.member), today).select_related("owner")
        rows = list(items[: PRINT_LIMIT + 1])
        more = len(rows) > PRINT_LIMIT
        rows = rows[:PRINT_LIMIT]
    return render(
        request,
        "actions/print.html",
        {"blank": blank, "rows": rows, "more": more, "limit": PRINT_LIMIT, "blank_rows": range(BLANK_ROWS)},
    )


def prepare_rows(items: Iterable[ActionItem], today: dt.date) -> None:
    """What a list row shows besides the item's fields: overdue, and its links (reversed once, not per row)."""
    slot = 987654321
    detail_url = reverse("actions:item_detail", kwargs={"pk": slot})
    status_url = reverse("actions:item_status", kwargs={"pk": slot})
    for item in items:
        item.overdue = item.is_overdue(today)  # type: ignore[attr-defined]
        item.url = detail_url.replace(str(slot), str(item.pk))  # type: ignore[attr-defined]
        item.status_url = status_url.replace(str(slot), str(item.pk))  # type: ignore[attr-defined]


def _home_school(member: StaffMember) -> int | None:
    """The school a new item belongs to by default: the one a leader leads, or a staff member's only school."""
    if member.has_access(Access.ADMIN):
        return None
    led = led_school_ids(member)
    if len(led) == 1:
        return next(iter(led))
    assigned = list(member.assignments.values_list("school_id", flat=True)[:2])
    return assigned[0] if len(assigned) == 1 and not led else None


def _posted(request: DistrictRequest):
    return request.POST if request.method == "POST" else None


def _linked_note(form: ItemForm) -> str:
    linked = form.linked_owner
    return (
        f" and linked “{form.data.get('owner_name', '').strip()}” to the staff member {linked.name}" if linked else ""
    )


def _safe_next(request: DistrictRequest) -> str:
    """The page to go back to, only if it is a path on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not target.startswith("/"):
        return ""  # not a path: redirect() would read it as a view's name
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""
