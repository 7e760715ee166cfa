from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from core import (
            middleware,  # noqa: F401 — a login marks its session as just renewed
            statistics,  # noqa: F401 — registers refresh_query_statistics as an hourly job
        )
        from core.tasks import queue_tick
        from core.worker import at_start

        at_start(queue_tick)  # every worker start makes sure the hourly tick is queued
