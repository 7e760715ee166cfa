from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Action-item tracker"

    def ready(self) -> None:
        # Registrations: the weekly digest runs at every hourly tick; the demo gets action items.
        from actions import reminders  # noqa: F401 — registers send_weekly_digests with core.scheduler
        from actions.demo import build_demo_items
        from people.demo import demo_builder

        demo_builder(build_demo_items)
