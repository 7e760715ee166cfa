"""Every GET page of the app, as the benchmark requests it.

Each entry is a :class:`Page`: a URL name, a function building its URL
kwargs from the demo district (``None`` when there are none), the email of the
demo persona who requests it (``None`` for an anonymous visitor), and
optionally a query string and a label. Later capabilities append their pages
from a ``bench_pages.py`` module in their app, which the benchmark imports
(Django's ``autodiscover_modules``) before it measures:

    # actions/bench_pages.py
    from bench.pages import PAGES, Page
    from people.demo import DIRECTOR

    PAGES.append(Page("actions:item_list", None, DIRECTOR, "status=open"))

Kwargs builders run inside the benchmark's process with the demo loaded;
they may query the database (their queries are not counted).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from people.demo import COUNSELOR, DIRECTOR, OPERATOR, PRINCIPAL

KwargsBuilder = Callable[[Any], dict[str, Any]]


class Page(NamedTuple):
    url_name: str
    kwargs: KwargsBuilder | None
    persona: str | None
    query: str = ""
    label: str = ""
    target_ms: float | None = None  # p95 target at the largest scale when not the default 150 ms

    @property
    def title(self) -> str:
        return self.label or (f"{self.url_name}?{self.query}" if self.query else self.url_name)


def home_school(district) -> dict[str, Any]:
    """The principal persona's school (a mid-sized elementary school)."""
    from people.models import Leadership

    return {"pk": Leadership.objects.get(district=district, staff__email=PRINCIPAL).school_id}


def largest_school(district) -> dict[str, Any]:
    """The school with the most students, hence the most staff."""
    return {"pk": district.schools.order_by("-enrollment", "pk").values_list("pk", flat=True).first()}


def counselor(district) -> dict[str, Any]:
    from people.models import StaffMember

    return {"pk": StaffMember.objects.get(district=district, email=COUNSELOR).pk}


def school_counselor_role(district) -> dict[str, Any]:
    return {"pk": district.roles.get(seed_key="school-counselor").pk}


PAGES: list[Page] = [
    Page("accounts:login", None, None),
    Page("home:home", None, DIRECTOR, label="home:home (district admin)"),
    Page("home:home", None, PRINCIPAL, label="home:home (principal)"),
    Page("home:home", None, COUNSELOR, label="home:home (counselor)"),
    Page("people:districts", None, OPERATOR),
    Page("people:ratios", None, DIRECTOR),
    Page("people:ratios", None, PRINCIPAL, "level=middle&page=2", label="people:ratios (principal, filtered)"),
    Page("people:school_list", None, DIRECTOR),
    Page("people:school_list", None, DIRECTOR, "q=lincoln"),  # a name found at both scales
    Page("people:school_list", None, DIRECTOR, "level=high"),
    Page("people:school_detail", home_school, DIRECTOR),
    Page("people:school_detail", largest_school, DIRECTOR, label="people:school_detail (largest school)"),
    Page("people:school_new", None, DIRECTOR),
    Page("people:school_edit", home_school, DIRECTOR),
    Page("people:school_delete", home_school, DIRECTOR),
    Page("people:staff_list", None, DIRECTOR),
    Page("people:staff_list", None, DIRECTOR, "q=rivera"),
    Page("people:staff_list", None, DIRECTOR, "login=yes"),
    Page("people:staff_list", None, DIRECTOR, "login=not_invited"),
    Page("people:people_search", None, PRINCIPAL, "q=rivera", label="people:people_search (a name)"),
    Page("people:people_search", None, PRINCIPAL, "q=lincoln", label="people:people_search (a school)"),
    Page("home:setup", None, DIRECTOR),
    Page("accounts:email_link", None, None),
    Page("people:staff_detail", counselor, DIRECTOR),
    Page("people:staff_new", None, DIRECTOR),
    Page("people:staff_edit", counselor, DIRECTOR),
    Page("people:catalogue", None, DIRECTOR),
    Page("people:role_edit", school_counselor_role, DIRECTOR),
    Page("people:district_settings", None, DIRECTOR),
    Page("people:roster_import", None, DIRECTOR),
]
