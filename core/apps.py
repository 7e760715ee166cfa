from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from core import statistics  # noqa: F401 — registers refresh_query_statistics as an hourly job
