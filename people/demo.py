"""The demo: a realistic district to explore and to benchmark, the same every time.

``build_demo()`` creates "Lakeview Unified School District" (about 30 schools
by default, 1,800 for the benchmark) with staff at the ratios most US
districts really have — well short of the recommendations — plus a small
second district, "Riverside County Schools", that Lakeview must never see.
One login per persona shares :data:`DEMO_PASSWORD` (see :data:`DEMO_LOGINS`).

The personas go through ``people.services``; the thousands of other staff
(none of whom can log in) are written with ``bulk_create`` so that the
largest scale takes seconds, keeping every rule the services enforce: unique
emails, and FTE adding up to at most 1.0 per person.

Later capabilities add their own demo records by appending a callable
``builder(district, rng)`` to :data:`DEMO_BUILDERS` (for instance from their
``AppConfig.ready()``); each runs once per demo district, Lakeview first, after
the people are in place (``demo_builder(builder, last=True)`` for one that needs
every other app's records). ``rng`` is a ``random.Random`` seeded from the demo's
seed, so the whole demo stays deterministic.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from core.statistics import refresh_query_statistics
from people.models import Access, Assignment, District, Leadership, Role, School, SchoolLevel, StaffMember
from people.services import create_district, save_staff_member

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 — published on purpose: it opens the demo only
DEFAULT_SCHOOLS = 30
DEFAULT_SEED = 2026

DemoBuilder = Callable[[District, random.Random], None]
DEMO_BUILDERS: list[DemoBuilder] = []
"""Callables ``builder(district, rng)`` run for each demo district after its people exist."""
LAST_DEMO_BUILDERS: list[DemoBuilder] = []
"""Builders that need every other app's demo records (the planner's run needs the reflections): run after
:data:`DEMO_BUILDERS`, whatever the order the apps registered in."""


def demo_builder(builder: DemoBuilder, *, last: bool = False) -> DemoBuilder:
    """Register ``builder`` in :data:`DEMO_BUILDERS`, or with ``last`` in :data:`LAST_DEMO_BUILDERS`.

    Usable as a decorator; registering twice is harmless.
    """
    builders = LAST_DEMO_BUILDERS if last else DEMO_BUILDERS
    if builder not in builders:
        builders.append(builder)
    return builder


@dataclass(frozen=True)
class DemoLogin:
    persona: str
    email: str
    can: str


DIRECTOR = "director@lakeview.example.org"
PRINCIPAL = "principal@lakeview.example.org"
COUNSELOR = "counselor@lakeview.example.org"
PSYCHOLOGIST = "psychologist@lakeview.example.org"
SOCIAL_WORKER = "socialworker@lakeview.example.org"
TEACHER = "teacher@lakeview.example.org"
RIVERSIDE_ADMIN = "admin@riverside.example.org"
OPERATOR = "operator@example.org"

DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("Director of Student Services (district admin)", DIRECTOR, "Everything in Lakeview: set-up, ratios"),
    DemoLogin("Principal (school leader)", PRINCIPAL, "Runs one elementary school; sees staffing ratios"),
    DemoLogin("School counselor", COUNSELOR, "Works at the principal's school; staff access"),
    DemoLogin("School psychologist", PSYCHOLOGIST, "Shared 0.5 + 0.5 between two schools; staff access"),
    DemoLogin("School social worker (LCSW)", SOCIAL_WORKER, "Shared between two schools; staff access"),
    DemoLogin("Teacher", TEACHER, "Could receive shifted tasks; staff access"),
    DemoLogin("Riverside district admin", RIVERSIDE_ADMIN, "Runs the other district; sees nothing of Lakeview"),
    DemoLogin("Deployment operator (superuser)", OPERATOR, "Manages districts; not part of any district"),
)

FIRST_NAMES = (  # noqa: SIM905 — easier to read and extend as prose
    "Avery Blake Cameron Dakota Emerson Finley Harper Jordan Kendall Logan Morgan Parker Quinn Reese Riley "
    "Rowan Sawyer Skyler Taylor Alex Maria Jose Wei Aisha Fatima Kenji Priya Omar Lucia Daniel Grace Samuel "
    "Olivia Ethan Sofia Noah Emma Liam Ava Mateo Isabella Elijah Mia James Amara Hiroshi Nadia Tomas Leah"
).split()
LAST_NAMES = (  # noqa: SIM905 — easier to read and extend as prose
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson "
    "Anderson Thomas Moore Jackson Martin Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen King "
    "Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts "
    "Okafor Patel Kim Chen Singh Haddad Novak Sato Fischer Kowalski Mensah Duarte"
).split()
PLACE_NAMES = (  # noqa: SIM905 — easier to read and extend as prose
    "Jefferson Lincoln Washington Roosevelt Madison Franklin Kennedy Jackson Monroe Adams Hamilton Grant "
    "Emerson Whitman Douglass Tubman Chavez Parks Carver Edison Hawthorne Irving Longfellow Muir Thoreau Twain "
    "Bryant Clemente Keller Earhart Sequoyah Lakeview Riverside Hillcrest Parkview Fairview Westwood Eastgate "
    "Northfield Southridge Brookside Meadowbrook Willow Oakwood Pinecrest Cedarwood Maplewood Elmwood Birchwood "
    "Stonebridge Foxhollow Sunnyside Prairie Bluff Harbor Summit Clearwater Silverlake Greenfield Highland"
).split()
NAME_PREFIXES = ("Oak", "Cedar", "Maple", "Pine", "Aspen", "Spring", "Stone", "Fox", "Deer", "Eagle", "Sun", "Mill")
NAME_FEATURES = ("Ridge", "Creek", "Valley", "Park", "Hills", "Grove", "Meadow", "Lake", "Crossing", "Point", "Heights")
LEVELS = (
    # level, share of the schools, enrollment range, name suffix
    (SchoolLevel.ELEMENTARY, 0.60, (300, 700), "Elementary"),
    (SchoolLevel.MIDDLE, 0.25, (600, 1100), "Middle School"),
    (SchoolLevel.HIGH, 0.15, (1000, 2400), "High School"),
)
# Real-world students per FTE, drawn per school from these ranges (the recommendations are 250 to 750).
STAFFING = {
    "school-counselor": (380, 470),
    "school-psychologist": (950, 1250),
    "lcsw": (1000, 1400),
    "school-nurse": (850, 1150),
    "other-counselor": (2200, 3200),
}
SHARED_SHARE = 0.75  # of half-time slots are one person shared between two schools; the rest are part-timers


@dataclass
class Roster:
    """Staff to bulk-create for one district, and the emails already taken."""

    district: District
    domain: str
    rng: random.Random
    used_emails: set[str] = field(default_factory=set)
    staff: list[StaffMember] = field(default_factory=list)
    assignments: list[tuple[int, School, Decimal]] = field(default_factory=list)  # (staff index, school, FTE)
    leads: list[tuple[int, School]] = field(default_factory=list)

    def email_for(self, name: str) -> str:
        base = name.lower().replace(" ", ".")
        email, n = f"{base}@{self.domain}", 1
        while email in self.used_emails:
            n += 1
            email = f"{base}{n}@{self.domain}"
        self.used_emails.add(email)
        return email

    def add(self, role: Role, schools: dict[School, Decimal], *, access: str = Access.STAFF) -> int:
        name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
        self.staff.append(
            StaffMember(district=self.district, name=name, email=self.email_for(name), role=role, access=access)
        )
        index = len(self.staff) - 1
        self.assignments.extend((index, school, fte) for school, fte in schools.items())
        return index

    def save(self) -> None:
        """Write the staff, their assignments and led schools in three bulk inserts."""
        created = StaffMember.objects.bulk_create(self.staff, batch_size=2000)
        Assignment.objects.bulk_create(
            (Assignment(district=self.district, staff=created[i], school=s, fte=fte) for i, s, fte in self.assignments),
            batch_size=2000,
        )
        Leadership.objects.bulk_create(
            (Leadership(district=self.district, staff=created[i], school=s) for i, s in self.leads), batch_size=2000
        )


def school_names(level_suffix: str, count: int, rng: random.Random, taken: set[str]) -> list[str]:
    """``count`` unique names like "Jefferson Elementary", numbered only once every place name is used."""
    places, compounds = list(PLACE_NAMES), [f"{a} {b}" for a in NAME_PREFIXES for b in NAME_FEATURES]
    rng.shuffle(places)
    rng.shuffle(compounds)
    places += compounds
    names: list[str] = []
    round_ = 1
    while len(names) < count:
        for place in places:
            name = f"{place} {level_suffix}" + (f" No. {round_}" if round_ > 1 else "")
            if name.lower() not in taken:
                taken.add(name.lower())
                names.append(name)
                if len(names) == count:
                    break
        round_ += 1
    return names


def make_schools(district: District, count: int, rng: random.Random) -> list[School]:
    """``count`` schools: about 60% elementary, 25% middle, 15% high, with realistic enrollments."""
    elementary = max(1, round(count * LEVELS[0][1]))
    middle = min(count - elementary, round(count * LEVELS[1][1]))
    counts = (elementary, middle, max(0, count - elementary - middle))
    taken: set[str] = set()
    schools = [
        School(district=district, name=name, level=level, enrollment=rng.randint(*enrollment))
        for (level, _share, enrollment, suffix), n in zip(LEVELS, counts, strict=True)
        for name in school_names(suffix, n, rng, taken)
    ]
    return School.objects.bulk_create(schools, batch_size=2000)


def half_steps(value: float) -> Decimal:
    """Round an FTE to the nearest half: 0.74 → 0.5, 1.3 → 1.5."""
    return Decimal(round(value * 2)) / 2


def plan_mental_health_staff(roster: Roster, roles: dict[str, Role], schools: list[School], taken: dict) -> None:
    """Staff each school at real-world ratios; ``taken`` holds FTE already filled by personas, by (school, role key)."""
    rng = roster.rng
    for key, (low, high) in STAFFING.items():
        halves: list[School] = []
        for school in schools:
            fte = max(
                Decimal(0), half_steps(school.enrollment / rng.uniform(low, high)) - taken.get((school.pk, key), 0)
            )
            for _ in range(int(fte)):
                roster.add(roles[key], {school: Decimal(1)})
            if fte % 1:
                halves.append(school)
        while halves:
            first = halves.pop(0)
            if halves and rng.random() < SHARED_SHARE:
                roster.add(roles[key], {first: Decimal("0.5"), halves.pop(0): Decimal("0.5")})
            else:
                roster.add(roles[key], {first: Decimal("0.5")})
    # A few family engagement specialists, each serving two schools.
    for _ in range(max(1, len(schools) // 8)):
        pair = rng.sample(schools, 2) if len(schools) > 1 else schools
        roster.add(roles["family-engagement"], {school: Decimal(1) / len(pair) for school in pair})


def plan_school_staff(roster: Roster, roles: dict[str, Role], schools: list[School], skip_principal: set[int]) -> None:
    """A principal who leads each school, and a handful of teachers and para-professionals who could take on tasks."""
    rng = roster.rng
    for school in schools:
        if school.pk not in skip_principal:
            index = roster.add(roles["administrator"], {school: Decimal(1)}, access=Access.LEADER)
            roster.leads.append((index, school))
        for _ in range(rng.randint(3, 6)):
            roster.add(roles["teacher"], {school: Decimal(1)})
        for _ in range(rng.randint(1, 3)):
            roster.add(roles["para-professional"], {school: Decimal(1)})


@cache
def demo_password_hash() -> str:
    """The demo password hashed once: Argon2 takes a good fraction of a second (and ~100 MB) per hash."""
    return make_password(DEMO_PASSWORD)


def add_persona(district: District, name: str, email: str, role: Role, *, access=Access.STAFF, schools=None, leads=()):
    """A persona who can log in, saved through the services, with the demo password."""
    staff = StaffMember(district=district, name=name, email=email, role=role, access=access, can_log_in=True)
    save_staff_member(staff, assignments=schools or {}, led_schools=leads)
    user = staff.user
    assert user is not None  # can_log_in=True gives every persona a login
    user.password = demo_password_hash()
    user.save(update_fields=["password"])
    return staff


def build_lakeview(schools: int, rng: random.Random) -> District:
    district = create_district(name="Lakeview Unified School District", slug="lakeview", time_zone="America/Chicago")
    roles = {r.seed_key: r for r in district.roles.all()}
    all_schools = make_schools(district, schools, rng)
    home = all_schools[0]  # an elementary school: the personas' school
    partner = all_schools[1] if len(all_schools) > 1 else None
    half, one = Decimal("0.5"), Decimal(1)
    shared = {home: half, partner: half} if partner else {home: one}
    add_persona(district, "Morgan Ellis", DIRECTOR, roles["administrator"], access=Access.ADMIN)
    add_persona(
        district,
        "Patricia Okafor",
        PRINCIPAL,
        roles["administrator"],
        access=Access.LEADER,
        schools={home: one},
        leads=[home],
    )
    add_persona(district, "Casey Nguyen", COUNSELOR, roles["school-counselor"], schools={home: one})
    add_persona(district, "Sam Rivera", PSYCHOLOGIST, roles["school-psychologist"], schools=shared)
    add_persona(district, "Lee Haddad", SOCIAL_WORKER, roles["lcsw"], schools=shared)
    add_persona(district, "Terry Walker", TEACHER, roles["teacher"], schools={home: one})

    taken: dict[tuple[int, str], Decimal] = {(home.pk, "school-counselor"): Decimal(1)}
    for key in ("school-psychologist", "lcsw"):
        for school, fte in shared.items():
            taken[(school.pk, key)] = fte
    roster = Roster(district, "lakeview.example.org", rng, used_emails={d.email for d in DEMO_LOGINS})
    plan_mental_health_staff(roster, roles, all_schools, taken)
    plan_school_staff(roster, roles, all_schools, skip_principal={home.pk})
    roster.save()
    return district


def build_riverside(rng: random.Random) -> District:
    district = create_district(name="Riverside County Schools", slug="riverside", time_zone="America/Los_Angeles")
    roles = {r.seed_key: r for r in district.roles.all()}
    schools = School.objects.bulk_create(
        [
            School(district=district, name="Riverside Elementary", level=SchoolLevel.ELEMENTARY, enrollment=480),
            School(district=district, name="Riverside Middle School", level=SchoolLevel.MIDDLE, enrollment=760),
            School(district=district, name="Riverside High School", level=SchoolLevel.HIGH, enrollment=1350),
        ]
    )
    add_persona(district, "Robin Castillo", RIVERSIDE_ADMIN, roles["administrator"], access=Access.ADMIN)
    roster = Roster(district, "riverside.example.org", rng, used_emails={RIVERSIDE_ADMIN})
    plan_mental_health_staff(roster, roles, schools, {})
    plan_school_staff(roster, roles, schools, skip_principal=set())
    roster.save()
    return district


@transaction.atomic
def build_demo(*, schools: int = DEFAULT_SCHOOLS, seed: int = DEFAULT_SEED) -> District:
    """Create the demo districts, their personas and the operator; returns Lakeview.

    The same ``seed`` gives the same schools, names and staff every time.
    """
    rng = random.Random(seed)
    demo_password_hash.cache_clear()  # hash with today's hasher settings, once per demo
    lakeview = build_lakeview(schools, rng)
    riverside = build_riverside(rng)
    user_model = get_user_model()
    if not user_model.objects.filter(email__iexact=OPERATOR).exists():
        operator = user_model.objects.create_superuser(OPERATOR, name="Deployment Operator")
        operator.password = demo_password_hash()
        operator.save(update_fields=["password"])
    for district in (lakeview, riverside):
        for builder in (*DEMO_BUILDERS, *LAST_DEMO_BUILDERS):
            builder(district, rng)
    refresh_query_statistics()  # the hourly job would, an hour later; the demo is served at once
    return lakeview


def logins_table(markdown: bool = False) -> str:
    """The demo logins as a plain-text table (for the terminal) or a Markdown one (for docs/demo-logins.md)."""
    rows = [("Persona", "Email", "Password", "What they can do")]
    rows += [(d.persona, d.email, DEMO_PASSWORD, d.can) for d in DEMO_LOGINS]
    if markdown:
        lines = [f"| {' | '.join(row)} |" for row in rows]
        lines.insert(1, "|" + "---|" * len(rows[0]))
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
