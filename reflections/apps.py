from django.apps import AppConfig


class ReflectionsConfig(AppConfig):
    name = "reflections"
    verbose_name = "Staff reflections"

    def ready(self) -> None:
        # The hourly tick reminds those who have not answered a request due tomorrow (once per request).
        from core.scheduler import hourly
        from reflections.services import send_due_reminders

        hourly(send_due_reminders)
