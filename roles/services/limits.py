"""Limits from local agreements (``RoleLimit``): adding, changing and deleting one.

Two admins may change or delete the same limit from the limits page: each write takes the page's
snapshot of the limit (``core.stale``) and is refused, with what changed, when someone saved or
deleted it since. One limit per role and task type (or all shifted work): checked with the role's
row locked, so two admins adding the same limit at once cannot both succeed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from core import stale
from people.models import Role
from roles.models import RoleLimit

FIELDS = ("role", "category", "max_hours_per_week", "source")
LABELS = {
    "role": "Role",
    "category": "Of which task type",
    "max_hours_per_week": "At most hours a week",
    "source": "Agreement",
}
DUPLICATE = "This role already has a limit for this; edit that one instead."


def limit_seen(limit: RoleLimit) -> stale.Seen:
    """The snapshot of a saved limit as its row and its edit form show it."""
    return stale.Seen.of(limit, FIELDS, labels=LABELS)


def duplicate_of(limit: RoleLimit) -> RoleLimit | None:
    """Another limit of the same role for the same task type (or for all shifted work), if any."""
    others = RoleLimit.objects.filter(role_id=limit.role_id, category_id=limit.category_id)
    return others.exclude(pk=limit.pk).first() if limit.pk else others.first()


@transaction.atomic
def save_limit(limit: RoleLimit, *, seen: stale.Seen | None = None) -> RoleLimit:
    """Add or change ``limit``.

    ``ValidationError`` (on ``max_hours_per_week``) when the role already has a limit for the same task
    type; ``core.stale.StaleEdit`` when ``seen`` (what the editor's page showed) differs from the limit
    now, or the limit was deleted meanwhile. Nothing is written in either case.
    """
    Role.objects.select_for_update().get(pk=limit.role_id)
    if limit.pk is not None:
        _check(seen, limit)
    if duplicate_of(limit) is not None:
        raise ValidationError({"max_hours_per_week": DUPLICATE})
    limit.save()
    return limit


@transaction.atomic
def delete_limit(limit: RoleLimit, *, seen: stale.Seen | None = None) -> None:
    """Delete ``limit``; refused with ``StaleEdit`` when someone changed it since ``seen`` was read."""
    _check(seen, limit)
    RoleLimit.objects.filter(pk=limit.pk).delete()


def _check(seen: stale.Seen | None, limit: RoleLimit) -> None:
    current = RoleLimit.objects.select_for_update().filter(pk=limit.pk).first()
    if current is None:
        gone = stale.Change(stale.Seen.key(limit, "pk"), "The limit", str(limit), "deleted")
        raise stale.StaleEdit([gone])
    stale.check(seen, current)
