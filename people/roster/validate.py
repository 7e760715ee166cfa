"""Check the rows of a roster file against the district's roles and schools.

Every problem is collected (never stop at the first) with the row number as
the spreadsheet shows it, the column and the reason. Only the checks that
need the database beyond the roles and schools (emails of other districts,
the importing admin's own access) live in ``people.roster.plan``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from core.spreadsheets import Problem
from people.models import Access, Role, SchoolLevel
from people.roster.reading import SCHOOLS, STAFF, Row
from people.services import FTE_MAX

NAME_MAX = 200  # School.name and StaffMember.name
EMAIL_MAX = 254  # StaffMember.email
ENROLLMENT_MAX = 2_147_483_647  # the largest PositiveIntegerField on every database
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


@dataclass
class SchoolLine:
    """A school as the file gives it; ``None`` means "not given" (keep the school's value)."""

    row: int
    name: str
    level: str | None
    enrollment: int | None


@dataclass
class Person:
    """A staff member gathered from their rows (one per school), keyed by lower-case email."""

    email: str
    name: str
    role: Role
    rows: list[int] = field(default_factory=list)
    assignments: dict[str, tuple[str, Decimal]] = field(default_factory=dict)  # school key → (name, FTE)
    access: str | None = None
    can_log_in: bool | None = None

    @property
    def fte_total(self) -> Decimal:
        return sum((fte for _, fte in self.assignments.values()), Decimal(0))


def choice_by_label_or_value(text: str, choices) -> str | None:
    """The value of a ``TextChoices`` entry named by its label or its value, case-insensitively."""
    wanted = text.strip().lower()
    for value, label in choices.choices:
        if wanted in (value.lower(), label.lower()):
            return value
    return None


def check_schools(rows: list[Row]) -> tuple[list[SchoolLine], list[Problem]]:
    """Clean the Schools sheet: a name, a known level, a whole enrollment, no school twice."""
    lines: list[SchoolLine] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}

    def problem(row: Row, column: str, reason: str) -> None:
        problems.append(Problem(SCHOOLS, row.number, column, reason))

    for row in rows:
        name = " ".join(row["School"].split())
        if not name:
            problem(row, "School", "A school name is required.")
        elif len(name) > NAME_MAX:
            problem(row, "School", f"The name is longer than {NAME_MAX} characters.")
        elif name.lower() in seen:
            problem(row, "School", f"“{name}” is listed twice (also on row {seen[name.lower()]}).")
        else:
            seen[name.lower()] = row.number
        level = None
        if row["Level"]:
            level = choice_by_label_or_value(row["Level"], SchoolLevel)
            if level is None:
                labels = ", ".join(SchoolLevel.labels)
                problem(row, "Level", f"“{row['Level']}” is not a school level: use one of {labels}.")
        enrollment = None
        if row["Enrollment"]:
            enrollment = _whole_number(row["Enrollment"])
            if enrollment is None:
                problem(row, "Enrollment", f"“{row['Enrollment']}” is not a whole number of students.")
        lines.append(SchoolLine(row.number, name, level, enrollment))
    return lines, problems


def _whole_number(text: str) -> int | None:
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    if not number.is_finite() or number != number.to_integral_value() or not 0 <= number <= ENROLLMENT_MAX:
        return None
    return int(number)


