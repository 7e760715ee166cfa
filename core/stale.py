"""Refusing an edit made on an old copy of a record, and saying what changed meanwhile.

Two people open the same form; the first saves; without a guard the second save silently undoes the
first person's work. The guard has three parts, one per layer:

1. **The form** carries what its editor saw: :class:`StaleEditGuard` (a mixin for a ``ModelForm``
   editing a saved record) adds a hidden ``seen`` field holding a signed :class:`Seen` snapshot of
   the fields the form edits. Forms of a formset carry one each.
2. **The service**, inside its transaction and after locking the rows it writes
   (``select_for_update``), calls :func:`check` with that snapshot and the rows as stored now. If a
   field differs it raises :class:`StaleEdit`, listing each change (field: old → new), and writes
   nothing.
3. **The view** catches :class:`StaleEdit`, calls :func:`after_stale_edit` on its forms (the editor's
   input is kept, a field only the other person changed takes its new value, the snapshot is
   renewed so that saving again goes through) and renders ``core/_stale_edit.html`` above the form.

A snapshot compares values, not version numbers, so any model can use it without a migration. The
snapshot stores a fingerprint and a short display text per field, never more than a few hundred
bytes a field, and is signed so an edited token is refused instead of trusted. See core/README.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.core import signing
from django.db.models import Model, QuerySet
from django.forms.forms import BaseForm
from django.forms.formsets import BaseFormSet
from django.forms.models import model_to_dict
from django.forms.utils import pretty_name
from django.http import QueryDict

SALT = "core.stale"
SHOWN_LIMIT = 120
OUT_OF_DATE = "This page is out of date. Open it again and redo your changes."


def canonical(value: Any) -> str:
    """The text two values are compared by: equal values give equal text, whatever their Python type.

    >>> canonical(Decimal("1.50")) == canonical(Decimal("1.5"))
    True
    >>> canonical(None) == canonical("")
    True
    >>> canonical([3, 1])
    '[1,3]'
    """
    if value is None:
        return ""
    if isinstance(value, Model):
        return canonical(value.pk)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset | QuerySet):
        return "[" + ",".join(sorted(canonical(v) for v in value)) + "]"
    return str(value)


def fingerprint(value: Any) -> str:
    """A short digest of ``canonical(value)``: what a snapshot keeps instead of the value itself."""
    return hashlib.blake2b(canonical(value).encode(), digest_size=12).hexdigest()


def shown(value: Any) -> str:
    """A value as a person reads it in the "what changed" list, cut to ``SHOWN_LIMIT`` characters.

    >>> shown(True), shown(None), shown(dt.date(2026, 9, 8))
    ('Yes', '', '2026-09-08')
    >>> len(shown("x" * 500))
    120
    """
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "Yes" if value else "No"
    elif isinstance(value, Decimal):
        text = format(value.normalize(), "f")
    elif isinstance(value, dt.date | dt.time):
        text = value.isoformat()
    elif isinstance(value, list | tuple | set | frozenset | QuerySet):
        text = ", ".join(sorted(shown(v) for v in value))
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= SHOWN_LIMIT else text[: SHOWN_LIMIT - 1] + "…"


@dataclass(frozen=True)
class Change:
    """One field another person changed: ``label``: ``old`` → ``new`` (display texts)."""

    key: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Seen:
    """What an editor saw: for each key, the field's label, its value's fingerprint and display text.

    A record's field has the key ``app.model:pk:field`` (see :meth:`of`), so the snapshots of several
    records (a form and the rows of a formset) merge with ``|`` without clashing.
    """

    entries: Mapping[str, tuple[str, str, str]] = field(default_factory=dict)

    @staticmethod
    def key(record: Model, name: str) -> str:
        return f"{record._meta.label_lower}:{record.pk}:{name}"

    @classmethod
    def of(cls, record: Model, fields: Iterable[str], *, labels: Mapping[str, str] | None = None) -> Seen:
        """The snapshot of ``fields`` of a saved ``record`` (labels default to the fields' verbose names)."""
        labels = labels or {}
        entries = {}
        for name in fields:
            raw, text = _field_value(record, name)
            label = labels.get(name) or pretty_name(str(getattr(record._meta.get_field(name), "verbose_name", name)))
            entries[cls.key(record, name)] = (label, fingerprint(raw), shown(text))
        return cls(entries)

    def __or__(self, other: Seen) -> Seen:
        return Seen({**self.entries, **other.entries})

    def fields_of(self, record: Model) -> list[str]:
        """The names of ``record``'s fields in this snapshot."""
        prefix = self.key(record, "")
        return [key[len(prefix) :] for key in self.entries if key.startswith(prefix)]

    def changes_to(self, now: Seen) -> list[Change]:
        """What differs between this snapshot and ``now`` (keys missing from ``now`` are not compared)."""
        changes = []
        for key, (label, seen_print, seen_text) in self.entries.items():
            if key in now.entries and now.entries[key][1] != seen_print:
                changes.append(Change(key, label, seen_text, now.entries[key][2]))
        return changes

    def sign(self) -> str:
        return signing.dumps({k: list(v) for k, v in self.entries.items()}, salt=SALT, compress=True)

    @classmethod
    def unsign(cls, token: str) -> Seen:
        """Read a signed snapshot; ``signing.BadSignature`` or ``ValueError`` when it was altered."""
        data = signing.loads(token, salt=SALT)
        if not isinstance(data, dict):
            raise ValueError("not a snapshot")
        entries = {}
        for key, entry in data.items():
            if not (isinstance(entry, list) and len(entry) == 3 and all(isinstance(part, str) for part in entry)):
                raise ValueError("not a snapshot")
            entries[str(key)] = (entry[0], entry[1], entry[2])
        return cls(entries)


def _field_value(record: Model, name: str) -> tuple[Any, Any]:
    """(value compared, value shown) of one field: a related row compares by key and shows by name."""
    model_field: Any = record._meta.get_field(name)
    if model_field.many_to_many:
        related = list(getattr(record, name).all()) if record.pk is not None else []
        return [r.pk for r in related], [str(r) for r in related]
    if model_field.is_relation:
        key = getattr(record, model_field.attname)
        return key, (getattr(record, name) if key is not None else None)
    value = getattr(record, model_field.attname)
    if model_field.choices and value not in (None, ""):
        return value, getattr(record, f"get_{name}_display")()
    return value, value


class StaleEdit(Exception):
    """Someone saved the record(s) after the copy this edit was based on; nothing was written."""

    def __init__(self, changes: list[Change]) -> None:
        self.changes = changes
        summary = "; ".join(f"{c.label}: {c.old or '—'} → {c.new or '—'}" for c in changes)
        super().__init__(f"Someone else changed this while you were editing it ({summary}).")


def check(seen: Seen | None, *records: Model) -> None:
    """Raise :class:`StaleEdit` when a field in ``seen`` of one of ``records`` differs from the record now.

    Call it inside the service's transaction with the rows it is about to write, read with
    ``select_for_update()`` so no one else can save them between the check and the write. Fields of
    records not passed are not compared (a formset row the editor left alone is not written, so a
    change made to it meanwhile is not lost). ``seen=None`` (a new record) checks nothing.
    """
    if seen is None:
        return
    now = Seen()
    for record in records:
        now = now | Seen.of(record, seen.fields_of(record))
    changes = seen.changes_to(now)
    if changes:
        raise StaleEdit(changes)


class SeenField(forms.CharField):
    """The hidden field carrying a signed :class:`Seen`; it cleans to the snapshot."""

    widget = forms.HiddenInput
    default_error_messages = {"required": OUT_OF_DATE, "invalid": OUT_OF_DATE}

    def to_python(self, value: Any) -> Seen | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return Seen.unsign(text)
        except (signing.BadSignature, ValueError) as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error


if TYPE_CHECKING:  # mypy sees the mixin as the ModelForm it is mixed into; at run time it is a plain class.
    _FormBase = forms.ModelForm
else:
    _FormBase = object


class StaleEditGuard(_FormBase):
    """Mixin for a ``ModelForm``: when it edits a saved record, it carries a snapshot of its fields.

    ``form.seen`` (after validation) is what the service passes to :func:`check`. Set
    ``stale_name_record = True`` on a formset's form so the changes name the row ("Counselor:
    Students per FTE").
    """

    stale_name_record = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["seen"] = SeenField(initial=self.snapshot().sign())

    def guarded_fields(self) -> list[str]:
        """The model fields the form edits (override to guard fewer or more)."""
        model_fields = {
            f.name
            for f in self.instance._meta.get_fields()
            if (f.concrete and not getattr(f, "primary_key", False)) or (f.many_to_many and not f.auto_created)
        }
        return [name for name in self.fields if name in model_fields]

    def snapshot(self) -> Seen:
        prefix = f"{self.instance}: " if self.stale_name_record else ""
        labels = {name: f"{prefix}{self.fields[name].label or pretty_name(name)}" for name in self.guarded_fields()}
        return Seen.of(self.instance, self.guarded_fields(), labels=labels)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        # The hidden field's error goes to the top of the form, where the editor can read it.
        errors = self.errors.pop("seen", None)
        if errors:
            self.add_error(None, errors)
        return cleaned

    @property
    def seen(self) -> Seen | None:
        return self.cleaned_data.get("seen") if hasattr(self, "cleaned_data") else None

    @property
    def changed_data(self) -> list[str]:
        """The fields the editor changed: once validated, measured against what they saw, not the row now.

        So a formset row the editor left alone is not written (nor refused) when someone else changed
        it meanwhile.
        """
        changed = [name for name in super().changed_data if name != "seen"]
        seen = self.seen
        if seen is None:
            return changed
        guarded = self.guarded_fields()
        mine = [
            name
            for name in guarded
            if seen.entries.get(Seen.key(self.instance, name), ("", "", ""))[1]
            != fingerprint(self.cleaned_data.get(name))
        ]
        return mine + [name for name in changed if name not in guarded]


def seen_in(*forms_or_formsets: BaseForm | BaseFormSet) -> Seen | None:
    """The snapshots carried by ``forms_or_formsets`` (a form and its formsets' forms), merged."""
    merged, any_seen = Seen(), False
    for form in _guarded_forms(forms_or_formsets):
        if form.seen is not None:
            merged, any_seen = merged | form.seen, True
    return merged if any_seen else None


def after_stale_edit(stale: StaleEdit, *forms_or_formsets: BaseForm | BaseFormSet) -> None:
    """Prepare the forms of a refused edit to be shown again, ready to be saved.

    The editor's input stays. A field the other person changed and this editor left as it was takes
    the other person's value, so saving again does not undo their work; each changed record's
    snapshot is renewed, so the next save is checked against what the page now shows.
    """
    first = next(iter(forms_or_formsets))
    data: QueryDict = first.data.copy() if isinstance(first.data, QueryDict) else QueryDict(mutable=True)
    if not isinstance(first.data, QueryDict):
        for key, value in first.data.items():
            data[key] = value
    changed_keys = {change.key for change in stale.changes}
    for form_or_formset in forms_or_formsets:
        form_or_formset.data = data
        form_or_formset._errors = None  # type: ignore[union-attr]
        if isinstance(form_or_formset, BaseFormSet):
            form_or_formset._non_form_errors = None  # type: ignore[attr-defined]
    for form in _guarded_forms(forms_or_formsets):
        form.data = data
        seen = form.seen
        keys = {Seen.key(form.instance, name): name for name in form.guarded_fields()}
        if seen is None or not changed_keys & set(keys):
            form._errors = None
            continue
        mine = {name: fingerprint(form.cleaned_data.get(name)) for name in keys.values()}
        form.instance.refresh_from_db()
        current = model_to_dict(form.instance, fields=list(keys.values()))
        for key, name in keys.items():
            if key in changed_keys and key in seen.entries and mine[name] == seen.entries[key][1]:
                _set_data(data, form.add_prefix(name), form.fields[name], current.get(name))
        data[form.add_prefix("seen")] = form.snapshot().sign()
        form._errors = None
        del form.cleaned_data


def _guarded_forms(forms_or_formsets: Iterable[BaseForm | BaseFormSet]) -> list[Any]:
    found: list[Any] = []
    for item in forms_or_formsets:
        for form in item.forms if isinstance(item, BaseFormSet) else [item]:
            if isinstance(form, StaleEditGuard):
                found.append(form)
    return found


def _set_data(data: QueryDict, key: str, form_field: forms.Field, value: Any) -> None:
    """Put a model value into posted data the way its form field's widget would have posted it."""
    value = form_field.prepare_value(value)
    if isinstance(form_field.widget, forms.CheckboxInput):
        if value:
            data[key] = "on"
        else:
            data.pop(key, None)
    elif isinstance(value, list | tuple):
        data.setlist(key, [canonical(v) for v in value])
    else:
        data[key] = canonical(value)
