"""The reflections their authors shared with a check-in, as each viewer of the meeting page may see them.

The meeting page (``checkins``, below this app) gets them through ``checkins.hooks.shared_reflections``;
``ReflectionsConfig.ready`` registers :func:`shared_reflections` as its source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from checkins.models import Meeting
from checkins.series_access import takes_part
from people.models import StaffMember
from reflections.models import Reflection


@dataclass(frozen=True)
class SharedWithCheckin:
    """Reflections shared with a meeting's check-in, as one viewer may see them.

    ``readable``: the reflections themselves, for the series' participants and its organizer (the
    audience the author chose). ``withheld``: for anyone else who opens the meeting (a leader of the
    school, a district admin), only who shared one and when — never what it says.
    """

    readable: list
    withheld: list[tuple[str, dt.date]]

    def __bool__(self) -> bool:
        return bool(self.readable or self.withheld)


def shared_reflections(meeting: Meeting, member: StaffMember) -> SharedWithCheckin:
    """Submitted reflections that their authors shared with this check-in, as ``member`` may see them."""
    shared = Reflection.objects.filter(
        district_id=meeting.district_id,
        meeting=meeting,
        status=Reflection.Status.SUBMITTED,
        share_with_checkin=True,
    ).order_by("date", "pk")
    if takes_part(member, meeting.series):
        return SharedWithCheckin(list(shared.select_related("author")), [])
    return SharedWithCheckin([], list(shared.values_list("author__name", "date")))
