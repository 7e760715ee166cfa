"""Benchmark extras: bulk data a capability needs at scale, and figures that are not pages.

An app adds an :class:`Extra` from a ``bench_extra.py`` module (discovered like
``bench_pages.py``):

    # actions/bench_extra.py
    from bench.extras import EXTRAS, Extra

    EXTRAS.append(Extra("tracker", prepare=load_items, measure=export_and_import))

``prepare(district, schools)`` runs after the demo is built and before the
pages are measured (e.g. 250,000 action items at the largest scale);
``measure(district, schools)`` returns a list of figures, each a dict with at
least ``name`` and ``seconds``, and where there is a target ``target`` (text)
and ``met`` (bool). Both are optional.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

LARGE_SCALE_SCHOOLS = 1000  # at or above this many schools a scale counts as "largest"


class Extra(NamedTuple):
    name: str
    prepare: Callable[[Any, int], None] | None = None
    measure: Callable[[Any, int], list[dict]] | None = None


EXTRAS: list[Extra] = []
