"""An agreement's pages: the list, start one, the agreement, its terms, review, signing, comments, versions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from actions.services import local_today
from agreements import pdf, services
from agreements.access import agreement_for, may_change, signing_side, staff_for_new_agreements, visible_agreements
from agreements.content import parts_from_json, parts_of, reload, seen_of
from agreements.export import agreement_rows
from agreements.figures import district_figures
from agreements.forms import CommentForm, NewAgreementForm, SignForm, TermsForm, year_choices
from agreements.measure import planned_against_current
from agreements.models import Agreement, Event, Version
from agreements.progress import goal_rows
from agreements.rules import year_of
from core.pagination import paginate, query_without_page
from core.params import parse_id
from core.spreadsheets.writing import xlsx_response
from core.stale import StaleEdit
from people.access import DistrictRequest, district_view
from people.models import Access


def _changeable(request: DistrictRequest, pk: int) -> Agreement:
    agreement = agreement_for(request.member, pk)
    if not may_change(request.member, agreement):
        raise PermissionDenied("Only the staff member, the school's leaders and district admins change an agreement.")
    return agreement


@district_view()
def agreement_list(request: DistrictRequest) -> HttpResponse:
    agreements = visible_agreements(request.member).select_related("staff", "staff__role", "school", "leader")
    year = parse_id(request.GET.get("year"))
    if year:
        agreements = agreements.filter(year=year)
    status = request.GET.get("status", "")
    if status in Agreement.Status.values:
        agreements = agreements.filter(status=status)
    page_obj = paginate(request, agreements.order_by("-year", "staff__name", "school__name", "pk"))
    return render(
        request,
        "agreements/list.html",
        {
            "page_obj": page_obj,
            "querystring": query_without_page(request),
            "statuses": Agreement.Status.choices,
            "status": status,
            "year": year,
            "can_start": staff_for_new_agreements(request.member).exists(),
        },
    )


@district_view()
def agreement_new(request: DistrictRequest) -> HttpResponse:
    staff = staff_for_new_agreements(request.member)
    mine = {"staff": request.member.pk} if staff.filter(pk=request.member.pk).exists() else {}
    form = NewAgreementForm(
        request.POST or None, staff=staff, district=request.district, today=local_today(request.district), initial=mine
    )
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.start_agreement(
                staff=form.cleaned_data["staff"],
                school=form.cleaned_data["school"],
                year=form.cleaned_data["year"],
                by=request.member,
            )
        except ValidationError as error:
            form.add_error(None, error) if not hasattr(error, "error_dict") else _add(form, error)
        else:
            messages.success(
                request, "Agreement started as a draft: fill in the terms and goals, then send it for review."
            )
            return redirect("agreements:edit", agreement.pk)
    return render(request, "agreements/new.html", {"form": form})


def renewed(request: DistrictRequest, agreement: Agreement):
    """The editor's input, carrying the text as it is now: after a refused stale edit, saving again goes
    through (the page shows what changed above the form)."""
    data = request.POST.copy()
    data["seen"] = seen_of(parts_of(reload(agreement))).sign()
    return data


def _add(form, error: ValidationError) -> None:
    for field, errors in error.error_dict.items():
        for message in errors:
            form.add_error(field if field in form.fields else None, message)


@district_view()
def agreement_detail(request: DistrictRequest, pk: int) -> HttpResponse:
    agreement = agreement_for(request.member, pk)
    full = reload(agreement)
    parts = parts_of(full)
    version = services.current_version(agreement)
    side = signing_side(request.member, agreement)
    day, comparison = planned_against_current(full, viewer_id=request.member.pk)
    signed_mine = (side == "staff" and version.staff_signed_at) or (side == "leader" and version.leader_signed_at)
    return render(
        request,
        "agreements/detail.html",
        {
            "agreement": full,
            "version": version,
            "earlier_signed": Version.objects.filter(
                agreement=agreement, leader_signed_at__isnull=False, staff_signed_at__isnull=False
            )
            .exclude(number=agreement.version)
            .exists(),
            "goals": goal_rows(full, viewer=request.member, today=local_today(request.district)),
            "events": Event.objects.filter(agreement=agreement).select_related("by")[:50],
            "can_change": may_change(request.member, agreement),
            "can_sign": side is not None and agreement.status == Agreement.Status.REVIEW and not signed_mine,
            "sign_form": SignForm(initial={"seen": seen_of(parts).sign()}),
            "comment_form": CommentForm(),
            "comparison": comparison,
            "reflection_day": day,
            "next_year_exists": Agreement.objects.filter(
                staff_id=agreement.staff_id, school_id=agreement.school_id, year=agreement.year + 1
            ).exists(),
        },
    )


@district_view()
def agreement_edit(request: DistrictRequest, pk: int) -> HttpResponse:
    agreement = reload(_changeable(request, pk))
    leaders = services.school_leaders(agreement.school, besides=agreement.staff)
    categories = services.task_types(request.district)
    form = TermsForm(
        request.POST or None, agreement=agreement, leaders=leaders, categories=categories, parts=parts_of(agreement)
    )
    stale = None
    if request.method == "POST" and form.is_valid():
        before = agreement.version
        try:
            changes = services.save_agreement(
                agreement,
                by=request.member,
                seen=form.cleaned_data["seen"],
                fields=form.terms(),
                shares=form.shares(),
                trainings=form.cleaned_data["trainings"],
                shift_plans=form.cleaned_data["shift_plans"],
            )
        except StaleEdit as error:
            stale = error
            form = TermsForm(
                renewed(request, agreement), agreement=agreement, leaders=leaders, categories=categories, parts=[]
            )
        except ValidationError as error:
            _add(form, error)
        else:
            agreement.refresh_from_db()
            if not changes:
                messages.info(request, "Nothing changed.")
            elif agreement.version > before:
                messages.warning(request, f"Saved as version {agreement.version}: both of you sign it again.")
            else:
                messages.success(request, "Agreement saved.")
            return redirect("agreements:detail", agreement.pk)
    return render(request, "agreements/edit.html", {"agreement": agreement, "form": form, "stale": stale})


@require_POST
@district_view()
def agreement_review(request: DistrictRequest, pk: int) -> HttpResponse:
    agreement = _changeable(request, pk)
    try:
        services.send_for_review(agreement, by=request.member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Sent for review: the staff member and the school leader can now sign it.")
    return redirect("agreements:detail", agreement.pk)


@require_POST
@district_view()
def agreement_sign(request: DistrictRequest, pk: int) -> HttpResponse:
    agreement = agreement_for(request.member, pk)
    if signing_side(request.member, agreement) is None:
        messages.error(request, "Only the staff member and the school leader named in the agreement sign it.")
        return redirect("agreements:detail", agreement.pk)
    form = SignForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tick “I have read this version and agree to it” to sign.")
        return redirect("agreements:detail", agreement.pk)
    try:
        version = services.sign(agreement, by=request.member, seen=form.cleaned_data["seen"])
    except StaleEdit as error:
        return render(request, "agreements/sign_refused.html", {"agreement": agreement, "stale": error}, status=409)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        done = (
            "Both of you have signed: the agreement is signed."
            if version.signed_by_both
            else "Signed. Waiting for the other signature."
        )
        messages.success(request, done)
    return redirect("agreements:detail", agreement.pk)


@require_POST
@district_view()
def agreement_comment(request: DistrictRequest, pk: int) -> HttpResponse:
    agreement = agreement_for(request.member, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.add_comment(agreement, by=request.member, text=form.cleaned_data["text"])
        messages.success(request, "Comment added.")
    else:
        messages.error(request, "Write a comment (at most 4,000 characters).")
    return redirect("agreements:detail", agreement.pk)


@require_POST
@district_view()
def agreement_next_year(request: DistrictRequest, pk: int) -> HttpResponse:
    agreement = _changeable(request, pk)
    try:
        copy = services.start_next_year(agreement, by=request.member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("agreements:detail", agreement.pk)
    messages.success(request, f"The {copy.year_label} agreement is started as a draft, copied from this one.")
    return redirect("agreements:detail", copy.pk)


@district_view()
def agreement_version(request: DistrictRequest, pk: int, number: int) -> HttpResponse:
    agreement = agreement_for(request.member, pk)
    try:
        version = Version.objects.get(agreement=agreement, number=number)
    except (Version.DoesNotExist, ValueError, OverflowError) as exc:
        raise Http404("Not found.") from exc
    return render(
        request,
        "agreements/version.html",
        {
            "agreement": agreement,
            "version": version,
            "parts": parts_from_json(version.content),
            "changes": Event.objects.filter(agreement=agreement, version=number, kind=Event.Kind.EDITED)
            .select_related("by")
            .order_by("at", "pk"),
        },
    )


@district_view()
def agreement_print(request: DistrictRequest, pk: int) -> HttpResponse:
    agreement = reload(agreement_for(request.member, pk))
    return render(
        request, "agreements/print.html", {"agreement": agreement, "version": services.current_version(agreement)}
    )


@district_view()
def agreement_pdf(request: DistrictRequest, pk: int) -> HttpResponse:
    """The agreement with its signatures as a PDF, to file or to sign on paper."""
    agreement = reload(agreement_for(request.member, pk))
    response = HttpResponse(
        pdf.agreement_pdf(agreement, services.current_version(agreement)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="agreement-{agreement.pk}-v{agreement.version}.pdf"'
    return response


@district_view(access=Access.ADMIN)
def district_agreements(request: DistrictRequest) -> HttpResponse:
    """The district's figures for one school year (fixed groups, hidden below the minimum group size)."""
    today = local_today(request.district)
    year = _year(request, today)
    return render(
        request,
        "agreements/district.html",
        {
            "figures": district_figures(request.district, year),
            "years": year_choices(today),
            "year": year,
            "year_label": dict(year_choices(today))[year],
        },
    )


@district_view(access=Access.ADMIN)
def district_export(request: DistrictRequest) -> FileResponse:
    today = local_today(request.district)
    year = _year(request, today)
    rows = agreement_rows(request.district, year, today)
    return xlsx_response([("Agreements", rows)], f"agreements-{request.district.slug}-{year}.xlsx")


def _year(request: DistrictRequest, today) -> int:
    """The school year asked for, if it is one of the choices; this one otherwise."""
    asked = parse_id(request.GET.get("year"))
    return asked if asked in {y for y, _ in year_choices(today)} else year_of(today)
