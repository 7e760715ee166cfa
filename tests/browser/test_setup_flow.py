"""The district admin's first hour, in a real browser: log in, set up the
district, add a school and a staff member, import a roster, read the ratios.
Every page visited is checked with axe-core.
"""

from __future__ import annotations

import re

import pytest

from people.models import School, StaffMember
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_an_admin_sets_up_the_district(personas, visitor):
    page = visitor.page
    visitor.log_in(personas.admin.email, PASSWORD)
    assert page.get_by_role("heading", level=1).count() == 1

    visitor.goto("/district/settings/")
    page.get_by_label("Minimum group size").fill("6")
    page.get_by_role("button", name="Save").first.click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    personas.district.refresh_from_db()
    assert personas.district.min_group_size == 6

    visitor.goto("/schools/new/")
    page.get_by_label("Name").fill("Carver High")
    page.get_by_label("Level").select_option("high")
    page.get_by_label("Enrollment").fill("1800")
    page.get_by_role("button", name="Save school").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    carver = School.objects.get(district=personas.district, name="Carver High")
    assert carver.enrollment == 1800

    visitor.goto("/staff/new/")
    page.get_by_label(re.compile(r"^Name")).fill("Morgan Psychologist")
    page.get_by_label("Email").fill("morgan@lincoln.example.org")
    page.get_by_label("Role").select_option(label="School psychologist")
    page.get_by_label("School, row 1").select_option(label="Carver High")
    page.get_by_label("FTE, row 1").fill("0.8")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    morgan = StaffMember.objects.get(email="morgan@lincoln.example.org")
    assert [(a.school.name, str(a.fte)) for a in morgan.assignments.select_related("school")] == [
        ("Carver High", "0.80")
    ]

    for path in ("/schools/", "/staff/", "/catalogue/", "/ratios/", f"/schools/{carver.pk}/", f"/staff/{morgan.pk}/"):
        visitor.goto(path)


def test_an_admin_imports_a_roster_through_preview_and_confirm(personas, visitor, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "Name,Email,Role,School,FTE\n"
        "Riley Nurse,riley@lincoln.example.org,School nurse,Adams Elementary,0.5\n"
        "Riley Nurse,riley@lincoln.example.org,School nurse,Brook Middle,0.5\n"
        "Sam Social,sam@lincoln.example.org,LCSW,Brook Middle,1\n"
    )
    page = visitor.page
    visitor.log_in(personas.admin.email, PASSWORD)
    visitor.goto("/roster/import/")
    page.get_by_label("Roster file").set_input_files(str(roster))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    assert "Import of roster.csv" in page.title()
    assert "The file was read as a CSV file in UTF-8" in page.content()
    assert not StaffMember.objects.filter(email="riley@lincoln.example.org").exists()

    page.get_by_role("button", name="Confirm the import").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    riley = StaffMember.objects.get(email="riley@lincoln.example.org")
    assert sorted(a.school.name for a in riley.assignments.select_related("school")) == [
        "Adams Elementary",
        "Brook Middle",
    ]
    assert StaffMember.objects.get(email="sam@lincoln.example.org").role.seed_key == "lcsw"
    assert "Imported on" in page.content()


def test_a_bad_roster_lists_its_problems_and_changes_nothing(personas, visitor, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("Name,Email,Role,School,FTE\nNo Email,,Wizard,Nowhere High,3\n")
    before = StaffMember.objects.count()
    page = visitor.page
    visitor.log_in(personas.admin.email, PASSWORD)
    visitor.goto("/roster/import/")
    page.get_by_label("Roster file").set_input_files(str(roster))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state("load")
    visitor.check_accessibility()
    body = page.content()
    for column in ("Email", "Role", "School", "FTE"):
        assert column in body
    assert StaffMember.objects.count() == before


def test_a_counselor_finds_their_way_with_the_keyboard(personas, visitor):
    page = visitor.page
    visitor.log_in(personas.counselor_a.email, PASSWORD)
    for path in ("/schools/", "/staff/", "/catalogue/"):
        visitor.goto(path)
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_pages_fit_a_phone_screen(personas, browser, live_server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email address").fill(personas.admin.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state("load")
    for path in ("/", "/schools/", "/staff/"):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px on a phone"
    context.close()
