"""The tracker as a spreadsheet: export in the seed's layout, import from the Google Sheets or paper tracker.

- ``reading.read_tracker(content, filename)`` → a ``Sheet`` of rows (or problems)
- ``plan.build_plan(district, sheet, school=…)`` → a ``Plan``: problems, or new / changed / unchanged rows
- ``apply.apply_plan(plan, by=…)`` writes it in one transaction
- ``export.item_rows(items)`` with ``csv_lines`` or ``xlsx_file`` streams an export
"""

from actions.spreadsheets.apply import apply_plan, apply_upload, store_upload, upload_plan
from actions.spreadsheets.plan import CHANGED, NEW, UNCHANGED, Plan, build_plan
from actions.spreadsheets.reading import read_tracker

__all__ = [
    "CHANGED",
    "NEW",
    "UNCHANGED",
    "Plan",
    "apply_plan",
    "apply_upload",
    "build_plan",
    "read_tracker",
    "store_upload",
    "upload_plan",
]
