"""The shift planner's pages: inputs and settings, runs (with a polled status), compare, accept moves."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from core.fields import SingleLineFields
from core.pagination import paginate, query_without_page
from people.access import DistrictRequest, district_view, in_district, led_school_ids
from people.models import Access, Role, School
from roles.forms.planner import AcceptMovesForm, PlannerSettingsForm
from roles.models import PlannerRun
from roles.planning import report, runs
from roles.planning.accept import accept_moves
from roles.planning.adapter import build_input, settings_for
from roles.planning.current_hours import FROM_AVERAGE, FROM_REFLECTIONS


def _school(request: DistrictRequest) -> School | None:
    """The ``?school=`` of the page, if any: one the member leads (an admin: any of the district)."""
    pk = request.GET.get("school") or request.POST.get("school")
    if not pk or not str(pk).isdigit():
        return None
    school = in_district(School.objects.all(), request.district, pk)
    if not request.member.has_access(Access.ADMIN) and school.pk not in led_school_ids(request.member):
        raise PermissionDenied("You can plan only for the schools you lead.")
    return school


def _runs(request: DistrictRequest) -> QuerySet[PlannerRun]:
    """Runs the member may read: every run for an admin; district-wide and led schools' runs for a leader."""
    visible = PlannerRun.objects.filter(district=request.district)
    if not request.member.has_access(Access.ADMIN):
        visible = visible.filter(Q(school__isnull=True) | Q(school_id__in=led_school_ids(request.member)))
    return visible.select_related("school", "created_by")


def _inputs_page(request: DistrictRequest, school: School | None, form: PlannerSettingsForm | None) -> HttpResponse:
    """Only the shown page of schools is adapted, so the page costs the same at 10 schools as at 1,800."""
    schools = School.objects.filter(district=request.district).order_by("name")
    page_obj = paginate(request, schools.filter(pk=school.pk) if school else schools, per_page=20)
    adapted = build_input(request.district, schools=list(page_obj))
    rows = [
        (
            s,
            adapted.school_ids[s.name],
            [
                (
                    role,
                    fte,
                    adapted.inp.staff_hours_of(s, role),
                    _known(s, role, adapted.kinds[s.name].get(role)),
                    adapted.sources[s.name].get(role, ""),
                )
                for role, fte in s.fte.items()
            ],
        )
        for s in adapted.inp.schools
    ]
    is_admin = request.member.has_access(Access.ADMIN)
    if form is None and is_admin:
        roles = list(Role.objects.filter(district=request.district, retired=False).order_by("position", "name"))
        form = PlannerSettingsForm(instance=settings_for(request.district), roles=roles)
    return render(
        request,
        "roles/planner/inputs.html",
        {
            "school": school,
            "school_choices": _school_choices(request),
            "adapted": adapted,
            "inp": adapted.inp,
            "page_obj": page_obj,
            "rows": rows,
            "querystring": query_without_page(request),
            "form": form,
            "is_admin": is_admin,
            "can_estimate": None if is_admin else led_school_ids(request.member),  # None: every school
            "capacities": [
                (role, hours, adapted.capacity_sources.get(role, ""))
                for role, hours in sorted(adapted.inp.receiving_capacity.items())
            ],
        },
    )


def _school_choices(request: DistrictRequest) -> list[tuple[int, str]]:
    """The "Plan for" list: the schools the member may plan for (rendered by ``{% options %}``)."""
    schools = School.objects.filter(district=request.district).order_by("name")
    if not request.member.has_access(Access.ADMIN):
        schools = schools.filter(pk__in=led_school_ids(request.member))
    return list(schools.values_list("pk", "name"))


def _known(school, role: str, kind: str | None) -> float | None:
    """The current hours known for a role at a school; None where they come from reflections: a school's
    role is often one or two people, and their hours by task are their reflections (``docs/privacy.md``)."""
    if kind in (FROM_REFLECTIONS, FROM_AVERAGE):
        return None
    return round(sum(h for (r, _t), h in school.current.items() if r == role), 1)


@district_view(access=Access.LEADER)
def planner_inputs(request: DistrictRequest) -> HttpResponse:
    """The numbers the planner will use, where each came from, and (for admins) its settings."""
    return _inputs_page(request, _school(request), None)


