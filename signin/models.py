"""A district's single sign-on providers: Google, Microsoft, or another OpenID Connect provider.

The client secret is never stored: the row names the environment variable that holds it
(``client_secret_variable``), set by the operator on the server (docs/single-sign-on.md).
"""

from __future__ import annotations

import os

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

from people.models import District

GOOGLE_ISSUER = "https://accounts.google.com"
MICROSOFT_ISSUER = "https://login.microsoftonline.com/{tenant}/v2.0"

variable_name = RegexValidator(
    r"^[A-Z][A-Z0-9_]{2,99}$", "Capital letters, digits and underscores, starting with a letter (e.g. SSO_LINCOLN)."
)


class SignInProvider(models.Model):
    """One way to sign in to a district with an account of its identity provider."""

    class Kind(models.TextChoices):
        GOOGLE = "google", "Google"
        MICROSOFT = "microsoft", "Microsoft"
        OIDC = "oidc", "Another OpenID Connect provider"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="sign_in_providers")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(
        max_length=60, blank=True, help_text="The button's name, e.g. ClassLink; Google and Microsoft need none."
    )
    issuer = models.URLField(
        blank=True, help_text="Another provider only: its issuer address (its discovery document is read from there)."
    )
    tenant = models.CharField(
        "Microsoft tenant (directory) ID",
        max_length=64,
        blank=True,
        validators=[RegexValidator(r"^[0-9a-fA-F-]{36}$", "The tenant's ID, as Microsoft Entra shows it.")],
        help_text="Microsoft only: only accounts of this directory may sign in.",
    )
    client_id = models.CharField("client ID", max_length=255)
    client_secret_variable = models.CharField(
        "environment variable holding the client secret",
        max_length=100,
        validators=[variable_name],
        help_text="The operator sets it on the server; the secret itself is never stored in the database.",
    )
    allowed_domains = models.CharField(
        max_length=500, help_text="Email domains that may sign in this way, separated by commas (e.g. lincoln.k12.us)."
    )
    enabled = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint("district", "kind", "name", name="sign_in_provider_unique_per_district"),
            models.CheckConstraint(
                condition=~models.Q(kind="oidc") | ~models.Q(issuer=""), name="sign_in_provider_oidc_has_issuer"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="microsoft") | ~models.Q(tenant=""),
                name="sign_in_provider_microsoft_has_tenant",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        errors = {}
        if self.kind == self.Kind.OIDC and not self.issuer:
            errors["issuer"] = "Give the provider's issuer address."
        if self.kind == self.Kind.MICROSOFT and not self.tenant:
            errors["tenant"] = "Give your Microsoft tenant's ID: without it, any Microsoft account could try."
        if not self.domains:
            errors["allowed_domains"] = "Give at least one email domain."
        if errors:
            raise ValidationError(errors)

    @property
    def label(self) -> str:
        return self.name or str(self.Kind(self.kind).label)

    @property
    def issuer_url(self) -> str:
        if self.kind == self.Kind.GOOGLE:
            return GOOGLE_ISSUER
        if self.kind == self.Kind.MICROSOFT:
            return MICROSOFT_ISSUER.format(tenant=self.tenant.lower())
        return self.issuer.rstrip("/")

    @property
    def domains(self) -> set[str]:
        return {d.strip().lower().lstrip("@") for d in self.allowed_domains.split(",") if d.strip()}

    def client_secret(self) -> str | None:
        """The secret from the server's environment, or None when the operator has not set it."""
        return os.environ.get(self.client_secret_variable) or None
