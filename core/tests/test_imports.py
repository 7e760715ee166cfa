"""The import's page while the worker runs: a progress bar polled by htmx, then the outcome; failures are kept."""

from __future__ import annotations

from unittest import mock

from django.db import OperationalError
from django.urls import reverse

from core.imports.steps import run_apply, run_check
from core.models import UploadState
from people.models import RosterUpload, StaffMember
from people.tests.roster_files import STAFF_HEADER, csv_bytes

CONTENT = csv_bytes([STAFF_HEADER[:5], ["Ann Able", "ann@lincoln.example.org", "Teacher", "Adams Elementary", "1"]])


def waiting_upload(personas) -> RosterUpload:
    """An upload as the web stores it, its check not yet run by the worker."""
    return RosterUpload.objects.create(
        district=personas.district, filename="staff.csv", content=CONTENT, uploaded_by=personas.admin
    )


def page_of(upload) -> str:
    return reverse("people:roster_preview", args=[upload.token])


def test_while_the_worker_checks_the_page_shows_a_progress_bar_that_htmx_polls(personas, as_admin):
    upload = waiting_upload(personas)
    RosterUpload.objects.filter(pk=upload.pk).update(step="Reading the staff rows", done=40_000, total=120_000)

    page = as_admin.get(page_of(upload)).content.decode()

    assert '<progress max="100" value="33"' in page
    assert f'hx-get="{page_of(upload)}" hx-trigger="every 1s"' in page
    assert f'<a href="{page_of(upload)}">Refresh</a>' in page  # without JavaScript
    assert "Confirm the import" not in page
    polled = as_admin.get(page_of(upload), headers={"HX-Request": "true"})
    assert polled.status_code == 200 and "<html" not in polled.content.decode()
    assert "40,000 rows of about 120,000" in polled.content.decode()


def test_once_checked_the_poll_asks_for_the_whole_page_which_shows_the_preview(personas, as_admin):
    upload = waiting_upload(personas)
    assert run_check("people.RosterUpload", upload.pk) == UploadState.CHECKED

    polled = as_admin.get(page_of(upload), headers={"HX-Request": "true"})

    assert polled["HX-Refresh"] == "true"
    page = as_admin.get(page_of(upload)).content.decode()
    assert "Ann Able &lt;ann@lincoln.example.org&gt;" in page and "Confirm the import" in page
    assert "hx-trigger" not in page


def test_a_database_error_while_writing_fails_the_import_saves_nothing_and_keeps_the_worker_going(personas):
    upload = waiting_upload(personas)
    run_check("people.RosterUpload", upload.pk)
    RosterUpload.objects.filter(pk=upload.pk).update(state=UploadState.APPLYING)

    with mock.patch("people.roster.importer.save_roster", side_effect=OperationalError("database is locked")):
        assert run_apply("people.RosterUpload", upload.pk) == UploadState.FAILED

    upload.refresh_from_db()
    assert "Nothing was saved" in upload.report["error"]
    assert not StaffMember.objects.filter(email="ann@lincoln.example.org").exists()


def test_a_confirmation_runs_once_and_a_finished_step_is_not_run_again(personas, as_admin):
    upload = waiting_upload(personas)
    run_check("people.RosterUpload", upload.pk)

    as_admin.post(page_of(upload))
    as_admin.post(page_of(upload))

    assert StaffMember.objects.filter(email="ann@lincoln.example.org").count() == 1
    assert run_apply("people.RosterUpload", upload.pk) == "skipped"
    assert run_check("people.RosterUpload", upload.pk) == "skipped"
