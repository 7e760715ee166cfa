from django.core.management.base import BaseCommand

from outbox.services import deliver_pending


class Command(BaseCommand):
    help = "Deliver every pending email in the outbox now (the worker normally does this)."

    def handle(self, *args, **options):
        sent = deliver_pending(limit=100_000)
        self.stdout.write(f"Sent {sent} message(s).")
