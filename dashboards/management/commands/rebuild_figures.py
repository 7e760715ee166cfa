"""``manage.py rebuild_figures [--district SLUG]``: recompute the dashboards' pre-computed figures."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from dashboards.services import rebuild_figures
from people.models import District


class Command(BaseCommand):
    help = "Recompute the pre-computed group figures of the dashboards from the submitted reflections."

    def add_arguments(self, parser):
        parser.add_argument("--district", help="Only this district (its slug).")

    def handle(self, *args, **options):
        districts = District.objects.all()
        if options["district"]:
            districts = districts.filter(slug=options["district"])
            if not districts.exists():
                raise CommandError(f"No district with the slug {options['district']!r}.")
        for district in districts:
            written = rebuild_figures(district)
            self.stdout.write(f"{district.slug}: {written} summaries")
