"""The shift planner in the benchmark, on synthetic districts the size of each scale.

Targets (issue 7): one school in under 0.5 s; the largest district within 1% of
optimal in 60 s or less on 2 cores; never fewer hours freed than the greedy
baseline (what a person does by hand). The planner is not yet fed from the
demo's own data (its Django adapter comes later), hence synthetic instances.
"""

from __future__ import annotations

from bench.extras import EXTRAS, LARGE_SCALE_SCHOOLS, Extra


def plan_synthetic(district, schools: int) -> list[dict]:
    from planner.bench import run

    figures = []
    one = run(1)
    figures.append(
        {
            "name": "planner, one school",
            **one,
            "target": "under 0.5 s, at least the greedy baseline",
            "met": one["seconds"] < 0.5 and one["hours_freed"] >= one["greedy_hours_freed"],
        }
    )
    if schools >= LARGE_SCALE_SCHOOLS:
        whole = run(schools, time_limit=60.0, budget=200_000.0)
        figures.append(
            {
                "name": f"planner, {schools:,} schools with a shared budget",
                **whole,
                "target": "within 1% of optimal in 60 s, at least the greedy baseline",
                "met": whole["seconds"] <= 60
                and (whole["gap"] or 0) <= 0.01
                and whole["hours_freed"] >= whole["greedy_hours_freed"],
            }
        )
    return figures


EXTRAS.append(Extra("planner", measure=plan_synthetic))
