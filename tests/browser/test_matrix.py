"""The capability matrix in a real browser: an admin changes a cell from the keyboard, htmx saves it
and a polite status says so; the page passes the accessibility check before and after.
"""

from __future__ import annotations

import pytest

from roles.models import Capability, CapabilityCell
from roles.services.matrix import load_seed_example
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_an_admin_edits_a_cell_from_the_keyboard(personas, visitor):
    load_seed_example(personas.district, by=personas.admin)
    page = visitor.page
    visitor.log_in(personas.admin.email, PASSWORD)
    visitor.goto("/roles/matrix/")

    select = page.get_by_label("Teacher × Screening", exact=True)
    select.focus()
    page.keyboard.press("w")  # the first option starting with W: "With training"
    page.locator("#matrix-status", has_text="Saved: Teacher × Screening is with training").wait_for()
    assert page.url.endswith("/roles/matrix/"), "the page itself did not reload"
    task = personas.district.tasks.get(seed_key="screening")
    cell = CapabilityCell.objects.get(task=task, role__seed_key="teacher", school=None)
    assert cell.value == Capability.TRAINING

    # Ctrl + arrow moves to the next cell down, which keeps focus after the save.
    page.keyboard.press("Control+ArrowDown")
    focused = page.evaluate("document.activeElement.labels[0].textContent")
    assert focused.startswith("Teacher × Psychological assessment")
    visitor.check_accessibility()


def test_a_school_matrix_the_glossary_and_the_paper_template_are_accessible(personas, visitor):
    from roles.demo import build_demo_matrix

    build_demo_matrix(personas.district, None)  # type: ignore[arg-type]
    visitor.log_in(personas.admin.email, PASSWORD)
    visitor.goto(f"/roles/matrix/?school={personas.school_a.pk}")
    visitor.goto("/roles/glossary/")
    visitor.goto("/roles/glossary/new/")
    visitor.goto("/roles/matrix/template/")
    visitor.goto("/roles/matrix/print/")


def test_a_cell_another_admin_changed_meanwhile_is_not_overwritten(personas, visitor):
    """Each save renews the value the cell was, so changing a cell twice goes through; a cell another admin
    changed after the page was read is refused, shows their answer, and saves when chosen again."""
    from roles.services.matrix import set_cell

    page = visitor.page
    visitor.log_in(personas.admin.email, PASSWORD)
    visitor.goto("/roles/matrix/")
    task = personas.district.tasks.get(seed_key="screening")
    teacher = personas.district.roles.get(seed_key="teacher")
    select = page.get_by_label("Teacher × Screening", exact=True)
    status = page.locator("#matrix-status")

    select.select_option("training")
    status.filter(has_text="Saved: Teacher × Screening is with training").wait_for()
    select.select_option("no")  # checked against the value the first save left
    status.filter(has_text="Saved: Teacher × Screening is no").wait_for()

    set_cell(personas.district, task=task, role=teacher, value="yes", by=personas.admin)  # another admin
    select.select_option("training")
    status.filter(has_text="Not saved: someone else changed Teacher × Screening").wait_for()
    assert "(No → Yes)" in status.inner_text()
    assert page.get_by_label("Teacher × Screening", exact=True).input_value() == "yes"
    assert CapabilityCell.objects.get(task=task, role=teacher, school=None).value == Capability.YES

    page.get_by_label("Teacher × Screening", exact=True).select_option("training")
    status.filter(has_text="Saved: Teacher × Screening is with training").wait_for()
    assert CapabilityCell.objects.get(task=task, role=teacher, school=None).value == Capability.TRAINING
    visitor.check_accessibility()
