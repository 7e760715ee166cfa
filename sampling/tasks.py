"""The worker's task that emails the moments of one minute (queued by ``sampling.prompts.schedule_prompts``)."""

from __future__ import annotations

from django_tasks import task

from sampling.prompts import send_due_prompts


@task()
def send_prompts() -> int:
    """Email every moment whose minute has come and that was not asked yet; returns how many."""
    return send_due_prompts()
