"""The three attacks of issue 11, tried as a determined school leader would: each test computes the
attacker's estimate and shows that the figures it needs cannot be obtained (``docs/privacy.md``)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from itertools import combinations

import pytest
import time_machine
from django.urls import reverse

from checkins.tests.factories import make_series
from checkins.tests.meeting_factories import make_meeting
from conftest import client_for
from dashboards.tests.attacker import MEASURES, at, exposed, members, of_measure, units
from dashboards.tests.makers import STORY, colleagues, reflect
from people.models import Access, Role
from reflections.periods import parse_quarter
from reflections.publication import group_figures
from reflections.tests.makers import make_reflection
from tests import factories

pytestmark = pytest.mark.django_db

# The teacher's private reflection: 60% of current time on non-counseling duties (the others: 30%).
TARGET = ((15, 10), (30, 6), (15, 5), (12, 5), (10, 4), (8, 10), (5, 60), (5, 0))
NON_COUNSELING = "Non-counseling duties"


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def non_counseling(rows: list[list[str]]) -> tuple[int, float] | None:
    """(people, mean current %) of the export's non-counseling row, or None when the figures are hidden."""
    row = next((r for r in rows if r[2] == "Time per task type" and r[3] == NON_COUNSELING), None)
    return None if row is None else (int(row[4]), float(row[6]))


def test_attack_1_two_periods_one_day_apart_recover_nothing(personas):
    """Five colleagues reflected in November; on Dec 7 the sixth submits a private reflection. The
    principal downloads the school's figures for Jul 1 → Dec 6 and Jul 1 → Dec 7, hoping for 5 and 6
    people, and computes 6·mean₂ − 5·mean₁."""
    school = personas.school_a
    for person in colleagues(personas.district, school, 5):
        reflect(person, dt.date(2026, 11, 2))
    target = reflect(personas.counselor_a, dt.date(2026, 12, 7), TARGET)
    assert target.is_private
    url = reverse("dashboards:school_export", kwargs={"pk": school.pk, "fmt": "csv"})

    with time_machine.travel(at(dt.date(2026, 12, 8)), tick=False):
        principal = client_for(personas.principal)
        first = csv_rows(principal.get(url, {"start": "2026-07-01", "end": "2026-12-06"}))
        second = csv_rows(principal.get(url, {"start": "2026-07-01", "end": "2026-12-07"}))
    # Dates are not a filter any more: both downloads are the newest published quarter, Jul–Sep,
    # where nobody reflected; the quarter of the teacher's reflection is not published before it ends.
    assert first == second
    assert first[1][1].startswith("Jul–Sep 2026") and "Nobody submitted" in first[1][3]

    # Every figure of the school the principal can obtain for Oct–Dec, whenever they ask: once
    # published it is one figure, and a reflection submitted later counts in a later quarter.
    october = parse_quarter("2026-10")
    obtained = []
    for day, late in ((dt.date(2027, 1, 2), None), (dt.date(2027, 1, 20), dt.date(2027, 1, 10))):
        if late:
            reflect(factories.make_staff(personas.district, schools={school: 1}, can_log_in=False), late)
        with time_machine.travel(at(day), tick=False):
            # logged in afresh: a session does not last weeks
            obtained.append(non_counseling(csv_rows(client_for(personas.principal).get(url, {"quarter": "2026-10"}))))
    assert obtained[0] == obtained[1] == (6, 35.0)  # (5 × 30 + 60) / 6, the same whenever asked

    # The attacker's estimate needs two figures of the same group whose people differ by one.
    (people, mean), (other_people, other_mean) = obtained
    estimate = people * mean - (people - 1) * other_mean  # what 6·mean₂ − 5·mean₁ gives with what exists
    assert other_people == people and estimate == pytest.approx(35.0)
    assert abs(estimate - 60) > 20, "the estimate is the group's mean, not the teacher's 60%"
    everyone = units(personas.district, october)
    group = members(everyone, school_id=school.pk)
    teacher = next(unit for unit in everyone if unit.reflection_id == target.pk)
    assert not exposed([group], {teacher}, everyone)


