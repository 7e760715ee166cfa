"""Uploaded spreadsheets (roster, tracker): kept only between the upload and the confirmation of its preview.

Both imports go upload → preview → confirm: :func:`confirm_step` is the preview page's shared step,
and ``core/_file_problems.html`` lists what is wrong with a file.

A roster or tracker file holds people's names and emails; once imported (or abandoned) it has no use,
so an hourly job of each app removes its uploads older than :data:`KEEP_FOR`. A preview link older
than that is "not found": the file must be uploaded again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from people.access import DistrictRequest

#: How long an upload waits for its preview to be confirmed.
KEEP_FOR = dt.timedelta(days=2)


def prune_uploads(model: type[models.Model], *, now: dt.datetime | None = None) -> int:
    """Delete the uploads of ``model`` (with a ``created_at``) older than :data:`KEEP_FOR`; returns how many."""
    cutoff = (now or timezone.now()) - KEEP_FOR
    deleted, _ = model._default_manager.filter(created_at__lt=cutoff).delete()
    return deleted


def confirm_step(
    request: DistrictRequest,
    upload: Any,
    *,
    plan_of: Callable[..., Any],
    apply: Callable[..., Any],
    done_url: str,
    imported: str,
) -> tuple[HttpResponse | None, Any]:
    """The preview page's shared step: show the plan of a stored upload, or apply it once on POST.

    Returns ``(response, plan)``: a redirect to ``done_url`` when the upload was (or has just been)
    imported, with a message; otherwise ``(None, plan)`` for the view to show — the plan checked again
    against the district as it is now, with its problems if applying found any. ``apply(upload, by=…)``
    returns ``None`` when another request applied the upload first; ``imported`` starts the message
    ("Roster imported.").
    """
    member = request.member
    if upload.applied_at is not None:
        messages.info(request, f"“{upload.filename}” has already been imported.")
        return redirect(done_url), None
    if request.method != "POST":
        return None, plan_of(upload, by=member)
    plan = apply(upload, by=member)
    if plan is None:
        messages.info(request, f"“{upload.filename}” has already been imported.")
        return redirect(done_url), None
    if plan.ok:
        messages.success(request, f"{imported} {plan.summary()}")
        return redirect(done_url), plan
    return None, plan
