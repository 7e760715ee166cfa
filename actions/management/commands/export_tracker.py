"""Export a district's action items in the tracker's layout (the seed's five columns, then the extras)."""

import shutil

from django.core.management.base import BaseCommand, CommandError

from actions.models import ActionItem
from actions.spreadsheets.export import csv_lines, item_rows, xlsx_file
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
        rows = item_rows(ActionItem.objects.filter(district=district_obj))
        if format == "xlsx":
            if not output:
                raise CommandError("An XLSX export needs an output file: -o PATH.")
            with xlsx_file(rows) as source, open(output, "wb") as target:
                shutil.copyfileobj(source, target)
            return
        lines = csv_lines(rows)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as stream:
                stream.writelines(lines)
        else:
            for line in lines:
                self.stdout.write(line, ending="")
