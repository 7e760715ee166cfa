"""Who a login attempt is counted against (django-axes): the email as typed, normalised, and the
address it came from.

``SOCIALWORKER@…`` and `` socialworker@… `` are the same account (logins ignore case), so they
must share one failure count and one lock; otherwise each case variant would get fresh guesses.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def normalised_email(text: str | None) -> str:
    """The form an email is counted under: trimmed and lower-cased.

    >>> normalised_email("  SocialWorker@Lakeview.Example.org ")
    'socialworker@lakeview.example.org'
    """
    return (text or "").strip().lower()


def login_name(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str:
    """``AXES_USERNAME_CALLABLE``: the normalised email of the attempt."""
    if credentials and credentials.get("username") is not None:
        return normalised_email(str(credentials["username"]))
    data = getattr(request, "data", None) or getattr(request, "POST", {})
    return normalised_email(data.get("username"))


def client_address(request: HttpRequest) -> str | None:
    """``AXES_CLIENT_IP_CALLABLE``: the address the attempt came from.

    Behind the TLS proxy (``BEHIND_PROXY``) every request comes from the proxy, so the address is
    the last one the proxy appended to ``X-Forwarded-For`` (earlier entries are the client's word,
    not to be trusted); otherwise the connection's own address.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR")
