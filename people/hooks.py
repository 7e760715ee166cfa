"""What apps above ``people`` add to its pages, registered from their ``AppConfig.ready`` (``core.panels``;
people never imports them).

- ``STAFF_PAGE``: ``source(staff, viewer)`` — a part of a staff member's page, built for the viewer so it
  shows only what they may see (the annual agreements: the person's agreements with planned against actual
  time, for the person, their school leaders and admins).
"""

from __future__ import annotations

from core.panels import PanelSlot

STAFF_PAGE = PanelSlot("staff page")
