"""Calendar programs nobody on the team wrote, reading the app's calendar files as a participant's would.

- :func:`expand` — the occurrences ``recurring-ical-events`` computes from a file (RRULE, RDATE,
  EXDATE and RECURRENCE-ID overrides, time zones), as calendar programs in Python do.
- :class:`CalDAVServer` — Radicale, a CalDAV server, on a local port: the file is stored in a
  calendar collection (as a calendar program does with an invitation it accepts) and the server
  expands the recurrence itself (RFC 4791 ``calendar-query`` with ``expand``).

Both give :class:`Seen` tuples in UTC, to compare with the app's own list of meetings.
"""

from __future__ import annotations

import base64
import datetime as dt
import http.client
import socket
import tempfile
import threading
import time
from typing import NamedTuple

import radicale.config
import radicale.server
import recurring_ical_events
from defusedxml import ElementTree
from icalendar import Calendar


class Seen(NamedTuple):
    """One meeting as a calendar shows it."""

    starts_at: dt.datetime  # UTC
    ends_at: dt.datetime  # UTC
    location: str


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def _seen(events) -> list[Seen]:
    return sorted(
        Seen(_utc(e.decoded("DTSTART")), _utc(e.decoded("DTEND")), str(e.get("LOCATION", ""))) for e in events
    )


def expand(ics: bytes, start: dt.datetime, end: dt.datetime) -> list[Seen]:
    """The meetings ``recurring-ical-events`` finds in the file between ``start`` and ``end``."""
    return _seen(recurring_ical_events.of(Calendar.from_ical(ics)).between(start, end))


def app_meetings(occurrences) -> list[Seen]:
    """The app's own list (``checkins.services.series.occurrences``), cancelled meetings left out."""
    return sorted(Seen(o.starts_at, o.ends_at, o.location) for o in occurrences if not o.is_cancelled)


def stored_form(ics: bytes) -> bytes:
    """The file as a calendar stores it: an iTIP message (METHOD:REQUEST) without its METHOD."""
    calendar = Calendar.from_ical(ics)
    calendar.pop("METHOD", None)
    return calendar.to_ical()


CALDAV = "urn:ietf:params:xml:ns:caldav"
QUERY = """<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><C:calendar-data><C:expand start="{start}" end="{end}"/></C:calendar-data></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
    <C:time-range start="{start}" end="{end}"/>
  </C:comp-filter></C:comp-filter></C:filter>
</C:calendar-query>"""


class CalDAVServer:
    """Radicale serving a fresh folder on a free local port, for one test (use as a context manager)."""

    def __init__(self) -> None:
        self.folder = tempfile.TemporaryDirectory()
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        configuration = radicale.config.load()
        configuration.update(
            {
                "server": {"hosts": f"127.0.0.1:{self.port}"},
                "auth": {"type": "none"},  # any user name logs in; rights stay "owner only"
                "storage": {"filesystem_folder": self.folder.name},
                "logging": {"level": "warning"},
            },
            "test",
            privileged=True,
        )
        self._stop, remote = socket.socketpair()
        self._thread = threading.Thread(target=radicale.server.serve, args=(configuration, remote), daemon=True)
        self._headers = {"Authorization": "Basic " + base64.b64encode(b"participant:secret").decode()}

    def __enter__(self) -> CalDAVServer:
        self._thread.start()
        status, _ = self._request("MKCALENDAR", "/participant/checkins/")
        assert status == 201, status
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.close()
        self._thread.join(10)
        self.folder.cleanup()

    def _request(self, method: str, path: str, body: bytes = b"", **headers: str) -> tuple[int, bytes]:
        for _ in range(100):  # the server thread may still be binding its socket
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                connection.request(method, path, body=body, headers=self._headers | headers)
                response = connection.getresponse()
                return response.status, response.read()
            except ConnectionRefusedError:
                time.sleep(0.05)
        raise RuntimeError("Radicale did not start")

    def put(self, name: str, ics: bytes) -> None:
        """Store (or replace) the calendar object ``name``, as a calendar does with an invitation or update."""
        status, body = self._request(
            "PUT", f"/participant/checkins/{name}.ics", stored_form(ics), **{"Content-Type": "text/calendar"}
        )
        assert status in (201, 204), (status, body)

    def expanded(self, start: dt.datetime, end: dt.datetime) -> list[Seen]:
        """The meetings the server expands between ``start`` and ``end`` (UTC)."""
        stamp = "%Y%m%dT%H%M%SZ"
        query = QUERY.format(start=_utc(start).strftime(stamp), end=_utc(end).strftime(stamp))
        status, body = self._request(
            "REPORT", "/participant/checkins/", query.encode(), Depth="1", **{"Content-Type": "application/xml"}
        )
        assert status == 207, (status, body)
        events = []
        for data in ElementTree.fromstring(body).iter(f"{{{CALDAV}}}calendar-data"):
            events += Calendar.from_ical(data.text or "").walk("VEVENT")
        return _seen(events)
