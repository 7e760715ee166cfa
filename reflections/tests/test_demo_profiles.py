"""The demo's time profiles fit the roles: each adds up to 100, and school nurses and family engagement
specialists report little time on task types the demo's matrix (``roles.demo``) marks No for them."""

from __future__ import annotations

import random

import pytest

from people.catalogue import SEED_CATEGORIES
from reflections.demo import FAMILY_ENGAGEMENT, NURSE, PROFILE, PROFILES, jittered, profile_of
from roles.demo import OTHER_COLUMNS


@pytest.mark.parametrize("role_key", ["school-counselor", *PROFILES])
def test_every_profile_adds_up_to_100_in_both_columns(role_key):
    profile, towards = profile_of(role_key)
    assert sum(ideal for ideal, _ in profile.values()) == 100
    assert sum(current for _, current in profile.values()) == 100
    assert set(profile) == set(PROFILE)
    assert towards in profile


def barred_types(role_key: str) -> set[str]:
    """Task types with tasks, every one of them No for the role in the demo's matrix."""
    yes, training = OTHER_COLUMNS[role_key]
    return {
        category.key
        for category in SEED_CATEGORIES
        if category.tasks and not any(task in yes | training for task, _name in category.tasks)
    }


@pytest.mark.parametrize("role_key, profile", [("school-nurse", NURSE), ("family-engagement", FAMILY_ENGAGEMENT)])
def test_nurses_and_family_engagement_specialists_report_little_time_on_types_marked_no(role_key, profile):
    barred = barred_types(role_key)
    assert "non-counseling" in barred
    assert sum(profile[key][1] for key in barred) <= 10  # a little lunch duty or front-office cover


def test_family_engagement_specialists_spend_most_of_their_week_on_family_care():
    assert FAMILY_ENGAGEMENT["family-care"][1] == max(current for _, current in FAMILY_ENGAGEMENT.values())


def test_the_jitter_leaves_a_type_the_role_does_not_do_at_zero():
    for seed in range(50):
        values = jittered(FAMILY_ENGAGEMENT, random.Random(seed), drift=3, towards="family-care")
        assert values["assessment"] == [0, 0]
        assert values["staff-support"] == [0, 0]
        assert sum(ideal for ideal, _ in values.values()) == 100
        assert sum(current for _, current in values.values()) == 100


def test_the_rounds_progress_moves_non_counseling_time_to_the_roles_own_work():
    def mean(drift: int, key: str) -> float:
        runs = [jittered(NURSE, random.Random(seed), drift, "non-scheduled-support") for seed in range(50)]
        return sum(values[key][1] for values in runs) / len(runs)

    assert mean(5, "non-counseling") <= mean(0, "non-counseling") - 4
    assert mean(5, "non-scheduled-support") >= mean(0, "non-scheduled-support") + 4
    assert mean(5, "scheduled-support") == pytest.approx(mean(0, "scheduled-support"), abs=1)
