"""The tracker's board in a real browser: a card moves one column with the keyboard (Alt + arrow) and
with its "Move to" menu; the focus comes back to the moved card. Checked with axe-core."""

from __future__ import annotations

import pytest

from actions.models import ActionItem, Status
from actions.services import create_item
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_a_card_moves_by_keyboard_and_by_its_menu(personas, visitor):
    item = create_item(
        personas.district,
        description="Move lunch duty to the paraprofessionals",
        by=personas.counselor_a,
        owner=personas.counselor_a,
        school=personas.school_a,
        notify=False,
    )
    page = visitor.page
    visitor.log_in(personas.counselor_a.email, PASSWORD)
    visitor.goto("/items/board/")
    card = page.locator(f"#card-{item.pk}")
    assert card.locator("xpath=ancestor::section").get_attribute("data-status") == Status.NOT_STARTED

    card.focus()
    with page.expect_navigation():
        page.keyboard.press("Alt+ArrowRight")
    visitor.check_accessibility()
    page.locator(f"section[data-status='{Status.IN_PROGRESS}'] #card-{item.pk}").wait_for()
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS
    page.locator(f"#card-{item.pk}:focus").wait_for()  # the focus is back on the moved card
    with page.expect_navigation():
        page.keyboard.press("Alt+ArrowRight")
    assert ActionItem.objects.get(pk=item.pk).status == Status.BLOCKED
    with page.expect_navigation():
        page.keyboard.press("Alt+ArrowLeft")
    assert ActionItem.objects.get(pk=item.pk).status == Status.IN_PROGRESS

    # The menu, for anyone not using the arrows.
    card = page.locator(f"#card-{item.pk}")
    card.get_by_label("Move to").select_option(Status.COMPLETED)
    card.get_by_role("button", name="Move").click()
    page.wait_for_load_state("load")
    page.locator(f"section[data-status='{Status.COMPLETED}'] #card-{item.pk}").wait_for()
    assert ActionItem.objects.get(pk=item.pk).status == Status.COMPLETED
