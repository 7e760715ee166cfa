"""The worker's delivery task, and queuing it once however often it is asked for."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from outbox import services


@task()
def deliver_outbox() -> int:
    """Deliver due email, then queue the next delivery for when the next message becomes due.

    Backends that cannot defer (the immediate one used in tests) leave the next delivery to the
    next email, the hourly tick or ``manage.py send_outbox``.
    """
    sent = services.deliver_pending()
    following = services.next_delivery_at()
    if following is not None and deliver_outbox.get_backend().supports_defer:
        queue_delivery(run_after=max(following, timezone.now()))
    return sent


def queue_delivery(*, run_after: dt.datetime | None = None) -> bool:
    """Queue a delivery at ``run_after`` (default now) unless one is already waiting to run by then.

    Every email asks for a delivery; with the database backend this keeps one waiting delivery
    instead of one per email. Returns whether a delivery was queued.
    """
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = deliver_outbox.get_backend()
    at = run_after or timezone.now()
    if not backend.supports_defer:
        deliver_outbox.enqueue()
        return True
    with transaction.atomic():
        if isinstance(backend, DatabaseBackend):
            waiting = DBTaskResult.objects.filter(
                status=TaskResultStatus.READY,
                task_path=deliver_outbox.module_path,
                backend_name=backend.alias,
                run_after__lte=at,
            )
            if waiting.exists():
                return False
        deliver_outbox.using(run_after=at).enqueue()
    return True
