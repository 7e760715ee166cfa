"""What apps above check-ins add to a meeting, registered from their ``AppConfig.ready`` (check-ins never
imports them; ``core.panels``): panels shown in the meeting's first section ("review previous actions")
and in its minutes.

The reflections shared with the check-in come from the source registered with
``shared_reflections_source`` (reflections). Also who read what: the meeting page tells the
listeners of ``reflections_shown`` which shared reflections' text it showed to whom
(``reflections.reads`` records the reads).

The annual agreements register one that lists the participants' goals with their latest progress
("confirm progress on identified goals"). A source is called as ``source(meeting, viewer)`` and shows
only what that person may see; the emailed minutes build it for each recipient.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from checkins.models import Meeting
from core.panels import PanelSlot
from people.models import StaffMember

MEETING_REVIEW = PanelSlot("meeting review")

SharedReflectionsSource = Callable[[Meeting, StaffMember], Any]
_SHARED_REFLECTIONS: list[SharedReflectionsSource] = []


def shared_reflections_source(source: SharedReflectionsSource) -> SharedReflectionsSource:
    """Register ``source(meeting, viewer)``: the reflections shared with the meeting's check-in as ``viewer``
    may see them (an object with ``readable`` and ``withheld``; ``reflections.shared_with_checkins``)."""
    if source not in _SHARED_REFLECTIONS:
        _SHARED_REFLECTIONS.append(source)
    return source


def shared_reflections(meeting: Meeting, viewer: StaffMember) -> Any:
    """What the registered source gives for the meeting page (None when no app registered one)."""
    for source in _SHARED_REFLECTIONS:
        return source(meeting, viewer)
    return None


ReflectionsShownListener = Callable[[list, StaffMember], object]
_REFLECTIONS_SHOWN: list[ReflectionsShownListener] = []


def on_reflections_shown(listener: ReflectionsShownListener) -> ReflectionsShownListener:
    """Register ``listener(reflections, viewer)``, called when a meeting page shows shared reflections' text."""
    if listener not in _REFLECTIONS_SHOWN:
        _REFLECTIONS_SHOWN.append(listener)
    return listener


def reflections_shown(reflections: list, viewer: StaffMember) -> None:
    """Tell the listeners that ``viewer`` was shown these reflections (nothing when there are none)."""
    if reflections:
        for listener in _REFLECTIONS_SHOWN:
            listener(reflections, viewer)
