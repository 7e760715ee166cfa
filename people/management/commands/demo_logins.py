"""``python manage.py demo_logins``: print the demo's logins (also in docs/demo-logins.md)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from people.demo import logins_table


class Command(BaseCommand):
    help = "Print the demo logins: persona, email, password and what each can do."

    def add_arguments(self, parser):
        parser.add_argument("--markdown", action="store_true", help="Print a Markdown table.")

    def handle(self, *args, markdown: bool, **options):
        if not markdown:
            self.stdout.write("Demo logins (all share one password):\n")
        self.stdout.write(logins_table(markdown=markdown))
