"""Request plumbing shared by every page."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

RENEWED_AT = "renewed_at"


class SessionRenewalMiddleware:
    """End a session ``SESSION_COOKIE_AGE`` after the user's last request, not after their login.

    Django extends a session only when it changes; saving it on every request would be a database
    write per page. Instead a logged-in session is marked renewed when more than
    ``SESSION_RENEW_SECONDS`` (a setting) have passed, which saves it and re-sends its cookie with a fresh age.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and "_auth_user_id" in session:
            now = int(time.time())
            renewed = session.get(RENEWED_AT)
            if not isinstance(renewed, int) or now - renewed >= settings.SESSION_RENEW_SECONDS:
                session[RENEWED_AT] = now
        return response


@receiver(user_logged_in)
def _note_login_as_renewal(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    """A new session starts renewed, so its first pages do not write it again."""
    if request is not None and hasattr(request, "session"):
        request.session[RENEWED_AT] = int(time.time())
