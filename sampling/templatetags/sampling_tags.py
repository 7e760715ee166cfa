"""The home page's entry for the moments waiting for one's answer (one query)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from sampling import results
from sampling.prompts import moment_token

register = template.Library()

SHOWN = 5


@register.inclusion_tag("sampling/_open_moments.html", takes_context=True)
def open_moments(context) -> dict:
    """The member's moments open now (minute come, not answered, not expired), oldest first."""
    member = context.get("member")
    if member is None:
        return {"moments": []}
    now = timezone.now()
    moments = list(results.open_moments(now).filter(staff=member).order_by("at", "pk").only("pk", "at")[:SHOWN])
    for moment in moments:
        moment.token = moment_token(moment)  # type: ignore[attr-defined]
        moment.local = timezone.localtime(moment.at, member.district.zone)  # type: ignore[attr-defined]
    return {"moments": moments}
