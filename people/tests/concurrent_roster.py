"""Run a 120,000-row roster import through the worker's steps while other people write (a script, not a test).

``test_roster_concurrency`` runs it in a fresh process on a database of its own (``DATABASE_URL``), so
that the import and the other people's writes really run side by side on separate connections, as the
worker and the web processes do. It prints one JSON line: how the import ended, how many other writes
were made during it, and every error those writes met (a "database is locked" among them).
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topoflicense.settings_test")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402

from actions.services import create_item  # noqa: E402
from core.imports.services import confirm_import  # noqa: E402
from people.models import RosterUpload, StaffMember  # noqa: E402
from people.roster import store_upload  # noqa: E402
from people.services import save_staff_member  # noqa: E402
from tests import factories  # noqa: E402

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 120_000
WRITERS = 12


def roster_csv(schools: list[str]) -> bytes:
    lines = ["Name,Email,Role,School,FTE"]
    for n in range(ROWS):
        lines.append(f"Person {n},person{n}@lakeview.example.org,Teacher,{schools[n % len(schools)]},1")
    return ("\n".join(lines) + "\n").encode()


def create_tables() -> None:
    """The tables straight from the models (as the test suite's ``--no-migrations`` would): seconds, not a minute."""
    settings.MIGRATION_MODULES = {config.label: None for config in apps.get_app_configs()}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    call_command("migrate", run_syncdb=True, verbosity=0)


def main() -> None:
    create_tables()
    district = factories.make_district("Lakeview", slug="lakeview")
    schools = [factories.make_school(district, f"School {n}").name for n in range(20)]
    admin = factories.make_staff(district, "Dana Director", role_key="administrator", access="admin")
    colleagues = [factories.make_staff(district, f"Colleague {n}") for n in range(WRITERS)]
    content = roster_csv(schools)

    importing = threading.Event()
    stop = threading.Event()
    errors: list[str] = []
    writes = [0] * WRITERS

    def write(index: int) -> None:
        """One person's writes, again and again: an action item, then their own name changed."""
        person = StaffMember.objects.get(pk=colleagues[index].pk)
        try:
            while not stop.is_set():
                try:
                    create_item(district, description=f"Item {index}-{writes[index]}", by=person, notify=False)
                    person.name = f"Colleague {index} ({writes[index]})"
                    save_staff_member(person, assignments={}, by=person)
                    if importing.is_set():
                        writes[index] += 1
                except Exception as exc:  # noqa: BLE001 — every error is what the test reports
                    errors.append(f"{type(exc).__name__}: {exc}")
                time.sleep(0.05)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(index,)) for index in range(WRITERS)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    importing.set()
    upload = store_upload(district, filename="roster.csv", content=content, by=admin)  # checked by the worker's step
    upload.refresh_from_db()
    checked = upload.state
    confirm_import(upload)  # applied by the worker's step
    seconds = time.perf_counter() - started
    importing.clear()
    time.sleep(0.5)
    stop.set()
    for thread in threads:
        thread.join()
    upload = RosterUpload.objects.get(pk=upload.pk)
    print(
        json.dumps(
            {
                "checked": checked,
                "state": upload.state,
                "report": {k: v for k, v in upload.report.items() if k in ("summary", "error", "problems")},
                "write_seconds": upload.report.get("written_in"),
                "staff": StaffMember.objects.filter(district=district, email__startswith="person").count(),
                "writes_during_import": sum(writes),
                "errors": errors[:20],
                "error_count": len(errors),
                "seconds": round(seconds, 1),
                "vendor": connection.vendor,
            }
        )
    )


if __name__ == "__main__":
    main()
