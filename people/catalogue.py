"""The catalogues every new district starts with, taken from the seed document.

Roles come from the role description template; task types from the
reflection table (with the service kind that ASCA's use-of-time guidance
needs); tasks from the "example from a major school district" table.
Ratios are students per 1.0 FTE (DESIGN §3), editable per district.
"""

from __future__ import annotations

from dataclasses import dataclass

from people.models import ServiceKind


@dataclass(frozen=True)
class SeedRole:
    key: str
    name: str
    short_name: str
    is_mental_health: bool
    ratio: int | None = None
    ratio_source: str = ""


SEED_ROLES: tuple[SeedRole, ...] = (
    SeedRole("lcsw", "Licensed clinical provider (e.g., LCSW)", "LCSW", True, 250, "SSWAA"),
    SeedRole("other-counselor", "Other counselor or social worker", "Counselor / social worker", True, 250, "SSWAA"),
    SeedRole("school-counselor", "School counselor", "School counselor", True, 250, "ASCA"),
    SeedRole("school-psychologist", "School psychologist", "School psychologist", True, 500, "NASP 2020"),
    SeedRole("school-nurse", "School nurse", "School nurse", True, 750, "NASN (general population)"),
    SeedRole("family-engagement", "Family engagement specialist", "Family engagement", True),
    SeedRole("administrator", "Administrator", "Administrator", False),
    SeedRole("para-professional", "Para-professional", "Para-professional", False),
    SeedRole("teacher", "Teacher", "Teacher", False),
)


@dataclass(frozen=True)
class SeedCategory:
    key: str
    name: str
    service_kind: str
    tasks: tuple[tuple[str, str], ...]  # (key, name)


SEED_CATEGORIES: tuple[SeedCategory, ...] = (
    SeedCategory(
        "assessment",
        "Assessment",
        ServiceKind.DIRECT,
        (
            ("screening", "Screening"),
            ("psychological-assessment", "Psychological assessment"),
            ("threat-assessment", "Threat assessment"),
        ),
    ),
    SeedCategory(
        "scheduled-support",
        "Scheduled student mental health support",
        ServiceKind.DIRECT,
        (
            ("tier-3", "Scheduled Tier 3 support provision"),
            ("tier-2", "Scheduled Tier 2 support provision"),
            ("tier-1", "Scheduled Tier 1 support provision"),
        ),
    ),
    SeedCategory(
        "non-scheduled-support",
        "Non-scheduled student mental health support",
        ServiceKind.DIRECT,
        (
            (
                "drop-in-support",
                "Non-scheduled non-acute support to students (e.g., 20-minute conversation with student who drops in)",
            ),
            ("crisis-intervention", "Crisis intervention"),
        ),
    ),
    SeedCategory(
        "family-care",
        "Other student and family care provision tasks",
        ServiceKind.INDIRECT,
        (
            (
                "connect-resources",
                "Connection of students or families to external or internal resources (e.g., community resources)",
            ),
            (
                "special-populations",
                "Referral, identification, and/or provision of services for special populations such as those "
                "eligible under foster care and other services",
            ),
            (
                "family-engagement",
                "Proactive family engagement (including organizing family events and individual family outreach)",
            ),
            (
                "physical-goods",
                "Procurement and provision of physical goods directly to students and families "
                "(e.g., food, school supplies, clothing)",
            ),
        ),
    ),
    SeedCategory(
        "staff-support",
        "Teacher and school staff support and training",
        ServiceKind.INDIRECT,
        (
            (
                "formal-training",
                "Formal training of teachers and school staff (development and delivery of training for teachers "
                "and school staff)",
            ),
            (
                "coaching",
                "Coaching and support of teachers and school staff (e.g., attending teacher PLCs to provide advice "
                "and support)",
            ),
        ),
    ),
    SeedCategory(
        "counseling-admin",
        "Counseling-related administrative activities",
        ServiceKind.PROGRAM_SUPPORT,
        (
            ("program-management", "Program management"),
            ("community-partnerships", "Community partnership engagement"),
            ("counseling-admin-duties", "Counseling-related administrative duties"),
        ),
    ),
    SeedCategory(
        "non-counseling",
        "Non-counseling duties",
        ServiceKind.NON_COUNSELING,
        (
            (
                "non-counseling-duties",
                "Non-counseling duties (e.g., master scheduling, data entry, other miscellaneous school initiatives)",
            ),
        ),
    ),
    # "Other" is the reflection table's catch-all row; it counts towards neither
    # direct nor indirect services until a district says otherwise.
    SeedCategory("other", "Other", ServiceKind.PROGRAM_SUPPORT, ()),
)
