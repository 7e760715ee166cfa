"""A study's results (group figures only, once it is over), their export, and who has answered (never what).

Viewing the results of a study that has just ended publishes them (``services.publish_results``),
if the hourly job has not yet: a write on a GET, once per study, idempotent.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from core.pagination import paginate, query_without_page
from dashboards.export import csv_text, xlsx_bytes
from people.access import DistrictRequest, district_view
from people.models import Access
from sampling import services
from sampling.access import school_scope, study_for
from sampling.comparison import reflection_comparison
from sampling.export import XLSX_TYPE, result_rows
from sampling.figures import Counts
from sampling.models import Participant
from sampling.results import open_moments, response_counts, study_progress, study_results

SCHOOLS_PER_PAGE = 25


@district_view(access=Access.LEADER)
def results(request: DistrictRequest, pk: int) -> HttpResponse:
    """A finished study's published figures; while it runs, its response rate and when the figures appear."""
    study = study_for(request.member, pk)
    now = timezone.now()
    published = services.publish_results(study, now)
    if published is None:
        appears = timezone.localtime(study.closes_at, study.district.zone) if study.closes_at else None
        return render(
            request,
            "sampling/results_running.html",
            {"study": study, "progress": study_progress(study, now), "appears": appears},
        )
    found = study_results(
        published,
        school_ids=school_scope(request.member),
        pick_schools=lambda ids: paginate(request, ids, SCHOOLS_PER_PAGE),
    )
    comparison = reflection_comparison(study, found)
    return render(
        request,
        "sampling/results.html",
        {
            "study": study,
            "results": found,
            "comparison": comparison,
            "district_rows": [(s, comparison.district.current.get(s.task_type.key)) for s in found.district.shares],
            "role_rows": [(group, comparison.roles.get(group.key or 0)) for group in found.roles],
            "page_obj": found.school_page,
            "querystring": query_without_page(request),
        },
    )


@district_view(access=Access.LEADER)
def results_export(request: DistrictRequest, pk: int, fmt: str) -> HttpResponse:
    """The page's figures as CSV or XLSX (all the member's schools); none while the study runs."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown format.")
    study = study_for(request.member, pk)
    published = services.publish_results(study)
    if published is None:
        messages.info(request, "The figures can be downloaded once the study is over.")
        return redirect("sampling:results", pk=study.pk)
    rows = result_rows(study_results(published, school_ids=school_scope(request.member)))
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(rows), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(csv_text(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="time-sampling-{study.pk}.{fmt}"'
    return response


@district_view(access=Access.LEADER)
def responses(request: DistrictRequest, pk: int) -> HttpResponse:
    """Each participant's response status (to chase non-response): counts only, never their answers."""
    study = study_for(request.member, pk)
    now = timezone.now()
    participants = Participant.objects.filter(study=study).select_related("staff", "role", "school")
    scope = school_scope(request.member)
    if scope is not None:
        participants = participants.filter(school_id__in=scope)
    if request.GET.get("show") == "behind":
        participants = participants.filter(Exists(open_moments(now).filter(participant=OuterRef("pk"))))
    page_obj = paginate(request, participants.order_by("staff__name", "pk"))
    counts = response_counts(page_obj.object_list, now)
    return render(
        request,
        "sampling/responses.html",
        {
            "study": study,
            "page_obj": page_obj,
            "rows": [(person, counts.get(person.pk, Counts())) for person in page_obj],
            "querystring": query_without_page(request),
            "show": request.GET.get("show", ""),
        },
    )
