"""Tasks for the worker's tests (core/tests/test_worker.py): one that fails on the database at first."""

from __future__ import annotations

from django.db import OperationalError
from django_tasks import task

FAILURES_LEFT: dict[str, int] = {}
RUNS: list[str] = []


@task()
def flaky(name: str) -> str:
    """Fails with "database is locked" while ``FAILURES_LEFT[name]`` is above zero, then succeeds."""
    RUNS.append(name)
    if FAILURES_LEFT.get(name, 0) > 0:
        FAILURES_LEFT[name] -= 1
        raise OperationalError("database is locked")
    return name


@task()
def broken(name: str) -> str:
    """Fails with an error that is not the database's: failed at once, not retried."""
    RUNS.append(name)
    raise ValueError("a bug")
