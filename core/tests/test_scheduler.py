"""The scheduler: the hourly tick runs the registered jobs; start_scheduler keeps exactly one tick queued."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django_tasks import TaskResultStatus

from core import scheduler
from core.scheduler import hourly, next_tick_at, run_hourly_jobs
from core.tasks import tick, waiting_ticks

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def ran(monkeypatch):
    """A registry holding one job that records its runs."""
    runs: list[str] = []
    monkeypatch.setattr(scheduler, "HOURLY_JOBS", [])

    @hourly
    def job():
        runs.append("ran")
        return len(runs)

    return runs


def start() -> str:
    out = StringIO()
    call_command("start_scheduler", stdout=out)
    return out.getvalue()


def test_the_next_tick_is_a_few_seconds_after_the_next_hour():
    assert next_tick_at(dt.datetime(2026, 11, 30, 12, 59, 58, tzinfo=dt.UTC)) == dt.datetime(
        2026, 11, 30, 13, 0, 5, tzinfo=dt.UTC
    )
    assert next_tick_at(dt.datetime(2026, 11, 30, 13, 0, 5, tzinfo=dt.UTC)) == dt.datetime(
        2026, 11, 30, 14, 0, 5, tzinfo=dt.UTC
    )


def test_registering_a_job_twice_runs_it_once(ran):
    hourly(scheduler.HOURLY_JOBS[0])
    run_hourly_jobs()
    assert ran == ["ran"]


def test_a_failing_job_does_not_stop_the_others(ran):
    @hourly
    def broken():
        raise RuntimeError("boom")

    scheduler.HOURLY_JOBS.reverse()
    outcomes = run_hourly_jobs()
    assert ran == ["ran"]
    assert "failed" in outcomes.values()


def test_the_tick_runs_the_registered_jobs(ran):
    result = tick.enqueue()  # the immediate backend runs it at once
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert ran == ["ran"]


def test_the_weekly_digest_is_registered_by_the_actions_app():
    from actions.reminders import send_weekly_digests

    assert send_weekly_digests in scheduler.HOURLY_JOBS


def test_with_the_immediate_backend_start_scheduler_runs_the_jobs_once(ran):
    assert "ran once" in start()
    assert ran == ["ran"]


def test_start_scheduler_queues_one_tick_and_not_two(ran, settings):
    settings.TASKS = DATABASE_TASKS
    assert "Queued" in start()
    assert "already queued" in start()
    assert waiting_ticks().count() == 1
    assert ran == []  # the worker runs it, not the command


def test_a_tick_run_by_the_worker_queues_the_next_one_at_the_next_hour(ran, settings, transactional_db):
    # The worker closes its database connection after each task, which ends a test wrapped in a transaction.
    settings.TASKS = DATABASE_TASKS
    with time_machine.travel(dt.datetime(2026, 11, 30, 13, 20, tzinfo=dt.UTC), tick=False):
        start()
        first = waiting_ticks().get()
        call_command("db_worker", batch=True, interval=0, startup_delay=False, stdout=StringIO())
    assert ran == ["ran"]
    first.refresh_from_db()
    assert first.status == TaskResultStatus.SUCCESSFUL
    [following] = waiting_ticks()
    assert following.run_after == dt.datetime(2026, 11, 30, 14, 0, 5, tzinfo=dt.UTC)


def test_start_scheduler_while_a_tick_is_running_leaves_one_tick_queued(ran, settings):
    settings.TASKS = DATABASE_TASKS
    start()
    waiting_ticks().update(status=TaskResultStatus.RUNNING)  # the worker has it
    start()  # queues a fresh one, due now
    tick.call()  # the running tick finishes: it finds one waiting and queues no other
    assert waiting_ticks().count() == 1
