"""Compare a checked roster with the district: what is new, what changes (and how), what stays.

``build_plan(district, roster)`` reads the district once (a bounded number of
queries, whatever the file's size) and returns a ``Plan``: the problems, and
for each school and person of the file whether it is new, changed (with each
old → new) or unchanged. The web preview and ``import_roster --dry-run`` both
show it; ``people.roster.apply.apply_plan`` writes only its new and changed rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models.functions import Lower

from core.imports.base import CHANGED, NEW, UNCHANGED, PreviewRow
from core.imports.progress import Progress
from core.spreadsheets import Problem, Problems
from people.models import Access, District, School, SchoolLevel, StaffMember
from people.roster.reading import SCHOOLS, STAFF, Roster
from people.roster.validate import Person, SchoolLine, check_schools, check_staff

__all__ = ["CHANGED", "DEACTIVATED", "NEW", "UNCHANGED", "Plan", "build_plan"]
EMAIL_CHUNK = 500
DEACTIVATED = "deactivated"
LEAVING = "Not in the file: will no longer log in or get email; their history stays."


@dataclass
class Change:
    """One school or person of the file: its kind and, when changed, each (what, old, new)."""

    kind: str
    label: str
    differences: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass(kw_only=True)
class SchoolChange(Change):
    sheet = SCHOOLS
    line: SchoolLine
    school: School | None = None


@dataclass(kw_only=True)
class StaffChange(Change):
    sheet = STAFF
    person: Person
    staff: StaffMember | None = None


@dataclass
class Plan:
    district: District
    problems: Problems = field(default_factory=Problems)
    read_as: str = ""
    schools: list[SchoolChange] = field(default_factory=list)
    staff: list[StaffChange] = field(default_factory=list)
    deactivate_missing: bool = False
    leaving: list[StaffMember] = field(default_factory=list)  # active people missing from the file

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changes(self) -> list[Change]:
        """The new and changed schools and people, the only rows applying the plan writes."""
        return [c for c in [*self.schools, *self.staff] if c.kind != UNCHANGED]

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            "schools": dict(Counter(c.kind for c in self.schools)),
            "staff": dict(Counter(c.kind for c in self.staff)),
        }

    notes: list[tuple[int, str]] = field(default_factory=list)

    def preview(self) -> list[PreviewRow]:
        """The new and changed schools and people as the import's page lists them."""
        # Who leaves comes first, so that the preview's first rows name them however long the file.
        rows = [PreviewRow(DEACTIVATED, f"{s.name} <{s.email}>", None, STAFF, detail=LEAVING) for s in self.leaving]
        for change in self.changes:
            if isinstance(change, SchoolChange):
                rows.append(PreviewRow(change.kind, change.label, change.line.row, SCHOOLS, change.differences))
            elif isinstance(change, StaffChange):
                rows.append(PreviewRow(change.kind, change.label, change.person.rows[0], STAFF, change.differences))
        return rows

    def summary(self) -> str:
        """One line, e.g. "Schools: 2 new, 1 changed, 3 unchanged. Staff: 5 new, 0 changed, 0 unchanged."""
        parts = []
        for what, changes in (("Schools", self.schools), ("Staff", self.staff)):
            counts = Counter(c.kind for c in changes)
            parts.append(f"{what}: {counts[NEW]} new, {counts[CHANGED]} changed, {counts[UNCHANGED]} unchanged.")
        if self.deactivate_missing:
            parts.append(f"Not in the file, to be deactivated: {len(self.leaving)}.")
        return " ".join(parts)


def build_plan(
    district: District,
    roster: Roster,
    *,
    by: StaffMember | None = None,
    progress: Progress | None = None,
    deactivate_missing: bool = False,
) -> Plan:
    """Check ``roster`` against ``district`` and classify every school and person in it.

    ``by`` is the admin importing: a file that would remove their own admin
    access or login is refused, as on the staff form. With ``deactivate_missing``, the district's
    active people who are not in the file's staff sheet are listed to be deactivated
    (``people.leaving``); a file without a staff sheet, or without the importing admin, is refused.

    An email that another district also lists is read like any unknown email (a new person here):
    the plan never tells one district who works in another.
    """
    (progress or Progress()).step("Checking the rows against the district")
    plan = Plan(district=district, problems=Problems(roster.problems), read_as=roster.read_as)
    schools = {s.name.lower(): s for s in School.objects.filter(district=district)}
    lines, problems = check_schools(roster.schools or [])
    plan.problems += problems
    names = {key: school.name for key, school in schools.items()}
    names.update({line.name.lower(): line.name for line in lines if line.name})
    roles = list(district.roles.all())
    people, problems = check_staff(roster.staff or [], roles, names)
    plan.problems += problems
    existing = _existing_staff(district, [p.email for p in people])
    plan.problems += _own_access_problems(people, existing, by, roster)
    if deactivate_missing:
        plan.deactivate_missing = True
        plan.leaving = _leaving(district, people)
        plan.problems += _leaving_problems(roster, plan.leaving, by)
    if plan.problems:
        plan.leaving = []
        return plan
    plan.schools = [_school_change(line, schools.get(line.name.lower())) for line in lines]
    plan.staff = [_staff_change(person, existing.get(person.email)) for person in people]
    return plan


