"""The agreements' parts of the dashboards (registered with ``dashboards.hooks`` from ``AgreementsConfig.ready``).

- The person's own dashboard: each of their agreements of this school year, planned shares against their
  latest reflection's current time with the gap per task type, and each goal's trajectory.
- The district dashboard: planned against actual direct and indirect share per role (group figures,
  hidden below the minimum group size) and a link to the district's agreements.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from actions.services import local_today
from agreements.access import visible_agreements
from agreements.content import with_parts
from agreements.figures import planned_vs_actual_figures
from agreements.measure import planned_against_current
from agreements.progress import goal_rows
from agreements.rules import year_of
from core.panels import Panel
from people.models import District, StaffMember


def my_agreements_panel(member: StaffMember) -> Panel | None:
    return _agreements_panel(member, member, "My annual agreement: planned against actual")


def staff_page_panel(staff: StaffMember, viewer: StaffMember) -> Panel | None:
    """A person's agreements of this school year on their staff page, for those who may see them."""
    return _agreements_panel(staff, viewer, "Annual agreement: planned against actual")


def _agreements_panel(staff: StaffMember, viewer: StaffMember, title: str) -> Panel | None:
    today = local_today(viewer.district)
    mine = visible_agreements(viewer).filter(staff=staff, year=year_of(today))
    agreements = list(with_parts(mine).order_by("school__name"))
    if not agreements:
        return None
    parts = []
    for agreement in agreements:
        day, comparison = planned_against_current(agreement, viewer_id=viewer.pk)
        parts.append(
            {
                "agreement": agreement,
                "reflection_day": day,
                "comparison": comparison,
                "goals": goal_rows(agreement, viewer=viewer, today=today),
            }
        )
    html = render_to_string("agreements/_dashboard_mine.html", {"parts": parts, "member": viewer})
    return Panel(title=title, html=html)


def district_panel(district: District) -> Panel | None:
    # Only the planned against actual rows: the goals' standings over every agreement stay on the
    # agreements' own district page, so the dashboard keeps its speed at the largest scale.
    rows = planned_vs_actual_figures(district, year_of(local_today(district)))
    figures = {"planned_vs_actual": rows, "minimum": district.min_group_size}
    html = render_to_string("agreements/_dashboard_district.html", {"figures": figures})
    return Panel(title="Annual agreements: planned against actual", html=html)
