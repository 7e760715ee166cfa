"""Exports survive a real spreadsheet program: LibreOffice Calc converts them, the import changes nothing.

Each export (roster, tracker, matrix) goes through ``soffice --headless --convert-to xlsx`` and
``--convert-to csv`` — what a person does when they open the file, save it as a workbook or as CSV,
and upload it again — and the import of every converted file must find nothing to change. The data
holds what spreadsheets like to mangle: accents, apostrophes, formula-like text, two people with the
same name, dates, decimal FTEs. ``.ci/run`` installs LibreOffice Calc (Debian's ``libreoffice-calc``).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from actions.models import ActionItem, Status
from actions.services import create_item
from actions.spreadsheets import build_plan as tracker_plan
from actions.spreadsheets import read_tracker
from actions.spreadsheets.export import SHEET_TITLE, item_layout, item_rows
from core.imports.progress import Progress
from core.imports.steps import check_file
from core.spreadsheets.writing import csv_lines, write_xlsx
from people.roster import build_plan as roster_plan
from people.roster import read_roster
from people.roster.export import staff_rows, workbook_sheets
from roles.services.matrix import load_seed_example, matrix_grid, set_cell
from roles.services.matrix_export import write_matrix_xlsx
from roles.services.matrix_import import MATRIX, MatrixOptions
from tests import factories

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1"  # comma, double quotes, UTF-8, from line 1


def convert(paths: list[Path], target: str, outdir: Path, *, csv_in: bool = False) -> dict[str, Path]:
    """Convert files with LibreOffice Calc in one run; returns the converted files by stem.

    CSV files are opened as UTF-8 (``csv_in``), what LibreOffice's import dialog offers for a file with a
    byte order mark; headless, without it, LibreOffice reads the system's code page.
    """
    outdir.mkdir(exist_ok=True)
    profile = outdir.parent / f"profile-{outdir.name}"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            *(["--infilter=CSV:44,34,76,1"] if csv_in else []),
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *map(str, paths),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    converted = {path.stem: outdir / f"{path.stem}.{target.split(':')[0]}" for path in paths}
    assert all(path.exists() for path in converted.values()), sorted(outdir.iterdir())
    return converted


@pytest.fixture(autouse=True)
def _libreoffice():
    """LibreOffice Calc is required in CI (``.ci/run`` installs it); elsewhere the test says how to get it."""
    if SOFFICE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice Calc is required in CI (install Debian's 'libreoffice-calc' package).")
        pytest.skip("LibreOffice Calc is not installed; install Debian's 'libreoffice-calc' package to run this test.")


@pytest.fixture
def district_with_everything(personas):
    """A district whose names, items and matrix hold what spreadsheet programs like to change."""
    district = personas.district
    zoe = factories.make_staff(
        district, "Zoë O'Brien-Müller", email="zoe@lincoln.example.org", schools={personas.school_a: "0.5"}
    )
    first = factories.make_staff(district, "Alex Kim", email="alex.kim@lincoln.example.org")
    second = factories.make_staff(
        district, "Alex Kim", email="akim@lincoln.example.org", schools={personas.school_b: "0.75"}
    )
    factories.make_staff(district, "=HYPERLINK(1)", email="formula@lincoln.example.org")
    for owner, description, status in (
        (zoe, "Réserver la salle — Zoë's list", Status.IN_PROGRESS),
        (first, "=SUM(A1:A3) is not a formula", Status.NOT_STARTED),
        (second, "-5 minutes of lunch duty", Status.COMPLETED),
        (None, "@the nurse: 504 plans", Status.BLOCKED),
    ):
        create_item(
            district,
            description=description,
            by=personas.admin,
            owner=owner,
            owner_name="" if owner else "John Smith",
            status=status,
            due_on=dt.date(2026, 12, 18),
            school=personas.school_a,
            notify=False,
        )
    load_seed_example(district, by=personas.admin)
    teacher = district.roles.get(seed_key="teacher")
    set_cell(district, task=district.tasks.get(seed_key="screening"), role=teacher, value="yes", school=None, by=None)
    return personas


def test_exports_converted_by_libreoffice_import_back_with_nothing_to_change(district_with_everything, tmp_path):
    personas = district_with_everything
    district = personas.district
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "staff.csv").write_text("".join(csv_lines(staff_rows(district))), encoding="utf-8")
    (exports / "tracker.csv").write_text("".join(csv_lines(item_rows(ActionItem.objects.all()))), encoding="utf-8")
    with open(exports / "roster.xlsx", "wb") as stream:
        write_xlsx(workbook_sheets(district), stream)
    with open(exports / "trackerbook.xlsx", "wb") as stream:
        # As the tracker page writes it: frozen header, filters, widths and the Progress drop-down.
        items = ActionItem.objects.all()
        write_xlsx([(SHEET_TITLE, item_rows(items), item_layout(items))], stream)
    with open(exports / "matrix.xlsx", "wb") as stream:
        write_matrix_xlsx(matrix_grid(district), stream)

    as_xlsx = convert([exports / "staff.csv", exports / "tracker.csv"], "xlsx", tmp_path / "xlsx", csv_in=True)
    books = [exports / name for name in ("roster.xlsx", "trackerbook.xlsx", "matrix.xlsx")]
    as_xlsx |= convert(books, "xlsx", tmp_path / "xlsx")
    as_csv = convert([as_xlsx["staff"], as_xlsx["tracker"], as_xlsx["matrix"]], CSV_FILTER, tmp_path / "csv")

    for name in ("staff", "roster"):
        for path in filter(None, (as_xlsx.get(name), as_csv.get(name))):
            plan = roster_plan(district, read_roster(path.read_bytes(), path.name))
            assert plan.ok, (path.name, [str(p) for p in plan.problems])
            assert not plan.changes, (path.name, [(c.label, c.differences) for c in plan.changes])
            assert "Zoë O'Brien-Müller" in {c.person.name for c in plan.staff}
    for path in (as_xlsx["tracker"], as_xlsx["trackerbook"], as_csv["tracker"]):
        plan = tracker_plan(district, read_tracker(path.read_bytes(), path.name))
        assert plan.ok, (path.name, [str(p) for p in plan.problems])
        assert plan.summary() == "Action items: 0 new, 0 changed, 4 unchanged.", path.name
    for path in (as_xlsx["matrix"], as_csv["matrix"]):
        plan = check_file(MATRIX, path.read_bytes(), path.name, MatrixOptions(district), Progress())
        assert plan.ok, (path.name, [str(p) for p in plan.problems])
        assert plan.summary().startswith("The district's matrix: 0 cells changed"), (path.name, plan.summary())
