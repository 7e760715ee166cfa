"""A real SMTP server, in-process, for tests: aiosmtpd on 127.0.0.1 and a free port.

The ``smtp_server`` fixture (root ``conftest.py``) starts one per test and points
the outbox's delivery backend at it, so a test sees exactly what a mail server
would receive.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Collector:
    """aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.peers: list[object] = []  # the client's (host, port) per message: one port per connection
        self.refusals = 0  # how many of the next messages to answer "try again later"
        self.refused: list[EmailMessage] = []
        self.hold: threading.Event | None = None  # when set by a test, DATA waits until it is set
        self.holding = threading.Event()
        self.held: list[EmailMessage] = []  # messages that waited (a client may give up meanwhile)

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 — aiosmtpd's hook name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        if self.hold is not None:
            self.held.append(message)  # type: ignore[arg-type]
            self.holding.set()
            while not self.hold.is_set():
                await asyncio.sleep(0.05)
        if self.refusals > 0:
            self.refusals -= 1
            self.refused.append(message)  # type: ignore[arg-type]
            return "451 4.3.0 Try again later"
        self.messages.append(message)  # type: ignore[arg-type]
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.peers.append(session.peer)
        return "250 Message accepted for delivery"


class SMTPServer:
    """An SMTP server on 127.0.0.1 collecting messages as ``email.message.EmailMessage``."""

    def __init__(self, port: int | None = None) -> None:
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self._collector = _Collector()
        self._controller: Controller | None = None

    @property
    def messages(self) -> list[EmailMessage]:
        return self._collector.messages

    @property
    def envelopes(self) -> list[tuple[str, list[str]]]:
        return self._collector.envelopes

    @property
    def refused(self) -> list[EmailMessage]:
        """Messages answered "451 try again later" (not accepted, so not delivered)."""
        return self._collector.refused

    def refuse_next(self, count: int) -> None:
        """Answer the next ``count`` messages with a temporary failure, as a busy server does."""
        self._collector.refusals = count

    def hold_messages(self) -> threading.Event:
        """Keep each message's DATA waiting until the returned event is set (``holding`` says one waits)."""
        self._collector.hold = threading.Event()
        self._collector.holding.clear()
        return self._collector.hold

    @property
    def holding(self) -> threading.Event:
        return self._collector.holding

    @property
    def held(self) -> list[EmailMessage]:
        """Messages whose DATA was held (see ``hold_messages``), accepted or not."""
        return self._collector.held

    @property
    def connections(self) -> int:
        """How many SMTP connections delivered the messages received so far."""
        return len(set(self._collector.peers))

    def start(self) -> SMTPServer:
        self._controller = Controller(self._collector, hostname=self.host, port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> SMTPServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


def text_of(message: EmailMessage) -> str:
    """The plain-text body of a received message."""
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""
