"""Uploaded spreadsheets (roster, tracker, matrix) are kept only while their import needs them.

A roster or tracker file holds people's names and emails: its content is emptied once the import is
applied or refused (``core.imports.steps``), and an hourly job of each app removes its uploads older
than :data:`KEEP_FOR`. An import page older than that is "not found": the file must be uploaded again.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone

#: How long an upload waits for its preview to be confirmed.
KEEP_FOR = dt.timedelta(days=2)


def prune_uploads(model: type[models.Model], *, now: dt.datetime | None = None) -> int:
    """Delete the uploads of ``model`` (with a ``created_at``) older than :data:`KEEP_FOR`; returns how many."""
    cutoff = (now or timezone.now()) - KEEP_FOR
    deleted, _ = model._default_manager.filter(created_at__lt=cutoff).delete()
    return deleted
