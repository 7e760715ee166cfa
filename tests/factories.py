"""Plain-Python factories for tests: readable, no fixtures files.

Every helper goes through the services, so tests build data the way the app does.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from django.contrib.auth import get_user_model

from people.models import Access, District, Role, School, StaffMember
from people.services import create_district, save_staff_member

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


def make_district(name: str = "Lincoln County Schools", slug: str | None = None, **extra) -> District:
    district = create_district(name=name, slug=slug or f"district-{next(_counter)}", **extra)
    return district


def role(district: District, key: str) -> Role:
    """A seed role of ``district`` by its key, e.g. ``school-counselor``."""
    return district.roles.get(seed_key=key)


def make_school(
    district: District, name: str | None = None, *, level: str = "elementary", enrollment: int = 500
) -> School:
    return School.objects.create(
        district=district, name=name or f"School {next(_counter)}", level=level, enrollment=enrollment
    )


def make_staff(
    district: District,
    name: str | None = None,
    *,
    role_key: str = "school-counselor",
    email: str | None = None,
    access: str = Access.STAFF,
    can_log_in: bool = True,
    schools: dict[School, Decimal | str | float] | None = None,
    leads: list[School] | None = None,
    password: str = PASSWORD,
) -> StaffMember:
    n = next(_counter)
    staff = StaffMember(
        district=district,
        name=name or f"Staff Member {n}",
        email=email or f"staff{n}@example.org",
        role=role(district, role_key),
        access=access,
        can_log_in=can_log_in,
    )
    save_staff_member(
        staff,
        assignments={school: Decimal(str(fte)) for school, fte in (schools or {}).items()},
        led_schools=leads or (),
    )
    if staff.user is not None:
        staff.user.set_password(password)
        staff.user.save(update_fields=["password"])
    return staff


def make_superuser(email: str = "operator@example.org"):
    return get_user_model().objects.create_superuser(email, PASSWORD, name="Deployment Operator")
