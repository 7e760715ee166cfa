"""The meeting page: the agenda with its timers, the items reviewed, barriers, plans, attendance."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from actions.forms import StatusForm
from actions.models import ActionItem
from actions.services import StaleEdit, local_today
from checkins import hooks
from checkins import series_access as access
from checkins.agenda import BARRIERS, PLANS, REFLECTION_NOTE, agenda_for, clock, running_section, used_seconds
from checkins.forms.meetings import STATUS_OPTIONS, AttendanceForm, BarrierForm, PlanItemForm, SectionSwitchForm
from checkins.models import Meeting
from checkins.services import history, minutes
from checkins.services import meetings as services
from core.pagination import paginate
from people.access import DistrictRequest, district_view


def _back(meeting: Meeting, anchor: str = "") -> HttpResponse:
    url = reverse("checkins:meeting_detail", kwargs={"pk": meeting.pk})
    return redirect(f"{url}#{anchor}" if anchor else url)


def _require_runner(request: DistrictRequest, meeting: Meeting) -> None:
    if not access.can_run(request.member, meeting.series):
        raise PermissionDenied("Only the organizer, the school's leaders and district admins run this meeting.")


def _render(
    request: DistrictRequest,
    meeting: Meeting,
    *,
    barrier_form: BarrierForm | None = None,
    item_form: PlanItemForm | None = None,
) -> HttpResponse:
    series = meeting.series
    people = services.participants(series)
    barriers = list(services.meeting_barriers(meeting))
    today = local_today(request.district)
    ours, others = services.carried_over(meeting)
    reviewed, other_items = _rows(request, meeting, ours), _rows(request, meeting, others)
    added = list(services.new_items(meeting))
    for item in added:
        item.overdue = item.is_overdue(today)  # type: ignore[attr-defined]
    now = timezone.now()
    sections = agenda_for(series)
    running = running_section(meeting.section_seconds)
    for section in sections:
        section.used = used_seconds(meeting.section_seconds, section.pk, now)  # type: ignore[attr-defined]
        section.over = section.used > section.minutes * 60  # type: ignore[attr-defined]
        section.clock = clock(section.used)  # type: ignore[attr-defined]
    marked = services.attendance(meeting)
    shared = hooks.shared_reflections(meeting, request.member)
    hooks.reflections_shown(shared.readable if shared else [], request.member)  # who read what (reflections.reads)
    context = {
        "meeting": meeting,
        "series": series,
        "start": services.local_start(meeting),
        "end": timezone.localtime(meeting.ends_at, request.district.zone),
        "sections": sections,
        "running": running,
        "next_section": _next_section(sections, running),
        "can_run": access.can_run(request.member, series),
        "reviewed": reviewed,
        "other_items": other_items,
        "can_start": services.can_start_today(meeting),
        "token": get_token(request),  # once for every row's form
        "barriers": barriers,
        "new_items": added,
        "shared": shared,
        "reflection_note": REFLECTION_NOTE,
        "roll": [(person, marked.get(person.pk)) for person in people],
        "barrier_form": barrier_form or BarrierForm(people=people),
        "item_form": item_form or PlanItemForm(district=request.district, people=people, barriers=barriers),
        "is_open": meeting.status != Meeting.Status.CLOSED,
        "history": history.history_of(meeting=meeting),
        "panels": hooks.MEETING_REVIEW.panels(meeting, request.member),
        "BARRIERS": BARRIERS,
        "PLANS": PLANS,
    }
    return render(request, "checkins/meetings/detail.html", context)


def _rows(request: DistrictRequest, meeting: Meeting, items: list[ActionItem]) -> list[ActionItem]:
    """Reviewed items ready to render: overdue, whether this person may update it, its links and options.

    Done here rather than in the template: the page may list hundreds of items.
    """
    today = local_today(request.district)
    runs = access.can_run(request.member, meeting.series) and meeting.status != Meeting.Status.CLOSED
    detail = reverse("actions:item_detail", kwargs={"pk": 0}).removesuffix("0/")
    status = reverse("checkins:meeting_item_status", kwargs={"pk": meeting.pk, "item_pk": 0}).removesuffix("0/status/")
    for item in items:
        item.overdue = item.is_overdue(today)  # type: ignore[attr-defined]
        item.editable = runs or (  # type: ignore[attr-defined]
            item.owner_id == request.member.pk and meeting.status != Meeting.Status.CLOSED
        )
        item.url = f"{detail}{item.pk}/"  # type: ignore[attr-defined]
        item.status_url = f"{status}{item.pk}/status/"  # type: ignore[attr-defined]
        item.options = STATUS_OPTIONS[item.status]  # type: ignore[attr-defined]
        item.short, item.shorter = _shorten(item.description, 140), _shorten(item.description, 60)  # type: ignore[attr-defined]
        item.who = item.responsible or "—"  # type: ignore[attr-defined]
        if item.due_on:
            item.due_iso = item.due_on.isoformat()  # type: ignore[attr-defined]
            item.due_text = f"{item.due_on:%b} {item.due_on.day}, {item.due_on.year}"  # type: ignore[attr-defined]
    return items


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _next_section(sections: list, running: int | None):
    ids = [s.pk for s in sections]
    if running is None:
        return sections[0] if sections else None
    if running in ids and ids.index(running) + 1 < len(ids):
        return sections[ids.index(running) + 1]
    return None


@district_view()
def meeting_detail(request: DistrictRequest, pk: int) -> HttpResponse:
    meeting = access.meeting_for(request.member, pk)
    return _render(request, meeting)


@require_POST
@district_view()
def meeting_start(request: DistrictRequest, pk: int) -> HttpResponse:
    meeting = access.meeting_for(request.member, pk)
    _require_runner(request, meeting)
    try:
        services.start_meeting(meeting, by=request.member)
        messages.success(request, "The meeting has started.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(meeting)


@district_view()
def meeting_close(request: DistrictRequest, pk: int) -> HttpResponse:
    """GET: who the minutes go to and what they say; POST: close the meeting and email them."""
    meeting = access.meeting_for(request.member, pk)
    _require_runner(request, meeting)
    if request.method != "POST":
        context = {
            "preview": minutes.preview_minutes(meeting, viewer=request.member),
            "heading": f"Close the meeting and email the minutes: {meeting.series.title}",
            "action": "Close the meeting and email the minutes",
            "back_url": reverse("checkins:meeting_detail", kwargs={"pk": meeting.pk}),
            "not_yet": meeting.status != Meeting.Status.IN_PROGRESS,
        }
        return render(request, "checkins/confirm_email.html", context)
    try:
        minutes.close_meeting(meeting, by=request.member)
        messages.success(request, "The meeting is closed; the minutes were emailed to the participants.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(meeting)


@require_POST
@district_view()
def meeting_section(request: DistrictRequest, pk: int) -> HttpResponse:
    """Start a section's clock (stopping the one that runs), or stop the clock."""
    meeting = access.meeting_for(request.member, pk)
    _require_runner(request, meeting)
    form = SectionSwitchForm(request.POST)
    sections = {s.pk: s for s in agenda_for(meeting.series)}
    section = sections.get(form.cleaned_data["section"]) if form.is_valid() else None
    if form.is_valid() and form.cleaned_data["section"] is not None and section is None:
        messages.error(request, "That section is not on this meeting's agenda.")
        return _back(meeting)
    try:
        services.switch_to_section(meeting, section)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(meeting, f"section-{section.pk}" if section else "")


