"""Roster import on the web: upload → preview → confirm, for district admins only."""

from __future__ import annotations

import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import client_for
from people.models import RosterUpload, School, StaffMember
from people.roster import store_upload
from people.tests.roster_files import STAFF_HEADER, csv_bytes, good_workbook

IMPORT = reverse("people:roster_import")


def upload(client, content: bytes, name: str = "roster.xlsx"):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content)})


def test_the_upload_page_shows_the_form_and_the_format(as_admin):
    response = as_admin.get(IMPORT)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'type="file"' in page and "<label" in page
    assert "Can log in" in page and "K-8" in page


def test_an_admin_uploads_previews_and_confirms_a_roster(personas, as_admin):
    response = upload(as_admin, good_workbook())

    stored = RosterUpload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:roster_preview", args=[stored.token])
    assert not StaffMember.objects.filter(email="sam@lincoln.example.org").exists()

    preview = as_admin.get(response["Location"])
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Schools: 2 new, 0 changed, 0 unchanged. Staff: 3 new, 0 changed, 0 unchanged." in page
    assert "Sam Psych &lt;sam@lincoln.example.org&gt;" in page
    assert "Confirm the import" in page

    confirmed = as_admin.post(response["Location"])
    assert confirmed.status_code == 302
    assert confirmed["Location"] == response["Location"]  # the import's page, showing its progress then its outcome
    assert StaffMember.objects.filter(email="sam@lincoln.example.org").exists()
    assert School.objects.filter(name="Cedar High").exists()
    stored.refresh_from_db()
    assert stored.applied_at is not None and stored.state == "applied"
    assert stored.content == b""  # names and emails are not kept once imported
    done = as_admin.get(confirmed["Location"]).content.decode()
    assert "Imported on" in done and "See the staff list" in done and "Confirm the import" not in done


def test_an_applied_upload_is_not_applied_twice(personas, as_admin):
    location = upload(as_admin, good_workbook())["Location"]
    as_admin.post(location)
    StaffMember.objects.filter(email="sam@lincoln.example.org").update(name="Samantha Psych")

    again = as_admin.post(location, follow=True)  # a second click, or a second admin

    assert "has already been imported" in again.content.decode()
    assert StaffMember.objects.get(email="sam@lincoln.example.org").name == "Samantha Psych"


def test_a_bad_upload_lists_every_problem_and_imports_nothing(personas, as_admin):
    content = csv_bytes(
        [
            STAFF_HEADER[:5],
            ["", "ann@lincoln.example.org", "Teacher", "", ""],
            ["Ben", "ben@lincoln.example.org", "Teacher", "Adams Elementary", "1.5"],
        ]
    )
    response = upload(as_admin, content, "staff.csv")

    page = as_admin.get(response["Location"]).content.decode()
    assert "2 problems found" in page
    assert "A name is required." in page and "1.5 is not between 0 and 1" in page
    assert '<th scope="col">Column</th>' in page
    assert "Confirm the import" not in page
    assert RosterUpload.objects.get().content == b""  # a refused file is not kept
    assert as_admin.post(response["Location"]).status_code == 302
    assert not StaffMember.objects.filter(email="ben@lincoln.example.org").exists()


def test_garbage_bytes_give_a_clear_problem_not_a_server_error(personas, as_admin):
    response = upload(as_admin, bytes(range(256)) * 8, "roster.xlsx")

    assert response.status_code == 200
    assert "The file is not a readable XLSX workbook." in response.content.decode()


def test_an_oversize_upload_is_refused(personas, as_admin, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    response = upload(as_admin, b"School,Level,Enrollment\n" + b"x,High,1\n" * 200, "schools.csv")

    assert response.status_code == 200
    assert "the largest file accepted is" in response.content.decode()
    assert not RosterUpload.objects.exists()


def test_an_empty_upload_is_refused_with_a_message(personas, as_admin):
    response = upload(as_admin, b"", "roster.csv")

    assert response.status_code == 200
    assert "empty" in response.content.decode()


def test_a_principal_cannot_import_or_export(personas):
    client = client_for(personas.principal)

    assert client.get(IMPORT).status_code == 403
    assert upload(client, good_workbook()).status_code == 403
    assert client.get(reverse("people:roster_export", args=["xlsx"])).status_code == 403
    stored = store_upload(personas.district, filename="r.xlsx", content=good_workbook(), by=personas.admin)
    assert client.post(reverse("people:roster_preview", args=[stored.token])).status_code == 403


def test_an_upload_of_another_district_is_not_found(personas):
    stored = store_upload(personas.district, filename="r.xlsx", content=good_workbook(), by=personas.admin)
    other = client_for(personas.other_admin)

    assert other.get(reverse("people:roster_preview", args=[stored.token])).status_code == 404
    assert other.post(reverse("people:roster_preview", args=[stored.token])).status_code == 404
    assert client_for(personas.admin).get(reverse("people:roster_preview", args=[uuid.uuid4()])).status_code == 404
    stored.refresh_from_db()
    assert stored.applied_at is None


def test_a_district_change_after_the_preview_is_caught_on_confirm(personas, as_admin):
    content = csv_bytes([STAFF_HEADER[:5], ["Ann", "ann@lincoln.example.org", "Teacher", "Adams Elementary", "1"]])
    location = upload(as_admin, content, "staff.csv")["Location"]
    personas.school_a.delete()

    response = as_admin.post(location, follow=True)

    page = response.content.decode()
    assert "The records have changed since this file was checked" in page
    assert "“Adams Elementary” is not a school of the district" in page
    assert not StaffMember.objects.filter(email="ann@lincoln.example.org").exists()


def test_the_preview_shows_each_change_from_old_to_new(personas, as_admin):
    content = csv_bytes(
        [STAFF_HEADER[:5], ["Casey Reyes", "casey@lincoln.example.org", "School counselor", "Brook Middle", "1"]]
    )
    preview = as_admin.get(upload(as_admin, content, "staff.csv")["Location"])

    page = preview.content.decode()
    assert '<th scope="row">Casey Reyes &lt;casey@lincoln.example.org&gt;</th>' in page
    assert "Name: Casey Counselor → Casey Reyes" in page
    assert "Schools: Adams Elementary 1 → Brook Middle 1" in page
    assert "Staff: 0 new, 1 changed, 0 unchanged." in page


def test_posting_without_a_file_says_so_beside_the_field(personas, as_admin):
    response = as_admin.post(IMPORT, {})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
