"""Small helpers shared by the set-up forms."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet


def check_unique_name(queryset: QuerySet, name: str, instance=None, *, what: str = "one") -> str:
    """Refuse ``name`` when another row of ``queryset`` has it, ignoring case.

    The database enforces the same rule; checking here puts the error beside
    the field instead of failing the save.
    """
    name = name.strip()
    clash = queryset.filter(name__iexact=name)
    if instance is not None and instance.pk is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise forms.ValidationError(f"There is already {what} called “{name}”.")
    return name
