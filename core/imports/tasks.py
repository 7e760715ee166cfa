"""The worker's tasks of a spreadsheet import (``core.imports.steps``)."""

from __future__ import annotations

from django_tasks import task

from core.imports.steps import run_apply, run_check


@task()
def check_upload(model_label: str, pk: int) -> str:
    """Read and check a stored upload, storing its preview or its problems."""
    return run_check(model_label, pk)


@task()
def apply_upload(model_label: str, pk: int) -> str:
    """Check a confirmed upload again and write it, all or nothing."""
    return run_apply(model_label, pk)
