"""Export a district's action items in the tracker's layout (the seed's five columns, then the extras)."""

from django.core.management.base import BaseCommand, CommandError

from actions.models import ActionItem
from actions.spreadsheets.export import SHEET_TITLE, item_layout, item_rows
from core.spreadsheets.writing import csv_lines, write_csv, write_xlsx
from people.models import District


class Command(BaseCommand):
    help = "Export every action item of a district as CSV or XLSX, in the layout import_tracker reads."

    def add_arguments(self, parser):
        parser.add_argument("--district", required=True, help="The district's slug.")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("-o", "--output", help="The file to write; CSV goes to standard output without one.")

    def handle(self, *args, district, format, output, **options):
        try:
            district_obj = District.objects.get(slug=district)
        except District.DoesNotExist as exc:
            raise CommandError(f"No district with the slug “{district}”.") from exc
        items = ActionItem.objects.filter(district=district_obj)
        rows = item_rows(items)
        if format == "xlsx":
            if not output:
                raise CommandError("An XLSX export needs an output file: -o PATH.")
            with open(output, "wb") as stream:
                write_xlsx([(SHEET_TITLE, rows, item_layout(items))], stream)
            return
        if output:
            write_csv(rows, output)
        else:
            for line in csv_lines(rows):
                self.stdout.write(line, ending="")
