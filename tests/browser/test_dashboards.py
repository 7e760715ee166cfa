"""The district dashboard in a real browser: charts drawn by Chart.js beside their tables, a school
below the minimum group size hidden, the print view of the blank form. Every page is checked with axe-core.
The reflections are dated in the last quarter that is over: group figures are published per quarter.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dashboards.tests.makers import colleagues, reflect
from reflections.figures import hidden_reason
from reflections.periods import quarter_of
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_an_admin_reads_the_district_dashboard_with_charts_and_tables(personas, visitor):
    last_quarter = quarter_of(dt.date.today()).previous().start
    for person in colleagues(personas.district, personas.school_a, 6):
        reflect(person, last_quarter + dt.timedelta(days=20), barrier_kinds=("duties", "space"))
    for person in colleagues(personas.district, personas.school_b, 2, role_key="school-psychologist"):
        reflect(person, last_quarter + dt.timedelta(days=40))
    page = visitor.page
    visitor.log_in(personas.admin.email, PASSWORD)
    visitor.goto("/dashboards/")
    visitor.goto("/dashboards/district/")
    for chart in ("chart-time", "chart-services", "chart-trend", "chart-barriers"):
        assert page.evaluate(f"!!Chart.getChart(document.getElementById('{chart}'))"), f"{chart} was not drawn"
    assert page.locator("#table-time tbody tr").count() == 8
    assert page.locator("#table-services").get_by_text(hidden_reason(5)).is_visible()
    assert page.locator("#table-services").get_by_text(hidden_reason(5, protects=True)).is_visible()

    # Printed, the tables and the drawn charts stay; the filters and links go.
    page.emulate_media(media="print")
    assert page.locator("#table-time").is_visible() and page.locator("#chart-time").is_visible()
    assert not page.locator("form.filters").is_visible()
    page.emulate_media(media="screen")

    visitor.goto(f"/dashboards/schools/{personas.school_b.pk}/")
    assert page.get_by_text(hidden_reason(5)).is_visible()
    visitor.goto("/dashboards/reflection-form/")
    assert page.locator("table.paper-time tbody tr").count() == 8


def test_a_counselor_reads_their_own_reflections_over_time(personas, visitor):
    today = dt.date.today()
    reflect(personas.counselor_a, today - dt.timedelta(days=35))
    mine = reflect(personas.counselor_a, today, barrier_kinds=("space",))
    page = visitor.page
    visitor.log_in(personas.counselor_a.email, PASSWORD)
    visitor.goto("/dashboards/mine/")
    assert page.evaluate("!!Chart.getChart(document.getElementById('chart-time'))")
    assert page.locator("#table-trend tbody tr").count() >= 1
    visitor.goto(f"/dashboards/reflection-form/{mine.pk}/")
    assert page.locator(".paper-reflection dd", has_text="Casey Counselor").is_visible()
