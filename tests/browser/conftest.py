"""Browser harness: Playwright driving Debian's Chromium against the live server.

Every page a browser test visits goes through ``visit``, which runs axe-core on
it and fails on any serious or critical accessibility violation; a test also fails if the browser
blocked anything under the Content-Security-Policy.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe

# Playwright's sync API runs an event loop in this thread; the Django ORM calls
# made by fixtures in the same thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SEVERE = {"serious", "critical"}
_axe = Axe()


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser(live_server) -> Iterator:
    # Started after the live server and so closed before it: the browser's open connections are closed
    # while the server still shares the test database with its threads (else: errors in those threads).
    path = chromium_path()
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is required in CI (install Debian's 'chromium' package).")
        pytest.skip("Chromium is not installed; install Debian's 'chromium' package to run browser tests.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


class Visitor:
    """A browser tab bound to the live server, checking accessibility on every page."""

    def __init__(self, page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.checked: list[str] = []

    def url(self, path: str) -> str:
        return self.base_url + path

    def goto(self, path: str) -> None:
        response = self.page.goto(self.url(path))
        assert response is not None and response.status < 400, f"{path} answered {response and response.status}"
        self.check_accessibility()

    def check_accessibility(self) -> None:
        self.page.wait_for_load_state("load")
        results = _axe.run(self.page)
        severe = [v for v in results.response["violations"] if v.get("impact") in SEVERE]
        details = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in severe
        )
        assert not severe, f"Accessibility violations on {self.page.url}:\n{details}"
        self.checked.append(self.page.url)

    def log_in(self, email: str, password: str) -> None:
        self.goto("/accounts/login/")
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Log in").click()
        self.page.wait_for_load_state("load")
        assert "/accounts/login/" not in self.page.url, "login failed"
        self.check_accessibility()


@pytest.fixture
def visitor(browser, live_server) -> Iterator[Visitor]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    # Anything the Content-Security-Policy blocks (an inline script, htmx's own styles, a chart) is
    # reported on the console: every browser flow must run without one.
    blocked: list[str] = []
    page.on(
        "console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None
    )
    yield Visitor(page, live_server.url)
    context.close()
    assert not blocked, f"Blocked by the Content-Security-Policy: {blocked}"
