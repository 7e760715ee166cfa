from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from core import middleware  # noqa: F401 — a login marks its session as just renewed
        from core.scheduler import hourly
        from core.statistics import refresh_query_statistics
        from core.tasks import queue_tick
        from core.worker import at_start

        at_start(queue_tick)  # every worker start makes sure the hourly tick is queued
        hourly(refresh_query_statistics)
