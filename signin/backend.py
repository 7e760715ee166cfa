"""Signing in through a district's provider: mozilla-django-oidc's backend, configured per provider.

The library does the protocol: the token request with the code (and PKCE's verifier), the ID token's
signature against the provider's published keys, and the nonce. On top of it this backend checks
the token's issuer, audience and expiry (PyJWT), then the person: a verified email in one of the
provider's allowed domains that belongs to an active staff member of the provider's district who has
a login. Nobody is created by signing in.
"""

from __future__ import annotations

import logging
from typing import Any

import jwt
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from people.models import StaffMember
from signin.discovery import metadata
from signin.models import SignInProvider

logger = logging.getLogger(__name__)
SESSION_STATES = "signin_states"  # state → provider id, written when the sign-in starts
SIGN_ALGORITHM = "RS256"

#: The library's settings that depend on the provider or on how this app uses it.
FIXED_SETTINGS = {
    "OIDC_AUTHENTICATION_CALLBACK_URL": "signin:callback",
    "OIDC_USE_NONCE": True,
    "OIDC_USE_PKCE": True,
    "OIDC_CREATE_USER": False,
    "OIDC_RP_SCOPES": "openid email profile",
    "OIDC_ALLOW_UNSECURED_JWT": False,
    "OIDC_VERIFY_KID": True,
}


class SignInRefused(Exception):
    """The provider vouched for someone who may not sign in here; the message says why, in plain words."""


def callback_url() -> str:
    """The redirect address registered at the provider: built from ``SITE_URL``, never from the request."""
    return settings.SITE_URL.rstrip("/") + reverse("signin:callback")


def library_setting(attr: str, *default: Any) -> Any:
    if attr in FIXED_SETTINGS:
        return FIXED_SETTINGS[attr]
    if attr == "OIDC_TIMEOUT":
        return settings.SSO_TIMEOUT_SECONDS
    return import_from_settings(attr, *default)


class DistrictSignInBackend(OIDCAuthenticationBackend):
    """Authenticates the callback of a sign-in started by ``signin.views.start`` (listed last in settings).

    Django tries it only for the callback's credentials (``request``, ``nonce``, ``code_verifier``);
    a password login never reaches it.
    """

    get_settings = staticmethod(library_setting)  # type: ignore[assignment]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The endpoints and the client are the provider's, known once the callback names it.
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()
        self.provider: SignInProvider | None = None

    def configure(self, provider: SignInProvider) -> None:
        """Point the library at ``provider``'s endpoints, client and keys."""
        document = metadata(provider.issuer_url)
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = document["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = document.get("userinfo_endpoint")
        self.OIDC_OP_JWKS_ENDPOINT = document["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret()
        if self.OIDC_RP_CLIENT_SECRET is None:
            logger.error(
                "Sign-in provider %s: the variable %s is not set", provider.pk, provider.client_secret_variable
            )
            raise SignInRefused(f"Signing in with {provider.label} is not finished being set up. Tell your operator.")
        self.OIDC_RP_SIGN_ALGO = SIGN_ALGORITHM
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, nonce=None, code_verifier=None):  # type: ignore[override]
        """The callback's sign-in: the provider is the one the sign-in's state was started with."""
        if request is None or nonce is None:
            return None
        state = request.GET.get("state", "")
        states = request.session.get(SESSION_STATES, {})
        provider_id = states.pop(state, None)
        request.session[SESSION_STATES] = states
        provider = SignInProvider.objects.filter(pk=provider_id, enabled=True).select_related("district").first()
        if provider is None:
            raise SuspiciousOperation("The sign-in's state names no provider.")
        self.configure(provider)
        return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)

    def get_token(self, payload: dict) -> dict:
        payload["redirect_uri"] = callback_url()
        return super().get_token(payload)

    def _verify_jws(self, payload: Any, key: Any) -> dict:
        """The ID token's signature, issuer, audience, expiry and issue time (PyJWT), with a minute's leeway."""
        assert self.provider is not None
        try:
            header = jwt.get_unverified_header(payload)
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation("The ID token is not a JWT.") from error
        if header.get("alg") != SIGN_ALGORITHM:
            raise SuspiciousOperation("The ID token is not signed with RS256.")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[SIGN_ALGORITHM],
                audience=self.provider.client_id,
                issuer=self.provider.issuer_url,
                leeway=60,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise SignInRefused("The sign-in took too long and expired. Try again.") from error
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"The ID token was refused: {error}") from error

    def get_userinfo(self, access_token: str, id_token: str, payload: dict) -> dict:
        """The ID token's claims; the email from the user info endpoint when the token does not carry it."""
        claims = dict(payload)
        if "email" not in claims and self.OIDC_OP_USER_ENDPOINT:
            info = super().get_userinfo(access_token, id_token, payload)
            if info.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("The user info is about someone else.")
            claims.update({k: info[k] for k in ("email", "email_verified") if k in info})
        return claims

    def verify_claims(self, claims: dict) -> bool:
        """A verified email in one of the provider's domains (Microsoft: an account of the tenant)."""
        assert self.provider is not None
        provider = self.provider
        email = str(claims.get("email") or "").strip().lower()
        if provider.kind == SignInProvider.Kind.MICROSOFT:
            email = email or str(claims.get("preferred_username") or "").strip().lower()
            # Microsoft does not say whether an email is verified: accounts of the district's own
            # tenant, in the domains it owns, stand in for it.
            verified = str(claims.get("tid", "")).lower() == provider.tenant.lower()
        else:
            verified = claims.get("email_verified") is True
        if not email or not verified:
            raise SignInRefused(f"{provider.label} did not vouch for an email address. Ask your district's IT.")
        if email.rpartition("@")[2] not in provider.domains:
            raise SignInRefused(
                f"{email} is not an address of {provider.district.name} for signing in with {provider.label}. "
                "Sign in with your district account."
            )
        claims["email"] = email
        return True

    def filter_users_by_claims(self, claims: dict):
        """The login of the active staff member of the district with this email; else refused (not created)."""
        assert self.provider is not None
        district = self.provider.district
        staff = (
            StaffMember.objects.filter(district=district, email__iexact=claims["email"], can_log_in=True)
            .active()
            .filter(user__is_active=True)
            .select_related("user")
            .first()
        )
        if staff is None or staff.user is None:
            raise SignInRefused(
                f"{claims['email']} is not the login of anyone on {district.name}'s staff list. "
                "Ask your district admin to give you a login."
            )
        return [staff.user]

    def get_user(self, user_id):
        # Inactive accounts (people who left, logins taken away) lose their session at once.
        return ModelBackend.get_user(self, user_id)
