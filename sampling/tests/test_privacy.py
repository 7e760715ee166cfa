"""Time sampling's figures tried as a determined school leader would: each test computes the attacker's
estimate from the pages and exports really served, and asserts that what it needs is not there.

Pat Principal leads Adams Elementary; Casey Counselor works there.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from conftest import client_for
from people.models import Access
from roles.planning.adapter import build_input
from sampling import services
from sampling.models import Moment, Study
from sampling.results import study_results
from sampling.tests.attacker import district_moments, export_rows, groups, left_over
from sampling.tests.makers import BEFORE, FIRST_DAY, LAST_DAY, counselor_hours, drawn_study, more_counselors
from sampling.tests.test_results import AFTER, answer_all
from tests import factories

pytestmark = pytest.mark.django_db


def main_part(page: str) -> str:
    """The page's main content (the header carries a fresh CSRF token each time)."""
    return page.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def results_of(person, study) -> str:
    return client_for(person).get(reverse("sampling:results", args=[study.pk])).content.decode()


def test_two_views_of_a_running_study_around_one_answer_give_no_estimate_of_it(personas):
    more_counselors(personas, 6)  # seven counselors at Adams, Bailey at Brook
    study = drawn_study(personas)
    answer_all(personas, study, rate=1.0)
    target = Moment.objects.filter(study=study, staff=personas.counselor_a).order_by("at")[3]
    now = target.at + dt.timedelta(minutes=1)
    Moment.objects.filter(study=study, at__gte=target.at).update(
        answered_at=None, working=None, task_type=None, with_whom=""
    )
    assessment = personas.district.task_categories.get(seed_key="assessment")
    with time_machine.travel(now, tick=False):
        before = results_of(personas.principal, study)
        export_before, _ = export_rows(personas.principal, study)
        planner_before = build_input(personas.district).measured
        services.answer(Moment.objects.get(pk=target.pk), working=True, task_type=assessment, with_whom="alone")
        after = results_of(personas.principal, study)
        export_after, _ = export_rows(personas.principal, study)
        planner_after = build_input(personas.district).measured
    # The attacker's estimate of Casey's answer is figures(after) − figures(before): neither exists.
    assert district_moments(before) is None and district_moments(after) is None
    for page in (before, after):
        assert "The figures appear when the study is over" in page
        assert not any(name in main_part(page) for name in ("Assessment", "Non-counseling duties", "Working"))
    assert export_before.status_code == export_after.status_code == 302  # no figures to download either
    assert planner_before is None and planner_after is None  # nor in the planner's current time
    # Between the two views only counts of answers moved (as on "who has answered"), nothing they said.
    assert re.sub(r"[\d,.]+", "#", main_part(before)) == re.sub(r"[\d,.]+", "#", main_part(after))
    assert main_part(before) != main_part(after)
    # Once the study is over the same page gives published figures, Casey's answer counted among them:
    # the parser above reads them, so the two views really carried no figure.
    with time_machine.travel(AFTER, tick=False):
        final = district_moments(results_of(personas.principal, study))
    assert final is not None and final["Assessment"] >= 1


def test_published_figures_do_not_change_after_the_study_even_when_a_person_leaves(personas):
    more_counselors(personas, 6)
    extra = more_counselors(personas, 5, personas.school_b)
    study = drawn_study(personas)
    answer_all(personas, study)
    with time_machine.travel(AFTER, tick=False):
        first = district_moments(results_of(personas.admin, study))
        extra[0].delete()  # their moments go with them; the published counts do not
        second = district_moments(results_of(personas.admin, study))
    assert first and first == second


def test_the_district_minus_the_shown_schools_or_roles_is_never_a_small_group(personas):
    """Two schools of one counselor each would together be a group of 2 (the old rule hid only them);
    two psychologists beside eight counselors would be "the district minus the counselors"."""
    school_c = factories.make_school(personas.district, "Cedar High")
    school_d = factories.make_school(personas.district, "Dale Elementary")
    more_counselors(personas, 5, personas.school_a)  # Adams: 6 counselors with Casey
    more_counselors(personas, 1, school_c)  # Brook: Bailey alone; Cedar: one
    more_counselors(personas, 6, school_d)
    psychologist = factories.role(personas.district, "school-psychologist")
    for i in range(2):
        factories.make_staff(
            personas.district, f"Psychologist {i}", role_key="school-psychologist", schools={school_d: 1}
        )
    counselor_hours(personas)
    services.save_role_hours(personas.district, psychologist, dt.time(8), dt.time(16))
    study = services.create_study(
        Study(name="Two roles", first_day=FIRST_DAY, last_day=LAST_DAY, margin=10),
        roles=[factories.role(personas.district, "school-counselor"), psychologist],
        schools=[],
        by=personas.admin,
    )
    with time_machine.travel(BEFORE, tick=False):
        services.draw(study, by=personas.admin, seed=5)
    answer_all(personas, study, rate=0.95)
    minimum = personas.district.min_group_size
    with time_machine.travel(AFTER, tick=False):
        response, rows = export_rows(personas.admin, study)
    assert response.status_code == 200
    found = groups(rows)
    assert not found[("District", "Lincoln County Schools")]["hidden"]
    for kind in ("School", "Role"):
        people, moments = left_over(found, kind)
        assert people == 0 or people >= minimum, (kind, people)
        assert all(n >= 0 for n in moments.values())
    assert found[("School", "Brook Middle")]["hidden"] and found[("School", "Cedar High")]["hidden"]
    assert found[("Role", "School psychologist")]["hidden"] and found[("Role", "School counselor")]["hidden"]
    assert left_over(found, "School")[0] >= minimum  # what is derivable is a group of at least the minimum


def test_a_leaders_export_and_page_agree_and_show_no_other_schools_figures(personas):
    more_counselors(personas, 6, personas.school_a)
    more_counselors(personas, 6, personas.school_b)
    brook_leader = factories.make_staff(
        personas.district,
        "Lee Leader",
        role_key="administrator",
        access=Access.LEADER,
        schools={personas.school_b: 1},
        leads=[personas.school_b],
    )
    study = drawn_study(personas)
    answer_all(personas, study)
    seen = {}
    with time_machine.travel(AFTER, tick=False):
        for leader in (personas.principal, brook_leader):
            page = main_part(results_of(leader, study))
            _response, rows = export_rows(leader, study)
            seen[leader.name] = (page, groups(rows))
    adams_page, adams_export = seen["Pat Principal"]
    brook_page, brook_export = seen["Lee Leader"]
    assert {name for kind, name in adams_export if kind == "School"} == {"Adams Elementary"}
    assert {name for kind, name in brook_export if kind == "School"} == {"Brook Middle"}
    assert "Brook Middle" not in adams_page and "Adams Elementary" not in brook_page
    # the page's district figures are the export's, and the common groups (district, roles) are the same for both
    district = adams_export[("District", "Lincoln County Schools")]
    moments = district_moments(adams_page)
    assert moments and all(district["moments"][name] == n for name, n in moments.items())
    common = {key: value for key, value in adams_export.items() if key[0] != "School"}
    assert common == {key: value for key, value in brook_export.items() if key[0] != "School"}
    # and the school figure on the page is the export's: same people, same shares
    published = services.publish_results(study, AFTER)
    adams = next(g for g in study_results(published, school_ids=[personas.school_a.pk]).schools)
    assert f'<th scope="row">Adams Elementary</th><td class="num">{adams.people}</td>' in adams_page
    for share in adams.shares:
        assert f"{share.interval.percent[0]}%" in adams_page
