from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from outbox.models import OutboxMessage
from outbox.services import deliver_pending

RETRY_AFTER = timedelta(minutes=2)


@task()
def deliver_outbox() -> int:
    """Deliver pending email; if some is still waiting (delivery failed), try again later."""
    sent = deliver_pending()
    # Backends that cannot defer (the immediate one used in tests) leave the
    # retry to the next delivery or to ``manage.py send_outbox``.
    if deliver_outbox.get_backend().supports_defer and OutboxMessage.objects.pending().exists():
        deliver_outbox.using(run_after=timezone.now() + RETRY_AFTER).enqueue()
    return sent
