"""Form widgets for long lists (a district's 1,800 schools).

Django renders every ``<option>`` through its own template, about a tenth of
a millisecond each: a staff form with three school pickers took half a second
at the largest district. These widgets build the same HTML in one pass.
"""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe


def _options_html(optgroups) -> str:
    parts: list[str] = []
    for group_name, options, _index in optgroups:
        if group_name:
            parts.append(format_html('<optgroup label="{}">', group_name))
        for option in options:
            parts.append(
                '<option value="{}"{}>{}</option>'.format(
                    conditional_escape(option["value"]),
                    " selected" if option["selected"] else "",
                    conditional_escape(option["label"]),
                )
            )
        if group_name:
            parts.append("</optgroup>")
    return "".join(parts)


class QuickSelectMixin:
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        context = self.get_context(name, value, attrs)  # type: ignore[attr-defined]
        widget = context["widget"]
        widget_attrs = dict(widget["attrs"])
        if self.allow_multiple_selected:  # type: ignore[attr-defined]
            widget_attrs["multiple"] = True
        return mark_safe(  # noqa: S308 — every value and label is escaped above
            f'<select name="{conditional_escape(widget["name"])}"{flatatt(widget_attrs)}>'
            f"{_options_html(widget['optgroups'])}</select>"
        )


class QuickSelect(QuickSelectMixin, forms.Select):
    pass


class QuickSelectMultiple(QuickSelectMixin, forms.SelectMultiple):
    pass
