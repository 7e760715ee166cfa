"""Every change to a district's single sign-on: its providers, and whether passwords still work."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from people.models import District
from signin.models import SignInProvider


def save_provider(provider: SignInProvider) -> SignInProvider:
    """Create or update a provider of its district (validated as the form does)."""
    provider.full_clean()
    provider.save()
    return provider


@transaction.atomic
def set_password_sign_in(district: District, *, allowed: bool) -> District:
    """Turn password sign-in on or off for the district's staff.

    Off needs an enabled provider: otherwise nobody of the district could sign in at all.
    """
    district = District.objects.select_for_update().get(pk=district.pk)
    if not allowed and not SignInProvider.objects.filter(district=district, enabled=True).exists():
        raise ValidationError(
            {"password_sign_in": "Add and enable a way to sign in first: without one, nobody could sign in."}
        )
    district.password_sign_in = allowed
    district.save(update_fields=["password_sign_in"])
    return district
