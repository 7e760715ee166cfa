"""The benchmark's own logic: percentiles, page measurement, and the comparison of the two scales."""

from __future__ import annotations

from unittest import mock

from bench.__main__ import compare
from bench.pages import PAGES, Page
from bench.scale import measure_page, percentile, selected


def test_percentile_is_the_nearest_rank():
    samples = [float(n) for n in range(1, 21)]  # 1..20
    assert percentile(samples, 0.95) == 19
    assert percentile(samples, 0.5) == 10
    assert percentile([5.0], 0.95) == 5


def test_every_page_in_the_registry_has_a_namespaced_url_name():
    assert all(":" in page.url_name for page in PAGES)
    assert {"people:ratios", "home:home", "accounts:login", "people:staff_detail"} <= {p.url_name for p in PAGES}


def test_only_selects_the_extras_and_pages_named():
    only = ["sampling", "roles:planner"]
    assert selected("sampling", only) and selected("sampling:results", only) and selected("roles:planner", only)
    assert not selected("roles:planner_runs", only) and not selected("tracker", only)
    assert not selected("samplingx:page", only) and selected("anything", None)


def test_a_page_is_measured_with_its_queries_and_times(personas):
    result = measure_page(Page("people:ratios", None, personas.admin.email), personas.district, runs=3)
    assert result["status"] == "ok"
    assert result["queries"] > 0
    assert result["p50_ms"] <= result["p95_ms"] <= result["max_ms"]


def test_a_placeholder_view_is_reported_as_not_available(personas):
    with mock.patch("django.test.Client.get", side_effect=NotImplementedError):
        result = measure_page(Page("people:ratios", None, personas.admin.email), personas.district, runs=3)
    assert result["status"] == "not available"


def test_a_page_that_fails_is_reported_without_stopping_the_benchmark(personas):
    result = measure_page(Page("people:ratios", None, personas.counselor_a.email), personas.district, runs=3)
    assert (result["status"], result["detail"]) == ("error", "RuntimeError('HTTP 403')")
    assert measure_page(Page("people:nowhere", None, None), personas.district, runs=3)["status"] == "error"


def test_targets_compare_the_largest_scale_and_both_query_counts():
    def page(p95, queries, status="ok"):
        return {"page": "p", "persona": "x", "status": status, "p95_ms": p95, "queries": queries}

    default = {"pages": [page(20, 5)]}
    row = compare(default, {"pages": [page(140, 5)]})[0]
    assert (row["p95_target_met"], row["queries_equal"]) == (True, True)
    row = compare(default, {"pages": [page(151, 6)]})[0]
    assert (row["p95_target_met"], row["queries_equal"]) == (False, False)
    row = compare({"pages": [page(0, 0, "not available")]}, {"pages": [page(0, 0, "not available")]})[0]
    assert (row["p95_target_met"], row["queries_equal"]) == (None, None)


def test_a_page_may_carry_its_own_p95_target():
    def page(p95, target=None):
        return {"page": "p", "persona": "x", "status": "ok", "p95_ms": p95, "queries": 5, "target_ms": target}

    row = compare({"pages": [page(20, 300)]}, {"pages": [page(250, 300)]})[0]
    assert (row["target_ms"], row["p95_target_met"]) == (300, True)
    row = compare({"pages": [page(20)]}, {"pages": [page(250)]})[0]
    assert (row["target_ms"], row["p95_target_met"]) == (150, False)
