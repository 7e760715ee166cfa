"""Import the capability matrix back from its workbook (``matrix_export``'s layout): all or nothing.

The header row ("Task category", "Task description", then one column per role) may sit below the
template's title row; the legend row and blank rows are skipped. A row names a task of the district
by its category and description; a column names a role by its name or short name. A cell says Yes,
No or With training (also ✓, ✗, ***), or is blank: not decided for the district's matrix, the
district's value for a school's. Every problem is named by row and column, and nothing is saved
unless there is none. Only the cells that differ are written (``services.matrix.save_cells``), so
an export imports back with nothing to change; tasks and roles left out of the file keep their cells.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from core.imports.base import CHANGED, UNCHANGED, PreviewRow
from core.imports.progress import Progress
from core.imports.services import start_import
from core.spreadsheets import FileRefused, Limits, Problem, Problems, Spreadsheet, cell_text
from core.spreadsheets.xlsx import column_letters
from core.uploads import prune_uploads
from people.models import District, Role, School, StaffMember, Task
from roles.matrix import NOT_DECIDED, SHORT_LABELS, Key
from roles.models import Capability, MatrixUpload
from roles.services.matrix import active_catalogue, cell_values, save_cells
from roles.services.matrix_export import CATEGORY, TASK

LIMITS = Limits(max_rows=5_000, max_columns=200)
HEADER_SEARCH_ROWS = 20
WORDS = {
    "yes": Capability.YES,
    "y": Capability.YES,
    "✓": Capability.YES,
    "no": Capability.NO,
    "n": Capability.NO,
    "✗": Capability.NO,
    "with training": Capability.TRAINING,
    "training": Capability.TRAINING,
    "***": Capability.TRAINING,
    "could with additional training provided by the district": Capability.TRAINING,
    "not decided": NOT_DECIDED,
    "?": NOT_DECIDED,
    "": NOT_DECIDED,
}
ALLOWED = "Yes, No, With training, or blank (not decided)"


def _key(text: str) -> str:
    return " ".join(text.split()).lower()


@dataclass(frozen=True)
class MatrixOptions:
    district: District
    school: School | None = None  # a school's matrix: its overrides of the district's
    by: StaffMember | None = None


@dataclass
class CellChange:
    row: int
    task: str
    role: str
    before: str
    after: str


@dataclass
class MatrixPlan:
    district: District
    school: School | None
    problems: Problems = field(default_factory=Problems)
    read_as: str = ""
    notes: list[tuple[int, str]] = field(default_factory=list)
    values: dict[Key, str] = field(default_factory=dict)  # the cells to write (task id, role id) → value
    changes: list[CellChange] = field(default_factory=list)
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        where = f"{self.school.name}'s matrix" if self.school else "The district's matrix"
        return f"{where}: {len(self.changes)} cells changed, {self.unchanged} unchanged."

    def preview(self) -> list[PreviewRow]:
        return [
            PreviewRow(CHANGED, f"{c.task} × {c.role}", c.row, differences=[("Cell", c.before, c.after)])
            for c in self.changes
        ]


def _header(rows: Iterator[tuple[int, list]]) -> tuple[int, list[str]] | None:
    for number, record in rows:
        cells = [cell_text(cell) for cell in record]
        if len(cells) >= 2 and _key(cells[0]) == _key(CATEGORY) and _key(cells[1]) == _key(TASK):
            return number, cells
        if number >= HEADER_SEARCH_ROWS:
            return None
    return None


def build_matrix_plan(spreadsheet: Spreadsheet, options: MatrixOptions, progress: Progress) -> MatrixPlan:
    """Check every row and column of the workbook's first matrix sheet against the district's tasks and roles."""
    plan = MatrixPlan(options.district, options.school, read_as=spreadsheet.read_as)
    sheet = spreadsheet.sheets[0] if spreadsheet.sheets else None
    if sheet is None:
        plan.problems.add(Problem("", None, "", "The workbook has no sheets."))
        return plan
    progress.step("Reading the matrix", sheet.declared_rows)
    rows = sheet.rows()
    try:
        found = _header(rows)
        if found is None:
            reason = f"No header row found: the matrix's header row starts with “{CATEGORY}” and “{TASK}”."
            plan.problems.add(Problem("", None, "", reason))
            return plan
        _check(plan, options, found, rows)
    except FileRefused as refused:
        plan.problems.add(Problem("", refused.row, "", refused.reason))
    if plan.problems:
        plan.values, plan.changes = {}, []
    return plan


def _check(plan: MatrixPlan, options: MatrixOptions, header: tuple[int, list[str]], rows) -> None:
    header_row, names = header
    _, tasks, roles = active_catalogue(options.district)
    role_by_name: dict[str, Role] = {_key(role.name): role for role in roles}
    for role in roles:
        if role.short_name:
            role_by_name.setdefault(_key(role.short_name), role)
    columns: dict[int, Role] = {}
    seen_roles: dict[int, str] = {}
    for index, name in enumerate(names[2:], start=2):
        if not name:
            continue
        found_role = role_by_name.get(_key(name))
        letter = column_letters(index + 1)
        if found_role is None:
            reason = f"“{name}” is not one of the district's active roles."
            plan.problems.add(Problem("", header_row, f"{letter} ({name})", reason))
        elif found_role.pk in seen_roles:
            reason = f"The role is also in column {seen_roles[found_role.pk]}."
            plan.problems.add(Problem("", header_row, f"{letter} ({name})", reason))
        else:
            columns[index] = found_role
            seen_roles[found_role.pk] = letter
    task_by_names: dict[tuple[str, str], Task] = {(_key(t.category.name), _key(t.name)): t for t in tasks}
    tasks_by_name: dict[str, list[Task]] = {}
    for one in tasks:
        tasks_by_name.setdefault(_key(one.name), []).append(one)
    district_cells, school_cells = cell_values(options.district, options.school)
    seen_tasks: dict[int, int] = {}
    for number, record in rows:
        cells = [cell_text(cell) for cell in record]
        category, name = (cells + ["", ""])[:2]
        if not name:  # the legend row, notes below the matrix: rows without a task are not read
            if category:
                plan.problems.add(Problem("", number, TASK, "The task description is empty."))
            continue
        task = task_by_names.get((_key(category), _key(name)))
        if task is None and not category and len(tasks_by_name.get(_key(name), [])) == 1:
            task = tasks_by_name[_key(name)][0]
        if task is None:
            within = f" in “{category}”" if category else ""
            reason = f"“{name}” is not an active task of the district{within}."
            plan.problems.add(Problem("", number, TASK, reason))
            continue
        if task.pk in seen_tasks:
            plan.problems.add(Problem("", number, TASK, f"The task is also on row {seen_tasks[task.pk]}."))
            continue
        seen_tasks[task.pk] = number
        for index, role in columns.items():
            text = cells[index] if index < len(cells) else ""
            value = WORDS.get(_key(text))
            if value is None:
                where = f"{column_letters(index + 1)} ({role.name})"
                plan.problems.add(Problem("", number, where, f"“{text}” is not a matrix value: use {ALLOWED}."))
                continue
            _compare(plan, number, task, role, value, district_cells, school_cells)


def _compare(plan: MatrixPlan, number: int, task, role, value: str, district_cells, school_cells) -> None:
    """Note the cell's change, if it has one.

    A school's matrix holds what the school works with: a value equal to the district's is no override
    of its own, and a blank means the district's value.
    """
    key = (task.pk, role.pk)
    district_value = district_cells.get(key, NOT_DECIDED)
    if plan.school is None:
        current, wanted, stored = district_value, value, value
    else:
        current = school_cells.get(key, district_value)
        wanted = district_value if value == NOT_DECIDED else value
        stored = "" if wanted == district_value else wanted
    if current == wanted:
        plan.unchanged += 1
        return
    plan.values[key] = stored
    plan.changes.append(CellChange(number, task.name, role.name, SHORT_LABELS[current], SHORT_LABELS[wanted]))


class MatrixImporter:
    noun = "Matrix"
    limits = LIMITS

    def options(self, upload: MatrixUpload) -> MatrixOptions:
        return MatrixOptions(upload.district, upload.school, upload.uploaded_by)

    def plan(self, spreadsheet: Spreadsheet, options: MatrixOptions, progress: Progress) -> MatrixPlan:
        return build_matrix_plan(spreadsheet, options, progress)

    def prepare(self, plan: MatrixPlan, options: MatrixOptions) -> MatrixPlan:
        return plan

    def write(self, prepared: MatrixPlan, options: MatrixOptions) -> None:
        save_cells(options.district, prepared.values, school=options.school, by=options.by)


MATRIX = MatrixImporter()


def store_matrix_upload(
    district: District, *, school: School | None, filename: str, content: bytes, by: StaffMember | None
) -> MatrixUpload:
    """Keep an uploaded matrix workbook and queue its check by the worker."""
    upload = MatrixUpload.objects.create(
        district=district, school=school, filename=filename[:255], content=content, uploaded_by=by
    )
    start_import(upload)
    return upload


def prune_matrix_uploads() -> str:
    """The hourly job: uploads past their preview's time are removed (``core.uploads``)."""
    return f"{prune_uploads(MatrixUpload)} old matrix uploads removed"


__all__ = ["MATRIX", "UNCHANGED", "MatrixOptions", "MatrixPlan", "build_matrix_plan", "store_matrix_upload"]
