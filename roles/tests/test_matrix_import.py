"""The matrix workbook: its legend in the cells' words, and imported back all or nothing (web and command line)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from conftest import client_for
from roles.matrix import SHORT_LABELS
from roles.models import CapabilityCell, MatrixUpload
from roles.services.matrix import load_seed_example, matrix_grid, set_cell
from roles.services.matrix_export import write_matrix_xlsx

IMPORT = reverse("roles:matrix_import")


def workbook(district, school=None) -> bytes:
    stream = io.BytesIO()
    write_matrix_xlsx(matrix_grid(district, school), stream)
    return stream.getvalue()


def cells() -> set[tuple]:
    return set(CapabilityCell.objects.values_list("task_id", "role_id", "school_id", "value"))


def edited(content: bytes, edits: dict[tuple[int, int], str]) -> bytes:
    """The workbook with some cells (row, column as the spreadsheet numbers them) rewritten."""
    book = load_workbook(io.BytesIO(content))
    for (row, column), value in edits.items():
        book.active.cell(row=row, column=column, value=value)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def upload(client, content: bytes, school=None):
    data = {"file": SimpleUploadedFile("matrix.xlsx", content)}
    if school is not None:
        data["school"] = school.pk
    return client.post(IMPORT, data)


@pytest.fixture
def filled(personas):
    load_seed_example(personas.district, by=personas.admin)
    teacher = personas.district.roles.get(seed_key="teacher")
    screening = personas.district.tasks.get(seed_key="screening")
    set_cell(personas.district, task=screening, role=teacher, value="yes", school=personas.school_a, by=None)
    return personas


def test_the_legend_uses_the_words_of_the_cells(filled):
    sheet = load_workbook(io.BytesIO(workbook(filled.district))).active
    legend = sheet.cell(row=3, column=3).value
    words = {cell.value for row in sheet.iter_rows(min_row=4, min_col=3) for cell in row if cell.value}

    assert words == {"Yes", "No", "With training"}
    for word in words:
        assert f"{word}: " in legend
    assert "Blank: not decided yet." in legend


def test_the_districts_export_imports_back_with_nothing_to_change(filled, as_admin):
    before = cells()
    page = as_admin.get(upload(as_admin, workbook(filled.district))["Location"]).content.decode()

    assert "The district&#x27;s matrix: 0 cells changed" in page or "The district's matrix: 0 cells changed" in page
    assert cells() == before


def test_a_schools_export_imports_back_into_the_school_with_nothing_to_change(filled, as_admin):
    before = cells()
    location = upload(as_admin, workbook(filled.district, filled.school_a), filled.school_a)["Location"]
    as_admin.post(location)

    assert "0 cells changed" in as_admin.get(location).content.decode()
    assert cells() == before


def test_an_edited_workbook_changes_its_cells_once_confirmed(filled, as_admin):
    content = workbook(filled.district)
    rows = [[cell.value for cell in row] for row in load_workbook(io.BytesIO(content)).active.iter_rows()]
    teacher = rows[1].index("Teacher") + 1
    screening = next(number for number, row in enumerate(rows, start=1) if row[1] == "Screening")
    location = upload(as_admin, edited(content, {(screening, teacher): "With training"}))["Location"]

    page = as_admin.get(location).content.decode()
    assert "1 cells changed" in page and "Screening × Teacher" in page and "No → With training" in page
    as_admin.post(location)

    teacher_role = filled.district.roles.get(seed_key="teacher")
    cell = CapabilityCell.objects.get(school=None, role=teacher_role, task__seed_key="screening")
    assert cell.value == "training" and cell.updated_by == filled.admin
    assert MatrixUpload.objects.get().state == "applied"


def test_every_problem_is_named_by_row_and_column_and_nothing_is_saved(filled, as_admin):
    content = workbook(filled.district)
    rows = [[cell.value for cell in row] for row in load_workbook(io.BytesIO(content)).active.iter_rows()]
    teacher = rows[1].index("Teacher") + 1
    last = len(rows[1]) + 1
    before = cells()
    broken = edited(
        content,
        {(2, last): "Wizard", (4, teacher): "Maybe", (5, 2): "Juggling", (6, teacher): "With training"},
    )

    page = as_admin.get(upload(as_admin, broken)["Location"]).content.decode()

    assert "3 problems found — nothing was imported" in page
    assert "“Wizard” is not one of the district&#x27;s active roles." in page
    assert "“Maybe” is not a matrix value" in page and "“Juggling” is not an active task" in page
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[teacher - 1]
    assert f"<td>{letter} (Teacher)</td>" in page
    assert "Confirm the import" not in page
    assert cells() == before


def test_the_command_imports_a_matrix_and_refuses_a_bad_one(filled, tmp_path):
    content = workbook(filled.district)
    rows = [[cell.value for cell in row] for row in load_workbook(io.BytesIO(content)).active.iter_rows()]
    teacher = rows[1].index("Teacher") + 1
    path = tmp_path / "matrix.xlsx"
    path.write_bytes(edited(content, {(4, teacher): "Yes"}))
    out = io.StringIO()

    call_command("import_matrix", str(path), "--district", "lincoln", stdout=out, stderr=io.StringIO())

    assert "1 cells changed" in out.getvalue() and "Matrix imported." in out.getvalue()
    path.write_bytes(edited(content, {(4, teacher): "Perhaps"}))
    with pytest.raises(CommandError, match="1 problem found; nothing was imported"):
        call_command("import_matrix", str(path), "--district", "lincoln", stdout=io.StringIO(), stderr=io.StringIO())


def test_a_principal_cannot_import_the_matrix(filled):
    client = client_for(filled.principal)
    assert client.get(IMPORT).status_code == 403
    assert upload(client, workbook(filled.district)).status_code == 403
    assert not MatrixUpload.objects.exists()
    assert SHORT_LABELS
