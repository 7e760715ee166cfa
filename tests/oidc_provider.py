"""A real OpenID Connect provider for the tests: oidc-provider (npm, tests/oidc/) on a free local port.

``make install-dev`` installs it (``npm ci --prefix tests/oidc``). The ``oidc_provider`` fixture (root
``conftest.py``) starts one per test session with the clients below and stops it afterwards;
:func:`sign_in_at_provider` plays the person at the provider's login page with a real HTTP client,
and returns the address the provider sends the browser back to.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import requests

from tests.smtp import free_port

HERE = Path(__file__).parent / "oidc"
CLIENT_ID = "top-of-license"
CLIENT_SECRET = "a-test-client-secret"
OTHER_CLIENT_ID = "another-application"  # a token minted for it must not sign anyone in here
STARTUP_SECONDS = 90  # node and oidc-provider start in about 8 s on a busy machine


@dataclass
class RunningProvider:
    issuer: str
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_provider(redirect_uri: str) -> RunningProvider:
    """Start oidc-provider with this app as a client; fail loudly (never skip) when it cannot run."""
    if not (HERE / "node_modules" / "oidc-provider").is_dir():
        raise RuntimeError("The test OpenID Connect provider is not installed: run `make install-dev`.")
    port = free_port()
    clients = [
        {
            "client_id": client_id,
            "client_secret": CLIENT_SECRET,
            "redirect_uris": [redirect_uri],
            "token_endpoint_auth_method": "client_secret_post",
            "grant_types": ["authorization_code"],
            "response_types": ["code"],
        }
        for client_id in (CLIENT_ID, OTHER_CLIENT_ID)
    ]
    env = {**os.environ, "OIDC_PORT": str(port), "OIDC_CLIENTS": json.dumps(clients)}
    process = subprocess.Popen(
        ["node", "provider.mjs"], cwd=HERE, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert process.stdout is not None
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.startswith("READY"):
            return RunningProvider(f"http://127.0.0.1:{port}", process)
        if process.poll() is not None:
            break
    process.kill()
    raise RuntimeError("The test OpenID Connect provider did not start.")


def _form(page: str, base: str) -> tuple[str, dict[str, str]]:
    """The first form of a provider page: its action and its hidden fields."""
    action = re.search(r'<form[^>]*action="([^"]+)"', page)
    assert action, page[:500]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    return urljoin(base, unescape(action.group(1))), fields


def sign_in_at_provider(authorization_url: str, email: str, *, back_to: str) -> str:
    """Follow the provider from the authorization request, log in as ``email``, and return the
    address (starting with ``back_to``) the provider redirects the browser to."""
    browser = requests.Session()
    url = authorization_url
    for _ in range(12):
        response = browser.get(url, allow_redirects=False, timeout=30)
        if response.is_redirect:
            url = urljoin(url, response.headers["Location"])
        else:
            assert response.status_code == 200, (response.status_code, response.text[:500])
            action, fields = _form(response.text, url)
            if fields.get("prompt") == "login":
                fields.update(login=email, password="any")
            response = browser.post(action, data=fields, allow_redirects=False, timeout=30)
            assert response.is_redirect, (response.status_code, response.text[:500])
            url = urljoin(action, response.headers["Location"])
        if url.startswith(back_to):
            return url
    raise AssertionError(f"The provider never sent the browser back (last address: {url}).")
