"""Uploads that could take the app down are refused quickly, holding little memory (issue: a 555 KB
workbook of one row of 5 million cells ran for 190 s and took 4.5 GiB)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.spreadsheets import FileRefused, Limits, open_spreadsheet
from core.tests import bombs

ROOT = Path(__file__).resolve().parents[2]
MEGABYTE = 1024 * 1024

# Reads a file in a fresh process and reports what happened, how long it took and the process's peak memory.
MEASURE = """
import json, sys, time
from django.conf import settings
settings.configure(MAX_UPLOAD_BYTES=10 * 1024 * 1024)
from core.spreadsheets import FileRefused, open_spreadsheet

def peak_kb():
    # This process's own high-water mark (getrusage's ru_maxrss keeps the parent's across fork and exec).
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])

content = open(sys.argv[1], "rb").read()
before = peak_kb()
started = time.perf_counter()
outcome = "read"
try:
    for sheet in open_spreadsheet(content, sys.argv[1]).sheets:
        for _ in sheet.rows():
            pass
except FileRefused as refused:
    outcome = refused.reason
print(json.dumps({
    "outcome": outcome,
    "seconds": time.perf_counter() - started,
    "peak_mb": peak_kb() / 1024,
    "grew_mb": (peak_kb() - before) / 1024,
}))
"""


def measure(tmp_path, name: str, content: bytes) -> dict:
    path = tmp_path / name
    path.write_bytes(content)
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path)], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(done.stdout)


def test_the_five_million_cell_workbook_is_refused_in_milliseconds_without_memory(tmp_path):
    content = bombs.five_million_cells()
    assert len(content) < 600 * 1024

    result = measure(tmp_path, "bomb.xlsx", content)

    assert "The workbook is too large to import" in result["outcome"]
    assert "times its size in the file" in result["outcome"]
    assert result["seconds"] < 2
    assert result["peak_mb"] < 200 and result["grew_mb"] < 20


def test_a_row_too_wide_that_passes_the_zip_checks_is_stopped_while_it_is_read(tmp_path):
    content = bombs.noisy_row()
    open_spreadsheet(content, "noisy.xlsx")  # the zip and the declared size look fine

    result = measure(tmp_path, "noisy.xlsx", content)

    assert "at most 100 columns are read" in result["outcome"]
    assert result["seconds"] < 2 and result["grew_mb"] < 20


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("rows.csv", bombs.million_row_csv, "has 1,000,002 lines; at most 200,000 rows are accepted"),
        ("field.csv", bombs.huge_field_csv, "longer than 1,048,576 characters"),
    ],
)
def test_csv_floods_are_refused_within_seconds_without_memory(tmp_path, name, make, message):
    content = make()
    assert len(content) <= 10 * MEGABYTE

    result = measure(tmp_path, name, content)

    assert message in result["outcome"]
    assert result["seconds"] < 2 and result["grew_mb"] < 40


def test_a_csv_of_a_few_more_rows_than_the_limit_is_stopped_while_it_is_read():
    content = b"Name,Email\n" + b"a,b\n" * 200_030

    spreadsheet = open_spreadsheet(content, "staff.csv")
    with pytest.raises(FileRefused, match="more than 200,000 rows") as refused:
        list(spreadsheet.sheets[0].rows())
    assert refused.value.row == 200_022


def test_a_sheet_declaring_more_rows_than_any_roster_is_refused_before_its_cells_are_read():
    content = bombs.workbook(cells=1, dimension="A1:E900000")

    with pytest.raises(FileRefused, match="declares 900,000 rows"):
        open_spreadsheet(content, "big.xlsx")


def test_a_workbook_unzipping_past_the_limit_is_refused():
    content = bombs.workbook(cells=200_000, cell=b'<c t="inlineStr"><is><t>some text</t></is></c>')

    with pytest.raises(FileRefused, match="it unzips to"):
        open_spreadsheet(content, "big.xlsx", Limits(max_unzipped_bytes=MEGABYTE, max_ratio=10_000))


def test_a_document_type_declaration_is_refused():
    entities = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><worksheet><sheetData/></worksheet>'
    with pytest.raises(FileRefused, match="damaged"):
        for sheet in open_spreadsheet(bombs.workbook(entities), "entities.xlsx").sheets:
            list(sheet.rows())


def test_a_cell_longer_than_excel_allows_is_refused():
    content = bombs.workbook(cells=1, cell=b'<c t="inlineStr"><is><t>' + b"x" * 40_000 + b"</t></is></c>")

    with pytest.raises(FileRefused, match="more than 32,767 characters"):
        list(open_spreadsheet(content, "long.xlsx").sheets[0].rows())


@pytest.mark.parametrize("url_name", ["people:roster_import", "actions:tracker_import"])
def test_the_bomb_uploaded_on_the_web_is_refused_beside_the_field_at_once(personas, as_admin, url_name):
    file = SimpleUploadedFile("roster.xlsx", bombs.five_million_cells())

    started = time.perf_counter()
    response = as_admin.post(reverse(url_name), {"file": file})
    elapsed = time.perf_counter() - started

    assert response.status_code == 200
    page = response.content.decode()
    assert "The workbook is too large to import" in page
    assert 'class="errorlist' in page or "error" in page
    assert elapsed < 2
