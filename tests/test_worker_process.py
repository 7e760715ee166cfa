"""A real worker process killed in the middle of a delivery, then started again: the message it
was sending is picked up once its lease expires and arrives exactly once, with its Message-ID."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from django.conf import settings
from django.core.mail import send_mail
from django.db import connection

from outbox.models import OutboxMessage

ROOT = Path(settings.BASE_DIR)
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
LEASE_SECONDS = 3


def wait_for(condition, what: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out waiting for {what}")
        time.sleep(0.1)


class SharedDatabase:
    """The test's database as another process reaches it: PostgreSQL's test database, or for SQLite
    (in memory, this process only) a file copied from it with SQLite's backup."""

    def __init__(self, tmp_path: Path) -> None:
        self.settings = connection.settings_dict
        self.file = tmp_path / "shared.sqlite3"

    def url(self) -> str:
        if connection.vendor == "sqlite":
            with closing(sqlite3.connect(self.file)) as copy:
                connection.connection.backup(copy)
            return f"sqlite:///{self.file}"
        s = self.settings
        return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"

    def status(self, pk: int) -> str:
        if connection.vendor == "sqlite":
            with closing(sqlite3.connect(self.file)) as copy:
                return copy.execute("SELECT status FROM outbox_outboxmessage WHERE id = ?", [pk]).fetchone()[0]
        return OutboxMessage.objects.get(pk=pk).status


def start_worker(database_url: str, smtp_port: int, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "DEBUG"))}
    env.update(
        SECRET_KEY="worker-test-" + "k" * 40,
        DATABASE_URL=database_url,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_TIMEOUT="30",
        OUTBOX_LEASE_SECONDS=str(LEASE_SECONDS),
        LOG_LEVEL="INFO",
    )
    command = [sys.executable, "manage.py", "run_worker", "--no-reload", "--interval", "0.2", "--no-startup-delay"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_sending_is_restarted_and_the_message_arrives_once(smtp_server, settings, tmp_path):
    settings.TASKS = DATABASE_TASKS  # deliveries are queued for the worker processes, not run here
    release = smtp_server.hold_messages()  # the server keeps the first message waiting in DATA
    send_mail("Your check-in", "See you Tuesday.", None, ["casey@lincoln.example.org"])
    message = OutboxMessage.objects.get()
    shared = SharedDatabase(tmp_path)
    url = shared.url()
    log = tmp_path / "worker.log"

    first = start_worker(url, smtp_server.port, log)
    try:
        wait_for(smtp_server.holding.is_set, "the worker to start sending")
        assert shared.status(message.pk) == OutboxMessage.Status.SENDING
    finally:
        first.send_signal(signal.SIGKILL)  # dies in the middle of the SMTP exchange
        first.wait(30)
    release.set()  # the server drops the half-sent message: its sender is gone
    time.sleep(0.5)
    assert len(smtp_server.held) == 1
    assert smtp_server.messages == []
    assert shared.status(message.pk) == OutboxMessage.Status.SENDING  # stranded until its lease ends

    second = start_worker(url, smtp_server.port, log)
    try:
        wait_for(lambda: len(smtp_server.messages) >= 1, "the restarted worker to deliver")
        wait_for(lambda: shared.status(message.pk) == OutboxMessage.Status.SENT, "the sent mark")
        time.sleep(LEASE_SECONDS + 1)  # long enough for a duplicate to show up if there were one
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(30)
    [received] = smtp_server.messages
    assert received["Message-ID"] == smtp_server.held[0]["Message-ID"] == message.message_id
    assert "Traceback" not in log.read_text(errors="replace")
