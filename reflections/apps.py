from django.apps import AppConfig


class ReflectionsConfig(AppConfig):
    name = "reflections"
    verbose_name = "Staff reflections"

    def ready(self) -> None:
        # The hourly tick reminds those who have not answered a request due tomorrow (once per request).
        from checkins.hooks import on_reflections_shown, shared_reflections_source
        from core.scheduler import hourly
        from reflections.publication import publish_due_figures
        from reflections.reads import prune_reads, shown_at_checkin
        from reflections.services import send_due_reminders
        from reflections.shared_with_checkins import shared_reflections

        hourly(send_due_reminders)
        # Who read what: reads older than READ_LOG_DAYS go; reads on the check-in page are recorded.
        hourly(prune_reads)
        on_reflections_shown(shown_at_checkin)
        # The meeting page lists the reflections shared with its check-in.
        shared_reflections_source(shared_reflections)
        # Once a quarter is over, its group figures are published (and never change afterwards).
        hourly(publish_due_figures)
