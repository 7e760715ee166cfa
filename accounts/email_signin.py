"""Sign in by email link, as an alternative to a password.

Someone types their email address; if it belongs to an account that may log in, the account's
address gets a link that signs them in. The page says the same whether or not an account exists
(no account enumeration), and requests are throttled like logins: at most
``LOGIN_FAILURE_LIMIT`` per email address and per network address within ``LOGIN_COOLOFF_MINUTES``,
counted whether or not the account exists.

The link holds the account's id and its last login, signed with the site's secret and a timestamp
(``django.core.signing.TimestampSigner``): it works for ``VALID_MINUTES`` minutes and once — signing
in changes the last login, so the same link no longer matches. Opening the link shows a "Sign in"
button; only pressing it signs in (mail scanners open links, and must not use them up).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from accounts.forms import may_log_in
from accounts.models import SignInLinkRequest, User
from accounts.throttle import normalised_email

SALT = "accounts.email-sign-in"
VALID_MINUTES = 15


class TooManyRequests(Exception):
    """Too many sign-in links were asked for this email or from this address lately."""


def _stamp(user: User) -> str:
    return user.last_login.isoformat() if user.last_login else "never"


def safe_next(path: str | None) -> str:
    """``path`` if it is a path of this site ("/reflections/new/?request=3"), else ""."""
    path = (path or "").strip()
    if not path.startswith("/") or path.startswith("//") or "\\" in path or len(path) > 500:
        return ""
    return path


def make_token(user: User, next_path: str = "") -> str:
    """The signed, timestamped key of ``user``'s sign-in link; ``next_path`` is where it leads after signing in."""
    value = {"user": user.pk, "last": _stamp(user), "next": safe_next(next_path)}
    return signing.TimestampSigner(salt=SALT).sign_object(value)


def read_token(token: str) -> tuple[User, str] | None:
    """The account a sign-in link is for and the page it leads to, if the link is genuine, recent,
    unused and the account may log in."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=dt.timedelta(minutes=VALID_MINUTES))
        user = get_user_model().objects.select_related("staff_member").get(pk=int(value["user"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, get_user_model().DoesNotExist):
        return None
    if _stamp(user) != value.get("last") or not may_log_in(user):
        return None
    return user, safe_next(value.get("next"))


def request_link(email: str, *, address: str | None, next_path: str = "", now: dt.datetime | None = None) -> None:
    """Email a sign-in link to ``email`` if it is an account that may log in; throttled either way.

    ``next_path`` (a path of this site) is where the link leads once signed in: the page that sent
    the person to log in, such as a reflection asked of them.

    Raises ``TooManyRequests`` when this email or this address asked too often lately.
    """
    now = now or timezone.now()
    email = normalised_email(email)
    since = now - dt.timedelta(minutes=settings.AXES_COOLOFF_TIME * 60)
    recent = SignInLinkRequest.objects.filter(requested_at__gte=since)
    limit = settings.AXES_FAILURE_LIMIT
    if recent.filter(email=email).count() >= limit or (address and recent.filter(address=address).count() >= limit * 4):
        raise TooManyRequests
    SignInLinkRequest.objects.create(email=email, address=address or "", requested_at=now)
    SignInLinkRequest.objects.filter(requested_at__lt=now - dt.timedelta(days=1)).delete()
    user = get_user_model().objects.select_related("staff_member").filter(email__iexact=email).first()
    if user is None or not may_log_in(user):
        return
    token = make_token(user, next_path)
    link = settings.SITE_URL + reverse("accounts:email_link_sign_in", kwargs={"token": token})
    send_mail(
        "Your Top of License sign-in link",
        f"Hello {user.get_short_name()},\n\nSign in to Top of License with this link. It works once, for "
        f"{VALID_MINUTES} minutes:\n\n{link}\n\nIf you did not ask for it, you can ignore this email: "
        "nobody can sign in without opening it.\n",
        None,
        [user.email],
    )
