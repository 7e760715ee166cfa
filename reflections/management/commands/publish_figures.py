"""``manage.py publish_figures [--district SLUG] [--years N]``: make the missing quarters' group figures."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from people.models import District
from reflections.publication import publish_figures


class Command(BaseCommand):
    help = (
        "Publish the group figures of every quarter that is over and has none yet (the hourly job does "
        "the quarter that has just ended; figures, once published, never change)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--district", help="Only this district (its slug).")
        parser.add_argument("--years", type=int, default=5, help="School years back (default 5).")

    def handle(self, *args, **options):
        districts = District.objects.all()
        if options["district"]:
            districts = districts.filter(slug=options["district"])
            if not districts.exists():
                raise CommandError(f"No district with the slug {options['district']!r}.")
        for district in districts:
            made = publish_figures(district, years=options["years"])
            self.stdout.write(f"{district.slug}: {made} quarters published")
