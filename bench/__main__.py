"""``python -m bench`` (``make bench``): time the demo and every page at the default and the largest scale.

Prints a table and writes ``.bench/results.json`` (format in docs/benchmarks.md).
Targets: each page's p95 at or under 150 ms at the largest scale, and the same
number of SQL queries at both scales.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
from datetime import UTC, datetime

from bench.scale import BENCH_DIR, ROOT

DEFAULT_SCHOOLS = 30
LARGEST_SCHOOLS = 1800  # about the largest US district: ~8,000 mental health staff
P95_TARGET_MS = 150.0


def run_scale(schools: int, runs: int, only: list[str] | None = None) -> dict:
    out = BENCH_DIR / f"scale-{schools}.json"
    out.unlink(missing_ok=True)
    print(f"Building the demo with {schools:,} schools and requesting every page…", file=sys.stderr, flush=True)
    command = [sys.executable, "-m", "bench.scale", "--schools", str(schools), "--runs", str(runs), "--out", str(out)]
    command += [argument for name in only or () for argument in ("--only", name)]
    finished = subprocess.run(command, cwd=ROOT, check=False)
    if finished.returncode != 0 or not out.exists():
        raise SystemExit(f"The benchmark at {schools:,} schools failed (exit status {finished.returncode}); see above.")
    return json.loads(out.read_text())


def compare(default: dict, largest: dict | None) -> list[dict]:
    """One row per page: both scales' figures and whether each target is met."""
    rows = []
    largest_pages = {p["page"]: p for p in largest["pages"]} if largest else {}
    for page in default["pages"]:
        big = largest_pages.get(page["page"])
        row = {"page": page["page"], "persona": page["persona"], "default": page, "largest": big}
        measured = [p for p in (page, big) if p and p["status"] == "ok"]
        if page["status"] != "ok" or (big is not None and big["status"] != "ok"):
            row["p95_target_met"] = None
            row["queries_equal"] = None
        else:
            worst = big or page
            row["target_ms"] = page.get("target_ms") or P95_TARGET_MS
            row["p95_target_met"] = worst["p95_ms"] <= row["target_ms"]
            row["queries_equal"] = len({p["queries"] for p in measured}) == 1 if big else None
        rows.append(row)
    return rows


def cell(page: dict | None, key: str) -> str:
    if page is None:
        return "-"
    if page["status"] != "ok":
        return page["status"] if key == "p50_ms" else ""
    return f"{page[key]:g}"


def verdict(value: bool | None) -> str:
    return {True: "yes", False: "NO", None: "n/a"}[value]


def target_verdict(row: dict) -> str:
    target = row.get("target_ms") or P95_TARGET_MS
    return f"{verdict(row['p95_target_met'])} ({target:g})"


def print_extras(scales: dict) -> None:
    """Figures that are not pages (exports, imports…), one line each."""
    for name, scale in scales.items():
        for figure in scale.get("extras", []):
            target = f" — target {figure['target']}: {verdict(figure.get('met'))}" if figure.get("target") else ""
            details = ", ".join(f"{k} {v}" for k, v in figure.items() if k not in ("extra", "name", "target", "met"))
            print(f"{name}: {figure['name']}: {details}{target}")


def print_report(results: dict) -> None:
    scales = results["scales"]
    largest = scales.get("largest")
    print()
    for name, scale in scales.items():
        builders = ", ".join(f"{b.rsplit('.', 1)[-1]} {s} s" for b, s in scale["demo_builders_seconds"].items())
        print(
            f"{name}: {scale['schools']:,} schools, {scale['staff']:,} staff "
            f"({scale['mental_health_staff']:,} mental health), demo built in {scale['demo_seconds']} s"
            f"{f' (of which {builders})' if builders else ''}, peak memory {scale['peak_rss_mb']} MB "
            f"({scale['rss_before_demo_mb']} MB before the demo)"
        )
    print()
    headings = ["Page", "Persona", "p50 ms", "p95 ms", "queries"]
    if largest:
        headings += ["p50 ms @max", "p95 ms @max", "queries @max", "p95 ≤ target", "same queries"]
    else:
        headings += ["p95 ≤ target"]
    table = [headings]
    for row in results["pages"]:
        line = [row["page"], row["persona"]] + [cell(row["default"], k) for k in ("p50_ms", "p95_ms", "queries")]
        if largest:
            line += [cell(row["largest"], k) for k in ("p50_ms", "p95_ms", "queries")]
            line += [target_verdict(row), verdict(row["queries_equal"])]
        else:
            line += [target_verdict(row)]
        table.append(line)
    widths = [max(len(str(r[i])) for r in table) for i in range(len(headings))]
    for index, line in enumerate(table):
        print("  ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))
    print()
    unavailable = [r["page"] for r in results["pages"] if r["default"]["status"] == "not available"]
    errors = [(r["page"], r["default"].get("detail")) for r in results["pages"] if r["default"]["status"] == "error"]
    if unavailable:
        print(f"Not available yet (placeholder views): {', '.join(unavailable)}")
    for page, detail in errors:
        print(f"Error on {page}: {detail}")
    print_extras(scales)
    summary = results["targets"]
    print(f"Each page's p95 target at the largest scale: {'met' if summary['p95_met'] else 'NOT met'}")
    print(f"Targets of the other figures: {'met' if summary['extras_met'] else 'NOT met'}")
    if largest:
        print(f"Same number of queries at both scales: {'met' if summary['queries_equal'] else 'NOT met'}")
    print(f"Results written to {BENCH_DIR / 'results.json'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Only the default scale (a fast check).")
    parser.add_argument("--schools", type=int, default=LARGEST_SCHOOLS, help="Schools at the largest scale.")
    parser.add_argument("--runs", type=int, default=20, help="Timed requests per page.")
    parser.add_argument("--strict", action="store_true", help="Exit with status 1 when a target is not met.")
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="Only the extra NAME and the pages of URL namespace NAME (or URL name NAME); repeatable.",
    )
    args = parser.parse_args(argv)
    BENCH_DIR.mkdir(exist_ok=True)

    scales = {"default": run_scale(DEFAULT_SCHOOLS, args.runs, args.only)}
    if not args.quick:
        scales["largest"] = run_scale(args.schools, args.runs, args.only)
    rows = compare(scales["default"], scales.get("largest"))
    targets = {
        "p95_met": all(r["p95_target_met"] is not False for r in rows),
        "extras_met": all(f.get("met") is not False for scale in scales.values() for f in scale.get("extras", [])),
        "queries_equal": all(r["queries_equal"] is not False for r in rows),
    }
    results = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "database": "sqlite",
        "p95_target_ms": P95_TARGET_MS,
        "scales": scales,
        "pages": rows,
        "targets": targets,
    }
    (BENCH_DIR / "results.json").write_text(json.dumps(results, indent=2))
    print_report(results)
    met = targets["p95_met"] and targets["queries_equal"] and targets["extras_met"]
    return 1 if args.strict and not met else 0


if __name__ == "__main__":
    sys.exit(main())
