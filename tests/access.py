"""The vocabulary of the access matrix (``tests/test_access_matrix.py``).

Apps whose URLs the matrix covers declare them in ``<app>/tests/access_rules.py``
as ``RULES: dict[str, Rule]`` (URL name → rule); the matrix collects every
such module, so each app owns its own rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from conftest import Personas

PUBLIC = "public"  # no login needed
LOGGED_IN = "logged_in"  # any logged-in user
STAFF = "staff"
LEADER = "leader"
ADMIN = "admin"
SUPERUSER = "superuser"


@dataclass
class Rule:
    access: str
    kwargs: Callable[[Personas], dict] = field(default=lambda p: {})
    post_only: bool = False
    # Whether the URL points at one object of Lincoln County (so another district gets 404).
    tenant_object: bool = False
