"""An annual agreement in a real browser: the counselor drafts it with a goal and signs, the principal signs
and records progress; every page checked with axe-core and under the Content-Security-Policy."""

from __future__ import annotations

import datetime as dt

import pytest

from agreements.models import Agreement, Progress
from agreements.rules import year_of
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_drafting_signing_by_both_parties_and_recording_progress(personas, visitor):
    p = personas
    year = year_of(dt.date.today())
    page = visitor.page
    visitor.log_in(p.counselor_a.email, PASSWORD)
    visitor.goto("/agreements/")
    page.get_by_role("link", name="Start an agreement").click()
    visitor.check_accessibility()
    page.locator("#id_school").select_option(label="Adams Elementary")
    page.get_by_role("button", name="Start the agreement").click()
    visitor.check_accessibility()

    # The terms: shares that do not add up are named beside the total, then corrected.
    page.get_by_label("Assessment").fill("50")
    page.get_by_label("Caseload (students)").fill("420")
    page.get_by_role("button", name="Save the agreement").click()
    assert page.locator("#total-error").is_visible()
    visitor.check_accessibility()
    agreement = Agreement.objects.get()
    original = agreement.shares.get(category__seed_key="assessment").percent
    page.get_by_label("Assessment").fill(str(original))
    page.get_by_role("button", name="Save the agreement").click()
    visitor.check_accessibility()
    assert page.get_by_text("Agreement saved.").is_visible()

    page.get_by_role("link", name="Add a goal").click()
    visitor.check_accessibility()
    page.get_by_label("Program goal (progress entered)").check()
    page.get_by_label("Statement").fill("Raise attendance of the check-and-connect group")
    page.get_by_label("Indicator").fill("Average daily attendance (%)")
    page.locator("#id_baseline").fill("82")
    page.get_by_label("Baseline date").fill(f"{year}-09-15")
    page.locator("#id_target").fill("90")
    page.get_by_label("Target date").fill(f"{year + 1}-05-30")
    page.get_by_role("button", name="Save the goal").click()
    visitor.check_accessibility()
    page.get_by_role("button", name="Send for review").click()
    page.get_by_label("I have read this version and agree to it.").check()
    page.get_by_role("button", name="Sign version 1").click()
    visitor.check_accessibility()
    assert page.get_by_text("Waiting for the other signature").is_visible()
    page.get_by_role("button", name="Log out").click()

    visitor.log_in(p.principal.email, PASSWORD)
    visitor.goto(f"/agreements/{agreement.pk}/")
    page.get_by_label("I have read this version and agree to it.").check()
    page.get_by_role("button", name="Sign version 1").click()
    visitor.check_accessibility()
    assert page.get_by_text("the agreement is signed").is_visible()
    page.get_by_role("link", name="Record progress").click()
    visitor.check_accessibility()
    page.get_by_label("Value now").fill("86")
    page.get_by_label("Note").fill("Mentors meet the group weekly")
    page.get_by_role("button", name="Record").click()
    visitor.check_accessibility()
    assert page.get_by_text("Mentors meet the group weekly").is_visible()
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.SIGNED and Progress.objects.get().value == 86
