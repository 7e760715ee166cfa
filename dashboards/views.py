"""Dashboards: a person's own, a school's, a role's and the district's.

Who sees what: everyone their own; school leaders the schools they lead and each role at those
schools; district admins everything. Group figures are a quarter's published release
(``reflections.publication``): hidden where a group is small or could be worked out from others.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from actions.services import local_today
from dashboards import hooks
from dashboards.export import csv_text, report_rows, xlsx_bytes
from dashboards.forms import QuarterForm
from dashboards.report import Report, group_report, own_report
from people.access import DistrictRequest, district_view, in_district, led_school_ids, require_admin
from people.models import Access, Role, School
from reflections.models import Reflection

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _quarter(request: DistrictRequest, *, own: bool = False) -> QuarterForm:
    return QuarterForm(request.GET or None, today=local_today(request.district), own=own)


def _school_for(request: DistrictRequest, pk) -> School:
    """A school of the district (404 otherwise) that the member leads or, as an admin, oversees (403 otherwise)."""
    school = in_district(School.objects.all(), request.district, pk)
    if school.pk not in led_school_ids(request.member):
        raise PermissionDenied("You can see the dashboards of the schools you lead.")
    return school


def _role_scope(request: DistrictRequest, pk) -> tuple[Role, School | None, list[tuple[int, str]]]:
    """A role of the district and the school it is seen at: any or none (the whole district) for an admin;
    one of the schools they lead for a leader (the first by name unless ``?school=`` says). Also the
    schools a leader may choose between."""
    role = in_district(Role.objects.all(), request.district, pk)
    wanted = request.GET.get("school") or None
    if request.member.has_access(Access.ADMIN):
        return role, _school_for(request, wanted) if wanted else None, []
    led = list(School.objects.filter(pk__in=led_school_ids(request.member)).order_by("name").values_list("pk", "name"))
    if not led:
        raise PermissionDenied("You can see the roles of the schools you lead; you lead none.")
    return role, _school_for(request, wanted or led[0][0]), led


def _page(request: DistrictRequest, template: str, report: Report, form: QuarterForm, **context):
    return render(
        request,
        template,
        {
            "report": report,
            "form": form,
            "quarter": report.quarter,
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
    form = _quarter(request, own=True)
    quarter = form.chosen()
    report = own_report(request.member, quarter)
    reflections = Reflection.objects.filter(
        district=request.district, author=request.member, date__gte=quarter.start, date__lte=quarter.end
    ).order_by("-date", "-pk")[:50]
    panels = hooks.MY_DASHBOARD.panels(request.member)
    return _page(request, "dashboards/mine.html", report, form, reflections=reflections, panels=panels)


def _district_report(request: DistrictRequest, form: QuarterForm) -> Report:
    return group_report(request.district, request.district.name, form.chosen())


def _school_report(request: DistrictRequest, school: School, form: QuarterForm) -> Report:
    return group_report(request.district, school.name, form.chosen(), school_id=school.pk)


def _role_report(request: DistrictRequest, role: Role, school: School | None, form: QuarterForm) -> Report:
    title = f"{role.name} at {school.name}" if school else role.name
    return group_report(
        request.district, title, form.chosen(), role_id=role.pk, school_id=school.pk if school else None
    )


@district_view(access=Access.ADMIN)
@require_http_methods(["GET"])
def district(request: DistrictRequest):
    require_admin(request.member)
    form = _quarter(request)
    report = _district_report(request, form)
    panels = hooks.DISTRICT_DASHBOARD.panels(request.district)
    return _page(request, "dashboards/group.html", report, form, scope="district", panels=panels)


@district_view(access=Access.LEADER)
@require_http_methods(["GET"])
def school(request: DistrictRequest, pk: int):
    school = _school_for(request, pk)
    form = _quarter(request)
    report = _school_report(request, school, form)
    return _page(request, "dashboards/group.html", report, form, scope="school", school=school)


@district_view(access=Access.LEADER)
@require_http_methods(["GET"])
def role(request: DistrictRequest, pk: int):
    role, school, choices = _role_scope(request, pk)
    form = _quarter(request)
    report = _role_report(request, role, school, form)
    context = {"scope": "role", "role": role, "school": school, "school_choices": choices if len(choices) > 1 else []}
    return _page(request, "dashboards/group.html", report, form, **context)


def _export(request: DistrictRequest, report: Report, fmt: str, name: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404("Unknown export format.")
    filename = f"figures-{name}-{report.quarter.key}.{fmt}"
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(report_rows(report)), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(csv_text(report_rows(report)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@district_view(access=Access.ADMIN)
@require_http_methods(["GET"])
def district_export(request: DistrictRequest, fmt: str):
    require_admin(request.member)
    return _export(request, _district_report(request, _quarter(request)), fmt, "district")


@district_view(access=Access.LEADER)
@require_http_methods(["GET"])
def school_export(request: DistrictRequest, pk: int, fmt: str):
    school = _school_for(request, pk)
    return _export(request, _school_report(request, school, _quarter(request)), fmt, f"school-{school.pk}")


@district_view(access=Access.LEADER)
@require_http_methods(["GET"])
def role_export(request: DistrictRequest, pk: int, fmt: str):
    role, school, _choices = _role_scope(request, pk)
    name = f"role-{role.pk}" + (f"-school-{school.pk}" if school else "")
    return _export(request, _role_report(request, role, school, _quarter(request)), fmt, name)
