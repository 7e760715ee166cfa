"""Check-in series pages: list, create and edit, the series with its next meetings, invitations, cancelling."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from checkins import recurrence
from checkins.forms.series import (
    MoveForm,
    ResponseForm,
    SeriesForm,
    parse_when,
    series_initial,
    staff_school_select,
    when_param,
)
from checkins.models import Meeting, Participant, Series
from checkins.series_access import (
    SCOPES,
    can_manage,
    require_creator,
    scopes_for,
    series_for,
    series_to_manage,
    visible_series,
)
from checkins.services import clashes, history, series_plan
from checkins.services import series as services
from checkins.services import series_changes as changes
from checkins.services.invitations import district_default, local_text, slot_text
from core.pagination import paginate, query_without_page
from core.params import parse_id, parse_ids
from core.stale import StaleEdit
from people.access import DistrictRequest, district_view, led_school_ids
from people.models import Access, School, StaffMember


def _when(value: str) -> dt.datetime:
    try:
        return parse_when(value)
    except ValueError as exc:
        raise Http404("No such meeting.") from exc


def _back(series: Series) -> HttpResponse:
    return redirect("checkins:series_detail", pk=series.pk)


@district_view()
def series_list(request: DistrictRequest) -> HttpResponse:
    member = request.member
    scopes = scopes_for(member)
    asked = request.GET.get("scope", "")
    scope = asked if asked in scopes else scopes[0]
    found = visible_series(member, scope)
    q = request.GET.get("q", "").strip()
    if q:
        found = found.filter(Q(title__icontains=q) | Q(school__name__icontains=q) | Q(organizer__name__icontains=q))
    status = request.GET.get("status", "active")
    if status in Series.Status.values:
        found = found.filter(status=status)
    now = timezone.now()
    future = Meeting.objects.filter(Q(starts_at__gte=now) | Q(recurrence_id__gte=now))
    found = (
        found.select_related("school", "organizer")
        .annotate(participant_count=Count("participants"))
        .prefetch_related(Prefetch("meetings", queryset=future, to_attr="future_meetings"))
        .order_by("title", "pk")
    )
    page = paginate(request, found)
    horizon = now + dt.timedelta(days=400)
    for series in page.object_list:
        series.district = request.district
        coming = [
            o for o in services.occurrences(series, now, horizon, meetings=series.future_meetings) if not o.is_cancelled
        ]
        series.next_start = coming[0].starts_at if coming else None
        series.cadence = recurrence.describe(series.rrule)
    context = {
        "page_obj": page,
        "scope": scope,
        "scopes": [(s, SCOPES[s]) for s in scopes],
        "q": q,
        "status": status,
        "statuses": Series.Status.choices,
        "query": query_without_page(request),
        "can_create": member.has_access(Access.LEADER),
        "is_admin": member.has_access(Access.ADMIN),
        "zone": request.district.zone,
    }
    return render(request, "checkins/series/list.html", context)


def staff_choices(request: DistrictRequest, staff_school: School | None, chosen: list[int]):
    """The people the participant list offers: one school's staff, those already chosen, the district admins.

    One school at a time keeps the page small in a district of thousands of staff.
    """
    shown = Q(pk__in=chosen) | Q(access=Access.ADMIN)
    if staff_school is not None:
        shown |= Q(pk__in=staff_school.assignments.values("staff_id")) | Q(
            pk__in=staff_school.leaderships.values("staff_id")
        )
    return StaffMember.objects.filter(shown, district=request.district).select_related("role").order_by("name")


def _series_form(
    request: DistrictRequest, series: Series | None = None, fates: list[series_plan.Fate] | None = None
) -> SeriesForm:
    """The series form: bound to a submitted save, unbound (keeping the choices) for "Show these staff"."""
    member = request.member
    schools = School.objects.filter(district=request.district).order_by("name").only("pk", "name")
    if not member.has_access(Access.ADMIN):
        schools = schools.filter(pk__in=led_school_ids(member))
    initial: dict[str, Any]
    if request.method == "POST":
        initial = {key: request.POST.get(key) for key in request.POST if key != "participants"}
        initial["participants"] = request.POST.getlist("participants")
    else:
        initial = series_initial(series) if series else {"participants": [member.pk]}
        if series:
            initial["seen"] = changes.seen_of(series).sign()
        initial["invitation_text"] = initial.get("invitation_text") or district_default(request.district)
        first = schools.values_list("pk", flat=True).first()
        initial["staff_school"] = request.GET.get("staff_school") or (series.school_id if series else first)
    chosen = parse_ids(initial["participants"])
    school_pk = parse_id(initial.get("staff_school"))
    staff_school = School.objects.filter(district=request.district, pk=school_pk).first() if school_pk else None
    saving = request.method == "POST" and "_filter" not in request.POST
    form = SeriesForm(
        request.POST if saving else None,
        district=request.district,
        schools=schools,
        staff=staff_choices(request, staff_school, chosen),
        school_required=not member.has_access(Access.ADMIN),
        own_changes=[(when_param(f.meeting.recurrence_id), f.outcome) for f in fates or ()],
        initial=initial,
    )
    return form


def _own_changes(request: DistrictRequest, series: Series, fates: list[series_plan.Fate], chosen: set[str]) -> list:
    """The meetings with changes of their own as the edit page lists them, each with its reset box."""
    rows = []
    for fate in fates:
        meeting = fate.meeting
        if fate.kind == "cancelled":
            what = "cancelled"
        elif fate.kind == "moved":
            where = meeting.location or series.location
            what = f"moved to {slot_text(meeting.starts_at, where, request.district)}"
        else:
            what = f"in {meeting.location}"
        value = when_param(meeting.recurrence_id)
        rows.append(
            {
                "when": local_text(meeting.recurrence_id, request.district),
                "what": what,
                "outcome": fate.outcome,
                "value": value,
                "checked": value in chosen,
            }
        )
    return rows


def _form_context(request: DistrictRequest, form: SeriesForm, **extra: Any) -> dict[str, Any]:
    """The form and the "Show staff of" list (not a form field: it only narrows the participant list)."""
    staff_school = staff_school_select(request.district, form.initial.get("staff_school"))
    return {"form": form, "zone_name": request.district.time_zone, "staff_school_select": staff_school, **extra}


def _text_or_default(request: DistrictRequest, fields: dict) -> dict:
    """An unchanged district text is stored empty, so a later change of the district's text applies."""
    if fields["invitation_text"].strip() == district_default(request.district).strip():
        fields["invitation_text"] = ""
    return fields


