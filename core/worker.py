"""The background worker that stays up: ``manage.py run_worker``.

It is django-tasks-db's worker (``db_worker``) with three differences:

- **The loop survives the database**: an error while fetching or recording tasks (a lock held
  too long, a restarting server, a dropped connection) is logged, the connection is dropped, and
  the loop starts again after a wait that grows from 1 s to :data:`LOOP_WAIT_MAX`; the worker
  never exits on it.
- **A task that fails on a database error is retried**: it goes back in the queue after
  :func:`task_retry_delay`, up to :data:`TASK_RETRIES` times, instead of being marked failed. Other
  errors fail the task as before (logged with its traceback). Tasks must therefore be safe to run
  again, as every task here is (claims with conditional updates, jobs that decide from the data).
- **Start-up work**: functions registered with :func:`at_start` run when the worker starts (the
  hourly tick is queued, waiting email is delivered), and tasks this worker left "running" after an
  error in its loop go back in the queue.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable

from django.db import Error, close_old_connections, connections
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

LOOP_WAIT_MAX = 60.0
TASK_RETRIES = 8
START_HOOKS: list[Callable[[], object]] = []


def at_start(function: Callable[[], object]) -> Callable[[], object]:
    """Run ``function`` each time a worker starts (register from ``AppConfig.ready()``; twice is harmless)."""
    if function not in START_HOOKS:
        START_HOOKS.append(function)
    return function


def task_retry_delay(runs: int) -> dt.timedelta | None:
    """The wait before running again a task whose ``runs``-th run failed on the database; None: give up.

    >>> task_retry_delay(1), task_retry_delay(4)
    (datetime.timedelta(seconds=10), datetime.timedelta(seconds=640))
    >>> task_retry_delay(TASK_RETRIES + 1) is None
    True
    """
    if runs > TASK_RETRIES:
        return None
    return dt.timedelta(seconds=min(10 * 4 ** (runs - 1), 3600))


def failed_on_database(result: DBTaskResult) -> bool:
    """Whether a failed task's exception was a database error (worth running again later)."""
    try:
        exception = import_string(result.exception_class_path)
    except ImportError:
        return False
    return isinstance(exception, type) and issubclass(exception, Error)


class SteadyWorker(Worker):
    """django-tasks-db's worker, kept up through database errors (see the module's docstring)."""

    def run(self) -> None:
        self.start_up()
        wait = 1.0
        while self.running:
            try:
                super().run()
                return  # --batch or --max-tasks reached, or shutting down
            except Exception:  # noqa: BLE001 — logged; the worker must outlive a database outage
                logger.exception("The worker's loop failed; starting again in %.0f s", wait)
                self.after_database_error()
                time.sleep(wait)
                wait = min(wait * 2, LOOP_WAIT_MAX)

    def start_up(self) -> None:
        for hook in START_HOOKS:
            try:
                hook()
            except Exception:  # noqa: BLE001 — a failing hook is logged; the worker still starts
                logger.exception("Worker start-up step %s failed", getattr(hook, "__qualname__", hook))

    def after_database_error(self) -> None:
        """Drop broken connections and put back in the queue the tasks this worker was running."""
        for connection in connections.all():
            connection.close()
        try:
            running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, backend_name=self.backend_name)
            for result in running:
                if result.worker_ids and result.worker_ids[-1] == self.worker_id:
                    DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
                        status=TaskResultStatus.READY, run_after=timezone.now()
                    )
        except Error:
            logger.warning("Could not yet put this worker's running tasks back in the queue")

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        if db_task_result.status == TaskResultStatus.FAILED and failed_on_database(db_task_result):
            self.retry_later(db_task_result)

    def retry_later(self, result: DBTaskResult) -> None:
        delay = task_retry_delay(len(result.worker_ids))
        if delay is None:
            logger.error(
                "Task %s (%s) failed on the database %s times; left failed", result.pk, result.task_path, TASK_RETRIES
            )
            return
        logger.warning(
            "Task %s (%s) failed on the database; running it again in %s", result.pk, result.task_path, delay
        )
        close_old_connections()
        DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.FAILED).update(
            status=TaskResultStatus.READY, run_after=timezone.now() + delay, finished_at=None
        )
