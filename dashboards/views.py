"""Dashboards: a person's own, a school's, a role's and the district's.

Who sees what: everyone their own; school leaders the schools they lead and,
for a role, the staff of those schools; district admins everything. Group
figures hide groups smaller than the district's minimum group size.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from actions.services import local_today
from dashboards import hooks
from dashboards.export import csv_text, report_rows, xlsx_bytes
from dashboards.forms import PeriodForm
from dashboards.report import Period, Report, group_report
from people.access import DistrictRequest, district_view, in_district, led_school_ids, require_admin
from people.models import Access, Role, School
from reflections.figures import school_year_label
from reflections.models import Reflection

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(request: DistrictRequest) -> tuple[PeriodForm, Period]:
    form = PeriodForm(request.GET or None, today=local_today(request.district))
    return form, form.period()


def _school_for(request: DistrictRequest, pk) -> School:
    """A school of the district (404 otherwise) that the member leads or, as an admin, oversees (403 otherwise)."""
    school = in_district(School.objects.all(), request.district, pk)
    if school.pk not in led_school_ids(request.member):
        raise PermissionDenied("You can see the dashboards of the schools you lead.")
    return school


def _role_scope(request: DistrictRequest, pk) -> tuple[Role, set[int] | None]:
    """A role of the district, and the schools whose staff a leader may count (``None``: all, for admins)."""
    role = in_district(Role.objects.all(), request.district, pk)
    if request.member.has_access(Access.ADMIN):
        return role, None
    return role, led_school_ids(request.member)


def _page(request: DistrictRequest, template: str, report: Report, form: PeriodForm, period: Period, **context):
    return render(
        request,
        template,
        {
            "report": report,
            "form": form,
            "period": period,
            "period_label": (
                f"{period.start:%b %-d, %Y} to {period.end:%b %-d, %Y}"
                if period.custom
                else f"school year {school_year_label(period.school_year)}"
            ),
            "query": request.GET.urlencode(),
            **context,
        },
    )


@district_view()
@require_http_methods(["GET"])
def index(request: DistrictRequest):
    member = request.member
    led = led_school_ids(member) if not member.has_access(Access.ADMIN) else set()
    return render(
        request,
        "dashboards/index.html",
        {
            "is_admin": member.has_access(Access.ADMIN),
            "is_leader": member.has_access(Access.LEADER),
            "led_schools": School.objects.filter(district=request.district, pk__in=led).order_by("name"),
            "all_schools": (
                School.objects.filter(district=request.district).only("pk", "name").order_by("name")
                if member.has_access(Access.ADMIN)
                else School.objects.none()
            ),
            "roles": Role.objects.filter(district=request.district, is_mental_health=True, retired=False),
        },
    )


@district_view()
@require_http_methods(["GET"])
def mine(request: DistrictRequest):
    form, period = _period(request)
    report = group_report(request.district, "My reflections", period, author_id=request.member.pk, minimum=1)
    reflections = Reflection.objects.filter(
        district=request.district, author=request.member, date__gte=period.start, date__lte=period.end
    ).order_by("-date", "-pk")[:50]
    panels = hooks.MY_DASHBOARD.panels(request.member)
    return _page(request, "dashboards/mine.html", report, form, period, reflections=reflections, panels=panels)


@district_view(access=Access.ADMIN)
@require_http_methods(["GET"])
def district(request: DistrictRequest):
    require_admin(request.member)
    form, period = _period(request)
    report = group_report(request.district, request.district.name, period)
    panels = hooks.DISTRICT_DASHBOARD.panels(request.district)
    return _page(request, "dashboards/group.html", report, form, period, scope="district", panels=panels)


@district_view(access=Access.LEADER)
@require_http_methods(["GET"])
def school(request: DistrictRequest, pk: int):
    school = _school_for(request, pk)
    form, period = _period(request)
    report = group_report(request.district, school.name, period, school_ids=[school.pk])
    return _page(request, "dashboards/group.html", report, form, period, scope="school", school=school)


@district_view(access=Access.LEADER)
@require_http_methods(["GET"])
def role(request: DistrictRequest, pk: int):
    role, school_ids = _role_scope(request, pk)
    form, period = _period(request)
    report = group_report(request.district, role.name, period, role_id=role.pk, school_ids=school_ids)
    return _page(request, "dashboards/group.html", report, form, period, scope="role", role=role, limited=school_ids)


def _export(request: DistrictRequest, report: Report, period: Period, fmt: str, name: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown export format.")
    filename = f"figures-{name}-{period.start.isoformat()}-{period.end.isoformat()}.{fmt}"
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(report_rows(report, period)), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(csv_text(report_rows(report, period)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@district_view(access=Access.ADMIN)
@require_http_methods(["GET"])
def district_export(request: DistrictRequest, fmt: str):
    _form, period = _period(request)
    return _export(request, group_report(request.district, request.district.name, period), period, fmt, "district")


@district_view(access=Access.LEADER)
@require_http_methods(["GET"])
def school_export(request: DistrictRequest, pk: int, fmt: str):
    school = _school_for(request, pk)
    _form, period = _period(request)
    report = group_report(request.district, school.name, period, school_ids=[school.pk])
    return _export(request, report, period, fmt, f"school-{school.pk}")


@district_view(access=Access.LEADER)
@require_http_methods(["GET"])
def role_export(request: DistrictRequest, pk: int, fmt: str):
    role, school_ids = _role_scope(request, pk)
    _form, period = _period(request)
    report = group_report(request.district, role.name, period, role_id=role.pk, school_ids=school_ids)
    return _export(request, report, period, fmt, f"role-{role.pk}")
