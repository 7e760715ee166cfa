"""Security headers (Content-Security-Policy without inline scripts, HSTS when asked for) and
sessions that end after 12 hours without a request."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from conftest import client_for

ROOT = Path(settings.BASE_DIR)


def production_setting(name: str, **environment: str) -> str:
    """A setting as production reads it (DEBUG off, the given variables), from a fresh process."""
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")}
    env.update({"SECRET_KEY": "x" * 50, "DJANGO_SETTINGS_MODULE": "topoflicense.settings", **environment})
    code = f"import django; django.setup(); from django.conf import settings; print(settings.{name})"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_every_page_carries_a_content_security_policy_without_inline_scripts(personas):
    response = client_for(personas.admin).get(reverse("home:home"))
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip())
    assert policy["script-src"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert policy["form-action"] == "'self'"


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = []
    for path in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in path.parts:
            continue
        text = path.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and 'type="application/json"' not in tag:
                offenders.append(f"{path.relative_to(ROOT)}: {tag}")
        offenders += [f"{path.relative_to(ROOT)}: {m}" for m in re.findall(r"\son[a-z]+=\"", text)]
        offenders += [f"{path.relative_to(ROOT)}: javascript: link" for _ in re.findall(r"javascript:", text)]
    assert not offenders, offenders


def test_hsts_is_off_by_default_and_turned_on_by_its_variable():
    assert production_setting("SECURE_HSTS_SECONDS") == "0"
    assert production_setting("SECURE_HSTS_SECONDS", HSTS_SECONDS="31536000") == "31536000"
    assert production_setting("SECURE_HSTS_INCLUDE_SUBDOMAINS", HSTS_INCLUDE_SUBDOMAINS="true") == "True"


def test_hsts_header_is_sent_over_https_when_configured(personas, settings):
    settings.SECURE_HSTS_SECONDS = 3600
    response = client_for(personas.admin).get(reverse("home:home"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=3600"


def test_sessions_last_12_hours_by_default_and_the_variable_changes_it():
    assert production_setting("SESSION_COOKIE_AGE") == str(12 * 60 * 60)
    assert production_setting("SESSION_COOKIE_AGE", SESSION_HOURS="8") == str(8 * 60 * 60)


def test_a_session_ends_after_12_hours_without_a_request_but_not_while_in_use(personas, settings):
    settings.SESSION_COOKIE_AGE = 12 * 60 * 60
    client = client_for(personas.counselor_a)
    home = reverse("home:home")
    start = timezone.now()
    for hours in (0, 11, 22, 33):  # a request every 11 hours keeps the session for 33 hours
        with time_machine.travel(start + dt.timedelta(hours=hours), tick=False):
            assert client.get(home).status_code == 200, hours
    with time_machine.travel(start + dt.timedelta(hours=33 + 12, minutes=5), tick=False):
        response = client.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_pages_within_a_few_minutes_do_not_write_the_session_again(personas, settings):
    settings.SESSION_RENEW_SECONDS = 300
    client = client_for(personas.counselor_a)
    client.get(reverse("home:home"))
    key = client.session.session_key
    from django.contrib.sessions.models import Session

    saved = Session.objects.get(session_key=key).expire_date
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        client.get(reverse("home:home"))
    assert Session.objects.get(session_key=key).expire_date == saved
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
        client.get(reverse("home:home"))
    assert Session.objects.get(session_key=key).expire_date > saved
