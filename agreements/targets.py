"""The district's target shares per role, which new agreements start from (before the fixed default)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from agreements.models import RoleTarget
from agreements.rules import default_shares, shares_problem
from people.models import Role, TaskCategory


def role_target(role: Role, categories: list[TaskCategory]) -> tuple[dict[int, Decimal], bool]:
    """The role's target shares (by task type id) and whether the district set them; the default
    (80% direct and indirect, ``rules.default_shares``) when it did not."""
    stored = dict(RoleTarget.objects.filter(role=role).values_list("category_id", "percent"))
    if stored:
        return {c.pk: stored.get(c.pk, Decimal(0)) for c in categories}, True
    return default_shares([(c.pk, c.service_kind) for c in categories]), False


@transaction.atomic
def save_role_target(role: Role, shares: Mapping[int, Decimal]) -> None:
    """Replace the role's target shares; they must add up to 100% (``ValidationError`` on ``total``)."""
    problem = shares_problem(shares.values())
    if problem:
        raise ValidationError({"total": problem})
    RoleTarget.objects.filter(role=role).delete()
    RoleTarget.objects.bulk_create(
        RoleTarget(district_id=role.district_id, role=role, category_id=pk, percent=percent)
        for pk, percent in shares.items()
    )
