from django.apps import AppConfig


class CheckinsConfig(AppConfig):
    name = "checkins"
    verbose_name = "Regular check-ins"

    def ready(self) -> None:
        # Registrations with core.scheduler: the polls' hourly jobs (automatic reminder 48 hours ahead,
        # closing at the deadline) and the reflection requests sent days before each meeting.
        # The demo's series, polls and meetings: checkins/demo.py.
        from checkins.demo import build_demo_checkins
        from checkins.services import polls, reflection_requests  # noqa: F401
        from people.demo import demo_builder

        demo_builder(build_demo_checkins)
