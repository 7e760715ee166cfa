"""Roster import and export: schools and staff from and to CSV or XLSX.

The pipeline, each step in its own module:

- ``reading``: bytes → sheets of rows of text (never trusts the file, never raises);
- ``validate``: rows → cleaned rows and problems (row, column, reason);
- ``plan``: cleaned rows compared with the district → what is new, changed or unchanged;
- ``apply``: the plan written in one transaction through ``people.services``;
- ``export``: the district back out in the same layout.

The layout is documented in ``docs/roster-format.md``.
"""

from people.roster.apply import apply_plan, apply_upload, store_upload
from people.roster.plan import Plan, build_plan
from people.roster.reading import Problem, read_roster

__all__ = ["Plan", "Problem", "apply_plan", "apply_upload", "build_plan", "read_roster", "store_upload"]
