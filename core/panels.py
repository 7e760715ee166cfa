"""Panels: how an app adds a part to a lower app's page without the lower app importing it.

The lower app owns a :class:`PanelSlot` (e.g. ``checkins.hooks.MEETING_REVIEW``); a higher app registers a
source function in its ``AppConfig.ready``; the lower app's view asks the slot for the panels of the page
it renders, for one viewer, and shows each panel's title and HTML (or its plain text in an email). A
source returns None when it has nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Panel:
    """A part of a page: its heading, its HTML for the pages, its plain text for emails."""

    title: str
    html: SafeString
    text: str = ""


PanelSource = Callable[..., Panel | None]


class PanelSlot:
    """A place on a page where registered sources add panels."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._sources: list[PanelSource] = []

    def register(self, source: PanelSource) -> PanelSource:
        """Add ``source``; registering twice is harmless."""
        if source not in self._sources:
            self._sources.append(source)
        return source

    def panels(self, *args: Any) -> list[Panel]:
        """The panels of the registered sources for ``args`` (those with something to show)."""
        return [panel for source in self._sources if (panel := source(*args)) is not None]
