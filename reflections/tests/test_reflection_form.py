"""Filling in a reflection: drafts, submitting, column totals, hours and bad numbers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import client_for
from reflections import services
from reflections.models import Reflection, TimeAllocation

pytestmark = pytest.mark.django_db

NEW = reverse("reflections:reflection_new")


def form_data(district, *, unit="percent", ideal=(), current=(), actions=(), others=(), **extra) -> dict:
    """POST data: ``ideal``/``current``/``actions`` fill the task-type rows in catalogue order."""
    data = {
        "support_needed": "A room for small groups",
        "barriers": "Lunch duty every day",
        "barrier_kinds": ["space", "duties"],
        "time_unit": unit,
        "other_rows": str(max(len(others), 1)),
    }
    for index, category in enumerate(services.table_categories(district)):
        prefix = f"cat-{category.pk}"
        data[f"{prefix}-ideal"] = str(ideal[index]) if index < len(ideal) else ""
        data[f"{prefix}-current"] = str(current[index]) if index < len(current) else ""
        data[f"{prefix}-actions"] = actions[index] if index < len(actions) else ""
    for index, (label, i, c) in enumerate(others):
        data[f"other-{index}-label"] = label
        data[f"other-{index}-ideal"] = str(i)
        data[f"other-{index}-current"] = str(c)
        data[f"other-{index}-actions"] = ""
    data.update(extra)
    return data


def test_the_form_is_prefilled_with_date_name_role_and_the_seeds_eight_task_types(personas):
    page = client_for(personas.counselor_a).get(NEW).content.decode()
    assert "Casey Counselor" in page
    assert personas.counselor_a.role.name in page
    assert "Your week: 40 hours (1.0 FTE)." in page
    names = [c.name for c in services.table_categories(personas.district)]
    assert len(names) == 8
    positions = [page.index(f'<th scope="row">{name}</th>') for name in names]
    assert positions == sorted(positions)
    assert "For your role, what do you feel is the ideal allocation of time across different task types?" in page
    assert "How are you currently being asked to allocate your time on a day-to-day basis?" in page
    assert "What actions could be taken to move toward your ideal time allocation?" in page


def test_save_draft_keeps_everything_even_when_totals_are_off(personas):
    client = client_for(personas.counselor_a)
    response = client.post(NEW, form_data(personas.district, ideal=(50, 20), current=(10,), actions=("Fewer duties",)))
    assert response.status_code == 302
    reflection = Reflection.objects.get(author=personas.counselor_a)
    assert reflection.status == Reflection.Status.DRAFT
    assert reflection.barrier_kinds == ["space", "duties"]
    rows = list(reflection.allocations.order_by("position"))
    assert [r.ideal_percent for r in rows] == [Decimal("50"), Decimal("20")]
    assert rows[0].actions == "Fewer duties"


def test_a_failed_submit_keeps_the_draft_and_says_by_how_much_each_column_is_off(personas):
    client = client_for(personas.counselor_a)
    data = form_data(personas.district, ideal=(50, 40), current=(60, 50, 5), submit="1")
    response = client.post(NEW, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ideal adds up to 90% — 10 points short of 100%" in page
    assert "Current adds up to 115% — 15 points over 100%" in page
    assert 'id="ideal-error"' in page and 'id="current-error"' in page
    reflection = Reflection.objects.get(author=personas.counselor_a)
    assert reflection.status == Reflection.Status.DRAFT
    assert reflection.support_needed == "A room for small groups"
    assert reflection.allocations.count() == 3
    # The page now posts to the draft, so fixing it does not create a second one.
    assert reverse("reflections:reflection_edit", args=[reflection.pk]) in page
    response = client.post(
        reverse("reflections:reflection_edit", args=[reflection.pk]),
        form_data(personas.district, ideal=(60, 40), current=(60, 35, 5), submit="1"),
    )
    assert response.status_code == 302
    reflection.refresh_from_db()
    assert reflection.status == Reflection.Status.SUBMITTED
    assert Reflection.objects.filter(author=personas.counselor_a).count() == 1


def test_a_reflection_with_an_empty_time_table_can_be_submitted(personas):
    response = client_for(personas.counselor_a).post(NEW, form_data(personas.district, submit="1"))
    assert response.status_code == 302
    assert Reflection.objects.get(author=personas.counselor_a).status == Reflection.Status.SUBMITTED


def test_one_column_filled_and_the_other_empty_is_fine_if_the_filled_one_adds_up(personas):
    response = client_for(personas.counselor_a).post(NEW, form_data(personas.district, ideal=(70, 30), submit="1"))
    assert response.status_code == 302


def test_other_rows_are_kept_with_their_label_and_count_in_the_totals(personas):
    data = form_data(personas.district, ideal=(70,), current=(60,), others=[("Bus duty", 30, 40)], submit="1")
    response = client_for(personas.counselor_a).post(NEW, data)
    assert response.status_code == 302
    other = TimeAllocation.objects.get(reflection__author=personas.counselor_a, category__isnull=True)
    assert other.label == "Bus duty"
    assert other.current_percent == Decimal("40")


def test_negative_and_non_numeric_numbers_are_errors_beside_the_field_and_nothing_is_saved(personas):
    data = form_data(personas.district, ideal=(-5, "lots"))
    response = client_for(personas.counselor_a).post(NEW, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter 0 or more." in page
    assert "Enter a number." in page
    assert not Reflection.objects.filter(author=personas.counselor_a).exists()


def test_more_than_100_percent_in_a_cell_is_refused(personas):
    response = client_for(personas.counselor_a).post(NEW, form_data(personas.district, ideal=(120,)))
    assert "Enter at most 100%." in response.content.decode()


def test_hours_are_converted_against_the_persons_week(personas):
    data = form_data(personas.district, unit="hours", ideal=(30, 10), current=(10, 20, 10), submit="1")
    response = client_for(personas.counselor_a).post(NEW, data)
    assert response.status_code == 302
    reflection = Reflection.objects.get(author=personas.counselor_a)
    assert reflection.weekly_hours == Decimal("40.0")
    rows = list(reflection.allocations.order_by("position"))
    assert [r.ideal_percent for r in rows[:2]] == [Decimal("75.00"), Decimal("25.00")]
    assert [r.current_percent for r in rows] == [Decimal("25.00"), Decimal("50.00"), Decimal("25.00")]


def test_a_draft_in_hours_shows_hours_again(personas):
    data = form_data(personas.district, unit="hours", ideal=(7.5,))
    client = client_for(personas.counselor_a)
    client.post(NEW, data)
    reflection = Reflection.objects.get(author=personas.counselor_a)
    page = client.get(reverse("reflections:reflection_edit", args=[reflection.pk])).content.decode()
    assert 'value="7.5"' in page
    assert "7.5 of 40 hours (18.75%)" in page


def test_more_hours_than_the_person_works_are_refused(personas):
    response = client_for(personas.counselor_a).post(NEW, form_data(personas.district, unit="hours", ideal=(41,)))
    assert response.status_code == 200
    assert "More than your week of 40 hours." in response.content.decode()
    assert not Reflection.objects.exists()


def test_hours_are_refused_for_someone_without_fte(personas):
    response = client_for(personas.admin).post(NEW, form_data(personas.district, unit="hours", ideal=(40,)))
    assert response.status_code == 200
    assert "You have no FTE on record, so hours cannot be used" in response.content.decode()
    assert not Reflection.objects.exists()


def test_a_submitted_reflection_can_no_longer_be_edited(personas):
    client = client_for(personas.counselor_a)
    client.post(NEW, form_data(personas.district, submit="1"))
    reflection = Reflection.objects.get(author=personas.counselor_a)
    response = client.post(
        reverse("reflections:reflection_edit", args=[reflection.pk]), form_data(personas.district, support_needed="x")
    )
    assert response.status_code == 302
    reflection.refresh_from_db()
    assert reflection.support_needed == "A room for small groups"


def test_add_a_row_without_javascript_saves_the_draft_and_shows_one_more_row(personas):
    client = client_for(personas.counselor_a)
    data = form_data(personas.district, others=[("Bus duty", 10, 10)], add_row="1")
    response = client.post(NEW, data)
    reflection = Reflection.objects.get(author=personas.counselor_a)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'name="other-0-label"' in page and 'value="Bus duty"' in page
    assert 'name="other-1-label"' in page
    assert reflection.status == Reflection.Status.DRAFT


def test_sharing_can_be_chosen_on_the_form(personas):
    data = form_data(personas.district, submit="1", share_with_leader="on")
    client_for(personas.counselor_a).post(NEW, data)
    reflection = Reflection.objects.get(author=personas.counselor_a)
    assert reflection.share_with_leader and not reflection.share_with_admins


def test_a_submitted_reflection_counts_in_its_quarter_s_figures_once_the_quarter_is_over(personas):
    from reflections.publication import group_figures, quarter_of_submission
    from reflections.tests.makers import after_the_quarter

    client_for(personas.counselor_a).post(NEW, form_data(personas.district, ideal=(60, 40), submit="1"))
    reflection = Reflection.objects.get(author=personas.counselor_a)
    quarter = quarter_of_submission(personas.district, reflection)
    assert not group_figures(personas.district, quarter).published
    with after_the_quarter():
        total = group_figures(personas.district, quarter).total
    assert total is not None and total.state == "small"  # one person: counted, and hidden


def test_a_draft_is_not_counted_in_the_group_figures(personas):
    from reflections.periods import quarter_of
    from reflections.publication import group_figures
    from reflections.tests.makers import after_the_quarter

    client_for(personas.counselor_a).post(NEW, form_data(personas.district, ideal=(60, 40)))
    with after_the_quarter():
        assert group_figures(personas.district, quarter_of(dt.date.today()).previous()).total is None
