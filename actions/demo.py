"""Demo action items: a realistic tracker for each demo district (``people.demo.DEMO_BUILDERS``).

About forty items across the district's first schools, taken from the duties
that most often keep mental health staff from their work (the seed's "take
the social workers off lunch duty" among them), in every status, some
overdue, owned by principals, counselors, psychologists and social workers,
and a couple by a plain name. Status changes go through the services, so the
items have a history.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

from actions.models import Status
from actions.services import create_item, local_today, update_item
from people.models import Access, Assignment, District, School, StaffMember

DEMO_SCHOOLS = 8
OWNER_ROLES = ("administrator", "school-counselor", "school-psychologist", "lcsw")
PLAIN_OWNERS = ("Front office (Ms. Alvarez)", "Registrar — J. Patel")

# The seed's example first; the rest are the duties districts most often shift, and space and paperwork.
DESCRIPTIONS = (
    "Take the social workers off lunch duty so they can meet with students during lunch hours",
    "Move state testing coordination from the school counselor to the assistant principal",
    "Hand the master schedule build to the registrar and an assistant principal",
    "Give 504 plan coordination to an administrator instead of the school psychologist",
    "Move attendance data entry from the counselors to the front office",
    "Stop pulling the school psychologist to cover classes when substitutes are short",
    "Replace counselor hallway and bus duty with a para-professional rotation",
    "Route first-line discipline referrals to the dean, not the counselor",
    "Find a private room where the social worker can meet students",
    "Keep the psychologist's office free on testing days instead of using it as a testing room",
    "Replace the three referral forms with one short form",
    "Move schedule change requests to an online form handled by the registrar",
    "Protect two counselor blocks a week for small groups",
    "Train two para-professionals to supervise the cafeteria so the counselor can run lunch groups",
    "Ask the district for a testing coordinator shared by the middle schools",
    "Move transcript and records requests to the registrar",
    "Write down who covers recess supervision now that the counselor no longer does",
    "Clear the storage room next to the library for a counseling space",
    "Have the data clerk enter the universal screener results",
    "Agree a referral process for mental health concerns with the teachers",
    "Move AP and PSAT test ordering from counseling to the assistant principal",
    "Put a door sign and a sound machine on the counseling office for privacy",
    "Move morning bus supervision from the social worker to the custodial team",
    "Keep evaluation paperwork in one shared folder instead of printed copies",
    "Ask special education to take over 504 annual reviews",
    "Publish a one-page list of what the counselor does and does not do",
    "Stop scheduling the counselor as a substitute during advisory",
    "Find a quiet space for the psychologist to write evaluation reports",
    "Move the student data entry for the attendance team to the attendance clerk",
    "Share the calendar of 504 meetings with teachers a month ahead",
)

# Each person who can log in at the first school (the personas' school) gets one item of each:
# something overdue and stuck, something due this week, something done. (status, due in days: (low, high))
PERSONA_ITEMS = (
    (Status.BLOCKED, (-12, -2)),
    (Status.IN_PROGRESS, (1, 6)),
    (Status.COMPLETED, (-20, -3)),
)
# The other items, across the other schools: (status, how many, due in days: (low, high)).
PLAN = (
    (Status.NOT_STARTED, 4, (8, 45)),
    (Status.NOT_STARTED, 2, (-20, -1)),  # overdue
    (Status.NOT_STARTED, 2, (0, 6)),  # due this week
    (Status.IN_PROGRESS, 5, (8, 60)),
    (Status.IN_PROGRESS, 2, (-15, -1)),  # overdue
    (Status.IN_PROGRESS, 2, (0, 7)),  # due this week
    (Status.BLOCKED, 2, (-25, -2)),  # overdue and stuck
    (Status.BLOCKED, 1, (5, 30)),
    (Status.COMPLETED, 5, (-40, -1)),
    (Status.ABANDONED, 2, (-30, 20)),
)
# The path each final status took, so the history shows real changes.
PATHS = {
    Status.NOT_STARTED: (),
    Status.IN_PROGRESS: (Status.IN_PROGRESS,),
    Status.BLOCKED: (Status.IN_PROGRESS, Status.BLOCKED),
    Status.COMPLETED: (Status.IN_PROGRESS, Status.COMPLETED),
    Status.ABANDONED: (Status.BLOCKED, Status.ABANDONED),
}


def owners_by_school(district: District, schools: list[School]) -> dict[int, list[StaffMember]]:
    """Principals, counselors, psychologists and social workers of each school, personas first."""
    rows = (
        Assignment.objects.filter(district=district, school__in=schools, staff__role__seed_key__in=OWNER_ROLES)
        .select_related("staff")
        .order_by("-staff__can_log_in", "staff__pk")
    )
    found: dict[int, list[StaffMember]] = {school.pk: [] for school in schools}
    for row in rows:
        found[row.school_id].append(row.staff)
    return found


def build_demo_items(district: District, rng: random.Random) -> None:
    """Create about forty action items in ``district`` (see the module docstring)."""
    schools = list(School.objects.filter(district=district).order_by("pk")[:DEMO_SCHOOLS])
    if not schools:
        return
    owners = owners_by_school(district, schools)
    creator = StaffMember.objects.filter(district=district, access=Access.ADMIN).order_by("pk").first()
    today = local_today(district)
    descriptions = list(DESCRIPTIONS[1:])
    rng.shuffle(descriptions)
    next_description = itertools.cycle(descriptions).__next__

    def make(description, status, due_range, school, owner):
        due_on = today + dt.timedelta(days=rng.randint(*due_range))
        item = create_item(
            district,
            description=description,
            by=creator,
            owner=owner,
            owner_name="" if owner else rng.choice(PLAIN_OWNERS),
            due_on=due_on,
            created_on=min(today, due_on) - dt.timedelta(days=rng.randint(7, 45)),
            school=school,
            notify=False,
        )
        for step in PATHS[status]:
            item = update_item(item, by=owner or creator, expected_version=item.version, status=step)

    home = schools[0]
    personas = [person for person in owners[home.pk] if person.can_log_in][:6]
    make(DESCRIPTIONS[0], Status.IN_PROGRESS, (5, 20), home, personas[0] if personas else None)
    for person in personas:
        for status, due_range in PERSONA_ITEMS:
            make(next_description(), status, due_range, home, person)
    others = schools[1:] or schools
    plan = [(status, due_range) for status, count, due_range in PLAN for _ in range(count)]
    for number, (status, due_range) in enumerate(plan):
        school = rng.choice(others)
        people = owners[school.pk]
        # Every tenth item is someone not in the staff list, written by name as on the paper tracker.
        owner = rng.choice(people) if people and number % 10 != 4 else None
        make(next_description(), status, due_range, school, owner)
