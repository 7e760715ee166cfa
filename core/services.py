"""Deployment-level changes made by operators (superusers): creating a district."""

from __future__ import annotations

from django.db import transaction

from people.models import Access, District, StaffMember
from people.services import create_district, save_staff_member

ADMIN_ROLE_KEY = "administrator"


@transaction.atomic
def create_district_with_admin(
    *, name: str, slug: str, time_zone: str, admin_name: str, admin_email: str
) -> tuple[District, StaffMember]:
    """Create a district (catalogues filled in) and its first district admin, and invite that admin.

    The admin gets the seed role "Administrator", district admin access and a
    login without a password; the invitation email (through the outbox, sent
    once the transaction commits) carries a link to choose one.
    """
    district = create_district(name=name, slug=slug, time_zone=time_zone)
    admin = StaffMember(
        district=district,
        name=admin_name,
        email=admin_email,
        role=district.roles.get(seed_key=ADMIN_ROLE_KEY),
        access=Access.ADMIN,
        can_log_in=True,
    )
    save_staff_member(admin, assignments={}, invite=True)
    return district, admin
