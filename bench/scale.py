"""One benchmark scale, in its own process: ``python -m bench.scale --schools N --out FILE``.

A fresh SQLite database under ``.bench/``, the demo built at that scale (timed),
then every page of :data:`bench.pages.PAGES` requested in-process through
``django.test.Client``: a few untimed requests to warm up, one with its
queries counted, ``--runs`` timed ones, and one under ``tracemalloc``. The
results go to ``FILE`` as JSON; ``python -m bench`` runs one process per scale
so that each scale's peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / ".bench"
WARMUP = 3


def configure(database: Path) -> None:
    """Production-like settings (DEBUG off) on the benchmark's own database; must run before Django loads."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "topoflicense.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["DEBUG"] = "false"
    os.environ["SECRET_KEY"] = "benchmark-only-throwaway-secret-key"  # noqa: S105
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["LOG_LEVEL"] = "CRITICAL"  # placeholder views raise on purpose; keep the table readable
    import django
    from django.conf import settings

    django.setup()
    # The benchmark measures pages, not static files: no collectstatic manifest is needed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def fresh_database(database: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least ``fraction`` of the samples at or below it."""
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * fraction // 1))  # ceil without floats drifting
    return ordered[int(rank) - 1]


def measure_page(page, district, runs: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    result: dict = {
        "page": page.title,
        "url_name": page.url_name,
        "persona": page.persona or "anonymous",
        "target_ms": page.target_ms,
    }
    try:
        url = reverse(page.url_name, kwargs=page.kwargs(district) if page.kwargs else None)
    except Exception as exc:  # noqa: BLE001 — a broken registry entry is reported, not fatal
        return {**result, "status": "error", "detail": f"URL: {exc!r}"}
    if page.query:
        url = f"{url}?{page.query}"
    result["url"] = url
    client = Client()
    if page.persona:
        client.force_login(get_user_model().objects.get(email__iexact=page.persona))

    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code}")
        return response

    try:
        for _ in range(WARMUP):
            get()
        with CaptureQueriesContext(connection) as queries:
            get()
        query_count = len(queries.captured_queries)  # now: the next request clears the connection's log
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            get()
            timings.append((time.perf_counter() - started) * 1000)
        tracemalloc.start()
        get()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    except NotImplementedError:
        return {**result, "status": "not available", "detail": "view not written yet"}
    except Exception as exc:  # noqa: BLE001 — one failing page must not hide the others' figures
        return {**result, "status": "error", "detail": repr(exc)[:200]}
    return {
        **result,
        "status": "ok",
        "queries": query_count,
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "max_ms": round(max(timings), 2),
        "runs": runs,
        "peak_alloc_kb": round(peak / 1024),
    }


def time_builders(demo) -> dict[str, float]:
    """Wrap each of ``demo.DEMO_BUILDERS`` (and the last ones) so that every capability's demo time is reported."""
    seconds: dict[str, float] = {}

    def timed(builder):
        name = f"{builder.__module__}.{builder.__qualname__}"

        def run(district, rng):
            started = time.perf_counter()
            builder(district, rng)
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started

        return run

    demo.DEMO_BUILDERS[:] = [timed(builder) for builder in demo.DEMO_BUILDERS]
    demo.LAST_DEMO_BUILDERS[:] = [timed(builder) for builder in demo.LAST_DEMO_BUILDERS]
    return seconds


def max_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # Linux reports KiB


def selected(name: str, only: list[str] | None) -> bool:
    """Whether a page (by its URL name) or an extra (by its name) is among ``only`` (None: everything).

    ``sampling`` selects the extra named so and every ``sampling:`` page; ``roles:planner`` that page.

    >>> selected("sampling:results", ["sampling"]), selected("roles:planner", ["sampling"]), selected("x", None)
    (True, False, True)
    """
    return only is None or any(name == want or name.startswith(f"{want}:") for want in only)


def run(schools: int, runs: int, out: Path, only: list[str] | None = None) -> dict:
    BENCH_DIR.mkdir(exist_ok=True)
    database = BENCH_DIR / f"bench-{schools}.sqlite3"
    configure(database)
    fresh_database(database)

    from django.utils.module_loading import autodiscover_modules

    from bench.extras import EXTRAS
    from bench.pages import PAGES
    from people import demo

    autodiscover_modules("bench_pages")  # each app may append its pages to PAGES in <app>/bench_pages.py
    autodiscover_modules("bench_extra")  # and its bulk data and extra figures to EXTRAS
    PAGES[:] = [page for page in PAGES if selected(page.url_name, only)]
    EXTRAS[:] = [extra for extra in EXTRAS if selected(extra.name, only)]
    from people.models import Assignment, StaffMember

    builder_seconds = time_builders(demo)
    rss_before_demo = max_rss_mb()
    started = time.perf_counter()  # no tracemalloc here: it would slow the build down severalfold
    district = demo.build_demo(schools=schools)
    demo_seconds = time.perf_counter() - started
    staff = StaffMember.objects.filter(district=district)
    result = {
        "schools": schools,
        "staff": staff.count(),
        "mental_health_staff": staff.mental_health().count(),
        "assignments": Assignment.objects.filter(district=district).count(),
        "demo_seconds": round(demo_seconds, 2),
        "demo_builders_seconds": {name: round(seconds, 2) for name, seconds in builder_seconds.items()},
        "rss_before_demo_mb": rss_before_demo,
        "pages": [],
        "extras": [],
    }
    prepare_seconds: dict[str, float] = {}
    for extra in EXTRAS:
        if extra.prepare:
            print(f"  [{schools} schools] preparing {extra.name}", file=sys.stderr, flush=True)
            started = time.perf_counter()
            extra.prepare(district, schools)
            prepare_seconds[extra.name] = round(time.perf_counter() - started, 2)
    result["prepare_seconds"] = prepare_seconds
    from core.statistics import refresh_query_statistics

    refresh_query_statistics()  # as the hourly job does in a running instance, after the bulk data above
    from core.runtime import tune_garbage_collector

    tune_garbage_collector()  # as topoflicense.wsgi does once the app is loaded
    for page in PAGES:
        print(f"  [{schools} schools] {page.title}", file=sys.stderr, flush=True)
        result["pages"].append(measure_page(page, district, runs))
    for extra in EXTRAS:
        if extra.measure:
            print(f"  [{schools} schools] measuring {extra.name}", file=sys.stderr, flush=True)
            for figure in extra.measure(district, schools):
                result["extras"].append({"extra": extra.name, **figure})
    result["peak_rss_mb"] = max_rss_mb()
    out.write_text(json.dumps(result, indent=2))
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, required=True)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--only", action="append", help="Only these extras and pages (repeatable).")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    run(args.schools, args.runs, args.out, args.only)


if __name__ == "__main__":
    main()
