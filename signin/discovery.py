"""A provider's OpenID Connect discovery document (its endpoints and keys' address), read once an hour."""

from __future__ import annotations

import requests
from django.conf import settings
from django.core.cache import cache

CACHE_SECONDS = 3600


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read, or does not name the expected issuer."""


def metadata(issuer: str) -> dict:
    """The discovery document of ``issuer``; raises :class:`ProviderUnavailable` when it cannot be used."""
    key = f"signin:discovery:{issuer}"
    document = cache.get(key)
    if document is None:
        try:
            response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=settings.SSO_TIMEOUT_SECONDS)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as error:
            raise ProviderUnavailable(f"{issuer} did not answer: {error}") from error
        if not isinstance(document, dict) or document.get("issuer") != issuer:
            raise ProviderUnavailable(f"{issuer}'s discovery document names another issuer.")
        for needed in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
            if not isinstance(document.get(needed), str):
                raise ProviderUnavailable(f"{issuer}'s discovery document has no {needed}.")
        cache.set(key, document, CACHE_SECONDS)
    return document