def _existing_staff(district: District, emails: list[str]) -> dict[str, StaffMember]:
    found = {}
    queryset = (
        StaffMember.objects.filter(district=district)
        .select_related("role", "user")
        .prefetch_related("assignments__school")
    )
    for start in range(0, len(emails), EMAIL_CHUNK):
        chunk = emails[start : start + EMAIL_CHUNK]
        for staff in queryset.annotate(email_lower=Lower("email")).filter(email_lower__in=chunk):
            found[staff.email.lower()] = staff
    return found


def _leaving(district: District, people: list[Person]) -> list[StaffMember]:
    """The district's active people missing from the file, by name (one query of three columns)."""
    listed = {p.email for p in people}
    active = StaffMember.objects.filter(district=district).active().order_by("name", "email")
    return [s for s in active.only("id", "name", "email") if s.email.lower() not in listed]


def _leaving_problems(roster: Roster, leaving: list[StaffMember], by: StaffMember | None) -> list[Problem]:
    if roster.staff is None:
        reason = "To deactivate the people missing from the file, the file needs a staff sheet listing everyone."
        return [Problem(STAFF, None, "", reason)]
    if by is not None and any(s.pk == by.pk for s in leaving):
        return [Problem(STAFF, None, "Email", "You are not in the file: you cannot deactivate yourself. Add your row.")]
    return []


def _own_access_problems(
    people: list[Person], existing: dict[str, StaffMember], by: StaffMember | None, roster: Roster
) -> list[Problem]:
    if by is None:
        return []
    me = next((p for p in people if existing.get(p.email) and existing[p.email].pk == by.pk), None)
    if me is None:
        return []
    problems = []
    if by.has_access(Access.ADMIN) and me.access not in (None, Access.ADMIN):
        problems.append(Problem(STAFF, me.rows[0], "Access", "You cannot remove your own district admin access."))
    if me.can_log_in is False:
        problems.append(Problem(STAFF, me.rows[0], "Can log in", "You cannot remove your own login."))
    return problems


def _school_change(line: SchoolLine, school: School | None) -> SchoolChange:
    if school is None:
        return SchoolChange(NEW, line.name, line=line)
    differences = []
    if school.name != line.name:
        differences.append(("Name", school.name, line.name))
    if line.level is not None and line.level != school.level:
        differences.append(("Level", SchoolLevel(school.level).label, SchoolLevel(line.level).label))
    if line.enrollment is not None and line.enrollment != school.enrollment:
        differences.append(("Enrollment", str(school.enrollment), str(line.enrollment)))
    return SchoolChange(CHANGED if differences else UNCHANGED, line.name, differences, line=line, school=school)


def format_assignments(assignments: dict[str, tuple[str, Decimal]]) -> str:
    """E.g. "Adams Elementary 0.5, Brook Middle 0.5", or "no school"."""
    if not assignments:
        return "no school"
    return ", ".join(f"{name} {fte.normalize():f}" for name, fte in sorted(assignments.values()))


def _staff_change(person: Person, staff: StaffMember | None) -> StaffChange:
    label = f"{person.name} <{person.email}>"
    if staff is None:
        return StaffChange(NEW, label, person=person)
    differences = []
    if staff.name != person.name:
        differences.append(("Name", staff.name, person.name))
    if staff.role_id != person.role.pk:
        differences.append(("Role", staff.role.name, person.role.name))
    have = {a.school.name.lower(): (a.school.name, a.fte) for a in staff.assignments.all()}
    if {k: fte for k, (_, fte) in have.items()} != {k: fte for k, (_, fte) in person.assignments.items()}:
        differences.append(("Schools", format_assignments(have), format_assignments(person.assignments)))
    if person.access is not None and person.access != staff.access:
        differences.append(("Access", Access(staff.access).label, Access(person.access).label))
    if person.can_log_in is not None and person.can_log_in != staff.can_log_in:
        differences.append(("Can log in", _yes_no(staff.can_log_in), _yes_no(person.can_log_in)))
    if not staff.is_active:
        differences.append(("Active", "no (deactivated)", "yes"))
    return StaffChange(CHANGED if differences else UNCHANGED, label, differences, person=person, staff=staff)


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"