@require_POST
@district_view()
def meeting_item_status(request: DistrictRequest, pk: int, item_pk: int) -> HttpResponse:
    """Update the progress of a reviewed item in place: htmx gets the row back, a plain form a redirect."""
    meeting = access.meeting_for(request.member, pk)
    item = services.review_item(meeting, item_pk)
    if not services.may_update_item(request.member, meeting, item):
        raise PermissionDenied("Only those who run the meeting and the person responsible update this item.")
    form = StatusForm(request.POST)
    problem = ""
    if not form.is_valid():
        problem = "Choose one of the tracker's statuses."
    else:
        try:
            item = services.change_item_status(
                item, to=form.cleaned_data["status"], by=request.member, expected_version=form.cleaned_data["version"]
            )
        except StaleEdit as error:
            item, problem = error.item, f"Not saved: {error}"
    if request.htmx:
        (item,) = _rows(request, meeting, [item])
        context = {
            "item": item,
            "problem": problem,
            "saved": not problem,
            "meeting": meeting,
            "token": get_token(request),
        }
        return render(request, "checkins/meetings/detail.html#review_row", context)
    if problem:
        messages.error(request, problem)
    else:
        messages.success(request, f"“{item}” is now {item.get_status_display().lower()}.")
    return _back(meeting, f"item-{item.pk}")


