"""The leader's estimate beside the staff member's reflection, and suggested actions into the tracker."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actions.models import ActionItem
from conftest import client_for
from reflections import services
from reflections.models import LeaderEstimate
from reflections.tests.makers import make_reflection

pytestmark = pytest.mark.django_db

# Counselor A's current split (makers.seed_rows): 20, 10, 20, 10, 5, 10, 25, 0.
ESTIMATE = (20, 10, 20, 10, 5, 10, 10, 15)  # non-counseling duties 10 instead of 25 (15 apart), other 15 (15 apart)


def estimate_data(district, values=ESTIMATE) -> dict:
    return {f"category_{c.pk}": str(v) for c, v in zip(services.table_categories(district), values, strict=False)}


def record(p, leader=None, values=ESTIMATE):
    categories = services.table_categories(p.district)
    return services.record_estimate(
        p.district,
        leader=leader or p.principal,
        staff=p.counselor_a,
        percents={c.pk: Decimal(v) for c, v in zip(categories, values, strict=False)},
    )


def compare_page(person, staff, **params):
    return client_for(person).get(reverse("reflections:comparison", args=[staff.pk]), params)


def test_the_principal_records_an_estimate_that_adds_up_to_100(personas):
    response = client_for(personas.principal).post(
        reverse("reflections:estimate_new", args=[personas.counselor_a.pk]), estimate_data(personas.district)
    )
    assert response["Location"] == reverse("reflections:comparison", args=[personas.counselor_a.pk])
    estimate = LeaderEstimate.objects.get()
    assert estimate.leader == personas.principal
    assert sum(row.current_percent for row in estimate.rows.all()) == 100


def test_an_estimate_that_does_not_add_up_is_refused_with_the_amount_off(personas):
    response = client_for(personas.principal).post(
        reverse("reflections:estimate_new", args=[personas.counselor_a.pk]),
        estimate_data(personas.district, (50, 30)),
    )
    assert response.status_code == 200
    assert "Your estimate adds up to 80% — 20 points short of 100%" in response.content.decode()
    assert not LeaderEstimate.objects.exists()


def test_negative_percentages_are_refused_beside_the_field(personas):
    with pytest.raises(ValidationError):
        record(personas, values=(-10, 110))
    response = client_for(personas.principal).post(
        reverse("reflections:estimate_new", args=[personas.counselor_a.pk]),
        estimate_data(personas.district, (-10, 110)),
    )
    assert response.status_code == 200
    assert not LeaderEstimate.objects.exists()


def test_a_principal_cannot_estimate_staff_of_a_school_they_do_not_lead(personas):
    url = reverse("reflections:estimate_new", args=[personas.counselor_b.pk])
    assert client_for(personas.principal).get(url).status_code == 403
    assert client_for(personas.admin).get(url).status_code == 200
    assert client_for(personas.other_admin).get(url).status_code == 404


def test_side_by_side_highlights_rows_differing_by_more_than_ten_points_in_words(personas):
    make_reflection(personas.counselor_a, leader=True)
    record(personas)
    page = compare_page(personas.principal, personas.counselor_a).content.decode()
    assert "2 types of task differ by more than 10 points." in page
    assert page.count('class="differs"') == 2
    assert "<strong>differs by 15 points</strong>" in page
    duties = page.split("Non-counseling duties</th>")[1].split("</tr>")[0]
    assert "25%" in duties and "10%" in duties and "differs by 15 points" in duties


def test_the_threshold_is_a_get_parameter(personas):
    make_reflection(personas.counselor_a, leader=True)
    record(personas)
    page = compare_page(personas.principal, personas.counselor_a, points="20").content.decode()
    assert "No type of task differs by more than 20 points." in page
    assert 'class="differs"' not in page
    page = compare_page(personas.principal, personas.counselor_a, points="nonsense").content.decode()
    assert "more than 10 points" in page


def test_when_not_shared_a_sentence_says_so_and_nothing_of_the_reflection_shows(personas):
    make_reflection(personas.counselor_a, admins=True)
    record(personas)
    page = compare_page(personas.principal, personas.counselor_a).content.decode()
    assert "Casey Counselor has not shared their latest reflection with you." in page
    assert 'class="comparison"' not in page


def test_only_the_latest_submitted_reflection_counts(personas):
    make_reflection(personas.counselor_a, leader=True)
    newer = make_reflection(personas.counselor_a)  # private
    make_reflection(personas.counselor_a, leader=True, submitted=False)  # a draft does not count
    record(personas)
    page = compare_page(personas.principal, personas.counselor_a).content.decode()
    assert "has not shared their latest reflection" in page
    services.share(newer, checkin=False, leader=True, admins=False)
    page = compare_page(personas.principal, personas.counselor_a).content.decode()
    assert 'class="comparison"' in page


def test_an_admin_sees_the_comparison_when_shared_with_admins(personas):
    make_reflection(personas.counselor_a, admins=True)
    record(personas, leader=personas.admin)
    assert 'class="comparison"' in compare_page(personas.admin, personas.counselor_a).content.decode()
    assert "has not shared" in compare_page(personas.principal, personas.counselor_a).content.decode()


def test_without_an_estimate_the_page_asks_for_one(personas):
    make_reflection(personas.counselor_a, leader=True)
    page = compare_page(personas.principal, personas.counselor_a).content.decode()
    assert "You have not recorded your estimate" in page


def test_a_leader_turns_a_rows_suggested_action_into_an_action_item(personas):
    reflection = make_reflection(personas.counselor_a, leader=True)
    row = reflection.allocations.select_related("category").first()
    response = client_for(personas.principal).post(
        reverse("reflections:make_action_item", args=[reflection.pk, row.pk])
    )
    item = ActionItem.objects.get()
    assert response["Location"] == reverse("actions:item_detail", args=[item.pk])
    assert item.description == row.actions
    assert item.owner == personas.counselor_a
    assert item.school == personas.school_a
    assert item.notes.startswith("From a reflection")


def test_the_button_shows_for_leaders_who_can_see_it_not_for_the_author(personas):
    reflection = make_reflection(personas.counselor_a, leader=True)
    url = reverse("reflections:detail", args=[reflection.pk])
    assert "Make an action item" in client_for(personas.principal).get(url).content.decode()
    assert "Make an action item" not in client_for(personas.counselor_a).get(url).content.decode()


def test_no_action_item_from_a_reflection_the_leader_cannot_see(personas):
    reflection = make_reflection(personas.counselor_a, admins=True)
    row = reflection.allocations.first()
    response = client_for(personas.principal).post(
        reverse("reflections:make_action_item", args=[reflection.pk, row.pk])
    )
    assert response.status_code == 404
    assert not ActionItem.objects.exists()


def test_the_leader_reaches_the_side_by_side_from_the_shared_reflection(personas):
    reflection = make_reflection(personas.counselor_a, leader=True)
    page = client_for(personas.principal).get(reverse("reflections:detail", args=[reflection.pk])).content.decode()
    assert reverse("reflections:comparison", args=[personas.counselor_a.pk]) in page
    own = client_for(personas.counselor_a).get(reverse("reflections:detail", args=[reflection.pk])).content.decode()
    assert reverse("reflections:comparison", args=[personas.counselor_a.pk]) not in own
