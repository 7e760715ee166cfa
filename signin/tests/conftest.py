from __future__ import annotations

import pytest

from tests.oidc_provider import RunningProvider, start_provider


@pytest.fixture(scope="session")
def oidc_provider() -> RunningProvider:
    """A real OpenID Connect provider (oidc-provider) on a local port, for the whole test session."""
    from django.conf import settings
    from django.urls import reverse

    running = start_provider(settings.SITE_URL.rstrip("/") + reverse("signin:callback"))
    yield running
    running.stop()