class _StaffChecker:
    """Gathers the Staff sheet's rows into people, noting every problem on the way."""

    def __init__(self, roles: list[Role], school_names: dict[str, str]):
        active = [role for role in roles if not role.retired]
        # Full names first, so that another role's short name never hides a role's full name.
        self.roles = {role.name.strip().lower(): role for role in active}
        for role in active:
            if role.short_name:
                self.roles.setdefault(role.short_name.strip().lower(), role)
        self.school_names = school_names  # lower-case name → name, for the district's and the file's schools
        self.people: dict[str, Person] = {}
        self.first_row: dict[str, int] = {}
        self.school_rows: dict[tuple[str, str], int] = {}
        self.problems: list[Problem] = []

    def problem(self, row: Row, column: str, reason: str) -> None:
        self.problems.append(Problem(STAFF, row.number, column, reason))

    def check(self, row: Row) -> None:
        name = " ".join(row["Name"].split())
        if not name:
            self.problem(row, "Name", "A name is required.")
        elif len(name) > NAME_MAX:
            self.problem(row, "Name", f"The name is longer than {NAME_MAX} characters.")
            name = ""
        email = self.email(row)
        role = self.role(row)
        school, fte = self.school_and_fte(row)
        access = self.access(row)
        can_log_in = self.can_log_in(row)
        if not (name and email and role):
            return
        person = self.people.get(email)
        if person is None:
            person = self.people[email] = Person(email=email, name=name, role=role)
            self.first_row[email] = row.number
        else:
            first = self.first_row[email]
            if person.name != name:
                self.problem(row, "Name", f"“{name}” differs from “{person.name}” on row {first}, same email.")
            if person.role != role:
                self.problem(row, "Role", f"“{role}” differs from “{person.role}” on row {first}, same email.")
        person.rows.append(row.number)
        self.merge(row, person, "Access", "access", access)
        self.merge(row, person, "Can log in", "can_log_in", can_log_in)
        if school and fte is not None:
            key = school.lower()
            if (email, key) in self.school_rows:
                other = self.school_rows[(email, key)]
                self.problem(row, "School", f"“{school}” is listed twice for this person (also on row {other}).")
            else:
                self.school_rows[(email, key)] = row.number
                person.assignments[key] = (school, fte)

    def merge(self, row: Row, person: Person, column: str, attribute: str, value) -> None:
        if value is None:
            return
        current = getattr(person, attribute)
        if current is not None and current != value:
            self.problem(row, column, f"“{row[column]}” differs from an earlier row with the same email.")
        setattr(person, attribute, value)

    def email(self, row: Row) -> str | None:
        email = row["Email"].strip().lower()
        if not email:
            self.problem(row, "Email", "An email address is required.")
            return None
        try:
            if len(email) > EMAIL_MAX:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            self.problem(row, "Email", f"“{row['Email']}” is not a valid email address.")
            return None
        return email

    def role(self, row: Row) -> Role | None:
        text = " ".join(row["Role"].split())
        if not text:
            self.problem(row, "Role", "A role is required.")
            return None
        role = self.roles.get(text.lower())
        if role is None:
            self.problem(row, "Role", f"“{text}” is not one of the district's roles.")
        return role

    def school_and_fte(self, row: Row) -> tuple[str | None, Decimal | None]:
        text = " ".join(row["School"].split())
        school = None
        if text:
            school = self.school_names.get(text.lower())
            if school is None:
                self.problem(row, "School", f"“{text}” is not a school of the district or of this file.")
        fte = None
        if row["FTE"]:
            fte = self.fte(row)
            if not text:
                self.problem(row, "School", "A school is required when an FTE is given.")
        elif text:
            self.problem(row, "FTE", "An FTE is required for a school (e.g. 1 or 0.5).")
        return school, fte

    def fte(self, row: Row) -> Decimal | None:
        text = row["FTE"]
        try:
            fte = Decimal(text.replace(",", "."))
        except InvalidOperation:
            self.problem(row, "FTE", f"“{text}” is not a number.")
            return None
        if not fte.is_finite() or not (0 < fte <= FTE_MAX):
            self.problem(row, "FTE", f"{text} is not between 0 and 1 (0 excluded).")
            return None
        if fte != fte.quantize(Decimal("0.01")):
            self.problem(row, "FTE", f"{text} has more than two decimal places.")
            return None
        return fte

    def access(self, row: Row) -> str | None:
        if not row["Access"]:
            return None
        access = choice_by_label_or_value(row["Access"], Access)
        if access is None:
            labels = ", ".join(label.lower() for label in Access.labels)
            self.problem(row, "Access", f"“{row['Access']}” is not an access level: use one of {labels}.")
        return access

    def can_log_in(self, row: Row) -> bool | None:
        text = row["Can log in"].strip().lower()
        if not text:
            return None
        if text in YES:
            return True
        if text in NO:
            return False
        self.problem(row, "Can log in", f"“{row['Can log in']}” is not yes or no.")
        return None

    def check_totals(self, rows_by_number: dict[int, Row]) -> None:
        for person in self.people.values():
            total = person.fte_total
            reason = f"This person's FTE adds up to {total.normalize():f}, more than 1."
            if total > FTE_MAX:
                for number in person.rows:
                    if rows_by_number[number]["FTE"]:
                        self.problem(rows_by_number[number], "FTE", reason)


def check_staff(rows: list[Row], roles: list[Role], school_names: dict[str, str]) -> tuple[list[Person], list[Problem]]:
    """Clean the Staff sheet into people: known role and school, FTE in (0, 1] adding up to at most 1."""
    checker = _StaffChecker(roles, school_names)
    for row in rows:
        checker.check(row)
    checker.check_totals({row.number: row for row in rows})
    return list(checker.people.values()), checker.problems
