"""Roster import and export: schools and staff from and to CSV or XLSX.

Its columns and rules only; reading, limits, preview, confirmation and the background run are
``core.spreadsheets`` and ``core.imports``, shared with the tracker and the matrix.

- ``reading``: sheets → rows of text by column name (a one-sheet workbook or a CSV recognised by its header);
- ``validate``: rows → cleaned rows and problems (row, column, reason);
- ``plan``: cleaned rows compared with the district → what is new, changed or unchanged;
- ``apply``: the plan prepared, then written in one transaction, in bulk;
- ``importer.ROSTER``: the above as ``core.imports`` runs it (web and ``import_roster``);
- ``export``: the district back out in the same layout.

The layout is documented in ``docs/roster-format.md``.
"""

from core.spreadsheets import Problem
from people.roster.apply import apply_plan, store_upload
from people.roster.plan import Plan, build_plan
from people.roster.reading import read_roster

__all__ = ["Plan", "Problem", "apply_plan", "build_plan", "read_roster", "store_upload"]
