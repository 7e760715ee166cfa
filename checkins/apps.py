from django.apps import AppConfig


class CheckinsConfig(AppConfig):
    name = "checkins"
    verbose_name = "Regular check-ins"

    def ready(self) -> None:
        # Registrations with core.scheduler: the polls' hourly jobs (automatic reminder 48 hours ahead,
        # closing at the deadline) and the reflection requests sent days before each meeting.
        # The demo's series, polls and meetings: checkins/demo.py.
        from checkins.demo import build_demo_checkins
        from checkins.services.polls import close_expired_polls, send_automatic_reminders
        from checkins.services.reflection_requests import send_reflection_requests
        from core.scheduler import hourly
        from people.demo import demo_builder

        hourly(send_automatic_reminders)
        hourly(close_expired_polls)
        hourly(send_reflection_requests)
        demo_builder(build_demo_checkins)
