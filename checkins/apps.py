from django.apps import AppConfig


class CheckinsConfig(AppConfig):
    name = "checkins"
    verbose_name = "Regular check-ins"

    def ready(self) -> None:
        # Registrations: the polls' hourly jobs (automatic reminder 48 hours ahead, closing at the deadline).
        from checkins.services import polls  # noqa: F401 — registers its jobs with core.scheduler
