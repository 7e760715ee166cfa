"""The agenda editor: the district's template (admins) and a series' own agenda (those who run it)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from checkins.agenda import district_template, total_minutes
from checkins.forms.agenda import agenda_formset
from checkins.models import Series
from checkins.series_access import can_run, series_for
from checkins.services import agenda as services
from people.access import DistrictRequest, district_view, require_admin
from people.models import Access


def _series_to_edit(request: DistrictRequest, pk: int) -> Series:
    series = series_for(request.member, pk)
    if not can_run(request.member, series):
        raise PermissionDenied("Only the organizer, the school's leaders and district admins edit this agenda.")
    return series


def _edit(request: DistrictRequest, series: Series | None, sections: list, done_url: str) -> HttpResponse:
    formset = agenda_formset(sections, request.POST if request.method == "POST" else None)
    problem = ""
    if request.method == "POST" and formset.is_valid():
        try:
            services.save_agenda(request.district, series, formset.rows())
            messages.success(request, "Agenda saved.")
            return redirect(done_url)
        except ValidationError as error:
            problem = " ".join(error.messages)
    context = {
        "problem": problem,
        "series": series,
        "formset": formset,
        "total": total_minutes(sections),
    }
    return render(request, "checkins/agenda/edit.html", context)


@district_view(access=Access.ADMIN)
def district_agenda(request: DistrictRequest) -> HttpResponse:
    """The district's agenda template, which series follow unless they have their own."""
    require_admin(request.member)
    return _edit(request, None, district_template(request.district), request.path)


@district_view()
def series_agenda(request: DistrictRequest, pk: int) -> HttpResponse:
    """The series' own agenda; a series still on the district's template is shown it, read-only."""
    series = _series_to_edit(request, pk)
    own = list(series.agenda_sections.all())
    if not own:
        sections = district_template(request.district)
        context = {"series": series, "sections": sections, "total": total_minutes(sections)}
        return render(request, "checkins/agenda/series_template.html", context)
    return _edit(request, series, own, request.path)


@require_POST
@district_view()
def series_agenda_customise(request: DistrictRequest, pk: int) -> HttpResponse:
    """Copy the district's template into the series, to edit it for this series only."""
    series = _series_to_edit(request, pk)
    services.customise_for_series(series)
    messages.success(request, "This series now has its own copy of the agenda.")
    return redirect("checkins:series_agenda", pk=series.pk)


@district_view()
def series_agenda_reset(request: DistrictRequest, pk: int) -> HttpResponse:
    """Confirm, then drop the series' own agenda and follow the district's template again."""
    series = _series_to_edit(request, pk)
    if request.method == "POST":
        services.use_district_template(series)
        messages.success(request, "This series follows the district's agenda again.")
        return redirect("checkins:series_agenda", pk=series.pk)
    return render(request, "checkins/agenda/reset_confirm.html", {"series": series})
