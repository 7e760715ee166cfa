"""Answering a moment through its personal link (no login), and one's own moments."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from core.pagination import paginate, query_without_page
from people.access import DistrictRequest, district_view, member_for
from sampling import services
from sampling.forms import AnswerForm
from sampling.models import Moment
from sampling.prompts import moment_from_token, moment_token


def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The moment's question. Anyone holding the link may answer, except someone logged in as another person."""
    moment_id = moment_from_token(token)
    moment = (
        Moment.objects.select_related("district", "study", "staff", "task_type").filter(pk=moment_id).first()
        if moment_id is not None
        else None
    )
    if moment is None:
        return render(request, "sampling/answer_refused.html", {"reason": "altered"}, status=404)
    viewer = member_for(request.user)
    if viewer is not None and viewer.pk != moment.staff_id:
        return render(request, "sampling/answer_refused.html", {"reason": "someone_else"}, status=403)
    now = timezone.now()
    context = {"moment": moment, "local": timezone.localtime(moment.at, moment.district.zone), "token": token}
    if moment.answered_at is not None:
        return render(request, "sampling/answer_done.html", context)
    if now >= moment.expires_at:
        context["message"] = services.expired_message(moment)
        return render(request, "sampling/answer_refused.html", {**context, "reason": "expired"}, status=410)
    if now < moment.at:
        return render(request, "sampling/answer_refused.html", {**context, "reason": "early"}, status=404)
    form = AnswerForm(request.POST if request.method == "POST" else None, district_id=moment.district_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.answer(
                moment,
                working=data["working"],
                not_working=data["not_working"],
                task_type=data["task_type"],
                with_whom=data["with_whom"],
                note=data["note"],
                now=now,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("sampling:answer", token=token)
    context["deadline"] = timezone.localtime(moment.expires_at, moment.district.zone)
    return render(request, "sampling/answer.html", {**context, "form": form})


@district_view()
def my_moments(request: DistrictRequest) -> HttpResponse:
    """One's own moments whose minute has come, newest first, with one's answers; open ones link to the question."""
    now = timezone.now()
    moments = (
        Moment.objects.filter(staff=request.member, at__lte=now)
        .select_related("study", "task_type")
        .order_by("-at", "-pk")
    )
    page = paginate(request, moments)
    for moment in page:
        moment.open = moment.is_open(now)
        moment.token = moment_token(moment)
        moment.local = timezone.localtime(moment.at, request.district.zone)
    return render(request, "sampling/my_moments.html", {"page_obj": page, "querystring": query_without_page(request)})
