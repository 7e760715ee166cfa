"""Import a roster file (CSV or XLSX) into a district: all or nothing, as the web import."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from people.models import District
from people.roster import apply_plan, build_plan, read_roster


class Command(BaseCommand):
    help = "Import schools and staff from a CSV or XLSX roster file (see docs/roster-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV or XLSX file.")
        parser.add_argument("--district", required=True, help="The district's slug.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change without saving.")

    def handle(self, *args, path, district, dry_run, **options):
        try:
            district_obj = District.objects.get(slug=district)
        except District.DoesNotExist as exc:
            raise CommandError(f"No district with the slug “{district}”.") from exc
        try:
            content = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
        plan = build_plan(district_obj, read_roster(content, path))
        if not plan.ok:
            for problem in plan.problems:
                self.stderr.write(str(problem))
            count = len(plan.problems)
            raise CommandError(f"{count} problem{'s' if count != 1 else ''} found; nothing was imported.")
        self.stdout.write(plan.summary())
        for change in plan.changes:
            self.stdout.write(f"{change.kind}: {change.label}")
            for what, old, new in change.differences:
                self.stdout.write(f"    {what}: {old} → {new}")
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
            return
        apply_plan(plan)
        self.stdout.write(self.style.SUCCESS("Roster imported."))
