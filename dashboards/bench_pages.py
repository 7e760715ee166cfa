"""The dashboards in the benchmark: the district over 100,000 reflections at the largest scale
(``dashboards/bench_extra.py`` loads them), the principal's school, and a role."""

import datetime as dt

from bench.pages import PAGES, Page, home_school, largest_school, school_counselor_role
from people.demo import COUNSELOR, DIRECTOR, PRINCIPAL
from reflections.periods import quarter_of

# The same quarter a year earlier than the last one that is over.
A_YEAR_EARLIER = quarter_of(dt.date.today()).previous().previous().previous().previous().previous()

PAGES.extend(
    [
        Page(
            "dashboards:district",
            None,
            DIRECTOR,
            label="dashboards:district (100,000 reflections at max)",
            target_ms=300,
        ),
        Page(
            "dashboards:district",
            None,
            DIRECTOR,
            f"quarter={A_YEAR_EARLIER.key}",
            "dashboards:district (a year earlier)",
            300,
        ),
        Page("dashboards:school", home_school, PRINCIPAL, label="dashboards:school (principal)"),
        Page("dashboards:school", largest_school, DIRECTOR, label="dashboards:school (largest school)"),
        Page("dashboards:role", school_counselor_role, DIRECTOR, label="dashboards:role (school counselors)"),
        Page("dashboards:role", school_counselor_role, PRINCIPAL, label="dashboards:role (principal's counselors)"),
        Page("dashboards:mine", None, COUNSELOR),
        Page("dashboards:reflection_form_blank", None, COUNSELOR),
    ]
)
