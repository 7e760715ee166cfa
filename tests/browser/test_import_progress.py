"""An import's page in a real browser: the progress bar follows the worker, then the preview appears by itself."""

from __future__ import annotations

from core.imports.steps import run_check
from people.models import RosterUpload
from people.tests.roster_files import STAFF_HEADER, csv_bytes
from tests.factories import PASSWORD


def test_the_page_follows_the_workers_check_and_shows_the_preview_without_a_reload(personas, visitor):
    content = csv_bytes([STAFF_HEADER[:5], ["Ann Able", "ann@lincoln.example.org", "Teacher", "Adams Elementary", "1"]])
    upload = RosterUpload.objects.create(
        district=personas.district, filename="staff.csv", content=content, uploaded_by=personas.admin
    )
    RosterUpload.objects.filter(pk=upload.pk).update(step="Reading the staff rows", done=1, total=2)
    page = visitor.page
    visitor.log_in(personas.admin.email, PASSWORD)
    visitor.goto(f"/roster/import/{upload.token}/")
    assert page.locator("progress").get_attribute("value") == "50"

    RosterUpload.objects.filter(pk=upload.pk).update(done=2)
    # A locator, not wait_for_function: the page's Content-Security-Policy forbids evaluating strings.
    page.locator("progress[value='100']").wait_for(timeout=10_000)
    run_check("people.RosterUpload", upload.pk)  # the worker finishes: the next poll reloads the page

    page.get_by_role("button", name="Confirm the import").wait_for(timeout=10_000)
    assert "Ann Able <ann@lincoln.example.org>" in page.inner_text("main")
    visitor.check_accessibility()
