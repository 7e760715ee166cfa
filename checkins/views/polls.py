"""Availability poll pages: the list, a new poll, the grid, the reminder, picking a time, closing, and the vote."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from checkins.forms.polls import (
    TIME_ROWS,
    InviteeFilterForm,
    PickForm,
    PollEditForm,
    PollForm,
    VoteForm,
    time_formset,
    vote_initial,
    when,
)
from checkins.models import Poll, PollInvitee, PollOption
from checkins.services import history, poll_grid, poll_links
from checkins.services import polls as services
from core.pagination import paginate, query_without_page
from core.params import parse_id, parse_ids
from core.stale import StaleEdit, after_stale_edit
from people.access import (
    LINKS_ENDED_MESSAGE,
    DistrictRequest,
    district_view,
    in_district,
    led_school_ids,
    personal_links_end,
)
from people.models import Access, School, StaffMember


@district_view(access=Access.LEADER)
def poll_list(request: DistrictRequest) -> HttpResponse:
    polls = services.visible_polls(request.member).select_related("school", "organizer")
    query = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    if query:
        polls = polls.filter(title__icontains=query)
    if status in Poll.Status.values:
        polls = polls.filter(status=status)
    page_obj = paginate(request, poll_grid.with_answer_counts(polls).order_by("-created_at", "-pk"))
    return render(
        request,
        "checkins/polls/list.html",
        {
            "page_obj": page_obj,
            "q": query,
            "status": status,
            "statuses": Poll.Status.choices,
            "filtered": bool(query or status),
            "querystring": query_without_page(request),
        },
    )


@district_view(access=Access.LEADER)
def poll_new(request: DistrictRequest) -> HttpResponse:
    district, member = request.district, request.member
    schools = School.objects.filter(district=district, pk__in=led_school_ids(member)).order_by("name")
    rows = _rows(request)
    initial = _initial(member)
    # A leader of one school sees that school's staff first; "Every school" lists the whole district.
    chosen = request.GET if "staff_school" in request.GET else None
    filters = InviteeFilterForm(chosen, district=district, initial={"staff_school": initial.get("school")})
    staff = filters.staff(district)
    picked = parse_ids(request.POST.getlist("invitees")) if request.method == "POST" else []
    if picked:  # people chosen with the people search, wherever they work
        staff = staff | StaffMember.objects.filter(district=district, pk__in=picked)
    adding = request.method == "POST" and "more_rows" in request.POST  # more rows, keeping what was typed
    posted = None if adding else request.POST or None
    typed_times: list[dict] = []
    if adding:
        rows = max(1, min(parse_id(request.POST.get("more_rows")) or TIME_ROWS, services.MAX_OPTIONS))
        initial = {**initial, **{name: request.POST.get(name) for name in TYPED_FIELDS}, "invitees": picked}
        typed_times = _typed_times(request)
    form = PollForm(posted, district=district, schools=schools, staff=staff, initial=initial)
    times = time_formset(posted, district=district, rows=rows, initial=typed_times)
    breaks: list[str] = []
    # Both validated (no short circuit), so errors show beside the fields and beside the time rows at once.
    if posted is not None and form.is_valid() & times.is_valid():
        data = form.cleaned_data
        found = services.times_in_breaks(district, times.starts)
        breaks = [
            f"{services.local(start, district):%A, %B %-d, %Y at %-I:%M %p}: {why}" for start, why in found.items()
        ]
        if not breaks or data["propose_anyway"]:  # else the times are shown above the form, with a box to keep them
            try:
                poll = services.create_poll(
                    district,
                    title=data["title"],
                    organizer=member,
                    invitees=list(data["invitees"]),
                    starts=times.starts,
                    deadline=data["deadline"],
                    duration_minutes=data["duration_minutes"],
                    message=data["message"],
                    school=data["school"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"Poll created; {poll.invitees.count()} invitees were emailed their links.")
                return redirect("checkins:poll_detail", pk=poll.pk)
    return render(
        request,
        "checkins/polls/new.html",
        {
            "form": form,
            "times": times,
            "filters": filters,
            "more_rows": min(rows + 4, services.MAX_OPTIONS),
            "breaks": breaks,
        },
    )


TYPED_FIELDS = ("title", "school", "message", "duration_minutes", "deadline_date", "deadline_time")


def _typed_times(request: HttpRequest) -> list[dict]:
    """The time rows typed so far (date and start), to show again with more empty rows after them."""
    count = min(parse_id(request.POST.get("times-TOTAL_FORMS")) or 0, services.MAX_OPTIONS)
    rows = [
        {"date": request.POST.get(f"times-{n}-date", ""), "time": request.POST.get(f"times-{n}-time", "")}
        for n in range(count)
    ]
    return [row for row in rows if row["date"] or row["time"]]


def _rows(request: HttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("rows", TIME_ROWS)), services.MAX_OPTIONS))
    except ValueError:
        return TIME_ROWS


def _initial(member) -> dict:
    led = sorted(led_school_ids(member)) if not member.has_access(Access.ADMIN) else []
    return {"school": led[0]} if len(led) == 1 else {}


@district_view(access=Access.LEADER)
def poll_detail(request: DistrictRequest, pk: int) -> HttpResponse:
    poll = services.poll_for(request.member, pk)
    grid = poll_grid.grid(poll)
    found = services.times_in_breaks(request.district, [option.starts_at for option in grid.options])
    return render(
        request,
        "checkins/polls/detail.html",
        {
            "poll": poll,
            "grid": grid,
            "breaks": [(services.local(start, request.district), why) for start, why in found.items()],
            "history": history.history_of(poll=poll),
            "is_open": services.is_open(poll),
            "pickable": poll.chosen_option_id is None,
            "links": poll_links.invitee_links([row.invitee for row in grid.rows]),
        },
    )


@require_POST
@district_view(access=Access.LEADER)
def poll_resend(request: DistrictRequest, pk: int, invitee_pk: int) -> HttpResponse:
    """Email one invitee their personal link again."""
    poll = services.poll_for(request.member, pk)
    invitee = in_district(
        PollInvitee.objects.filter(poll=poll).select_related("staff__user"), request.district, invitee_pk
    )
    try:
        poll_links.resend_link(poll, invitee, by=request.member)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"We emailed {invitee.staff.name} their link again.")
    return redirect(reverse("checkins:poll_detail", kwargs={"pk": poll.pk}) + "#links")


@require_POST
@district_view(access=Access.LEADER)
def poll_remind(request: DistrictRequest, pk: int) -> HttpResponse:
    poll = services.poll_for(request.member, pk)
    try:
        count = services.send_reminder(poll, by=request.member)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Reminder sent to {count} people who have not answered.")
    return redirect("checkins:poll_detail", pk=poll.pk)


@district_view(access=Access.LEADER)
def poll_pick(request: DistrictRequest, pk: int, option_pk: int) -> HttpResponse:
    poll = services.poll_for(request.member, pk)
    option = in_district(PollOption.objects.filter(poll=poll), request.district, option_pk)
    if poll.chosen_option_id is not None:
        messages.error(request, "A time was already picked for this poll.")
        return redirect("checkins:poll_detail", pk=poll.pk)
    first = option.starts_at.astimezone(request.district.zone).date()
    form = PickForm(request.POST or None, first=first, initial={"title": poll.title})
    if request.method == "POST" and form.is_valid():
        try:
            series = services.pick_time(poll, option, by=request.member, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)  # the series' checks are keyed by its own fields
        else:
            messages.success(request, "The series is created and the invitations are on their way.")
            return redirect("checkins:series_detail", pk=series.pk)
    return render(
        request,
        "checkins/polls/pick.html",
        {
            "poll": poll,
            "option": option,
            "when": when(option, request.district),
            "rejected_by": poll_grid.who_said_no(option),
            "invitee_count": poll.invitees.count(),
            "form": form,
        },
    )


@district_view(access=Access.LEADER)
def poll_edit(request: DistrictRequest, pk: int) -> HttpResponse:
    """Change an open poll's title, message, length or deadline; a stale edit is refused with what changed."""
    poll = services.poll_for(request.member, pk)
    form = PollEditForm(request.POST or None, instance=poll)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_poll(
                poll,
                by=request.member,
                title=data["title"],
                message=data["message"],
                duration_minutes=data["duration_minutes"],
                deadline=data["deadline"],
                seen=form.seen,
            )
        except StaleEdit as error:
            stale = error
            after_stale_edit(error, form)
        except ValidationError as error:
            for name, errors in (
                error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
            ):
                form.add_error(name, errors)
        else:
            messages.success(request, "Poll saved.")
            return redirect("checkins:poll_detail", pk=poll.pk)
    return render(request, "checkins/polls/edit.html", {"poll": poll, "form": form, "stale": stale})


