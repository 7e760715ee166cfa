"""The tracker as a spreadsheet: export in the seed's layout, import from the Google Sheets or paper tracker.

Its columns and rules only; reading, limits, preview, confirmation and the background run are
``core.spreadsheets`` and ``core.imports``, shared with the roster and the matrix.

- ``columns``: the seed's five columns and the extras; ``parsing``: dates and statuses as people type them;
- ``reading.read_tracker(content, filename)`` → a ``Sheet`` of rows (or problems);
- ``plan.build_plan(district, sheet, school=…)`` → a ``Plan``: problems, or new / changed / unchanged rows;
- ``apply``: the plan prepared, then written in one transaction (``apply_plan`` for scripts and tests);
- ``importer.TRACKER``: the above as ``core.imports`` runs it (web and ``import_tracker``);
- ``export.item_rows(items)`` streams an export (written by ``core.spreadsheets.writing``).
"""

from actions.spreadsheets.apply import apply_plan, store_upload
from actions.spreadsheets.plan import CHANGED, NEW, UNCHANGED, Plan, build_plan
from actions.spreadsheets.reading import read_tracker

__all__ = ["CHANGED", "NEW", "UNCHANGED", "Plan", "apply_plan", "build_plan", "read_tracker", "store_upload"]
