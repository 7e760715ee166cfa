"""Roster import: reading, checking and applying a file, all or nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from people.models import Access, Assignment, School, StaffMember
from people.roster import apply_plan, build_plan, read_roster
from people.tests.roster_files import SCHOOLS_HEADER, STAFF_HEADER, csv_bytes, good_workbook, xlsx_bytes
from tests import factories


def plan_for(district, content: bytes, filename: str = "roster.xlsx", **kwargs):
    return build_plan(district, read_roster(content, filename), **kwargs)


def import_file(district, content: bytes, filename: str = "roster.xlsx"):
    plan = plan_for(district, content, filename)
    assert plan.ok, [str(p) for p in plan.problems]
    return apply_plan(plan)


def where(plan) -> set[tuple[str, int | None, str]]:
    return {(p.sheet, p.row, p.column) for p in plan.problems}


def counts():
    return School.objects.count(), StaffMember.objects.count(), Assignment.objects.count()


def test_a_good_workbook_creates_schools_and_staff_with_fte(personas):
    plan = import_file(personas.district, good_workbook())

    assert plan.counts() == {"schools": {"new": 2}, "staff": {"new": 3}}
    cedar = School.objects.get(district=personas.district, name="Cedar High")
    assert (cedar.level, cedar.enrollment) == ("high", 1200)
    sam = StaffMember.objects.get(email="sam@lincoln.example.org")
    assert sam.district == personas.district
    assert sam.role.seed_key == "school-psychologist"
    assert {a.school.name: a.fte for a in sam.assignments.all()} == {
        "Adams Elementary": Decimal("0.5"),
        "Cedar High": Decimal("0.5"),
    }
    assert (sam.access, sam.can_log_in) == (Access.STAFF, False)
    nora = StaffMember.objects.get(email="nora@lincoln.example.org")
    assert nora.can_log_in and nora.user is not None
    lee = StaffMember.objects.get(email="lee@lincoln.example.org")
    assert not lee.assignments.exists()


def test_a_good_staff_csv_creates_staff_with_fte(personas):
    content = csv_bytes(
        [
            ["  name ", "EMAIL", "Role", "School", "fte", "Notes"],
            ["Rae Social", "Rae@Lincoln.example.org", "LCSW", "brook middle", "0.8", "ignored"],
        ]
    )
    import_file(personas.district, content, "staff.csv")

    rae = StaffMember.objects.get(email="rae@lincoln.example.org")
    assert rae.role.seed_key == "lcsw"
    assert [(a.school, a.fte) for a in rae.assignments.all()] == [(personas.school_b, Decimal("0.80"))]


def test_a_schools_csv_with_a_byte_order_mark_in_windows_1252_is_read(personas):
    content = "\ufeffSchool,Level,Enrollment\nEscuela Peña,Elementary,300\n".encode("utf-8")
    import_file(personas.district, content, "schools.csv")
    latin = "School,Level,Enrollment\nÉcole Bérubé,middle,250\n".encode("cp1252")
    import_file(personas.district, latin, "schools.csv")

    assert School.objects.filter(name__in=["Escuela Peña", "École Bérubé"]).count() == 2


def test_a_bad_file_lists_every_problem_with_its_row_and_column_and_writes_nothing(personas):
    factories.make_staff(personas.other_district, "Otto Other", email="otto@riverside.example.org")
    before = counts()
    content = xlsx_bytes(
        {
            "Schools": [
                SCHOOLS_HEADER,
                ["Elm Elementary", "Nursery", "12.5"],  # row 2: level, enrollment
                ["", "High", 10],  # row 3: no name
                ["elm elementary", "High", 10],  # row 4: twice
            ],
            "Staff": [
                STAFF_HEADER,
                ["Ann A", "ann@lincoln.example.org", "Wizard", "Adams Elementary", 1, "", ""],  # 2: role
                ["Ben B", "ben@lincoln.example.org", "Teacher", "Nowhere High", 0.5, "", ""],  # 3: school
                ["Cal C", "cal@lincoln.example.org", "Teacher", "Adams Elementary", 1.5, "", ""],  # 4: FTE range
                ["Dee D", "dee@lincoln.example.org", "Teacher", "Adams Elementary", 0.6, "", ""],  # 5: total
                ["Dee D", "dee@lincoln.example.org", "Teacher", "Brook Middle", 0.6, "", ""],  # 6: total
                ["Eve E", "not-an-email", "Teacher", "", "", "", ""],  # 7: malformed email
                ["", "fay@lincoln.example.org", "Teacher", "", "", "", ""],  # 8: no name
                ["Otto Other", "otto@riverside.example.org", "Teacher", "", "", "", ""],  # 9: fine (a new person)
                ["Gus G", "gus@lincoln.example.org", "Teacher", "Adams Elementary", 0.5, "", ""],  # 10
                ["Gus G", "gus@lincoln.example.org", "Teacher", "Adams Elementary", 0.2, "", ""],  # 11: same school
                ["Hal H", "hal@lincoln.example.org", "Teacher", "Adams Elementary", "half", "", ""],  # 12: FTE text
                [
                    "Hal X",
                    "hal@lincoln.example.org",
                    "School counselor",
                    "",
                    "",
                    "",
                    "",
                ],  # 13: name, role of same email
                ["Ivy I", "ivy@lincoln.example.org", "Teacher", "", "", "boss", "maybe"],  # 14: access, login
            ],
        }
    )

    plan = plan_for(personas.district, content)

    assert where(plan) == {
        ("Schools", 2, "Level"),
        ("Schools", 2, "Enrollment"),
        ("Schools", 3, "School"),
        ("Schools", 4, "School"),
        ("Staff", 2, "Role"),
        ("Staff", 3, "School"),
        ("Staff", 4, "FTE"),
        ("Staff", 5, "FTE"),
        ("Staff", 6, "FTE"),
        ("Staff", 7, "Email"),
        ("Staff", 8, "Name"),
        ("Staff", 11, "School"),
        ("Staff", 12, "FTE"),
        ("Staff", 13, "Name"),
        ("Staff", 13, "Role"),
        ("Staff", 14, "Access"),
        ("Staff", 14, "Can log in"),
    }
    assert "Staff, row 4, column FTE: 1.5 is not between 0 and 1 (0 excluded)." in [str(p) for p in plan.problems]
    assert plan.changes == []
    with pytest.raises(ValueError):
        apply_plan(plan)
    assert counts() == before


def test_fte_summing_past_one_across_two_rows_is_refused(personas):
    content = csv_bytes(
        [
            STAFF_HEADER[:5],
            ["Dee D", "dee@lincoln.example.org", "Teacher", "Adams Elementary", "0.75"],
            ["Dee D", "dee@lincoln.example.org", "Teacher", "Brook Middle", "0.5"],
        ]
    )
    plan = plan_for(personas.district, content, "staff.csv")

    assert where(plan) == {("Staff", 2, "FTE"), ("Staff", 3, "FTE")}
    assert "adds up to 1.25" in plan.problems[0].reason


def test_an_email_of_another_districts_staff_reads_exactly_like_an_unknown_email(personas):
    def preview_of(email: str):
        content = csv_bytes([STAFF_HEADER[:5], ["Olive", email, "Teacher", "", ""]])
        plan = plan_for(personas.district, content, "staff.csv")
        return (
            plan.ok,
            [str(p) for p in plan.problems],
            plan.summary(),
            [(row.kind, row.label.replace(email, "EMAIL"), row.differences, row.detail) for row in plan.preview()],
        )

    elsewhere = preview_of("admin@riverside.example.org")  # Riverside's admin
    unknown = preview_of("nobody@riverside.example.org")

    assert elsewhere == unknown
    assert elsewhere[0] and elsewhere[3] == [("new", "Olive <EMAIL>", [], "")]


def test_another_districts_person_listed_here_becomes_a_separate_person_without_their_login(personas):
    content = csv_bytes([STAFF_HEADER, ["Olive", "ADMIN@riverside.example.org", "Teacher", "", "", "", "yes"]])
    import_file(personas.district, content, "staff.csv")

    here = StaffMember.objects.get(district=personas.district, email="admin@riverside.example.org")
    there = StaffMember.objects.get(district=personas.other_district, email="admin@riverside.example.org")
    assert here.can_log_in and here.user is None, "one login per address: it stays with Riverside"
    assert there.user is not None and there.user.is_active and there.name != "Olive"


@pytest.mark.parametrize(
    ("content", "filename", "expected"),
    [
        (b"", "roster.csv", "The file is empty."),
        (b"   \n\n", "roster.csv", "The file is empty."),
        (bytes(range(256)) * 4, "roster.xlsx", "not a readable XLSX workbook"),
        (bytes(range(256)) * 4, "roster.csv", "not a spreadsheet"),
        (b"PK\x03\x04garbage", "roster.xlsx", "not a readable XLSX workbook"),
        (b"\xd0\xcf\x11\xe0rest", "roster.xls", "old-style Excel"),
        (b"Teacher,Building\nAnn,Adams\n", "roster.csv", "header row is not recognised"),
    ],
)
def test_unreadable_files_give_one_clear_problem(personas, content, filename, expected):
    plan = plan_for(personas.district, content, filename)

    assert len(plan.problems) == 1
    assert expected in plan.problems[0].reason


def test_a_word_document_renamed_xlsx_is_refused(personas):
    import zipfile
    from io import BytesIO

    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("word/document.xml", "<document/>")
    plan = plan_for(personas.district, buffer.getvalue(), "letter.xlsx")

    assert [p.reason for p in plan.problems] == ["The file is not a readable XLSX workbook."]


def test_a_missing_column_is_named(personas):
    plan = plan_for(personas.district, csv_bytes([["Name", "Email", "School"], ["A", "a@x.org", ""]]), "s.csv")

    assert {(p.column, p.reason) for p in plan.problems} == {
        ("Role", "The required column “Role” is missing."),
        ("FTE", "The required column “FTE” is missing."),
    }


def test_a_workbook_without_schools_or_staff_sheets_is_refused(personas):
    plan = plan_for(personas.district, xlsx_bytes({"Sheet1": [["a"]]}))

    assert "neither a “Schools” sheet nor a “Staff” sheet" in plan.problems[0].reason


def test_a_retired_role_counts_as_unknown(personas):
    teacher = personas.district.roles.get(seed_key="teacher")
    teacher.retired = True
    teacher.save()
    plan = plan_for(
        personas.district, csv_bytes([STAFF_HEADER[:5], ["A", "a@lincoln.example.org", "teacher", "", ""]]), "s.csv"
    )

    assert where(plan) == {("Staff", 2, "Role")}


def test_reimporting_the_same_file_changes_nothing(personas):
    import_file(personas.district, good_workbook())
    again = plan_for(personas.district, good_workbook())

    assert again.ok
    assert again.changes == []
    assert again.counts() == {"schools": {"unchanged": 2}, "staff": {"unchanged": 3}}


def test_a_changed_file_updates_people_matched_by_email_and_leaves_others_alone(personas):
    content = csv_bytes(
        [
            STAFF_HEADER,
            [
                "Casey Counselor-Reyes",
                "CASEY@lincoln.example.org",
                "School counselor",
                "Adams Elementary",
                "0.5",
                "",
                "",
            ],
            ["Casey Counselor-Reyes", "casey@lincoln.example.org", "School counselor", "Brook Middle", "0.5", "", ""],
            ["Terry Teacher", "terry@lincoln.example.org", "Teacher", "Adams Elementary", "1", "school leader", "yes"],
        ]
    )
    plan = plan_for(personas.district, content, "staff.csv")

    assert plan.ok
    changed = {c.label: c.differences for c in plan.changes}
    assert changed["Casey Counselor-Reyes <casey@lincoln.example.org>"] == [
        ("Name", "Casey Counselor", "Casey Counselor-Reyes"),
        ("Schools", "Adams Elementary 1", "Adams Elementary 0.5, Brook Middle 0.5"),
    ]
    assert changed["Terry Teacher <terry@lincoln.example.org>"] == [
        ("Access", "Staff", "School leader"),
        ("Can log in", "no", "yes"),
    ]
    apply_plan(plan)

    personas.counselor_a.refresh_from_db()
    assert personas.counselor_a.name == "Casey Counselor-Reyes"
    assert personas.counselor_a.assignments.count() == 2
    personas.no_login.refresh_from_db()
    assert (personas.no_login.access, personas.no_login.can_log_in) == (Access.LEADER, True)
    personas.counselor_b.refresh_from_db()
    assert personas.counselor_b.name == "Bailey Counselor"
    assert plan_for(personas.district, content, "staff.csv").changes == []


def test_a_leader_keeps_the_schools_they_lead_when_reimported(personas):
    content = csv_bytes(
        [STAFF_HEADER[:5], ["Pat Principal", "principal@lincoln.example.org", "Teacher", "Adams Elementary", "1"]]
    )
    apply_plan(plan_for(personas.district, content, "staff.csv"))

    personas.principal.refresh_from_db()
    assert personas.principal.role.seed_key == "teacher"
    assert list(personas.principal.leaderships.values_list("school", flat=True)) == [personas.school_a.pk]


def test_an_admin_cannot_remove_their_own_admin_access_by_import(personas):
    content = csv_bytes(
        [STAFF_HEADER, ["Dana Director", "director@lincoln.example.org", "Administrator", "", "", "staff", "no"]]
    )
    plan = plan_for(personas.district, content, "staff.csv", by=personas.admin)

    assert where(plan) == {("Staff", 2, "Access"), ("Staff", 2, "Can log in")}


def test_building_a_plan_takes_a_bounded_number_of_queries(personas, django_assert_max_num_queries):
    rows = [STAFF_HEADER[:5]] + [
        [f"Person {n}", f"p{n}@lincoln.example.org", "Teacher", "Adams Elementary", "0.1"] for n in range(200)
    ]
    content = csv_bytes(rows)
    import_file(personas.district, content, "staff.csv")
    with django_assert_max_num_queries(8):
        plan = plan_for(personas.district, content, "staff.csv")
    assert plan.counts() == {"schools": {}, "staff": {"unchanged": 200}}


def test_values_too_large_for_the_database_are_problems_not_errors(personas):
    content = xlsx_bytes(
        {
            "Schools": [SCHOOLS_HEADER, ["S" * 201, "High", 10], ["Huge High", "High", 10**12]],
            "Staff": [STAFF_HEADER[:5], ["N" * 201, "long@lincoln.example.org", "Teacher", "", ""]],
        }
    )
    plan = plan_for(personas.district, content)

    assert where(plan) == {("Schools", 2, "School"), ("Schools", 3, "Enrollment"), ("Staff", 2, "Name")}


def test_a_sheet_longer_than_any_roster_is_refused(personas, monkeypatch):
    monkeypatch.setattr("people.roster.reading.MAX_ROWS", 3)
    rows = [STAFF_HEADER[:5]] + [[f"P{n}", f"p{n}@lincoln.example.org", "Teacher", "", ""] for n in range(5)]
    plan = plan_for(personas.district, xlsx_bytes({"Staff": rows}))

    assert [str(p) for p in plan.problems] == ["Staff, row 5: The sheet has more than 3 rows."]


def test_people_given_a_login_by_import_are_invited_to_choose_a_password(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    content = csv_bytes(
        [
            ["Name", "Email", "Role", "School", "FTE", "Can log in"],
            ["Quinn Nurse", "quinn@lincoln.example.org", "School nurse", "Adams Elementary", "0.5", "yes"],
            ["Rowan Para", "rowan@lincoln.example.org", "Para-professional", "Adams Elementary", "1", "no"],
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        import_file(personas.district, content, "staff.csv")
    assert [m.to for m in mailoutbox] == [["quinn@lincoln.example.org"]]
    assert "/accounts/invitation/" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        import_file(personas.district, content, "staff.csv")
    assert len(mailoutbox) == 1, "re-importing the same file invites nobody again"


def test_a_single_sheet_workbook_of_any_name_is_read_as_the_staff_sheet(personas):
    # A roster CSV saved as XLSX by LibreOffice or Excel: one sheet, named after the file.
    rows = [STAFF_HEADER[:5], ["Ann Able", "ann@lincoln.example.org", "Teacher", "Adams Elementary", 1]]

    plan = import_file(personas.district, xlsx_bytes({"lincoln-staff": rows}))

    assert plan.counts()["staff"] == {"new": 1}
    assert StaffMember.objects.get(email="ann@lincoln.example.org").name == "Ann Able"


def test_a_single_sheet_workbook_of_schools_is_read_as_the_schools_sheet(personas):
    plan = import_file(personas.district, xlsx_bytes({"Sheet1": [SCHOOLS_HEADER, ["Cedar High", "High", 1200]]}))

    assert plan.counts()["schools"] == {"new": 1}


@pytest.mark.parametrize(
    ("encoding", "separator"), [("utf-16", "\t"), ("cp1252", ","), ("utf-8-sig", ","), ("utf-8", ";")]
)
def test_names_are_read_as_written_whatever_the_encoding(personas, encoding, separator):
    header = separator.join(STAFF_HEADER[:5])
    line = separator.join(["Zoë O'Brien-Müller", "zoe@lincoln.example.org", "Teacher", "Adams Elementary", "1"])
    content = f"{header}\r\n{line}\r\n".encode(encoding)

    plan = import_file(personas.district, content, "staff.csv")

    assert plan.staff[0].label == "Zoë O'Brien-Müller <zoe@lincoln.example.org>"
    assert plan.read_as.startswith("a CSV file in ")
    assert StaffMember.objects.get(email="zoe@lincoln.example.org").name == "Zoë O'Brien-Müller"
