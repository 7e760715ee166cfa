"""Staffing ratios: students per FTE of each mental health role, school by school and for the district."""

from __future__ import annotations

from django import forms
from django.db.models import FloatField, Sum
from django.http import HttpResponse
from django.shortcuts import render

from core.fields import SingleLineFields
from core.pagination import paginate, query_without_page
from people.access import DistrictRequest, district_view, led_school_ids
from people.models import Access, Assignment, Role, School, SchoolLevel
from people.ratios import RoleInfo, SchoolInfo, ratio_pools, staffing_ratios


class RatioFilterForm(SingleLineFields, forms.Form):
    q = forms.CharField(label="Search schools", required=False, max_length=200)
    role = forms.TypedChoiceField(label="Role", required=False, coerce=int, empty_value=None)
    level = forms.ChoiceField(label="School level", required=False)
    mine = forms.BooleanField(label="Only the schools I lead", required=False)

    def __init__(self, *args, roles: list[RoleInfo], leads_some: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not leads_some:
            del self.fields["mine"]
        role_field = self.fields["role"]
        level_field = self.fields["level"]
        assert isinstance(role_field, forms.ChoiceField) and isinstance(level_field, forms.ChoiceField)
        role_field.choices = [("", "All mental health roles"), *((r.id, r.label) for r in ratio_pools(roles))]
        level_field.choices = [("", "All levels"), *SchoolLevel.choices]


def ratio_roles(district) -> list[RoleInfo]:
    """The district's active mental health roles that carry a recommended ratio (one query)."""
    rows = (
        Role.objects.active()
        .filter(district=district, is_mental_health=True, recommended_ratio__isnull=False)
        .values("id", "name", "short_name", "recommended_ratio", "ratio_source")
    )
    return [
        RoleInfo(
            id=r["id"],
            label=r["short_name"] or r["name"],
            name=r["name"],
            recommended_ratio=r["recommended_ratio"],
            ratio_source=r["ratio_source"],
        )
        for r in rows
    ]


@district_view(access=Access.LEADER)
def ratios_view(request: DistrictRequest) -> HttpResponse:
    district = request.district  # type: ignore[attr-defined]
    roles = ratio_roles(district)
    # A school leader's own schools are marked (an admin leads every school: nothing to mark).
    led = set() if request.member.has_access(Access.ADMIN) else led_school_ids(request.member)
    form = RatioFilterForm(request.GET or None, roles=roles, leads_some=bool(led))
    filters = form.cleaned_data if form.is_valid() else {}
    units = ratio_pools(roles)  # a pool is shown, filtered and counted as one
    shown_roles = [r for r in units if r.id == filters["role"]] if filters.get("role") else units

    levels = dict(SchoolLevel.choices)
    schools = [
        SchoolInfo(pk, name, level, enrollment, levels.get(level, level))
        for pk, name, level, enrollment in School.objects.filter(district=district).values_list(
            "id", "name", "level", "enrollment"
        )
    ]
    # FTE per (school, role) in one grouped query; floats, because thousands of Decimals are slow to build.
    fte = {
        (school_id, role_id): total
        for school_id, role_id, total in Assignment.objects.filter(
            district=district, staff__role_id__in=[pk for r in shown_roles for pk in r.role_ids]
        )
        .order_by()  # the default ordering would join schools for nothing
        .values_list("school_id", "staff__role_id")
        .annotate(total=Sum("fte", output_field=FloatField()))
    }
    table = staffing_ratios(schools, shown_roles, fte)

    rows = table.schools
    if filters.get("level"):
        rows = tuple(r for r in rows if r.school.level == filters["level"])
    if filters.get("mine"):
        rows = tuple(r for r in rows if r.school.id in led)
    if filters.get("q"):
        needle = filters["q"].strip().lower()
        rows = tuple(r for r in rows if needle in r.school.name.lower())

    return render(
        request,
        "people/ratios/ratios.html",
        {
            "form": form,
            "table": table,
            "all_roles": roles,
            "pools": [unit for unit in units if unit.is_pool],
            "page_obj": paginate(request, rows),
            "querystring": query_without_page(request),
            "filtered": bool(filters.get("q") or filters.get("level") or filters.get("mine")),
            "led_school_ids": led,
            "school_count": len(schools),
        },
    )
