"""Export a district's roster in the import layout (CSV per sheet, or one XLSX workbook)."""

from django.core.management.base import BaseCommand, CommandError

from core.spreadsheets.writing import csv_lines, write_csv, write_xlsx
from people.models import District
from people.roster.export import SHEETS, rows_for, workbook_sheets


class Command(BaseCommand):
    help = "Export schools and staff as CSV or XLSX, in the layout import_roster reads."

    def add_arguments(self, parser):
        parser.add_argument("--district", required=True, help="The district's slug.")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="xlsx")
        parser.add_argument("--sheet", choices=sorted(SHEETS), help="For CSV: which sheet to export.")
        parser.add_argument("-o", "--output", help="The file to write; CSV goes to standard output without one.")

    def handle(self, *args, district, format, sheet, output, **options):
        try:
            district_obj = District.objects.get(slug=district)
        except District.DoesNotExist as exc:
            raise CommandError(f"No district with the slug “{district}”.") from exc
        if format == "xlsx":
            if not output:
                raise CommandError("An XLSX export needs an output file: -o PATH.")
            with open(output, "wb") as stream:
                write_xlsx(workbook_sheets(district_obj), stream)
            return
        if not sheet:
            raise CommandError("A CSV export needs --sheet schools or --sheet staff.")
        if output:
            write_csv(rows_for(district_obj, sheet), output)
        else:
            for line in csv_lines(rows_for(district_obj, sheet)):
                self.stdout.write(line, ending="")
