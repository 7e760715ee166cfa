"""Import a roster file (CSV or XLSX) into a district: all or nothing, as the web import."""

from django.core.management.base import CommandError

from core.imports.commands import ImportCommand
from people.models import District
from people.roster.importer import ROSTER, RosterOptions


class Command(ImportCommand):
    help = "Import schools and staff from a CSV or XLSX roster file (see docs/roster-format.md)."
    importer = ROSTER

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--deactivate-missing",
            action="store_true",
            help="Deactivate the district's people who are not in the file's staff sheet (listed first).",
        )

    def options_from(self, *, district: str, deactivate_missing: bool = False, **arguments) -> RosterOptions:
        try:
            return RosterOptions(District.objects.get(slug=district), deactivate_missing=deactivate_missing)
        except District.DoesNotExist as exc:
            raise CommandError(f"No district with the slug “{district}”.") from exc
