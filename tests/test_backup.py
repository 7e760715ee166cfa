"""Backups as docs/deploy.md gives them: a backup of the demo, restored into a fresh database, holds
the same rows in every table (SQLite: the online backup command; PostgreSQL: pg_dump and pg_restore)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import uuid
from contextlib import closing
from io import StringIO

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection


def every_table(raw) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order, as text, read through a plain DB-API connection."""
    cursor = raw.cursor()
    if isinstance(raw, sqlite3.Connection):
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    rows = {}
    for (table,) in sorted(cursor.fetchall()):
        cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 — names from the schema
        rows[table] = sorted(tuple(str(value) for value in row) for row in cursor.fetchall())
    return rows


def _pg_environment(settings: dict) -> dict[str, str]:
    return {
        **os.environ,
        "PGHOST": str(settings["HOST"] or "127.0.0.1"),
        "PGPORT": str(settings["PORT"] or 5432),
        "PGUSER": str(settings["USER"]),
        "PGPASSWORD": str(settings["PASSWORD"]),
    }


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_the_demo_restores_into_a_fresh_database_with_the_same_data(tmp_path):
    call_command("seed_demo", stdout=StringIO())
    settings = connection.settings_dict

    if connection.vendor == "sqlite":
        backup = tmp_path / "tol-backup.sqlite3"
        call_command("backup_sqlite", str(backup), stdout=StringIO())
        restored = tmp_path / "db.sqlite3"  # restore: the backup file becomes the database
        restored.write_bytes(backup.read_bytes())
        with closing(sqlite3.connect(settings["NAME"], uri=True)) as source, closing(sqlite3.connect(restored)) as copy:
            before = every_table(source)
            assert sum(len(rows) for rows in before.values()) > 1000  # the demo, not an empty database
            assert every_table(copy) == before
        return

    environment = _pg_environment(settings)
    dump = tmp_path / "tol.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", f"--file={dump}", f"--dbname={settings['NAME']}"], env=environment, check=True
    )
    fresh = f"tol_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{fresh}"')
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={fresh}", str(dump)], env=environment, check=True
        )
        credentials = {"host": environment["PGHOST"], "port": environment["PGPORT"], "user": environment["PGUSER"]}
        credentials["password"] = environment["PGPASSWORD"]
        with closing(psycopg.connect(dbname=settings["NAME"], **credentials)) as source:
            before = every_table(source)
        with closing(psycopg.connect(dbname=fresh, **credentials)) as copy:
            assert sum(len(rows) for rows in before.values()) > 1000  # the demo, not an empty database
            assert every_table(copy) == before
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')
