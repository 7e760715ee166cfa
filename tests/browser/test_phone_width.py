"""Every key page at a phone's width (390 px) and a laptop's (1366 px): the page never scrolls
sideways (wide tables scroll inside their frame or stack), and passes axe-core. Each persona
visits the key pages they reach."""

from __future__ import annotations

import datetime as dt

import pytest

from actions.models import Status
from actions.services import change_status, create_item
from checkins.services.meetings import start_meeting
from checkins.tests.meeting_factories import make_meeting
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

# What overflows, named, so a failure says where to look.
OVERFLOW = """() => {
  const width = window.innerWidth;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0) {
      let inside = false;  // within a frame that scrolls or clips and itself fits the window
      for (let up = el.parentElement; up; up = up.parentElement) {
        const style = getComputedStyle(up);
        const clips = ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX);
        const page = up === document.documentElement || up === document.body;
        if (clips && !page && up.getBoundingClientRect().right <= width + 1) { inside = true; break; }
      }
      if (!inside) {
        const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '');
        const classes = typeof el.className === 'string' && el.className ? '.' + el.className.split(' ').join('.') : '';
        wide.push(name + classes + ' ' + Math.round(box.right));
      }
    }
  }
  return {scroll: document.documentElement.scrollWidth, width: width, wide: wide.slice(0, 8)};
}"""


def key_pages(personas, item, meeting) -> dict[str, list[str]]:
    everyone = [
        "/",
        "/items/",
        "/items/mine/",
        "/items/board/",
        f"/items/{item.pk}/",
        "/items/new/",
        "/checkins/series/",
        "/reflections/",
        "/reflections/new/",
        "/dashboards/",
        "/roles/matrix/",
        "/staff/",
    ]
    leaders = [f"/checkins/meetings/{meeting.pk}/", f"/checkins/meetings/{meeting.pk}/close/"]
    school = personas.school_a.pk
    return {
        "admin": [*everyone, *leaders, "/dashboards/district/", "/roles/planner/", "/schools/"],
        "principal": [*everyone, *leaders, f"/dashboards/schools/{school}/", f"/schools/{school}/items/"],
        "counselor_a": everyone,
    }


@pytest.mark.parametrize("width", [390, 1366])
def test_key_pages_do_not_scroll_sideways(personas, browser, live_server, width):
    item = create_item(
        personas.district,
        description="Take the social workers off lunch duty so they can meet with students during lunch hours",
        by=personas.principal,
        owner=personas.counselor_a,
        school=personas.school_a,
        due_on=dt.date(2030, 6, 15),
        notify=False,
    )
    change_status(item, to=Status.IN_PROGRESS, by=personas.principal)
    meeting = start_meeting(make_meeting(personas), by=personas.principal)
    from tests.browser.conftest import Visitor

    problems = []
    for who, paths in key_pages(personas, item, meeting).items():
        context = browser.new_context(viewport={"width": width, "height": 844 if width == 390 else 900})
        context.set_default_timeout(15_000)
        visitor = Visitor(context.new_page(), live_server.url)
        visitor.log_in(getattr(personas, who).email, PASSWORD)
        page = visitor.page
        icon = page.locator("link[rel=icon]").get_attribute("href")
        assert page.request.get(live_server.url + icon).ok, "the page has a favicon"
        if width == 390:  # the header: one line and a Menu button that opens the navigation
            assert page.locator(".site-header").bounding_box()["height"] <= 64
            navigation = page.get_by_role("navigation", name="Main")
            assert not navigation.is_visible()
            page.get_by_role("button", name="Menu").click()
            navigation.get_by_role("link", name="Action items").wait_for()
        else:
            assert page.get_by_role("navigation", name="Main").is_visible()
            assert not page.get_by_role("button", name="Menu").is_visible()
        for path in paths:
            visitor.goto(path)
            found = page.evaluate(OVERFLOW)
            if found["scroll"] > found["width"]:
                problems.append(f"{who} {path}: page {found['scroll']} px wide in {found['width']}: {found['wide']}")
        context.close()
    assert not problems, "\n".join(problems)
