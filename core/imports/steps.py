"""The worker's steps of a spreadsheet import, and the same steps for the command line.

- :func:`run_check` reads a stored upload within its importer's limits, plans it row by row with
  progress, and stores the preview or the problems on the upload.
- :func:`run_apply` plans a confirmed upload again against the database as it is now, prepares every
  object outside any transaction, and writes them in one short transaction — all or nothing. While it
  writes, other people's writes wait (SQLite's busy timeout, PostgreSQL's row locks) rather than fail.
- :func:`check_file` and :func:`apply_plan` are the same steps for the command line, run in the
  command's process with its progress printed.

No step raises on a bad file: problems are stored (or returned) by row and column. An unexpected
error is logged and the upload marked failed, with nothing written; the worker carries on.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.apps import apps
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from core.imports.base import Importer, ImportPlan, PreviewRow, RefusedPlan
from core.imports.progress import Progress, StoredProgress
from core.models import SpreadsheetUpload, UploadState
from core.spreadsheets import FileRefused, Problems, open_spreadsheet

logger = logging.getLogger(__name__)

#: Rows of the preview and problems kept on the upload for its page.
SHOWN = 500
FAILED = (
    "The import stopped with an error and nothing was saved. It has been logged; try again, and if it "
    "happens again tell your operator."
)
CHANGED_MEANWHILE = (
    "Nothing was saved: the records changed while the import was being saved (someone else edited "
    "them at the same moment). Upload the file again to check it against them as they are now."
)


def importer_of(upload: SpreadsheetUpload) -> Importer:
    return import_string(type(upload).importer_path)


def check_file(importer: Importer, content: bytes, filename: str, options: Any, progress: Progress) -> ImportPlan:
    """Open and plan a file (the check both the worker and the command line run)."""
    try:
        spreadsheet = open_spreadsheet(content, filename, importer.limits)
    except FileRefused as refused:
        return RefusedPlan(Problems([refused.problem()]))
    return importer.plan(spreadsheet, options, progress)


def apply_plan(importer: Importer, plan: ImportPlan, options: Any, progress: Progress | None = None) -> float:
    """Write a plan without problems: prepared outside the transaction, written in one; returns its seconds."""
    if not plan.ok:
        raise ValueError("A plan with problems cannot be applied.")
    progress = progress or Progress()
    progress.step("Preparing the changes")
    prepared = importer.prepare(plan, options)
    progress.step("Saving")
    started = time.perf_counter()
    with transaction.atomic():
        importer.write(prepared, options)
    return time.perf_counter() - started


def report_of(plan: ImportPlan, **extra: Any) -> dict:
    """What the upload's page shows: the summary, how the file was read, the first changes and problems."""
    rows = plan.preview() if plan.ok else []
    problems = plan.problems
    return {
        "summary": plan.summary() if plan.ok else "",
        "read_as": plan.read_as,
        "changes": [row.to_dict() for row in rows[:SHOWN]],
        "hidden_changes": max(len(rows) - SHOWN, 0),
        "notes": [[row, note] for row, note in plan.notes[:SHOWN]],
        "problems": [problem.to_dict() for problem in list(problems)[:SHOWN]],
        "problem_count": len(problems),
        **extra,
    }


def preview_rows(upload: SpreadsheetUpload) -> list[PreviewRow]:
    return [PreviewRow.from_dict(row) for row in upload.report.get("changes", [])]


def _stored(label: str, pk: int, state: str) -> SpreadsheetUpload | None:
    model = apps.get_model(label)
    return model._default_manager.filter(pk=pk, state=state).first()


def _finish(upload: SpreadsheetUpload, state: str, report: dict, **fields: Any) -> None:
    """Store the outcome; the file is no longer needed once the import is refused, failed or done."""
    type(upload)._default_manager.filter(pk=upload.pk).update(
        state=state, report=report, step="", content=b"" if state != UploadState.CHECKED else upload.content, **fields
    )


def run_check(label: str, pk: int) -> str:
    """The worker's check of an upload: its preview, or its problems, stored on it. Returns the new state."""
    upload = _stored(label, pk, UploadState.CHECKING)
    if upload is None:
        return "skipped"
    importer = importer_of(upload)
    try:
        plan = check_file(
            importer, bytes(upload.content), upload.filename, importer.options(upload), StoredProgress(upload)
        )
    except Exception:
        logger.exception("Checking the upload %s %s failed", label, pk)
        _finish(upload, UploadState.FAILED, {"error": FAILED})
        return UploadState.FAILED
    state = UploadState.CHECKED if plan.ok else UploadState.REFUSED
    _finish(upload, state, report_of(plan))
    return state


def run_apply(label: str, pk: int) -> str:
    """The worker's import of a confirmed upload: checked again, then written all or nothing. Returns the new state."""
    upload = _stored(label, pk, UploadState.APPLYING)
    if upload is None:
        return "skipped"
    importer = importer_of(upload)
    options = importer.options(upload)
    progress = StoredProgress(upload)
    try:
        plan = check_file(importer, bytes(upload.content), upload.filename, options, progress)
        if not plan.ok:
            _finish(upload, UploadState.REFUSED, report_of(plan, changed_since_check=True))
            return UploadState.REFUSED
        seconds = apply_plan(importer, plan, options, progress)
    except DatabaseError:
        logger.exception("Applying the upload %s %s failed in the database", label, pk)
        _finish(upload, UploadState.FAILED, {"error": CHANGED_MEANWHILE})
        return UploadState.FAILED
    except Exception:
        logger.exception("Applying the upload %s %s failed", label, pk)
        _finish(upload, UploadState.FAILED, {"error": FAILED})
        return UploadState.FAILED
    _finish(upload, UploadState.APPLIED, report_of(plan, written_in=round(seconds, 1)), applied_at=timezone.now())
    return UploadState.APPLIED