@district_view(access=Access.LEADER)
def series_new(request: DistrictRequest) -> HttpResponse:
    require_creator(request.member)
    form = _series_form(request)
    review = None
    if form.is_bound and form.is_valid():
        fields = _text_or_default(request, form.service_fields())
        found = [] if form.confirmed() else clashes.clashes_of_new_series(request.district, **fields)
        if found:
            review = {"clashes": [str(clash) for clash in found], "confirm": form.fingerprint()}
        else:
            try:
                series = services.create_series(request.district, organizer=request.member, by=request.member, **fields)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, "Series created. Send the invitations when you are ready.")
                return _back(series)
    return render(request, "checkins/series/form.html", _form_context(request, form, review=review))


@district_view()
def series_edit(request: DistrictRequest, pk: int) -> HttpResponse:
    series = series_to_manage(request.member, pk)
    if series.status != Series.Status.ACTIVE:
        raise PermissionDenied("A cancelled series cannot be changed.")
    fates = series_plan.meetings_with_own_changes(series)
    form = _series_form(request, series, fates)
    review = stale = None
    if form.is_bound and form.is_valid():
        fields = _text_or_default(request, form.service_fields())
        try:
            plan = changes.preview_series_change(series, **fields)
            if plan.needs_review and not form.confirmed():
                review = {
                    "fates": _own_changes(request, series, plan.fates, set()) if plan.reschedule else [],
                    "clashes": [str(clash) for clash in plan.clashes],
                    "confirm": form.fingerprint(),
                }
            else:
                changes.edit_series(series, by=request.member, seen=form.cleaned_data["seen"], **fields)
        except StaleEdit as error:
            stale = error
            renewed = request.POST.copy()
            renewed["seen"] = changes.seen_of(Series.objects.get(pk=series.pk)).sign()  # saving again goes through
            form.data = renewed
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            if review is None and stale is None:
                sent = " Participants were sent the update." if series.invitations_sent_at else ""
                messages.success(request, f"Series saved.{sent}")
                return _back(series)
    own = _own_changes(request, series, fates, set(form["reset"].value() or ()) if "reset" in form.fields else set())
    context = _form_context(request, form, series=series, own_changes=own, review=review, stale=stale)
    return render(request, "checkins/series/form.html", context)


@district_view()
def series_detail(request: DistrictRequest, pk: int) -> HttpResponse:
    series = series_for(request.member, pk)
    participants = list(series.participants.select_related("staff__role").order_by("staff__name"))
    mine = next((p for p in participants if p.staff_id == request.member.pk), None)
    coming = [(o, when_param(o.recurrence_id)) for o in services.upcoming(series, 12)]
    counts = {value: sum(p.response == value for p in participants) for value in Participant.Response.values}
    context = {
        "series": series,
        "participants": participants,
        "mine": mine,
        "response_form": ResponseForm(initial={"response": mine.response}) if mine else None,
        "occurrences": coming,
        "can_manage": can_manage(request.member, series),
        "cadence": recurrence.describe(series.rrule),
        "cadence_day": recurrence.describe_day(series.rrule),
        "first": local_text(services.first_local(series).replace(tzinfo=request.district.zone), request.district),
        "zone": request.district.zone,
        "counts": counts,
        "history": history.history_of(series=series),
    }
    return render(request, "checkins/series/detail.html", context)


