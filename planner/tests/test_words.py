"""Role names inside the planner's sentences: plurals and capitals."""

from __future__ import annotations

import pytest

from planner import plan
from planner.explain import capitalized, plural
from planner.tests.instances import COUNSELOR, lincoln


@pytest.mark.parametrize(
    "role, expected",
    [
        ("school counselor", "school counselors"),
        ("para-professionals", "para-professionals"),
        ("licensed clinical provider (e.g., LCSW)", "licensed clinical providers (e.g., LCSW)"),
        ("other counselor (school-based)", "other counselors (school-based)"),
        ("aides (part-time)", "aides (part-time)"),
    ],
)
def test_the_head_noun_is_made_plural_before_a_parenthesis(role, expected):
    assert plural(role) == expected


def test_a_capital_first_letter_leaves_the_rest_alone():
    assert capitalized("licensed clinical providers (e.g., LCSW)") == "Licensed clinical providers (e.g., LCSW)"


def test_a_constrained_role_with_a_parenthesis_reads_right_in_the_plan():
    lcsw = "licensed clinical provider (e.g., LCSW)"
    inp = lincoln()
    inp.constrained = {lcsw: inp.constrained[COUNSELOR]}
    school = inp.schools[0]
    school.fte[lcsw] = school.fte.pop(COUNSELOR)
    school.priority_need = {lcsw: school.priority_need[COUNSELOR]}
    school.current = {(lcsw if r == COUNSELOR else r, t): h for (r, t), h in school.current.items()}
    inp.capability = {(lcsw if r == COUNSELOR else r, t): v for (r, t), v in inp.capability.items()}
    sentences = plan(inp).schools[0].sentences
    assert any(s.startswith("Licensed clinical providers (e.g., LCSW) at Lincoln Elementary gain") for s in sentences)
    assert any("from licensed clinical providers (e.g., LCSW) to para-professionals" in s for s in sentences)
