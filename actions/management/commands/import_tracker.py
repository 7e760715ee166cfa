"""Import a tracker spreadsheet (CSV or XLSX) into a district: all or nothing, as the web import."""

from django.core.management.base import CommandError

from actions.spreadsheets.importer import TRACKER, TrackerOptions
from core.imports.commands import ImportCommand
from people.models import District, School


class Command(ImportCommand):
    help = "Import action items from the tracker's CSV or XLSX layout (see docs/tracker-format.md)."
    importer = TRACKER

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--school", help="The school of every item (unless the file has a School column).")

    def options_from(self, *, district: str, **arguments) -> TrackerOptions:
        school = arguments.get("school")
        try:
            district_obj = District.objects.get(slug=district)
        except District.DoesNotExist as exc:
            raise CommandError(f"No district with the slug “{district}”.") from exc
        school_obj = None
        if school:
            school_obj = School.objects.filter(district=district_obj, name__iexact=school.strip()).first()
            if school_obj is None:
                raise CommandError(f"No school named “{school}” in {district_obj.name}.")
        return TrackerOptions(district_obj, school_obj)
