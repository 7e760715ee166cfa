"""Who may see and change action items.

- District admins: every item of the district.
- School leaders: items of the schools they lead, and their own.
- Everyone: items they are responsible for or created.
Another district's item is a 404, like everything else (``people.access``).
"""

from __future__ import annotations

from django.db.models import F, Q
from django.http import Http404

from actions.models import ActionItem, ActionItemQuerySet
from people.models import Access, Leadership, StaffMember


def visible_items(member: StaffMember) -> ActionItemQuerySet:
    if member.has_access(Access.ADMIN):
        return ActionItem.objects.filter(district_id=member.district_id)
    mine = Q(owner=member) | Q(created_by=member)
    if member.has_access(Access.LEADER):
        mine |= Q(school_id__in=Leadership.objects.filter(staff=member).values("school_id"))
    # The district is still checked, but as an expression no index serves: otherwise SQLite walks the
    # district's whole list (250,000 items, most of a second) instead of reading the person's own
    # items through the owner, creator and school indexes (a few milliseconds).
    in_district = ActionItem.objects.alias(item_district=F("district_id") + 0)
    return in_district.filter(mine, item_district=member.district_id)


def item_for(member: StaffMember, pk: int | str) -> ActionItem:
    """The item if ``member`` may see it, else 404 (never revealing that it exists)."""
    try:
        return visible_items(member).select_related("owner", "school", "barrier", "created_by").get(pk=pk)
    except (ActionItem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Not found.") from exc