@require_POST
@district_view()
def meeting_barrier_new(request: DistrictRequest, pk: int) -> HttpResponse:
    meeting = access.meeting_for(request.member, pk)
    _require_runner(request, meeting)
    form = BarrierForm(request.POST, people=services.participants(meeting.series))
    if form.is_valid():
        try:
            services.record_barrier(
                meeting,
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
                raised_by=form.raiser(),
                by=request.member,
            )
            messages.success(request, "Barrier recorded.")
            return _back(meeting, "barriers")
        except ValidationError as error:
            form.add_error(None, error)
    return _render(request, meeting, barrier_form=form)


@require_POST
@district_view()
def meeting_item_new(request: DistrictRequest, pk: int) -> HttpResponse:
    meeting = access.meeting_for(request.member, pk)
    _require_runner(request, meeting)
    form = PlanItemForm(
        request.POST,
        district=request.district,
        people=services.participants(meeting.series),
        barriers=list(services.meeting_barriers(meeting)),
    )
    if form.is_valid():
        try:
            item = services.add_plan_item(meeting, by=request.member, **form.item_fields())
            messages.success(request, f"Action item added for {item.responsible or 'someone not named'}.")
            return _back(meeting, "plans")
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
    return _render(request, meeting, item_form=form)


@require_POST
@district_view()
def meeting_attendance(request: DistrictRequest, pk: int) -> HttpResponse:
    meeting = access.meeting_for(request.member, pk)
    _require_runner(request, meeting)
    form = AttendanceForm(request.POST, people=services.participants(meeting.series))
    if form.is_valid():
        services.record_attendance(meeting, present=set(form.cleaned_data["present"]), by=request.member)
        messages.success(request, "Attendance saved.")
    else:
        messages.error(request, "Choose participants of this series.")
    return _back(meeting, "attendance")


@district_view()
def meeting_minutes(request: DistrictRequest, pk: int) -> HttpResponse:
    """The minutes, laid out to print."""
    meeting = access.meeting_for(request.member, pk)
    context = {"minutes": minutes.minutes_of(meeting), "panels": hooks.MEETING_REVIEW.panels(meeting, request.member)}
    return render(request, "checkins/meetings/minutes.html", context)


@district_view()
def series_meetings(request: DistrictRequest, pk: int) -> HttpResponse:
    """A series' meetings so far, newest first, with their status."""
    series = access.series_for(request.member, pk)
    meetings = series.meetings.filter(starts_at__lte=timezone.now()).order_by("-starts_at")
    status = request.GET.get("status", "")
    if status in Meeting.Status.values:
        meetings = meetings.filter(status=status)
    page = paginate(request, meetings)
    for meeting in page.object_list:
        meeting.local_start = timezone.localtime(meeting.starts_at, request.district.zone)
    context = {"series": series, "page_obj": page, "status": status, "statuses": Meeting.Status.choices}
    return render(request, "checkins/meetings/list.html", context)
