"""What apps above check-ins add to a meeting, registered from their ``AppConfig.ready`` (check-ins never
imports them; ``core.panels``): panels shown in the meeting's first section ("review previous actions")
and in its minutes.

The annual agreements register one that lists the participants' goals with their latest progress
("confirm progress on identified goals"). A source is called as ``source(meeting, viewer)`` and shows
only what that person may see; the emailed minutes build it for each recipient.
"""

from __future__ import annotations

from core.panels import PanelSlot

MEETING_REVIEW = PanelSlot("meeting review")
