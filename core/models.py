"""Shared model bases. ``core`` has no tables of its own: apps inherit these."""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.db import models


class UploadState(models.TextChoices):
    CHECKING = "checking", "Checking the file"
    CHECKED = "checked", "Ready to confirm"
    REFUSED = "refused", "Problems found"
    APPLYING = "applying", "Importing"
    APPLIED = "applied", "Imported"
    FAILED = "failed", "Stopped by an error"


class SpreadsheetUpload(models.Model):
    """An uploaded spreadsheet on its way through an import (``core.imports``): checked, confirmed, applied.

    The worker checks the file and stores the preview (``report``), the person confirms it, the worker
    applies it; ``step``, ``done`` and ``total`` say how far the current run has got. The file
    (people's names and emails) is emptied once it is applied or refused, and the row itself is removed
    by the app's hourly job after :data:`core.uploads.KEEP_FOR`. Each app's upload model names its
    importer (``importer_path``, a dotted path to an object following ``core.imports.base.Importer``).
    """

    token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=UploadState.choices, default=UploadState.CHECKING)
    step = models.CharField(max_length=100, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True)
    report = models.JSONField(default=dict, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    importer_path: ClassVar[str] = ""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.filename

    @property
    def running(self) -> bool:
        return self.state in (UploadState.CHECKING, UploadState.APPLYING)

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))
