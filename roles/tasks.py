"""The role definition app's worker tasks."""

from __future__ import annotations

from django_tasks import task

from roles.planning.runs import execute_run


@task()
def solve_planner_run(run_id: int) -> str:
    """Solve a queued shift planner run and store its result (``roles.planning.runs``)."""
    return execute_run(run_id)
