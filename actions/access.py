"""Who may see and change action items.

- District admins: every item of the district.
- School leaders: items of the schools they lead, and their own.
- Everyone: items they are responsible for or created.
Another district's item is a 404, like everything else (``people.access``).
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from actions.models import ActionItem, ActionItemQuerySet
from people.models import Access, Leadership, StaffMember


def visible_items(member: StaffMember) -> ActionItemQuerySet:
    items = ActionItem.objects.filter(district_id=member.district_id)
    if member.has_access(Access.ADMIN):
        return items
    mine = Q(owner=member) | Q(created_by=member)
    if member.has_access(Access.LEADER):
        mine |= Q(school_id__in=Leadership.objects.filter(staff=member).values("school_id"))
    return items.filter(mine)


def item_for(member: StaffMember, pk: int | str) -> ActionItem:
    """The item if ``member`` may see it, else 404 (never revealing that it exists)."""
    try:
        return visible_items(member).select_related("owner", "school", "barrier", "created_by").get(pk=pk)
    except (ActionItem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Not found.") from exc
