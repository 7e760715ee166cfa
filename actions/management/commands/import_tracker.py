"""Import a tracker spreadsheet (CSV or XLSX) into a district: all or nothing, as the web import."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from actions.spreadsheets import apply_plan, build_plan, read_tracker
from people.models import District, School


class Command(BaseCommand):
    help = "Import action items from the tracker's CSV or XLSX layout (see docs/tracker-format.md)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV or XLSX file.")
        parser.add_argument("--district", required=True, help="The district's slug.")
        parser.add_argument("--school", help="The school of every item (unless the file has a School column).")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change without saving.")

    def handle(self, *args, path, district, school, dry_run, **options):
        try:
            district_obj = District.objects.get(slug=district)
        except District.DoesNotExist as exc:
            raise CommandError(f"No district with the slug “{district}”.") from exc
        school_obj = None
        if school:
            school_obj = School.objects.filter(district=district_obj, name__iexact=school.strip()).first()
            if school_obj is None:
                raise CommandError(f"No school named “{school}” in {district_obj.name}.")
        try:
            content = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
        plan = build_plan(district_obj, read_tracker(content, path), school=school_obj)
        if not plan.ok:
            for problem in plan.problems:
                self.stderr.write(str(problem))
            count = len(plan.problems)
            raise CommandError(f"{count} problem{'s' if count != 1 else ''} found; nothing was imported.")
        self.stdout.write(plan.summary())
        for row, note in plan.notes:
            self.stdout.write(f"row {row}: {note}")
        for change in plan.changes:
            if change.kind == "unchanged":
                continue
            self.stdout.write(f"row {change.line.row}, {change.kind}: {change.line.description[:80]}")
            for what, old, new in change.differences:
                self.stdout.write(f"    {what}: {old or '(blank)'} → {new or '(blank)'}")
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
            return
        apply_plan(plan, by=None)
        self.stdout.write(self.style.SUCCESS("Tracker imported."))
