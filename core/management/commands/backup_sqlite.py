"""Copy the SQLite database with SQLite's online backup: a consistent copy while the app runs."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

# Pages copied per step; between steps the web server and the worker may write.
PAGES_PER_STEP = 1024


class Command(BaseCommand):
    help = "Back up the SQLite database to PATH while the app runs (PostgreSQL: use pg_dump, docs/deploy.md)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the backup file to write; it must not exist yet")

    def handle(self, *args, path: str, **options) -> None:
        if connection.vendor != "sqlite":
            raise CommandError("The database is not SQLite: back it up with pg_dump (docs/deploy.md).")
        target = Path(path)
        if target.exists():
            raise CommandError(f"{target} exists already: choose another name.")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        connection.ensure_connection()
        with closing(sqlite3.connect(partial)) as copy:
            connection.connection.backup(copy, pages=PAGES_PER_STEP)
        partial.rename(target)
        self.stdout.write(f"Backed up the database to {target} ({target.stat().st_size:,} bytes).")
