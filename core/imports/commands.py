"""The import commands' shared part: read a file, print its plan or its problems, then import it all or nothing.

``import_roster``, ``import_tracker`` and ``import_matrix`` subclass :class:`ImportCommand`, giving
their importer and the options they build from their arguments. The steps are the worker's
(``core.imports.steps``), run in the command's process, with their progress printed on standard error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from core.imports.base import Importer
from core.imports.progress import PrintedProgress
from core.imports.steps import apply_plan, check_file


class ImportCommand(BaseCommand):
    importer: Importer

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CSV or XLSX file.")
        parser.add_argument("--district", required=True, help="The district's slug.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would change without saving.")

    def options_from(self, *, district: str, **arguments: Any) -> Any:
        """The importer's options from the command's arguments; raises ``CommandError`` when one is wrong."""
        raise NotImplementedError

    def handle(self, *args, path, dry_run, **arguments):
        options = self.options_from(**arguments)
        try:
            content = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
        progress = PrintedProgress(self.stderr)
        plan = check_file(self.importer, content, path, options, progress)
        if plan.read_as:
            self.stdout.write(f"Read as {plan.read_as}.")
        if not plan.ok:
            for problem in plan.problems:
                self.stderr.write(str(problem))
            count = len(plan.problems)
            shown = len(list(plan.problems))
            if shown < count:
                self.stderr.write(f"… and {count - shown:,} more.")
            raise CommandError(f"{count:,} problem{'s' if count != 1 else ''} found; nothing was imported.")
        self.stdout.write(plan.summary())
        for row, note in plan.notes:
            self.stdout.write(f"row {row}: {note}")
        for change in plan.preview():
            where = f"row {change.row}, " if change.row else ""
            self.stdout.write(f"{where}{change.kind}: {change.label[:80]}")
            for what, old, new in change.differences:
                self.stdout.write(f"    {what}: {old or '(blank)'} → {new or '(blank)'}")
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
            return
        apply_plan(self.importer, plan, options, progress)
        self.stdout.write(self.style.SUCCESS(f"{self.importer.noun} imported."))
