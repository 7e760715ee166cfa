"""Uploaded spreadsheets are kept only between the upload and the confirmation of its preview.

A roster or tracker file holds people's names and emails; once imported (or abandoned) it has no use,
so an hourly job of each app removes its uploads older than :data:`KEEP_FOR`. A preview link older
than that is "not found": the file must be uploaded again.
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
