"""Roles that share a recommended ratio are measured as one pool (issue 13): one shortfall, not two.

The figures are worked by hand: 1,500 students (Adams 600, Brook 900), 1.0 FTE of LCSWs at Adams and
0.5 FTE of other social workers at Brook, both 1 per 250 students (SSWAA).
"""

from __future__ import annotations

import doctest
import re

import pytest
from django.urls import reverse

import people.ratios
from people.ratios import RoleInfo, SchoolInfo, ratio_pools, staffing_ratios
from tests import factories

LCSW = RoleInfo(1, "LCSW", 250, "SSWAA", "Licensed clinical provider (e.g., LCSW)")
OTHER = RoleInfo(2, "Counselor / social worker", 250, "SSWAA", "Other counselor or social worker")
COUNSELOR = RoleInfo(3, "School counselor", 250, "ASCA", "School counselor")
SCHOOLS = [SchoolInfo(10, "Adams", "elementary", 600), SchoolInfo(11, "Brook", "middle", 900)]
FTE = {(10, 1): 1.0, (11, 2): 0.5, (10, 3): 1.0, (11, 3): 2.0}


def test_the_docstring_examples_hold():
    assert doctest.testmod(people.ratios).failed == 0


def test_two_roles_under_one_recommendation_are_one_pool_with_one_shortfall():
    table = staffing_ratios(SCHOOLS, [LCSW, OTHER, COUNSELOR], FTE)
    pool, counselors = table.district
    assert pool.role.role_ids == (1, 2) and pool.role.label == "LCSW + Counselor / social worker"
    # 1,500 / 1.5 = 1,000 students per FTE; 1,000 / 250 = 4.0; 1,500 / 250 = 6.0 needed; 6.0 − 1.5 = 4.5 short.
    assert pool.fte == 1.5
    assert pool.students_per_fte == 1000
    assert pool.load == 4.0
    assert pool.fte_needed == 6.0
    assert pool.fte_short == 4.5
    # Measured apart, the same staff were 5.0 + 5.5 = 10.5 FTE "short".
    apart = [staffing_ratios(SCHOOLS, [role], FTE).district[0].fte_short for role in (LCSW, OTHER)]
    assert apart == [5.0, 5.5]
    # The school counselors' 250 is ASCA's, another recommendation: they stay apart (3.0 FTE, 1.0 short).
    assert counselors.role.role_ids == (3,) and counselors.fte_short == pytest.approx(3.0)


def test_each_school_is_measured_against_the_pool_and_the_schools_add_up_to_the_district():
    table = staffing_ratios(SCHOOLS, [LCSW, OTHER], FTE)
    by_school = {row.school.name: row.ratios[0] for row in table.schools}
    # Adams: 600 / 1.0 / 250 = 2.4, 2.4 − 1.0 = 1.4 short; Brook: 900 / 0.5 / 250 = 7.2, 3.6 − 0.5 = 3.1 short.
    assert by_school["Adams"].load == pytest.approx(2.4) and by_school["Adams"].fte_short == pytest.approx(1.4)
    assert by_school["Brook"].load == pytest.approx(7.2) and by_school["Brook"].fte_short == pytest.approx(3.1)
    assert sum(r.fte_short for r in by_school.values()) == pytest.approx(table.district[0].fte_short)


def test_only_the_same_figure_from_the_same_source_makes_a_pool():
    unsourced = [RoleInfo(4, "A", 250), RoleInfo(5, "B", 250)]
    assert [unit.role_ids for unit in ratio_pools(unsourced)] == [(4,), (5,)]
    other_figure = RoleInfo(6, "C", 300, "SSWAA")
    assert [unit.role_ids for unit in ratio_pools([LCSW, other_figure, OTHER])] == [(1, 2), (6,)]
    # Pooling pools again changes nothing.
    once = ratio_pools([LCSW, OTHER, COUNSELOR])
    assert ratio_pools(once) == once


# --- The staffing ratios page ------------------------------------------------------------------------


@pytest.fixture
def social_workers(personas):
    factories.make_staff(personas.district, "Lee LCSW", role_key="lcsw", schools={personas.school_a: 1})
    factories.make_staff(personas.district, "Oli Other", role_key="other-counselor", schools={personas.school_b: "0.5"})
    return personas


def district_row(body: str, starts: str) -> str:
    table = body[body.index('class="district-total"') :]
    table = table[: table.index("</table>")]
    return next(row for row in table.split("<tr>") if row.strip().startswith(f'<th scope="row">{starts}'))


def test_the_ratios_page_shows_the_pool_once_and_says_which_roles_form_it(social_workers, as_admin):
    body = as_admin.get(reverse("people:ratios")).content.decode()
    row = district_row(body, "Licensed clinical provider (e.g., LCSW) and Other counselor or social worker")
    cells = re.findall(r"<td>(.*?)</td>", row)
    # Recommended 250, 1.5 FTE, 1,000 per FTE, 4.0×, 6.0 needed, 4.5 short.
    assert cells[0] == "250" and cells[1] == "1.5" and cells[2] == "1,000" and "4.0× recommended" in cells[3]
    assert cells[4:] == ["6.0", "4.5"]
    assert "share one recommendation" in body and "measured as one pool" in body
    assert '<th scope="row">Other counselor or social worker' not in body  # no second row for the same staff


def test_the_role_filter_offers_the_pool_and_shows_its_schools(social_workers, as_admin):
    lcsw = factories.role(social_workers.district, "lcsw")
    body = as_admin.get(reverse("people:ratios"), {"role": lcsw.pk}).content.decode()
    assert "LCSW + Counselor / social worker <span" in body
    # Brook: 900 students, 0.5 FTE pooled → 1,800 per FTE, 3.1 FTE short.
    assert "1,800 per FTE" in body and "3.1 FTE short" in body
