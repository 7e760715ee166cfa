"""Hourly jobs for the worker, which has no cron of its own.

Apps register a job with :func:`hourly` from their ``AppConfig.ready()`` (so
every process that runs the worker has them), never as a side effect of importing a module. The ``core.tasks.tick`` task
runs every registered job, then queues the next tick for the start of the
next hour; ``manage.py start_scheduler`` queues the first one.

A job must decide from the data what is due, so that running it twice in an
hour, or late after the worker was down, does no harm.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

Job = Callable[[], object]
HOURLY_JOBS: list[Job] = []
"""The registered jobs, run in registration order at every tick."""

# A little after the hour, so a job deciding "is it 7:00 yet?" sees 7:00.
TICK_DELAY = dt.timedelta(seconds=5)


def hourly(job: Job) -> Job:
    """Register ``job`` to run at every tick (usable as a decorator); registering twice is harmless."""
    if job not in HOURLY_JOBS:
        HOURLY_JOBS.append(job)
    return job


def job_name(job: Job) -> str:
    return f"{job.__module__}.{job.__qualname__}"


def run_hourly_jobs() -> dict[str, str]:
    """Run every registered job; one failing job is logged and does not stop the others.

    Returns each job's outcome as text (the tick stores it as its result).
    """
    outcomes: dict[str, str] = {}
    for job in list(HOURLY_JOBS):
        name = job_name(job)
        try:
            outcomes[name] = str(job())
        except Exception:  # noqa: BLE001 — the next job, and the next tick, must still run
            logger.exception("Hourly job %s failed", name)
            outcomes[name] = "failed"
    return outcomes


def next_tick_at(now: dt.datetime) -> dt.datetime:
    """The start of the hour after ``now``, plus :data:`TICK_DELAY`.

    >>> next_tick_at(dt.datetime(2026, 11, 30, 12, 59, 58, tzinfo=dt.UTC))
    datetime.datetime(2026, 11, 30, 13, 0, 5, tzinfo=datetime.timezone.utc)
    """
    return now.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1) + TICK_DELAY
