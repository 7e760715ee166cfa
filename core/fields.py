"""Form fields shared by every app: ids that cannot crash the database, text that stays on one line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError

from core.params import parse_id

LINE_BREAKS = ("\r", "\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
INTEGER_KEYS = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"}
ONE_LINE = "Write this on one line, without line breaks."


def refuse_line_breaks(value: object) -> None:
    """Refuse text with a line break: a title or a name ends up in email subjects and calendar lines.

    >>> refuse_line_breaks("Adams check-in")
    >>> refuse_line_breaks("Adams\\ncheck-in")
    Traceback (most recent call last):
    ...
    django.core.exceptions.ValidationError: ['Write this on one line, without line breaks.']
    """
    if isinstance(value, str) and any(mark in value for mark in LINE_BREAKS):
        raise ValidationError(ONE_LINE, code="line_break")


def is_single_line(field: forms.Field) -> bool:
    """A text field typed on one line: a ``CharField`` shown as a one-line input (not a text area)."""
    return (
        isinstance(field, forms.CharField)
        and isinstance(field.widget, forms.TextInput)
        and not isinstance(field.widget, forms.PasswordInput)
    )


if TYPE_CHECKING:  # mypy sees the mixin as the form it is mixed into; at run time it is a plain class.
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class SingleLineFields(_FormBase):
    """Form mixin: every one-line text field of the form refuses line breaks (``refuse_line_breaks``).

    Browsers cannot put a line break in a one-line input, but a crafted request, a paste through a
    script or an old client can; a series title with one accepted here made every invitation fail.
    ``tests/test_single_line_fields.py`` checks that every form with such fields uses this mixin.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if is_single_line(field) and refuse_line_breaks not in field.validators:
                field.validators.append(refuse_line_breaks)


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """``ModelMultipleChoiceField`` whose ids are checked before the database sees them.

    Django looks each posted id up with an ``IN`` query; an id past 2**63 - 1 makes SQLite raise
    OverflowError (a 500). Here it is "not a valid choice", like any other id that is not offered.
    """

    def _check_values(self, value: Any) -> Any:
        model: Any = self.queryset.model if self.queryset is not None else None
        integer_keys = model is not None and model._meta.pk.get_internal_type() in INTEGER_KEYS
        if self.to_field_name is None and integer_keys:
            for pk in value if isinstance(value, list | tuple | set | frozenset) else [value]:
                if parse_id(pk) is None:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super()._check_values(value)  # type: ignore[misc]
