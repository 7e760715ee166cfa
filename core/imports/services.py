"""Starting and confirming a spreadsheet import: store → check (worker) → preview → confirm → apply (worker).

The worker's side is ``core.imports.steps`` (through ``core.imports.tasks``).
"""

from __future__ import annotations

from core.imports.tasks import apply_upload, check_upload
from core.models import SpreadsheetUpload, UploadState


def start_import(upload: SpreadsheetUpload) -> None:
    """Queue the check of a stored upload (created in the CHECKING state); the worker reads and plans it."""
    check_upload.enqueue(upload._meta.label, upload.pk)


def confirm_import(upload: SpreadsheetUpload) -> bool:
    """Queue the import of a checked upload, once; returns whether this call queued it."""
    claimed = (
        type(upload)
        ._default_manager.filter(pk=upload.pk, state=UploadState.CHECKED)
        .update(state=UploadState.APPLYING, step="Waiting for the worker", done=0, total=None)
    )
    if claimed:
        apply_upload.enqueue(upload._meta.label, upload.pk)
    return bool(claimed)