@district_view(access=Access.ADMIN)
def planner_settings(request: DistrictRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("roles:planner")
    school = _school(request)
    roles = list(Role.objects.filter(district=request.district, retired=False).order_by("position", "name"))
    form = PlannerSettingsForm(request.POST, instance=settings_for(request.district), roles=roles)
    if not form.is_valid():
        return _inputs_page(request, school, form)
    runs.save_settings(
        request.district,
        capacities=form.capacities(),
        hire_cost_per_fte=form.cleaned_data["hire_cost_per_fte"],
        budget=form.cleaned_data["budget"],
        time_limit=form.cleaned_data["time_limit"],
    )
    messages.success(request, "Planner settings saved.")
    return redirect(_inputs_url(school))


def _inputs_url(school: School | None) -> str:
    return reverse("roles:planner") + (f"?school={school.pk}" if school else "")


@district_view(access=Access.ADMIN)
def planner_start(request: DistrictRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("roles:planner")
    run = runs.start_run(request.district, _school(request), by=request.member)
    return redirect("roles:planner_run", pk=run.pk)


class RunFilter(SingleLineFields, forms.Form):
    q = forms.CharField(label="Search by school", required=False, max_length=200)


@district_view(access=Access.LEADER)
def planner_runs(request: DistrictRequest) -> HttpResponse:
    filters = RunFilter(request.GET or None)
    visible = _runs(request)
    if filters.is_valid() and filters.cleaned_data["q"]:
        visible = visible.filter(school__name__icontains=filters.cleaned_data["q"])
    page_obj = paginate(request, visible.defer("inputs"))
    return render(
        request,
        "roles/planner/runs.html",
        {"filters": filters, "page_obj": page_obj, "querystring": query_without_page(request)},
    )


@district_view(access=Access.LEADER)
def planner_run(request: DistrictRequest, pk: int) -> HttpResponse:
    """A run: its status (polled by htmx every 2 s until finished), then the hours freed and the moves.

    Reads the run's summary and the shown page of schools only, never its whole snapshot or result,
    so a district's run opens as fast as a school's.
    """
    visible = _runs(request).defer("inputs", "result")
    if request.htmx and request.GET.get("status"):
        run = in_district(visible.defer("summary"), request.district, pk)
        response = render(request, "roles/planner/run.html#status", {"run": run})
        if run.finished:
            response["HX-Refresh"] = "true"
        return response
    return _run_page(request, in_district(visible, request.district, pk))


def _run_page(request: DistrictRequest, run: PlannerRun, accept_form: AcceptMovesForm | None = None) -> HttpResponse:
    summary = run.summary or {}
    splits = report.splits(summary)
    # A district's plan runs to thousands of moves and trainings: a page of schools at a time.
    with_changes = run.schools.filter(changes=True).order_by("plan_position")
    with_changes = with_changes.only("run", "name", "plan_position", *runs.SHOWN_FIELDS)
    page_obj = paginate(request, with_changes, per_page=PLAN_SCHOOLS_SHOWN)
    shown = runs.school_plans(page_obj, runs.SHOWN_FIELDS)
    is_admin = request.member.has_access(Access.ADMIN)
    if accept_form is None and is_admin:
        accept_form = AcceptMovesForm(district=request.district)
    groups = _group_tables(request, run, summary)
    planned = summary.get("counts", {}).get("planned") if run.school is None else None
    return render(
        request,
        "roles/planner/run.html",
        {
            "run": run,
            "result": summary,
            "moves": report.moves(shown),
            "page_obj": page_obj,
            "querystring": query_without_page(request),
            **groups,
            "headline": report.headline([group for group, _rows in groups["groups"]], planned),
            "trainings": report.trainings(shown),
            "hires": report.hires(shown),
            "splits": splits,
            "chart_data": [
                {
                    "labels": [r[0] for r in split.rows],
                    "before": [r[1] for r in split.rows],
                    "after": [r[2] for r in split.rows],
                }
                for split in splits
            ],
            "binding": summary.get("binding", [])[: report.BINDING_SHOWN],
            "is_admin": is_admin,
            "accept_form": accept_form,
        },
    )


#: Schools listed per constrained role on a run's page until "Show all" is asked for.
GROUPS_SHOWN = 20
#: Schools whose moves, trainings and hires a run's page lists at a time.
PLAN_SCHOOLS_SHOWN = 20


def _group_tables(request: DistrictRequest, run: PlannerRun, summary: dict) -> dict:
    """The hours-freed-by-group tables: each role's rows in the asked order, the first ``GROUPS_SHOWN`` or all."""
    order = request.GET.get("group_sort", "hours")
    if order not in report.GROUP_ORDERS:
        order = "hours"
    show_all = request.GET.get("groups") == "all"
    groups = report.role_groups(summary.get("groups", {}), order)
    return {
        "groups": [(group, group.rows if show_all else group.rows[:GROUPS_SHOWN]) for group in groups],
        "group_order": order,
        "group_orders": report.GROUP_ORDERS,
        "group_order_label": report.GROUP_ORDERS[order],
        "groups_shown": GROUPS_SHOWN,
        "show_all_groups": show_all,
        "total_label": "Total" if run.school else "District total",
    }


@district_view(access=Access.ADMIN)
def planner_accept(request: DistrictRequest, pk: int) -> HttpResponse:
    """Turn the ticked moves into draft shift plans (``roles.planning.accept``) with the "when" and the
    owner chosen beside the table; a mistake comes back on the run's page beside the field."""
    run = in_district(_runs(request).defer("inputs", "result"), request.district, pk)
    if request.method != "POST" or run.status != PlannerRun.Status.DONE:
        return redirect("roles:planner_run", pk=run.pk)
    form = AcceptMovesForm(request.POST, district=request.district)
    if not form.is_valid():
        return _run_page(request, run, form)
    outcome = accept_moves(
        run,
        form.ticked,
        by=request.member,
        owner=form.cleaned_data["owner"],
        shift_when=form.cleaned_data["shift_when"],
        shift_on=form.cleaned_data["shift_on"],
    )
    for refusal in outcome.refused:
        messages.error(request, f"Not created: {refusal}")
    if not outcome.plans and not outcome.refused:
        messages.error(request, "None of the ticked moves is in this run: nothing was created.")
    if outcome.plans:
        count = len(outcome.plans)
        messages.success(request, f"{count} draft shift plan{'s' * (count != 1)} created, with their action items.")
        return redirect("roles:plan_list")
    return redirect("roles:planner_run", pk=run.pk)


class CompareForm(forms.Form):
    a = forms.ModelChoiceField(label="First run", queryset=PlannerRun.objects.none())
    b = forms.ModelChoiceField(label="Second run", queryset=PlannerRun.objects.none())

    def __init__(self, *args, runs: QuerySet[PlannerRun], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("a", "b"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = runs
            field.label_from_instance = _run_label  # type: ignore[method-assign,assignment]


def _run_label(run: PlannerRun) -> str:
    where = run.school.name if run.school else "District"
    return f"#{run.pk} · {where} · {run.created_at:%b %-d, %Y %H:%M}"


#: Schools whose moves differ that the compare page lists at a time.
COMPARE_SCHOOLS_SHOWN = 20


@district_view(access=Access.LEADER)
def planner_compare(request: DistrictRequest) -> HttpResponse:
    """Two finished runs side by side: their summaries, then the schools whose moves differ, a page at a time.

    Schools whose moves are the very same in both runs are found in the database (``moves_digest``),
    so only the shown page of schools' moves is read.
    """
    done = _runs(request).filter(status=PlannerRun.Status.DONE)
    both = "a" in request.GET and "b" in request.GET
    choices = done.select_related(None).select_related("school").only("created_at", "school__name")
    form = CompareForm(request.GET if both else None, runs=choices, initial=request.GET.dict())
    comparison = None
    if form.is_valid():
        chosen = done.defer("inputs", "result").in_bulk([form.cleaned_data["a"].pk, form.cleaned_data["b"].pk])
        first, second = chosen[form.cleaned_data["a"].pk], chosen[form.cleaned_data["b"].pk]
        page_obj = paginate(request, runs.schools_whose_moves_differ(first, second), per_page=COMPARE_SCHOOLS_SHOWN)
        comparison = {
            "first": first,
            "second": second,
            "same": runs.same_moves(first, second),
            "page_obj": page_obj,
            "schools": runs.moves_at(first, second, list(page_obj)),
        }
    return render(
        request,
        "roles/planner/compare.html",
        {"form": form, "comparison": comparison, "querystring": query_without_page(request)},
    )
