"""Studies: the list, a new study, its plan and draw; the working hours they use."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from actions.services import local_today
from core.pagination import paginate, query_without_page
from people.access import DistrictRequest, district_view
from people.models import Access, Role
from sampling import services
from sampling.access import study_for, visible_studies
from sampling.forms import HoursForm, PersonHoursForm, StudyForm
from sampling.models import PersonHours, RoleHours


@district_view(access=Access.LEADER)
def study_list(request: DistrictRequest) -> HttpResponse:
    now = timezone.now()
    studies = visible_studies(request.member).annotate(
        drawn=Count("moments"),
        due=Count("moments", filter=Q(moments__at__lte=now)),
        answered=Count("moments", filter=Q(moments__answered_at__isnull=False)),
    )
    page = paginate(request, studies.order_by("-first_day", "-pk"))
    for study in page:
        study.state = study.status(now)
        study.rate = round(100 * study.answered / study.due, 1) if study.due else None
    return render(
        request,
        "sampling/study_list.html",
        {"page_obj": page, "querystring": query_without_page(request), "valid_rate": 85},
    )


@district_view(access=Access.ADMIN)
def study_new(request: DistrictRequest) -> HttpResponse:
    form = StudyForm(
        request.POST if request.method == "POST" else None,
        district=request.district,
        today=local_today(request.district),
    )
    if request.method == "POST" and form.is_valid():
        study = form.save(commit=False)
        try:
            services.create_study(
                study, roles=form.cleaned_data["roles"], schools=form.cleaned_data["schools"], by=request.member
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Study saved. Check the moments it needs, then draw them.")
            return redirect("sampling:study_detail", pk=study.pk)
    return render(request, "sampling/study_form.html", {"form": form})


@district_view(access=Access.ADMIN)
def study_detail(request: DistrictRequest, pk: int) -> HttpResponse:
    study = study_for(request.member, pk)
    plan = services.study_plan(study) if study.drawn_at is None else None
    context = {
        "study": study,
        "state": study.status(timezone.now()),
        "plan": plan,
        "roles": study.roles.order_by("name"),
        "schools": study.schools.order_by("name")[:20],
        "school_total": study.schools.count(),
    }
    if study.drawn_at is not None:
        context["drawn"] = study.moments.count()
        context["people"] = study.participants.count()
    return render(request, "sampling/study_detail.html", context)


@require_POST
@district_view(access=Access.ADMIN)
def study_draw(request: DistrictRequest, pk: int) -> HttpResponse:
    study = study_for(request.member, pk)
    try:
        count = services.draw(study, by=request.member)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(
            request, f"Drew {count:,} moments (seed {study.seed}). Each person is asked at the minute, not before."
        )
    return redirect("sampling:study_detail", pk=study.pk)


@district_view(access=Access.ADMIN)
def study_delete(request: DistrictRequest, pk: int) -> HttpResponse:
    study = study_for(request.member, pk)
    if request.method == "POST":
        try:
            services.delete_draft(study)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("sampling:study_detail", pk=study.pk)
        messages.success(request, f"Deleted “{study.name}”.")
        return redirect("sampling:study_list")
    return render(request, "sampling/study_delete.html", {"study": study})


@district_view(access=Access.ADMIN)
def hours(request: DistrictRequest) -> HttpResponse:
    """Each role's default hours (one form per role, posted with ``role``) and people's own hours."""
    roles = list(Role.objects.active().filter(district=request.district).order_by("position", "name"))
    set_hours = {h.role_id: h for h in RoleHours.objects.filter(district=request.district)}
    posted_role = request.POST.get("role") if request.method == "POST" else None
    person_form = PersonHoursForm(
        request.POST if request.method == "POST" and posted_role is None else None, district=request.district
    )
    rows = []
    for role in roles:
        current = set_hours.get(role.pk)
        initial = {"starts": current.starts, "ends": current.ends} if current else {}
        bound = posted_role == str(role.pk)
        form = HoursForm(request.POST if bound else None, initial=initial, prefix=f"role-{role.pk}")
        if bound and form.is_valid():
            services.save_role_hours(request.district, role, form.cleaned_data["starts"], form.cleaned_data["ends"])
            messages.success(request, f"Saved the working hours of {role.name}.")
            return redirect("sampling:hours")
        rows.append({"role": role, "form": form, "current": current})
    if request.method == "POST" and posted_role is None and person_form.is_valid():
        data = person_form.cleaned_data
        services.save_person_hours(data["email"], data["starts"], data["ends"])
        messages.success(request, f"Saved the working hours of {data['email'].name}.")
        return redirect("sampling:hours")
    own = paginate(
        request,
        PersonHours.objects.filter(district=request.district)
        .select_related("staff", "staff__role")
        .order_by("staff__name"),
    )
    return render(
        request,
        "sampling/hours.html",
        {"rows": rows, "person_form": person_form, "page_obj": own, "querystring": query_without_page(request)},
    )
