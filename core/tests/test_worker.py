"""The worker stays up: a database error in its loop or in a task is logged and retried, never fatal."""

from __future__ import annotations

import datetime as dt
import signal
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from core import worker
from core.tests import worker_tasks
from core.worker import SteadyWorker

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def database_tasks(settings, transactional_db, monkeypatch):
    # The worker closes its database connection after each task, which ends a test wrapped in a transaction.
    settings.TASKS = DATABASE_TASKS
    worker_tasks.FAILURES_LEFT.clear()
    worker_tasks.RUNS.clear()
    monkeypatch.setattr(worker, "START_HOOKS", [])
    monkeypatch.setattr(worker.time, "sleep", lambda seconds: None)
    # The worker installs its own handlers for Ctrl+C and stop signals; give the test process its own back.
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for number, handler in handlers.items():
        signal.signal(number, handler)


def run_worker(**options) -> None:
    call_command("run_worker", batch=True, interval=0, startup_delay=False, stdout=StringIO(), **options)


def test_a_task_failing_on_a_locked_database_runs_again_later_and_succeeds(database_tasks):
    worker_tasks.FAILURES_LEFT["report"] = 2
    result = worker_tasks.flaky.enqueue("report")
    run_worker()
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.READY
    assert row.run_after > timezone.now() + dt.timedelta(seconds=5)
    for _ in range(2):
        with time_machine.travel(DBTaskResult.objects.get(pk=result.id).run_after + dt.timedelta(seconds=1)):
            run_worker()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == "report"
    assert worker_tasks.RUNS == ["report"] * 3


def test_a_task_failing_on_the_database_every_time_is_given_up_after_its_retries(database_tasks):
    worker_tasks.FAILURES_LEFT["never"] = 100
    result = worker_tasks.flaky.enqueue("never")
    now = timezone.now()
    for _ in range(worker.TASK_RETRIES + 3):
        with time_machine.travel(now):
            run_worker()
        now += dt.timedelta(hours=2)
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.FAILED
    assert len(worker_tasks.RUNS) == worker.TASK_RETRIES + 1


def test_a_task_failing_on_a_bug_is_failed_at_once(database_tasks):
    result = worker_tasks.broken.enqueue("bug")
    run_worker()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.FAILED
    assert worker_tasks.RUNS == ["bug"]


def test_the_worker_loop_survives_a_database_outage_and_then_runs_the_task(database_tasks, monkeypatch, caplog):
    result = worker_tasks.flaky.enqueue("after the outage")
    outages = {"left": 3}
    real_get_locked = DBTaskResultQuerySet.get_locked

    def unreachable(queryset):
        if outages["left"]:
            outages["left"] -= 1
            raise OperationalError("server closed the connection unexpectedly")
        return real_get_locked(queryset)

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", unreachable)  # how the worker fetches a task
    run_worker()
    assert outages["left"] == 0
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL
    assert caplog.text.count("The worker's loop failed") == 3


def test_a_task_this_worker_was_running_when_its_loop_failed_goes_back_in_the_queue(database_tasks, monkeypatch):
    result = worker_tasks.flaky.enqueue("interrupted")
    steady = SteadyWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="worker-1",
        excluded_queue_names=[],
    )
    DBTaskResult.objects.filter(pk=result.id).update(status=TaskResultStatus.RUNNING, worker_ids=["worker-1"])
    other = worker_tasks.flaky.enqueue("someone else's")
    DBTaskResult.objects.filter(pk=other.id).update(status=TaskResultStatus.RUNNING, worker_ids=["worker-2"])
    steady.after_database_error()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY
    assert DBTaskResult.objects.get(pk=other.id).status == TaskResultStatus.RUNNING


def test_start_up_hooks_run_and_a_failing_one_does_not_stop_the_worker(database_tasks, monkeypatch):
    ran = []

    def fails():
        raise OperationalError("database is locked")

    monkeypatch.setattr(worker, "START_HOOKS", [fails, lambda: ran.append("queued the tick")])
    run_worker()
    assert ran == ["queued the tick"]
