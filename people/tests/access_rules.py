"""The school calendar's URLs in the access matrix (tests/test_access_matrix.py)."""

from __future__ import annotations

import datetime as dt

from conftest import Personas
from tests.access import ADMIN, Rule


def school_year(p: Personas) -> dict:
    from people.models import SchoolYear

    year = SchoolYear.objects.create(district=p.district, first_day=dt.date(2026, 8, 19), last_day=dt.date(2027, 6, 11))
    return {"pk": year.pk}


def closure(p: Personas) -> dict:
    from people.models import Closure

    made = Closure.objects.create(
        district=p.district, name="Winter break", first_day=dt.date(2026, 12, 21), last_day=dt.date(2027, 1, 1)
    )
    return {"pk": made.pk}


RULES: dict[str, Rule] = {
    "people:school_calendar": Rule(ADMIN),
    "people:school_year_delete": Rule(ADMIN, kwargs=school_year, tenant_object=True, post_only=True),
    "people:closure_delete": Rule(ADMIN, kwargs=closure, tenant_object=True, post_only=True),
}
