"""Shift plans: the list, the seven-question form, the plan with its action items, and the printable page."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch, QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render

from actions.services import local_today
from core.pagination import paginate, query_without_page
from core.params import parse_id
from core.stale import StaleEdit
from people.access import DistrictRequest, district_view, in_district
from people.models import Access, Role
from roles import pdf
from roles.forms.plans import BARGAINING_REMINDER, QUESTIONS, PlanFilterForm, PlanForms
from roles.models import RoleLimit, ShiftPlan, ShiftPlanRole, ShiftPlanTraining
from roles.services import plans as services


def _items_of(plan: ShiftPlan) -> list:
    """The plan's action items, oldest first — sorted here so that the database finds them by their
    origin index rather than walking the whole tracker in creation order."""
    return sorted(services.plan_items(plan).select_related("owner").order_by(), key=lambda i: (i.created_on, i.pk))


def _with_rows(plans: QuerySet[ShiftPlan]) -> QuerySet[ShiftPlan]:
    return plans.select_related("task", "task__category", "from_role", "school", "owner").prefetch_related(
        Prefetch("receiving", queryset=ShiftPlanRole.objects.select_related("role").order_by("role__position")),
    )


def _plan(request: DistrictRequest, pk: int) -> ShiftPlan:
    """A plan the member may read (404 otherwise: never a hint that it exists)."""
    plans = _with_rows(services.visible_plans(request.member)).prefetch_related(
        Prefetch("trainings", queryset=ShiftPlanTraining.objects.select_related("training").order_by("training__name")),
    )
    return in_district(plans.select_related("hiring_responsible", "training_responsible"), request.district, pk)


@district_view()
def plan_list(request: DistrictRequest) -> HttpResponse:
    filters = PlanFilterForm(request.GET or None, district=request.district)
    plans = _with_rows(filters.apply(services.visible_plans(request.member))).order_by("-updated_at", "-pk")
    page_obj = paginate(request, plans)
    flags = services.limit_flags(request.district, page_obj.object_list)
    for plan in page_obj:
        plan.flags = flags.get(plan.pk, [])  # type: ignore[attr-defined]
    return render(
        request,
        "roles/plans/list.html",
        {
            "filters": filters,
            "page_obj": page_obj,
            "querystring": query_without_page(request),
            "can_edit": services.can_edit_plans(request.member),
        },
    )


@district_view()
def plan_detail(request: DistrictRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    today = local_today(request.district)
    items = _items_of(plan)
    for item in items:
        item.overdue = item.is_overdue(today)  # type: ignore[attr-defined]
    return render(
        request,
        "roles/plans/detail.html",
        {
            "plan": plan,
            "items": items,
            "flags": services.limit_flags(request.district, [plan]).get(plan.pk, []),
            "constrained_receivers": services.constrained_receivers(plan),
            "can_edit": services.can_edit_plans(request.member),
            "questions": QUESTIONS,
        },
    )


@district_view()
def plan_print(request: DistrictRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    return render(request, "roles/plans/print.html", {"plan": plan, "questions": QUESTIONS})


@district_view()
def plan_pdf(request: DistrictRequest, pk: int) -> HttpResponse:
    """The plan as a PDF in the seed's layout, to file or to send."""
    plan = _plan(request, pk)
    items = _items_of(plan)
    response = HttpResponse(pdf.plan_pdf(plan, items), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="shift-plan-{plan.pk}.pdf"'
    return response


@district_view(access=Access.ADMIN)
def plan_new(request: DistrictRequest) -> HttpResponse:
    """A new plan; "Plan this shift" on the tasks-to-shift page pre-fills task, roles and school from the query."""
    initial = {"owner": request.member.pk, "status": ShiftPlan.Status.DRAFT}
    for name in ("task", "from_role", "to_role", "school"):
        if parse_id(request.GET.get(name)) is not None:
            initial[name] = parse_id(request.GET.get(name))
    plan = ShiftPlan(district=request.district)
    return _form_page(request, plan, initial=initial)


@district_view(access=Access.ADMIN)
def plan_edit(request: DistrictRequest, pk: int) -> HttpResponse:
    plan = in_district(ShiftPlan.objects.all(), request.district, pk)
    return _form_page(request, plan)


def _form_page(request: DistrictRequest, plan: ShiftPlan, *, initial: dict | None = None) -> HttpResponse:
    forms = PlanForms(request.POST or None, district=request.district, plan=plan, initial=initial)
    stale = None
    if request.method == "POST" and forms.is_valid():
        plan = forms.plan.save(commit=False)
        try:
            services.save_plan(
                plan, forms.receiving_rows(), trainings=forms.training_rows(), by=request.member, seen=forms.plan.seen
            )
        except services.PlanRefused as refused:
            forms.add_refusal(refused)
        except StaleEdit as error:
            stale = error
            forms.after_stale_edit(error)
        else:
            flags = [flag.message for flag in services.limit_flags(request.district, [plan]).get(plan.pk, [])]
            flags += services.constrained_receivers(plan)
            for flag in flags:
                messages.warning(request, f"Saved, but flagged: {flag}")
            if not flags:
                messages.success(request, "Shift plan saved; its commitments are in the action-item tracker.")
            return redirect("roles:plan_detail", pk=plan.pk)
    roles = Role.objects.active().filter(district=request.district)
    return render(
        request,
        "roles/plans/form.html",
        {
            "plan": plan,
            "forms": forms,
            "stale": stale,
            "questions": QUESTIONS,
            "reminder": BARGAINING_REMINDER,
            "role_notes": [r for r in roles if r.notes.strip()],
            "limits": RoleLimit.objects.filter(district=request.district).select_related("role", "category"),
        },
    )
