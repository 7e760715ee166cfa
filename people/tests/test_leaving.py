"""People leaving: the roster import deactivates whoever is missing from the file (when asked), and a
deactivated person cannot log in, gets no email, loses their personal links and keeps their history."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.mail import send_mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from actions.models import ActionItem
from actions.services import create_item
from conftest import client_for
from outbox.models import OutboxMessage
from people.access import personal_links_end
from people.leaving import deactivate, reactivate
from people.models import RosterUpload, StaffMember
from people.roster import apply_plan, build_plan, read_roster
from people.tests.roster_files import SCHOOLS_HEADER, STAFF_HEADER, csv_bytes, xlsx_bytes
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

STAYING = [
    ["Dana Director", "director@lincoln.example.org", "Administrator", "", "", "District admin", "yes"],
    ["Pat Principal", "principal@lincoln.example.org", "Administrator", "Adams Elementary", 1, "School leader", "yes"],
    ["Casey Counselor", "casey@lincoln.example.org", "School counselor", "Adams Elementary", 1, "", ""],
]


def staff_file(rows=STAYING) -> bytes:
    return csv_bytes([STAFF_HEADER, *rows])


def plan_for(personas, content: bytes, filename: str = "staff.csv", **kwargs):
    return build_plan(personas.district, read_roster(content, filename), **kwargs)


def log_in(email: str):
    from django.test import Client

    return Client().post(reverse("accounts:login"), {"username": email, "password": PASSWORD})


def test_the_plan_lists_who_leaves_first_and_changes_nothing_yet(personas):
    plan = plan_for(personas, staff_file(), deactivate_missing=True, by=personas.admin)

    assert plan.ok, [str(p) for p in plan.problems]
    rows = plan.preview()
    assert [(r.kind, r.label) for r in rows[:2]] == [
        ("deactivated", "Bailey Counselor <bailey@lincoln.example.org>"),
        ("deactivated", "Terry Teacher <terry@lincoln.example.org>"),
    ]
    assert "Not in the file, to be deactivated: 2." in plan.summary()
    assert not StaffMember.objects.deactivated().exists()


def test_without_the_option_nobody_is_deactivated(personas):
    apply_plan(plan_for(personas, staff_file()))

    assert not StaffMember.objects.deactivated().exists()


def test_a_file_without_a_staff_sheet_cannot_deactivate_anyone(personas):
    content = xlsx_bytes({"Schools": [SCHOOLS_HEADER, ["Adams Elementary", "Elementary", 600]]})
    plan = plan_for(personas, content, "schools.xlsx", deactivate_missing=True)

    assert [str(p) for p in plan.problems] == [
        "Staff: To deactivate the people missing from the file, the file needs a staff sheet listing everyone."
    ]
    assert plan.preview() == []


def test_the_importing_admin_cannot_deactivate_themselves(personas):
    plan = plan_for(personas, staff_file(STAYING[1:]), deactivate_missing=True, by=personas.admin)

    assert [p.column for p in plan.problems] == ["Email"]
    assert "cannot deactivate yourself" in plan.problems[0].reason


def test_people_deactivated_by_import_cannot_log_in_and_keep_their_items(personas):
    item = create_item(
        personas.district, description="Lunch groups", by=personas.admin, owner=personas.counselor_b, notify=False
    )
    session = client_for(personas.counselor_b)
    assert session.get(reverse("actions:my_items")).status_code == 200
    assert log_in("bailey@lincoln.example.org").status_code == 302

    apply_plan(plan_for(personas, staff_file(), deactivate_missing=True, by=personas.admin))

    bailey = StaffMember.objects.get(pk=personas.counselor_b.pk)
    assert bailey.deactivated_at is not None and not bailey.user.is_active
    refused = log_in("bailey@lincoln.example.org")
    assert refused.status_code == 200 and "do not match an account" in refused.content.decode()
    assert session.get(reverse("actions:my_items")).status_code == 302, "their open session ends"
    assert ActionItem.objects.get(pk=item.pk).owner == bailey, "history stays"
    assert personal_links_end(bailey) and personal_links_end(StaffMember.objects.get(pk=personas.no_login.pk))
    assert log_in("casey@lincoln.example.org").status_code == 302


def test_a_deactivated_person_gets_no_email_and_the_others_still_do(personas, mailoutbox):
    deactivate([personas.counselor_b.pk])

    send_mail("Hello", "Body", None, ["Bailey@lincoln.example.org"])
    send_mail("Hello all", "Body", None, ["bailey@lincoln.example.org", "casey@lincoln.example.org"])

    assert [message.to for message in OutboxMessage.objects.order_by("pk")] == [["casey@lincoln.example.org"]]


def test_a_person_listed_again_is_reactivated_with_their_login(personas):
    deactivate([personas.counselor_a.pk])
    plan = plan_for(personas, staff_file())
    assert [(r.kind, r.differences) for r in plan.preview()] == [("changed", [("Active", "no (deactivated)", "yes")])]

    apply_plan(plan)

    casey = StaffMember.objects.get(pk=personas.counselor_a.pk)
    assert casey.is_active and casey.user.is_active
    assert log_in("casey@lincoln.example.org").status_code == 302


def test_reactivate_brings_a_person_back(personas):
    deactivate([personas.counselor_a.pk])
    casey = StaffMember.objects.get(pk=personas.counselor_a.pk)
    reactivate(casey)
    assert log_in("casey@lincoln.example.org").status_code == 302


def test_the_web_import_deactivates_only_when_asked_and_lists_who_first(personas, as_admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = as_admin.post(
        reverse("people:roster_import"),
        {"file": SimpleUploadedFile("staff.csv", staff_file()), "deactivate_missing": "on"},
    )
    upload = RosterUpload.objects.get()
    assert upload.deactivate_missing
    page = as_admin.get(response["Location"]).content.decode()
    assert "Not in the file, to be deactivated: 2." in page
    assert page.index("Bailey Counselor") < page.index("Confirm the import")
    assert "Deactivated" in page
    assert not StaffMember.objects.deactivated().exists()

    as_admin.post(response["Location"])

    assert set(StaffMember.objects.deactivated().values_list("email", flat=True)) == {
        "bailey@lincoln.example.org",
        "terry@lincoln.example.org",
    }
    assert not StaffMember.objects.filter(district=personas.other_district).deactivated().exists()


def test_import_roster_deactivate_missing_prints_who_and_deactivates(personas, tmp_path):
    path = tmp_path / "staff.csv"
    path.write_bytes(staff_file())
    out = StringIO()

    call_command("import_roster", str(path), "--district", "lincoln", "--deactivate-missing", stdout=out)

    assert "deactivated: Bailey Counselor <bailey@lincoln.example.org>" in out.getvalue()
    assert StaffMember.objects.deactivated().count() == 2


def test_import_roster_without_a_staff_sheet_refuses_to_deactivate(personas, tmp_path):
    path = tmp_path / "schools.csv"
    path.write_bytes(csv_bytes([SCHOOLS_HEADER, ["Adams Elementary", "Elementary", 600]]))

    with pytest.raises(CommandError, match="1 problem found"):
        call_command("import_roster", str(path), "--district", "lincoln", "--deactivate-missing", stderr=StringIO())
    assert not StaffMember.objects.deactivated().exists()
