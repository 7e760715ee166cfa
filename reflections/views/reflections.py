"""Reflection pages: my reflections, fill in (new/edit), read, share, and a row's action into the tracker."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from actions.models import BarrierKind
from checkins.models import Meeting
from core.pagination import paginate, query_without_page
from core.params import parse_id
from people.access import DistrictRequest, district_view
from people.models import Access
from reflections import reads, services
from reflections.access import estimable_staff, own_reflection, reflection_for
from reflections.forms import ReflectionForm, ShareForm, TimeTable
from reflections.models import Reflection, RequestRecipient, TimeAllocation, TimeUnit
from reflections.services import can_share_with_checkin, staff_week, total_fte


@district_view()
def my_reflections(request: DistrictRequest) -> HttpResponse:
    reflections = (
        Reflection.objects.filter(district=request.district, author=request.member)
        .select_related("role", "school", "request")
        .annotate(rows=Count("allocations"))
        .order_by("-date", "-pk")
    )
    status = request.GET.get("status", "")
    if status in Reflection.Status.values:
        reflections = reflections.filter(status=status)
    search = request.GET.get("q", "").strip()
    if search:
        reflections = reflections.filter(Q(support_needed__icontains=search) | Q(barriers__icontains=search))
    pending = (
        RequestRecipient.objects.filter(staff=request.member, reflection__isnull=True)
        .select_related("request", "request__requested_by")
        .order_by("request__due_on")[:10]
    )
    return render(
        request,
        "reflections/my_reflections.html",
        {
            "page_obj": paginate(request, reflections),
            "querystring": query_without_page(request),
            "status": status,
            "search": search,
            "statuses": Reflection.Status.choices,
            "pending": pending,
        },
    )


@district_view()
def reflection_new(request: DistrictRequest) -> HttpResponse:
    ask = None
    if request.GET.get("request"):
        recipient = (
            RequestRecipient.objects.filter(
                district=request.district, staff=request.member, request_id=_int(request.GET["request"])
            )
            .select_related("request", "request__meeting", "request__series")
            .first()
        )
        if recipient is None:
            raise Http404("This request was not sent to you.")
        ask = recipient.request
        existing = Reflection.objects.filter(author=request.member, request=ask).first()
        if existing is not None:
            target = (
                "reflections:reflection_edit" if existing.status == Reflection.Status.DRAFT else "reflections:detail"
            )
            return redirect(target, pk=existing.pk)
    meeting = None
    if ask is None and request.GET.get("meeting"):
        # Preparing for a check-in (the email before each meeting): only its participants may.
        meeting = (
            Meeting.objects.filter(
                district=request.district,
                pk=_int(request.GET["meeting"]) or 0,
                series__participants__staff=request.member,
            )
            .select_related("series")
            .first()
        )
        if meeting is None:
            raise Http404("You are not a participant of this check-in.")
        existing = Reflection.objects.filter(author=request.member, meeting=meeting).first()
        if existing is not None:
            target = (
                "reflections:reflection_edit" if existing.status == Reflection.Status.DRAFT else "reflections:detail"
            )
            return redirect(target, pk=existing.pk)
    reflection = services.start_reflection(request.member, request=ask, meeting=meeting)
    return _fill_in(request, reflection)


@district_view()
def reflection_edit(request: DistrictRequest, pk: int) -> HttpResponse:
    reflection = _own_or_redirect(request, pk)
    if isinstance(reflection, HttpResponse):
        return reflection
    if reflection.status == Reflection.Status.SUBMITTED:
        messages.info(request, "This reflection was submitted; you can still change who sees it.")
        return redirect("reflections:detail", pk=reflection.pk)
    return _fill_in(request, reflection)


def _fill_in(request: DistrictRequest, reflection: Reflection) -> HttpResponse:
    """The form for a new or draft reflection: save a draft, or save and submit."""
    member = request.member
    week = staff_week(member)
    posted = request.POST if request.method == "POST" else None
    stored = list(reflection.allocations.all()) if reflection.pk else []
    form = ReflectionForm(
        posted,
        week=week,
        initial={
            "support_needed": reflection.support_needed,
            "barriers": reflection.barriers,
            "barrier_kinds": reflection.barrier_kinds,
            "time_unit": reflection.time_unit,
        },
    )
    share_form = ShareForm(posted, reflection=reflection, can_share_with_checkin=can_share_with_checkin(reflection))
    table = TimeTable(
        services.table_categories(request.district),
        week,
        data=posted,
        initial_rows=stored,
        unit=reflection.time_unit,
        extra_rows=1 if request.GET.get("add_row") else 0,
    )
    failed_submit = False
    if posted is not None:
        unit = str(posted.get("time_unit")) if posted.get("time_unit") in TimeUnit.values else TimeUnit.PERCENT
        forms_ok = form.is_valid() & share_form.is_valid()
        if table.is_valid(unit) and forms_ok:
            data = form.cleaned_data
            services.save_draft(
                reflection,
                support_needed=data["support_needed"],
                barriers=data["barriers"],
                barrier_kinds=data["barrier_kinds"],
                time_unit=data["time_unit"],
                rows=table.rows(),
            )
            services.share(reflection, **share_form.choices())
            if "add_row" in posted:
                messages.success(request, "Draft saved. A new row was added at the end of the table.")
                more = "?add_row=1" if table.rows()[-1].is_empty else ""
                return redirect(reverse("reflections:reflection_edit", args=[reflection.pk]) + more + "#time-table")
            if "submit" not in posted:
                messages.success(request, "Draft saved. Only you can see it.")
                return redirect("reflections:reflection_edit", pk=reflection.pk)
            try:
                services.submit(reflection)
            except ValidationError as error:
                table.column_errors = {k: " ".join(v) for k, v in error.message_dict.items()}
                failed_submit = True
            else:
                messages.success(request, "Submitted. You can change below who may read it.")
                return redirect("reflections:detail", pk=reflection.pk)
    return render(
        request,
        "reflections/reflection_form.html",
        {
            "reflection": reflection,
            "form": form,
            "share_form": share_form,
            "table": table,
            "week": week,
            "fte": _fte_text(total_fte(member)),
            "failed_submit": failed_submit,
            "action": reverse("reflections:reflection_edit", args=[reflection.pk])
            if reflection.pk
            else request.get_full_path(),
        },
    )


@district_view()
def reflection_detail(request: DistrictRequest, pk: int) -> HttpResponse:
    reflection = reflection_for(request.member, pk)
    is_author = reflection.author_id == request.member.pk
    reads.record_read(reflection, reader=request.member, surface=reads.Surface.PAGE)
    allocations = list(reflection.allocations.select_related("category"))
    can_make_items = (
        not is_author and request.member.has_access(Access.LEADER) and reflection.status == Reflection.Status.SUBMITTED
    )
    can_compare = not is_author and estimable_staff(request.member).filter(pk=reflection.author_id).exists()
    return render(
        request,
        "reflections/reflection_detail.html",
        {
            "reflection": reflection,
            "is_author": is_author,
            "allocations": allocations,
            "barrier_kinds": [BarrierKind(k).label for k in reflection.barrier_kinds if k in BarrierKind.values],
            "totals": services.column_totals(allocations),
            "can_make_items": can_make_items,
            "can_compare": can_compare,
            "reads": reads.reads_of(reflection) if is_author else None,
            "share_form": ShareForm(reflection=reflection, can_share_with_checkin=can_share_with_checkin(reflection))
            if is_author
            else None,
        },
    )


@district_view()
def reflection_share(request: DistrictRequest, pk: int) -> HttpResponse:
    reflection = _own_or_redirect(request, pk)
    if isinstance(reflection, HttpResponse):
        return reflection
    form = ShareForm(
        request.POST if request.method == "POST" else None,
        reflection=reflection,
        can_share_with_checkin=can_share_with_checkin(reflection),
    )
    if request.method == "POST" and form.is_valid():
        services.share(reflection, **form.choices())
        if reflection.is_private:
            messages.success(request, "Only you can see this reflection.")
        else:
            messages.success(request, "Sharing saved.")
        return redirect("reflections:detail", pk=reflection.pk)
    return render(request, "reflections/reflection_share.html", {"reflection": reflection, "form": form})


@district_view(access=Access.LEADER)
@require_POST
def make_action_item(request: DistrictRequest, pk: int, row_pk: int) -> HttpResponse:
    reflection = reflection_for(request.member, pk)
    if reflection.status != Reflection.Status.SUBMITTED:
        raise PermissionDenied("Only a submitted reflection's actions can become action items.")
    allocation = TimeAllocation.objects.filter(reflection=reflection, pk=row_pk).select_related("category").first()
    if allocation is None:
        raise Http404("No such row.")
    allocation.reflection = reflection
    try:
        item = services.make_action_item(allocation, by=request.member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reflections:detail", pk=reflection.pk)
    messages.success(request, f"Added the action item for {reflection.author.name}.")
    return redirect("actions:item_detail", pk=item.pk)


def _fte_text(fte) -> str:
    """1 → "1.0", 0.75 → "0.75": how FTE is usually written."""
    text = format(fte.normalize(), "f")
    return text if "." in text else f"{text}.0"


def _int(value: object) -> int | None:
    return parse_id(value)


def _own_or_redirect(request: DistrictRequest, pk: int) -> Reflection | HttpResponse:
    """The member's own reflection; someone else's they may read sends them to it (read-only); else 404."""
    try:
        return own_reflection(request.member, pk)
    except Http404:
        reflection = reflection_for(request.member, pk)
        messages.info(request, "Only its author can change this reflection.")
        return redirect("reflections:detail", pk=reflection.pk)