@district_view(access=Access.LEADER)
def poll_close(request: DistrictRequest, pk: int) -> HttpResponse:
    poll = services.poll_for(request.member, pk)
    if request.method == "POST":
        services.close_poll(poll, by=request.member)
        messages.success(request, "The poll is closed; the links no longer take answers.")
        return redirect("checkins:poll_detail", pk=poll.pk)
    return render(request, "checkins/polls/close.html", {"poll": poll})


def poll_vote(request: HttpRequest, token: str) -> HttpResponse:
    """The invitee's page behind their personal link: no login, the token is the key."""
    invitee = services.invitee_for_token(token)
    if personal_links_end(invitee.staff):
        return render(request, "checkins/polls/link_ended.html", {"message": LINKS_ENDED_MESSAGE}, status=410)
    poll, district = invitee.poll, invitee.poll.district
    context = {"poll": poll, "invitee": invitee, "poll_district": district}
    if not services.is_open(poll):
        return render(request, "checkins/polls/vote_closed.html", context, status=410)
    options = list(poll.options.all())
    form = VoteForm(
        request.POST or None,
        options=options,
        district=district,
        initial=vote_initial(services.answers_of(invitee)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_answers(invitee, form.answers)
        except services.PollClosed:
            return render(request, "checkins/polls/vote_closed.html", context, status=410)
        messages.success(request, "Thank you: your answers are saved. You can change them until the poll closes.")
        return redirect("checkins:poll_vote", token=invitee.token)
    deadline = poll.deadline.astimezone(district.zone)
    return render(request, "checkins/polls/vote.html", context | {"form": form, "deadline": deadline})
