"""Export a district's schools and staff in the import layout, so the file imports back unchanged.

Rows are produced lazily (``iterator`` in chunks) so that a large district is streamed rather than
held in memory; ``core.spreadsheets.writing`` writes them as CSV (with a byte order mark) or XLSX.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Prefetch

from people.models import Access, Assignment, District, School, SchoolLevel, StaffMember
from people.roster.reading import SCHOOL_COLUMNS, SCHOOLS, STAFF, STAFF_COLUMNS, STAFF_OPTIONAL_COLUMNS

CHUNK = 1000
SHEETS = {"schools": SCHOOLS, "staff": STAFF}


def school_rows(district: District) -> Iterator[list]:
    """The Schools sheet, header first."""
    yield list(SCHOOL_COLUMNS)
    for school in School.objects.filter(district=district).order_by("name").iterator(chunk_size=CHUNK):
        yield [school.name, SchoolLevel(school.level).label, school.enrollment]


def staff_rows(district: District) -> Iterator[list]:
    """The Staff sheet, header first: one row per person per school, one blank-school row for a person without."""
    yield [*STAFF_COLUMNS, *STAFF_OPTIONAL_COLUMNS]
    staff = (
        StaffMember.objects.filter(district=district)
        .select_related("role")
        .prefetch_related(Prefetch("assignments", queryset=Assignment.objects.select_related("school")))
        .order_by("name", "email")
    )
    for person in staff.iterator(chunk_size=CHUNK):
        common = [person.name, person.email, person.role.name]
        tail = [Access(person.access).label, "yes" if person.can_log_in else "no"]
        assignments = sorted(person.assignments.all(), key=lambda a: a.school.name.lower())
        if not assignments:
            yield [*common, "", "", *tail]
        for assignment in assignments:
            yield [*common, assignment.school.name, assignment.fte, *tail]


def rows_for(district: District, sheet: str) -> Iterator[list]:
    return school_rows(district) if sheet == "schools" else staff_rows(district)


def workbook_sheets(district: District) -> list[tuple[str, Iterator[list]]]:
    """The workbook's two sheets, Schools and Staff, as ``(title, rows)``."""
    return [(SCHOOLS, school_rows(district)), (STAFF, staff_rows(district))]
