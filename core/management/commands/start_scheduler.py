"""Make sure the worker's hourly tick is queued (run this at every start or deploy; safe to repeat)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from core.tasks import queue_tick, tick


class Command(BaseCommand):
    help = "Queue the hourly tick for the worker unless one is already waiting (the first one runs now)."

    def handle(self, *args, **options) -> None:
        if not tick.get_backend().supports_defer:
            queue_tick()
            self.stdout.write("This task backend runs tasks at once: the hourly jobs ran once.")
        elif queue_tick():
            self.stdout.write("Queued the hourly tick; the worker runs it now and then every hour.")
        else:
            self.stdout.write("The hourly tick is already queued.")
