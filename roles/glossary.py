"""The glossary every district starts with: the seed's "Glossary of mental health support training
for non-clinician staff and students", by audience, plus QPR and safeTALK for general staff.

Format and length are given only where they are commonly published (Youth Mental Health First
Aid 8 hours, QPR 1–2 hours, ASIST two days, safeTALK 3–4 hours). A link is given only to the
organisation's own public site when we are sure of it; the others stay blank for the district
to fill in rather than guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from roles.models import Audience

MHFA = "https://www.mentalhealthfirstaid.org/"
NCTSN = "https://www.nctsn.org/"
LIVINGWORKS = "https://www.livingworks.net/"


@dataclass(frozen=True)
class SeedTraining:
    key: str
    name: str
    audience: str
    format: str = ""
    length: str = ""
    hours: Decimal | None = None
    url: str = ""


YMHFA = "Youth Mental Health First Aid"
NCTSN_CORE = "NCTSN Core Curriculum on Childhood Trauma"
ASIST = "Applied Suicide Intervention Skills Training"

SEED_TRAININGS: tuple[SeedTraining, ...] = (
    # Teachers
    SeedTraining(
        "ymhfa-teachers", YMHFA, Audience.TEACHERS, "In person, virtual or blended", "8 hours", Decimal(8), MHFA
    ),
    SeedTraining("nctsn-core-teachers", NCTSN_CORE, Audience.TEACHERS, url=NCTSN),
    SeedTraining("classroom-wise", "Classroom Wise Mental Health Literacy Training", Audience.TEACHERS),
    SeedTraining("smh-teachers-guide", "School Mental Health Teachers Training Guide", Audience.TEACHERS),
    SeedTraining("asist-teachers", ASIST, Audience.TEACHERS, "In-person workshop", "Two days", url=LIVINGWORKS),
    # District health staff
    SeedTraining(
        "mhtips", "Mental Health Training Intervention for Health Providers in Schools", Audience.HEALTH_STAFF
    ),
    SeedTraining("nurses-trauma", "Mental Health and Trauma Training for School Nurses", Audience.HEALTH_STAFF),
    SeedTraining("nursing-video", "Nursing and Mental Health in Video", Audience.HEALTH_STAFF),
    SeedTraining("nurses-new-roles", "Mental Health in Schools: New Roles for School Nurses", Audience.HEALTH_STAFF),
    # General staff
    SeedTraining(
        "ymhfa-general-staff",
        YMHFA,
        Audience.GENERAL_STAFF,
        "In person, virtual or blended",
        "8 hours",
        Decimal(8),
        MHFA,
    ),
    SeedTraining("nctsn-core-general-staff", NCTSN_CORE, Audience.GENERAL_STAFF, url=NCTSN),
    SeedTraining("edge-coaching", "Edge Foundation In-School Coaching Training", Audience.GENERAL_STAFF),
    SeedTraining(
        "asist-general-staff", ASIST, Audience.GENERAL_STAFF, "In-person workshop", "Two days", url=LIVINGWORKS
    ),
    SeedTraining("umatter", "UMatter for Schools Suicide Prevention Training", Audience.GENERAL_STAFF),
    SeedTraining(
        "qpr",
        "QPR (Question, Persuade, Refer) Suicide Prevention Training",
        Audience.GENERAL_STAFF,
        "Online or in person",
        "1–2 hours",
        url="https://qprinstitute.com/",
    ),
    SeedTraining(
        "safetalk",
        "safeTALK suicide alertness training",
        Audience.GENERAL_STAFF,
        "In-person workshop",
        "3–4 hours",
        url=LIVINGWORKS,
    ),
    # Students (to become peer supports)
    SeedTraining("peer-group-connection", "Peer Group Connection program", Audience.STUDENTS),
    SeedTraining(
        "active-minds",
        "Active Minds Peer-Powered Mental Health Curriculum for High Schools",
        Audience.STUDENTS,
        url="https://www.activeminds.org/",
    ),
    SeedTraining(
        "sources-of-strength",
        "Sources of Strength suicide prevention program",
        Audience.STUDENTS,
        url="https://sourcesofstrength.org/",
    ),
)