@district_view()
def series_send(request: DistrictRequest, pk: int) -> HttpResponse:
    """GET: who the invitations (or updates) go to and what they say; POST: send them."""
    series = series_to_manage(request.member, pk)
    if series.status != Series.Status.ACTIVE:
        raise PermissionDenied("A cancelled series sends no invitations.")
    update = series.invitations_sent_at is not None
    if request.method != "POST":
        preview = services.preview_invitations(series, viewer=request.member)
        action = "Send the updates" if update else "Send the invitations"
        back = reverse("checkins:series_detail", kwargs={"pk": series.pk})
        context = {"preview": preview, "heading": f"{action}: {series.title}", "action": action, "back_url": back}
        return render(request, "checkins/confirm_email.html", context)
    count = services.send_invitations(series, by=request.member)
    messages.success(request, f"{'Updates' if update else 'Invitations'} sent to {count} participant(s).")
    return _back(series)


@district_view()
def series_cancel(request: DistrictRequest, pk: int) -> HttpResponse:
    series = series_to_manage(request.member, pk)
    if request.method == "POST":
        changes.cancel_series(series, by=request.member)
        messages.success(request, "Series cancelled. Participants who were invited got the cancellation.")
        return _back(series)
    return render(request, "checkins/series/cancel.html", {"series": series})


@require_POST
@district_view()
def series_response(request: DistrictRequest, pk: int) -> HttpResponse:
    series = series_for(request.member, pk)
    participant = series.participants.filter(staff=request.member).first()
    if participant is None:
        raise PermissionDenied("Only participants answer whether they will attend.")
    form = ResponseForm(request.POST)
    if form.is_valid():
        services.set_response(participant, form.cleaned_data["response"])
        messages.success(request, f"Thank you: {participant.get_response_display().lower()}.")
    else:
        messages.error(request, "Choose yes, maybe or no.")
    back = request.POST.get("next", "")  # the home page answers here and comes back
    if back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(back)
    return _back(series)


def _occurrence(series: Series, when: str) -> services.Occurrence:
    moment = _when(when)
    found = services.occurrences(series, moment - dt.timedelta(days=1), moment + dt.timedelta(days=1))
    match = next((o for o in found if o.recurrence_id == moment), None)
    if match is None:
        stored = series.meetings.filter(recurrence_id=moment).first()
        if stored is None:
            raise Http404("No such meeting.")
        match = services._from_meeting(series, stored)
    return match


@district_view()
def occurrence_move(request: DistrictRequest, pk: int, when: str) -> HttpResponse:
    series = series_to_manage(request.member, pk)
    occurrence = _occurrence(series, when)
    local = occurrence.starts_at.astimezone(request.district.zone)
    initial = {"date": local.date(), "time": local.time(), "location": occurrence.location}
    form = MoveForm(request.POST or None, district=request.district, initial=initial)
    found = []
    if request.method == "POST" and form.is_valid() and not form.cleaned_data["anyway"]:
        found = clashes.clashes_of_move(series, form.starts_at())
    if request.method == "POST" and form.is_valid() and not found:
        try:
            changes.move_occurrence(
                series,
                occurrence.recurrence_id,
                starts_at=form.starts_at(),
                location=form.cleaned_data["location"],
                by=request.member,
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                form.add_error("date", exc.message_dict.get("starts_at", exc.messages))
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, "Meeting moved; the others stay where they were.")
            return _back(series)
    context = {
        "series": series,
        "occurrence": occurrence,
        "form": form,
        "was": local_text(occurrence.starts_at, request.district),
        "clashes": [str(clash) for clash in found],
    }
    return render(request, "checkins/series/move.html", context)


@district_view()
def occurrence_cancel(request: DistrictRequest, pk: int, when: str) -> HttpResponse:
    series = series_to_manage(request.member, pk)
    occurrence = _occurrence(series, when)
    error = ""
    if request.method == "POST":
        try:
            changes.cancel_occurrence(series, occurrence.recurrence_id, by=request.member)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, "Meeting cancelled; the others stay as they were.")
            return _back(series)
    context = {"series": series, "when": local_text(occurrence.starts_at, request.district), "error": error}
    return render(request, "checkins/series/occurrence_cancel.html", context)


@require_POST
@district_view()
def occurrence_open(request: DistrictRequest, pk: int, when: str) -> HttpResponse:
    """The meeting page of an occurrence (its Meeting row is created on first visit)."""
    series = series_for(request.member, pk)
    try:
        meeting = services.get_or_create_meeting(series, _when(when))
    except ValueError as exc:
        raise Http404("No such meeting.") from exc
    return redirect("checkins:meeting_detail", pk=meeting.pk)