def test_attack_2_totals_minus_the_visible_groups_recover_nothing(personas):
    """On the district dashboard, the people in all minus those of the visible roles would be the
    hidden role; subtracting the means would give its shares."""
    counselors = colleagues(personas.district, personas.school_a, 7)
    social_workers = colleagues(personas.district, personas.school_b, 5, role_key="lcsw")
    psychologists = colleagues(personas.district, personas.school_b, 3, role_key="school-psychologist")
    social = ((15, 10), (30, 40), (15, 20), (12, 8), (10, 7), (8, 5), (5, 10), (5, 0))
    psych = ((15, 20), (30, 6), (15, 5), (12, 5), (10, 4), (8, 10), (5, 50), (5, 0))
    for people, table in ((counselors, STORY), (social_workers, social), (psychologists, psych)):
        for person in people:
            reflect(person, dt.date(2026, 9, 15), table)

    with time_machine.travel(at(dt.date(2026, 11, 28)), tick=False):
        admin = client_for(personas.admin)
        rows = csv_rows(admin.get(reverse("dashboards:district_export", kwargs={"fmt": "csv"})))
        report = admin.get(reverse("dashboards:district")).context["report"]
    total_people, total_mean = non_counseling(rows)  # type: ignore[misc]
    visible = {r.name: r for r in report.roles if not r.hidden}
    assert total_people == 15 and set(visible) == {"School counselor"}
    assert {r.name for r in report.roles if r.hidden} == {
        "School psychologist",
        "Licensed clinical provider (e.g., LCSW)",
    }

    # The attacker's estimate of the hidden role: (15 × total − 7 × counselors) / (15 − 7).
    counselors_mean = 30.0
    hidden_people = total_people - visible["School counselor"].people
    estimate = (total_people * total_mean - 7 * counselors_mean) / hidden_people
    assert hidden_people == 8 >= personas.district.min_group_size
    assert estimate == pytest.approx((5 * 10 + 3 * 50) / 8, abs=0.2)  # social workers and psychologists mixed
    assert abs(estimate - 50) > 20, "not the psychologists' 50%"

    # Nor from anything else the admin can open: every role, school, and role at a school.
    september = parse_quarter("2026-07")
    everyone = units(personas.district, september)
    roles = list(Role.objects.filter(district=personas.district).values_list("pk", flat=True))
    schools = [None, personas.school_a.pk, personas.school_b.pk]
    obtained = []
    with time_machine.travel(at(dt.date(2026, 11, 28)), tick=False):
        for role_id in [None, *roles]:
            for school_id in schools:
                figure = group_figures(personas.district, september, role_id=role_id, school_id=school_id).total
                if figure is not None and figure.shown:
                    obtained.append(members(everyone, role_id=role_id, school_id=school_id))
    psychologist_role = psychologists[0].role_id
    for measure in MEASURES:
        seen = [of_measure(group, measure) for group in obtained]
        hidden_group = of_measure(members(everyone, role_id=psychologist_role), measure)
        assert not exposed(seen, hidden_group, everyone)
        assert not any(exposed(seen, {unit}, everyone) for unit in everyone)


def test_attack_3_a_leader_who_is_not_a_participant_reads_nothing_on_the_meeting_page(personas):
    """A reflection shared "with the check-in" is read by the series' participants; a school leader and
    a district admin who may open the meeting, but take no part, try to read it there."""
    series = make_series(personas, participants=[personas.principal, personas.counselor_a])
    meeting = make_meeting(personas, series)
    secret = "I am thinking of leaving: no room for small groups all year"
    make_reflection(personas.counselor_a, meeting=meeting, checkin=True, support=secret)
    assistant = factories.make_staff(
        personas.district,
        "Avery Assistant",
        role_key="administrator",
        access=Access.LEADER,
        schools={personas.school_a: 1},
        leads=[personas.school_a],
    )
    url = reverse("checkins:meeting_detail", kwargs={"pk": meeting.pk})
    for outsider in (assistant, personas.admin):
        page = client_for(outsider).get(url).content.decode()
        estimate = [line for line in page.splitlines() if "Support needed" in line or "Lunch duty" in line]
        assert estimate == [] and secret not in page
        assert "shared a reflection with this check-in" in page
    assert secret in client_for(personas.counselor_a).get(url).content.decode()
    assert secret in client_for(personas.principal).get(url).content.decode()


def test_two_figures_of_the_same_group_kind_never_differ_by_fewer_than_the_minimum(personas):
    """The pairwise rule on a small district: for every two shown figures of the same kind, their
    members are the same or differ by at least the minimum (or do not overlap: different quarters)."""
    for person in colleagues(personas.district, personas.school_a, 6):
        reflect(person, dt.date(2026, 8, 20))
    for person in colleagues(personas.district, personas.school_b, 4):
        reflect(person, dt.date(2026, 9, 1))
    with time_machine.travel(at(dt.date(2026, 11, 28)), tick=False):
        quarter = parse_quarter("2026-07")
        everyone = units(personas.district, quarter)
        shown = []
        for school_id in (None, personas.school_a.pk, personas.school_b.pk):
            figure = group_figures(personas.district, quarter, school_id=school_id).total
            if figure is not None and figure.shown:
                shown.append(members(everyone, school_id=school_id))
    assert len(shown) == 1, "the district total beside Adams' 6 would give Brook's 4"
    for first, second in combinations(shown, 2):
        assert first == second or len(first ^ second) >= personas.district.min_group_size
