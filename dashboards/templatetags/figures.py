from __future__ import annotations

from decimal import Decimal

from django import template

from reflections.figures import one_decimal

register = template.Library()


@register.filter
def pct(value: Decimal | None) -> str:
    """A percentage with one decimal, or a dash when nobody answered: 92.25 → "92.3%"."""
    rounded = one_decimal(value)
    return "—" if rounded is None else f"{rounded}%"


@register.filter
def signed(value: Decimal | None) -> str:
    """A gap in percentage points with its sign: 17.5 → "+17.5 points"."""
    rounded = one_decimal(value)
    if rounded is None:
        return "—"
    return f"{'+' if rounded > 0 else ''}{rounded} points"
