"""What apps above the dashboards add to them, registered from their ``AppConfig.ready`` (``core.panels``;
the dashboards never import them).

- ``MY_DASHBOARD``: ``source(member)`` — a part of the person's own dashboard (the annual agreements: planned
  against actual time and the time goals' trajectory).
- ``DISTRICT_DASHBOARD``: ``source(district)`` — a part of the district dashboard, group figures only, each
  hidden below the district's minimum group size.
"""

from __future__ import annotations

from core.panels import PanelSlot

MY_DASHBOARD = PanelSlot("my dashboard")
DISTRICT_DASHBOARD = PanelSlot("district dashboard")
