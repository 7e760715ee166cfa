"""The role definition pages in the benchmark (bench/pages.py)."""

from __future__ import annotations

from bench.pages import PAGES, Page, home_school
from people.demo import COUNSELOR, DIRECTOR

# --- capability matrix and glossary ---
PAGES.extend(
    [
        Page("roles:matrix", None, DIRECTOR, label="roles:matrix (district admin)"),
        Page("roles:matrix", None, COUNSELOR, label="roles:matrix (counselor)"),
        Page("roles:matrix_print", None, DIRECTOR),
        Page("roles:matrix_template", None, DIRECTOR),
        Page("roles:glossary", None, DIRECTOR),
        Page("roles:training_new", None, DIRECTOR),
    ]
)
# --- shift plans ---
from people.demo import PRINCIPAL  # noqa: E402 — the shift plans' part


def _demo_plan(district) -> dict:
    """The demo's district-wide shift plan (non-counseling duties moving to administrators)."""
    from roles.models import ShiftPlan

    return {
        "pk": ShiftPlan.objects.filter(district=district, school__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    }


PAGES.extend(
    [
        Page("roles:capacity", None, DIRECTOR, label="roles:capacity (constrained-staff ranking)"),
        Page("roles:capacity", None, DIRECTOR, "role=&q=elementary", label="roles:capacity (search schools)"),
        Page("roles:tasks_to_shift", None, DIRECTOR),
        Page("roles:plan_list", None, DIRECTOR, label="roles:plan_list (district admin)"),
        Page("roles:plan_list", None, PRINCIPAL, label="roles:plan_list (principal)"),
        Page("roles:plan_list", None, COUNSELOR, label="roles:plan_list (counselor)"),
        Page("roles:plan_new", None, DIRECTOR),
        Page("roles:plan_detail", _demo_plan, DIRECTOR),
        Page("roles:plan_print", _demo_plan, DIRECTOR),
    ]
)


# --- shift planner ---
def _demo_run(district) -> dict:
    """The demo's finished district-wide planner run (``roles.demo.solve_demo_planner_run``)."""
    from roles.models import PlannerRun

    return {"pk": PlannerRun.objects.filter(district=district).order_by("pk").values_list("pk", flat=True).first()}


PAGES.extend(
    [
        Page("roles:planner", None, DIRECTOR, label="roles:planner (inputs, district)"),
        Page("roles:planner", None, DIRECTOR, "page=50", label="roles:planner (inputs, district, page 50)"),
        Page("roles:planner_estimates", home_school, PRINCIPAL, label="roles:planner_estimates (principal)"),
        Page("roles:planner_runs", None, DIRECTOR),
        Page("roles:planner_run", _demo_run, DIRECTOR, label="roles:planner_run (demo run)"),
        Page("roles:planner_run", _demo_run, PRINCIPAL, label="roles:planner_run (principal)"),
        Page("roles:planner_compare", None, DIRECTOR),
    ]
)
