"""A person's private calendar feed (public by token), its subscription page, and the district's invitation text."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from checkins import calendar
from checkins.forms.series import InvitationTextForm
from checkins.models import CalendarFeed, Meeting, Participant, Series
from checkins.services import series as services
from checkins.services.invitations import DEFAULT_INVITATION, district_default, save_district_default
from people.access import LINKS_ENDED_MESSAGE, DistrictRequest, district_view, personal_links_end, require_admin
from people.models import Access


def feed_url(feed: CalendarFeed) -> str:
    return settings.SITE_URL + reverse("checkins:calendar_feed", kwargs={"token": feed.token})


@district_view()
def calendar_subscription(request: DistrictRequest) -> HttpResponse:
    feed = services.feed_for(request.member)
    return render(request, "checkins/series/calendar.html", {"feed_url": feed_url(feed)})


@require_POST
@district_view()
def calendar_rotate(request: DistrictRequest) -> HttpResponse:
    services.rotate_feed(request.member)
    messages.success(request, "New link made. The old link no longer works: subscribe again with the new one.")
    return redirect("checkins:calendar_subscription")


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Every active series the link's owner takes part in or organizes, as a calendar (no login: the token is it)."""
    feed = CalendarFeed.objects.select_related("staff__district", "staff__user").filter(token=token).first()
    if feed is None or not token:
        raise Http404("No such calendar.")
    staff = feed.staff
    if personal_links_end(staff):
        return HttpResponse(LINKS_ENDED_MESSAGE, status=410, content_type="text/plain; charset=utf-8")
    all_series = (
        Series.objects.filter(district_id=staff.district_id, status=Series.Status.ACTIVE)
        .filter(Q(pk__in=Participant.objects.filter(staff=staff).values("series_id")) | Q(organizer=staff))
        .select_related("district", "organizer")
        .prefetch_related(
            Prefetch("participants", queryset=Participant.objects.select_related("staff")),
            Prefetch("meetings", queryset=Meeting.objects.all()),
        )
    )
    body = calendar.feed_calendar(all_series, f"Check-ins of {staff.name}")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="check-ins.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


@district_view(access=Access.ADMIN)
def invitation_settings(request: DistrictRequest) -> HttpResponse:
    require_admin(request.member)
    form = InvitationTextForm(request.POST or None, initial={"invitation_text": district_default(request.district)})
    if request.method == "POST" and form.is_valid():
        save_district_default(request.district, form.cleaned_data["invitation_text"])
        messages.success(request, "Default invitation saved. Series with their own text keep it.")
        return redirect("checkins:invitation_settings")
    return render(request, "checkins/series/invitation_settings.html", {"form": form, "seed": DEFAULT_INVITATION})
