"""The attendance answer behind a participant's personal link: no login, the signed link is the key."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from checkins.forms.series import AnswerFromEmailForm
from checkins.models import Participant, Series
from checkins.services import series as services
from checkins.services.attendance_links import participant_for_token
from people.access import LINKS_ENDED_MESSAGE, personal_links_end


@never_cache
def attendance_answer(request: HttpRequest, token: str) -> HttpResponse:
    """Show the check-in and the person's answer; record the answer and note on POST (a visit never acts)."""
    participant = participant_for_token(token)
    if personal_links_end(participant.staff):
        return render(request, "checkins/polls/link_ended.html", {"message": LINKS_ENDED_MESSAGE}, status=410)
    series = participant.series
    context = {"participant": participant, "series": series, "series_district": series.district}
    if series.status == Series.Status.CANCELLED:
        return render(request, "checkins/series/answer_cancelled.html", context, status=410)
    chosen = request.GET.get("answer", "")
    initial = {
        "response": chosen if chosen in Participant.Response.values and chosen else participant.response or None,
        "note": participant.response_note,
    }
    form = AnswerFromEmailForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_response(participant, form.cleaned_data["response"], note=form.cleaned_data["note"])
        messages.success(request, f"Thank you: your answer is saved ({participant.get_response_display().lower()}).")
        return redirect("checkins:attendance_answer", token=token)
    meetings = services.upcoming(series, 3)
    return render(request, "checkins/series/answer.html", context | {"form": form, "meetings": meetings})
