"""How far a long import has got: a step ("Reading the rows") and its rows done of a total when known.

The import steps call :meth:`Progress.step` and :meth:`Progress.advance`; what is done with that
depends on who runs the import: the worker stores it on the upload for the page's progress bar
(:class:`StoredProgress`), the command line prints it (:class:`PrintedProgress`), and tests ignore it.
Reports are throttled by time, so a 200,000-row file costs a handful of writes, not one per row.
"""

from __future__ import annotations

import contextlib
import time
from typing import TextIO

from django.db import DatabaseError, models


class Progress:
    """Ignores the progress (the base for the others)."""

    interval = 0.5  # seconds between two reports

    def __init__(self) -> None:
        self.label = ""
        self.total: int | None = None
        self.done = 0
        self._reported_at = 0.0

    def step(self, label: str, total: int | None = None) -> None:
        self.label, self.total, self.done = label, total, 0
        self._reported_at = time.monotonic()
        self.report()

    def advance(self, done: int) -> None:
        self.done = done
        now = time.monotonic()
        if now - self._reported_at >= self.interval:
            self._reported_at = now
            self.report()

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))

    def report(self) -> None:
        """Make the current step and figures known (subclasses)."""


class StoredProgress(Progress):
    """Writes the step and figures on the upload row, for the page's progress bar (one short UPDATE)."""

    def __init__(self, upload: models.Model) -> None:
        super().__init__()
        self.upload = upload

    def report(self) -> None:
        with contextlib.suppress(DatabaseError):  # the bar waits for the next report; the import goes on
            type(self.upload)._default_manager.filter(pk=self.upload.pk).update(
                step=self.label[:100], done=self.done, total=self.total
            )


class PrintedProgress(Progress):
    """Prints one line per report ("Reading the rows: 45,000 of 120,000 (38%)"), for the command line.

    A file read in a couple of seconds prints nothing: lines start once the import has run that long.
    """

    interval = 2.0

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        self.started = time.monotonic()

    def report(self) -> None:
        if time.monotonic() - self.started < self.interval:
            return
        figures = f"{self.done:,}" + (f" of {self.total:,} ({self.percent}%)" if self.total else "")
        self.stream.write(f"{self.label}: {figures}" if self.done else f"{self.label}…")
