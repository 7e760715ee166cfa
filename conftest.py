"""Fixtures shared by every test: the personas of the product.

- ``admin``: district admin (Director of Student Services) of Lincoln County
- ``principal``: school leader of school A
- ``counselor_a`` / ``counselor_b``: school counselors at school A / school B
- ``no_login``: a teacher at school A who cannot log in
- ``other_admin``: admin of another district, who must see nothing of Lincoln County
- ``operator``: a superuser who manages districts
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from people.models import Access, District, School, StaffMember
from tests import factories


@dataclass
class Personas:
    district: District
    other_district: District
    school_a: School
    school_b: School
    other_school: School
    admin: StaffMember
    principal: StaffMember
    counselor_a: StaffMember
    counselor_b: StaffMember
    no_login: StaffMember
    other_admin: StaffMember
    operator: object


@pytest.fixture
def personas(db) -> Personas:
    district = factories.make_district("Lincoln County Schools", slug="lincoln", time_zone="America/Chicago")
    other = factories.make_district("Riverside Unified", slug="riverside", time_zone="America/Los_Angeles")
    school_a = factories.make_school(district, "Adams Elementary", level="elementary", enrollment=600)
    school_b = factories.make_school(district, "Brook Middle", level="middle", enrollment=900)
    other_school = factories.make_school(other, "Riverside High", level="high", enrollment=1500)
    return Personas(
        district=district,
        other_district=other,
        school_a=school_a,
        school_b=school_b,
        other_school=other_school,
        admin=factories.make_staff(
            district,
            "Dana Director",
            role_key="administrator",
            email="director@lincoln.example.org",
            access=Access.ADMIN,
        ),
        principal=factories.make_staff(
            district,
            "Pat Principal",
            role_key="administrator",
            email="principal@lincoln.example.org",
            access=Access.LEADER,
            schools={school_a: 1},
            leads=[school_a],
        ),
        counselor_a=factories.make_staff(
            district,
            "Casey Counselor",
            email="casey@lincoln.example.org",
            schools={school_a: 1},
        ),
        counselor_b=factories.make_staff(
            district,
            "Bailey Counselor",
            email="bailey@lincoln.example.org",
            schools={school_b: 1},
        ),
        no_login=factories.make_staff(
            district,
            "Terry Teacher",
            role_key="teacher",
            email="terry@lincoln.example.org",
            can_log_in=False,
            schools={school_a: 1},
        ),
        other_admin=factories.make_staff(
            other,
            "Olive Other",
            role_key="administrator",
            email="admin@riverside.example.org",
            access=Access.ADMIN,
        ),
        operator=factories.make_superuser(),
    )


def client_for(person) -> Client:
    """A test client logged in as ``person`` (a staff member or a user)."""
    client = Client()
    user = getattr(person, "user", None) or person
    client.force_login(user)
    return client


@pytest.fixture
def as_admin(personas) -> Client:
    return client_for(personas.admin)


@pytest.fixture(autouse=True)
def _email_through_outbox(settings):
    """Django's test runner swaps in the locmem backend; put the outbox back in front of it."""
    settings.EMAIL_BACKEND = "outbox.backend.OutboxBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server in this process; the outbox delivers to it (see tests/smtp.py)."""
    from tests.smtp import SMTPServer

    server = SMTPServer().start()
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()
