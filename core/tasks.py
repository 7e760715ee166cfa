"""The scheduler's tick: the worker's task that runs the hourly jobs (``core.scheduler``)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from core.scheduler import next_tick_at, run_hourly_jobs


@task()
def tick() -> dict[str, str]:
    """Queue the next tick (start of the next hour), then run every hourly job.

    The next tick is queued first so that a job crashing the worker does not
    stop the clock. Backends that cannot defer (the immediate one used in
    tests) just run the jobs once.
    """
    if tick.get_backend().supports_defer:
        queue_tick(run_after=next_tick_at(timezone.now()))
    return run_hourly_jobs()


def waiting_ticks():
    """Ticks in the database queue that have not started yet (due now or later)."""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=tick.module_path)


def queue_tick(*, run_after: dt.datetime | None = None) -> bool:
    """Queue a tick unless one is already waiting; returns whether one was queued.

    With the database backend this keeps exactly one tick in the queue, however
    often it is called (by each tick, by ``start_scheduler`` at every deploy).
    With a backend that cannot defer, the tick runs at once.
    """
    from django_tasks_db import DatabaseBackend

    backend = tick.get_backend()
    if not backend.supports_defer:
        tick.enqueue()
        return True
    with transaction.atomic():
        if isinstance(backend, DatabaseBackend) and waiting_ticks().filter(backend_name=backend.alias).exists():
            return False
        tick.using(run_after=run_after or timezone.now()).enqueue()
    return True
