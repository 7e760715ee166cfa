"""The matrix as an XLSX workbook in the role description template's layout, importable back.

Row 1: "Tasks" over the first two columns, then the template's question over the role columns.
Row 2: "Task category", "Task description", then each role's name.
Row 3: the legend, in the cells' own words ("Yes: …; No: …; With training: …; blank: not decided yet").
Then one row per task: its category, its name and each role's cell — "Yes", "No", "With training"
or empty when not decided. ``roles.services.matrix_import`` reads the same layout back.
"""

from __future__ import annotations

from typing import IO

from core.spreadsheets.writing import xlsx_value
from roles.matrix import LEGEND, NOT_DECIDED, SHORT_LABELS
from roles.models import Capability
from roles.services.matrix import Grid

QUESTION = (
    "Do staff have the skills to complete this task, as a result of certification or training? "
    "(Please add additional roles, where needed, e.g., school psychologist, school nurse, other support staff.)"
)
TRAINING_NOTE = "*** Not currently, but could do so with additional training through the district"
SHEET_TITLE = "Role description"
CATEGORY = "Task category"
TASK = "Task description"
LEGEND_TEXT = (
    " ".join(
        f"{SHORT_LABELS[value]}: {LEGEND[value]}." for value in (Capability.YES, Capability.NO, Capability.TRAINING)
    )
    + f" Blank: {LEGEND[NOT_DECIDED]}."
)


def matrix_rows(grid: Grid) -> list[list[str]]:
    """The sheet's rows as text, header rows first (see the module's docstring)."""
    roles = grid.roles
    rows = [
        ["Tasks", "", QUESTION] + [""] * (len(roles) - 1),
        [CATEGORY, TASK] + [role.name for role in roles],
        ["", "", LEGEND_TEXT] + [""] * (len(roles) - 1),
    ]
    for group in grid.groups:
        for row in group.rows:
            cells = [SHORT_LABELS[cell.value] if cell.value != NOT_DECIDED else "" for cell in row.cells]
            rows.append([group.category.name, row.task.name, *cells])
    return rows


def write_matrix_xlsx(grid: Grid, stream: IO[bytes]) -> None:
    """Write the workbook to ``stream``; text typed by people is never read as a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    for values in matrix_rows(grid):
        sheet.append([xlsx_value(sheet, value) if value else None for value in values])
    last_column = 2 + max(len(grid.roles), 1)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=2)
    sheet.merge_cells(start_row=1, start_column=3, end_row=1, end_column=last_column)
    sheet.merge_cells(start_row=3, start_column=3, end_row=3, end_column=last_column)
    for row in sheet.iter_rows(min_row=1, max_row=2):
        for cell in row:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 60
    sheet.freeze_panes = "C3"
    workbook.save(stream)
