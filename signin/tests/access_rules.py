"""Single sign-on's URLs in the access matrix (tests/test_access_matrix.py)."""

from __future__ import annotations

from conftest import Personas
from signin.models import SignInProvider
from tests.access import ADMIN, PUBLIC, Rule


def provider(p: Personas) -> dict:
    made = SignInProvider.objects.create(
        district=p.district,
        kind=SignInProvider.Kind.OIDC,
        name="ClassLink",
        issuer="http://127.0.0.1:9",  # nothing answers there: starting a sign-in says so
        client_id="lincoln",
        client_secret_variable="SSO_LINCOLN",
        allowed_domains="lincoln.example.org",
    )
    return {"pk": made.pk}


RULES: dict[str, Rule] = {
    "signin:choose": Rule(PUBLIC),
    "signin:start": Rule(PUBLIC, kwargs=provider),
    "signin:callback": Rule(PUBLIC),
    "signin:settings": Rule(ADMIN),
    "signin:provider_new": Rule(ADMIN),
    "signin:provider_edit": Rule(ADMIN, kwargs=provider, tenant_object=True),
}
