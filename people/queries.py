"""Read-side queries for the set-up pages: each list in a fixed number of SQL queries."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db.models import Count, DecimalField, Exists, OuterRef, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from core.params import parse_id
from people.models import Assignment, District, Leadership, Role, School, StaffMember, Task, TaskCategory

SCHOOL_SORTS = {
    "name": ("name",),
    "-name": ("-name",),
    "enrollment": ("enrollment", "name"),
    "-enrollment": ("-enrollment", "name"),
}

ZERO_FTE = Value(Decimal("0"), output_field=DecimalField(max_digits=5, decimal_places=2))


def schools_for_list(district: District, *, search: str = "", level: str = "", sort: str = "name") -> QuerySet:
    """The district's schools with ``mental_health_fte``: the FTE of staff in mental health roles."""
    schools = School.objects.filter(district=district)
    if search:
        schools = schools.filter(name__icontains=search)
    if level:
        schools = schools.filter(level=level)
    schools = schools.annotate(
        mental_health_fte=Coalesce(
            Sum("assignments__fte", filter=Q(assignments__staff__role__is_mental_health=True)), ZERO_FTE
        ),
        staff_count=Count("assignments"),
    )
    return schools.order_by(*SCHOOL_SORTS.get(sort, SCHOOL_SORTS["name"]))


def school_assignments(school: School) -> QuerySet:
    return school.assignments.select_related("staff", "staff__role").order_by("staff__name")


def school_leaders(school: School) -> QuerySet:
    return Leadership.objects.filter(school=school).select_related("staff", "staff__role").order_by("staff__name")


def staff_for_list(
    district: District,
    *,
    search: str = "",
    role: str = "",
    school: str = "",
    access: str = "",
    login: str = "",
) -> QuerySet:
    """The district's staff with role, total FTE and assignments loaded, filtered as the directory asks."""
    staff = StaffMember.objects.filter(district=district)
    if search:
        staff = staff.filter(Q(name__icontains=search) | Q(email__icontains=search))
    if role.isdigit():
        staff = staff.filter(role_id=parse_id(role) or 0)  # an id no row can have matches nothing
    if school.isdigit():
        school_id = parse_id(school) or 0
        staff = staff.filter(Exists(Assignment.objects.filter(staff=OuterRef("pk"), school_id=school_id)))
    if access:
        staff = staff.filter(access=access)
    if login in ("yes", "no"):
        staff = staff.filter(can_log_in=login == "yes")
    elif login == "not_invited":
        staff = staff.filter(user__isnull=True, can_log_in=False)
    elif login == "invited":
        staff = staff.filter(can_log_in=True, user__is_active=True, user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
    return (
        staff.select_related("role", "user")
        .annotate(total_fte=Coalesce(Sum("assignments__fte"), ZERO_FTE))
        .prefetch_related(Prefetch("assignments", queryset=Assignment.objects.select_related("school")))
        .order_by("name", "pk")
    )


def staff_detail(staff: StaffMember) -> tuple[QuerySet, QuerySet]:
    """A person's assignments (with schools) and the schools they lead."""
    assignments = staff.assignments.select_related("school")
    led = School.objects.filter(leaderships__staff=staff).order_by("name")
    return assignments, led


def catalogue(district: District) -> dict:
    """Roles (with how many staff have each) and task categories with their tasks, active and retired apart."""
    roles = list(Role.objects.filter(district=district).annotate(staff_count=Count("staff")).order_by("position", "pk"))
    categories = list(
        TaskCategory.objects.filter(district=district)
        .order_by("position", "pk")
        .prefetch_related(Prefetch("tasks", queryset=Task.objects.order_by("position", "pk"), to_attr="all_tasks"))
    )
    for category in categories:
        category.active_tasks = [t for t in category.all_tasks if not t.retired]
    retired_tasks = [
        task for category in categories if not category.retired for task in category.all_tasks if task.retired
    ]
    return {
        "roles": [r for r in roles if not r.retired],
        "retired_roles": [r for r in roles if r.retired],
        "categories": [c for c in categories if not c.retired],
        "retired_categories": [c for c in categories if c.retired],
        "retired_tasks": retired_tasks,
    }
