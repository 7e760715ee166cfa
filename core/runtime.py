"""Tuning of the serving process (called from ``topoflicense.wsgi`` and by the benchmark).

Python's cyclic garbage collector runs a full pass over every object once enough allocations pile
up; with Django and the app loaded that pass takes tens of milliseconds and lands on whichever
request happens to cross the threshold (a page whose p50 is 55 ms showed 125 ms at p95). Objects that
exist once the app is loaded live as long as the process, so they are moved out of the collector's
way (``gc.freeze``), and the youngest generation is collected after 50,000 allocations rather than
700 — a page building a few thousand rows no longer triggers several passes.
"""

from __future__ import annotations

import gc

#: Allocations before the youngest generation is collected, then the older ones' multipliers.
GC_THRESHOLDS = (50_000, 20, 100)


def tune_garbage_collector() -> None:
    """Freeze what is loaded now and raise the collection thresholds (call once the app is loaded)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
