"""The tracker at scale: 250,000 items behind the lists, streamed exports, a 100,000-row import.

Targets (issue 3): the lists' p95 ≤ 150 ms with bounded queries (measured as
pages), exports of 250,000 items streamed with peak memory below 300 MB, and
an import of 100,000 rows in under 30 s.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import time
import tracemalloc

from bench.extras import EXTRAS, LARGE_SCALE_SCHOOLS, Extra

ITEMS_AT_SCALE = 250_000
IMPORT_ROWS = 100_000
EXPORT_MEMORY_TARGET_MB = 300
IMPORT_TARGET_S = 30


def load_items(district, schools: int) -> None:
    """Fill the largest district's tracker with 250,000 items (bulk, with their "created" history)."""
    if schools < LARGE_SCALE_SCHOOLS:
        return
    from actions.models import Status
    from actions.services import create_items_in_bulk, local_today, new_item
    from people.models import School, StaffMember

    rng = random.Random(2026)
    today = local_today(district)
    school_ids = list(School.objects.filter(district=district).values_list("pk", flat=True))
    owners = list(StaffMember.objects.filter(district=district).only("pk", "name")[:5000])
    statuses = list(Status.values)

    class Ref:  # new_item takes objects; at this volume, bare primary keys will do for schools
        def __init__(self, pk):
            self.pk = pk

    def items():
        for number in range(ITEMS_AT_SCALE):
            created = today - dt.timedelta(days=rng.randint(0, 700))
            yield new_item(
                district,
                description=f"Bench action {number}: move duty {rng.randint(1, 50)} off the counselors' week",
                by=None,
                status=rng.choice(statuses),
                owner=rng.choice(owners),
                due_on=created + dt.timedelta(days=rng.randint(7, 120)),
                created_on=created,
                school=Ref(rng.choice(school_ids)),  # type: ignore[arg-type]
                today=today,
            )

    create_items_in_bulk(district, items(), by=None)


def _consume(response) -> int:
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    return size


def _timed_export(client, url: str) -> dict:
    """Time one export, then measure its peak Python memory in a second run.

    Two runs because tracemalloc slows Python down about fivefold: one traced run would report
    a minute for a ten-second CSV export.
    """
    started = time.perf_counter()
    response = client.get(url)
    size = _consume(response)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    traced = client.get(url)
    _consume(traced)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_mb = round(peak / 1024 / 1024, 1)
    return {
        "seconds": round(seconds, 2),
        "bytes": size,
        "peak_mb": peak_mb,
        "target": f"streamed, peak memory < {EXPORT_MEMORY_TARGET_MB} MB",
        "met": response.streaming and traced.streaming and peak_mb < EXPORT_MEMORY_TARGET_MB,
    }


def import_file(district, rows: int) -> bytes:
    """A tracker sheet of ``rows`` rows in the seed's layout, with odd dates and statuses as people type them."""
    rng = random.Random(7)
    schools = list(district.schools.values_list("name", flat=True)[:50])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "Item creation date",
            "Action item",
            "Progress tracker",
            "Who is responsible?",
            "When will it be done?",
            "School",
        ]
    )
    statuses = ["Not started", " in progress", "BLOCKED OR BEHIND SCHEDULE", "Completed", "abandoned"]
    for number in range(rows):
        writer.writerow(
            [
                f"{rng.randint(1, 12)}-{rng.randint(1, 28)}-2025",
                f"Imported action {number}",
                rng.choice(statuses),
                f"Person {rng.randint(1, 400)}",
                f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/2026",
                rng.choice(schools),
            ]
        )
    return out.getvalue().encode()


def export_and_import(district, schools: int) -> list[dict]:
    if schools < LARGE_SCALE_SCHOOLS:
        return []
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from actions.models import ActionItem
    from actions.spreadsheets import apply_plan, build_plan, read_tracker
    from people.demo import DIRECTOR

    client = Client()
    client.force_login(get_user_model().objects.get(email=DIRECTOR))
    count = ActionItem.objects.filter(district=district).count()
    figures = []
    for fmt in ("csv", "xlsx"):
        figure = _timed_export(client, reverse("actions:tracker_export", kwargs={"fmt": fmt}))
        figures.append({"name": f"export {fmt.upper()} of {count:,} items", **figure})

    content = import_file(district, IMPORT_ROWS)
    started = time.perf_counter()
    plan = build_plan(district, read_tracker(content, "bench.csv"))
    if not plan.ok:
        raise RuntimeError(f"the benchmark's import file has problems: {plan.problems[:3]}")
    apply_plan(plan, by=None)
    seconds = time.perf_counter() - started
    figures.append(
        {
            "name": f"import of {IMPORT_ROWS:,} rows",
            "seconds": round(seconds, 2),
            "target": f"under {IMPORT_TARGET_S} s",
            "met": seconds < IMPORT_TARGET_S,
        }
    )
    return figures


EXTRAS.append(Extra("tracker", prepare=load_items, measure=export_and_import))
