"""What apps above check-ins add to a meeting, registered from their ``AppConfig.ready`` (check-ins never
imports them): panels shown in the meeting's first section ("review previous actions") and in its minutes.

The annual agreements register one that lists the participants' goals with their latest progress
("confirm progress on identified goals"). A panel is built for one viewer, so it shows only what that
person may see; the emailed minutes build it for each recipient.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.safestring import SafeString

from checkins.models import Meeting
from people.models import StaffMember


@dataclass(frozen=True)
class ReviewPanel:
    """A part of the review section: its heading, its HTML for the pages, its plain text for the email."""

    title: str
    html: SafeString
    text: str


ReviewPanelSource = Callable[[Meeting, StaffMember], ReviewPanel | None]
_REVIEW_PANELS: list[ReviewPanelSource] = []


def review_panel(source: ReviewPanelSource) -> ReviewPanelSource:
    """Register ``source(meeting, viewer)``; registering twice is harmless."""
    if source not in _REVIEW_PANELS:
        _REVIEW_PANELS.append(source)
    return source


def review_panels(meeting: Meeting, viewer: StaffMember) -> list[ReviewPanel]:
    """The registered panels for ``viewer`` on ``meeting`` (those that have something to show)."""
    return [panel for source in _REVIEW_PANELS if (panel := source(meeting, viewer)) is not None]
