"""``{% options choices selected %}``: the <option> elements of a long filter list in one pass.

A template loop over a district's 1,800 schools costs tens of milliseconds;
building the same escaped HTML in Python costs about one.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def options(choices: Iterable[tuple[object, object]], selected: object = "") -> SafeString:
    """``<option value="3" selected>Adams Elementary</option>…`` for (value, label) pairs."""
    chosen = "" if selected is None else str(selected)
    html = "".join(
        '<option value="{}"{}>{}</option>'.format(
            conditional_escape(str(value)), " selected" if str(value) == chosen else "", conditional_escape(str(label))
        )
        for value, label in choices
    )
    return mark_safe(html)  # noqa: S308 — values and labels are escaped above
