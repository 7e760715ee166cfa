"""The home page of each persona: what each one comes to the app for."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import render

from home.needs import district as needs_district
from home.needs import leader as needs_leader
from home.needs import mine as needs_mine
from people.access import DistrictRequest, district_view
from people.models import Access, District, Role, School, StaffMember


def home(request: DistrictRequest) -> HttpResponse:
    """Send each visitor to what they came for; explain when a login belongs to no district."""
    if request.user.is_authenticated and request.member is None and not request.user.is_superuser:
        return render(request, "home/no_district.html", status=403)
    return member_home(request)


@district_view()
def member_home(request: DistrictRequest) -> HttpResponse:
    """What needs me now (``home.needs``): the person's own work, then their schools' or district's."""
    member = request.member
    mine = needs_mine.for_everyone(member)
    if member.has_access(Access.ADMIN):
        checklist = setup_checklist(request.district, member)
        return render(
            request,
            "home/home_admin.html",
            {
                "checklist": checklist,
                "set_up": all(step["done"] is not False for step in checklist),
                "groups": [*needs_district.district_pulse(member), *mine],
            },
        )
    if member.has_access(Access.LEADER):
        schools = (
            School.objects.filter(district=request.district, leaderships__staff=member)
            .annotate(staff_count=Count("assignments", distinct=True))
            .order_by("name")
        )
        return render(
            request, "home/home_leader.html", {"schools": schools, "groups": [*mine, *needs_leader.for_leader(member)]}
        )
    assignments = member.assignments.select_related("school").order_by("school__name")
    return render(request, "home/home_staff.html", {"assignments": assignments, "groups": mine})


@district_view(access=Access.ADMIN)
def setup(request: DistrictRequest) -> HttpResponse:
    """The set-up checklist, once the home page has folded it into a link."""
    return render(request, "home/setup.html", {"checklist": setup_checklist(request.district, request.member)})


def setup_checklist(district: District, member: StaffMember) -> list[dict]:
    """The district admin's set-up steps, each with whether it is done (three queries)."""
    schools = School.objects.filter(district=district).aggregate(
        total=Count("pk"), without_enrollment=Count("pk", filter=Q(enrollment=0))
    )
    staff = StaffMember.objects.filter(district=district).aggregate(
        others=Count("pk", filter=~Q(pk=member.pk)),
        logins=Count("pk", filter=Q(can_log_in=True) & ~Q(pk=member.pk)),
    )
    # Not every role has a published ratio (family engagement has none), so one is enough to compare.
    roles_with_ratio = (
        Role.objects.active().filter(district=district, is_mental_health=True, recommended_ratio__isnull=False).count()
    )
    return [
        {
            "title": "Add your schools",
            "done": schools["total"] > 0,
            "status": f"{schools['total']} school{'s' if schools['total'] != 1 else ''} added",
            "url_name": "people:school_list",
            "link": "Schools",
        },
        {
            "title": "Add your staff",
            "done": staff["others"] > 0,
            "status": f"{staff['others']} other staff member{'s' if staff['others'] != 1 else ''} added",
            "url_name": "people:staff_list",
            "link": "Staff",
            "also": ("people:roster_import", "Import a roster from a spreadsheet"),
        },
        {
            "title": "Give logins to the people who will use the app",
            "done": staff["logins"] > 0,
            "status": f"{staff['logins']} other {'person' if staff['logins'] == 1 else 'people'} can log in",
            "url_name": "people:staff_list",
            "link": "Staff",
        },
        {
            "title": "Set enrollment and recommended staffing ratios",
            "done": schools["total"] > 0 and schools["without_enrollment"] == 0 and roles_with_ratio > 0,
            "status": (
                f"{schools['without_enrollment']} school(s) without enrollment; "
                f"{roles_with_ratio} mental health role(s) with a recommended ratio"
            ),
            "url_name": "people:district_settings",
            "link": "District settings",
            "also": ("people:ratios", "Staffing ratios"),
        },
        {
            "title": "Review roles and tasks",
            "done": None,
            "status": "Start from the practice's roles and task list, and adjust them to your district",
            "url_name": "people:catalogue",
            "link": "Roles & tasks",
        },
    ]
