from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Email outbox"

    def ready(self) -> None:
        # Waiting email is delivered when a worker starts and checked every hour, so a message whose
        # delivery was never queued (or whose worker died) is not left waiting for the next email.
        from core.scheduler import hourly
        from core.worker import at_start
        from outbox.tasks import queue_delivery

        hourly(queue_delivery)
        at_start(queue_delivery)
