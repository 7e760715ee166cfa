"""Goals of an agreement (part of its text, so versioned and signed) and their progress updates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from actions.models import ActionItem
from agreements.models import MAX_GOALS, Agreement, Goal, Progress
from agreements.rules import year_span
from agreements.services import _change
from checkins.models import Meeting
from core.stale import Seen
from people.models import SchoolYear, StaffMember, TaskCategory

GOAL_FIELDS = ("kind", "statement", "indicator", "baseline", "baseline_on", "target", "due_on", "owner")


def school_year_span(agreement: Agreement) -> tuple[dt.date, dt.date]:
    years = SchoolYear.objects.filter(district_id=agreement.district_id).values_list("first_day", "last_day")
    return year_span(agreement.year, list(years))


def goal_problems(
    agreement: Agreement, data: Mapping[str, object], categories: Iterable[TaskCategory]
) -> dict[str, str]:
    """What is wrong with a goal's fields, by field name (empty when nothing is)."""
    problems: dict[str, str] = {}
    first, last = school_year_span(agreement)
    baseline_on, due_on = data.get("baseline_on"), data.get("due_on")
    if isinstance(due_on, dt.date) and not first <= due_on <= last:
        problems["due_on"] = (
            f"The target date must be in the {agreement.year_label} school year "
            f"({first:%B %-d, %Y} to {last:%B %-d, %Y})."
        )
    if isinstance(baseline_on, dt.date) and isinstance(due_on, dt.date) and due_on <= baseline_on:
        problems["due_on"] = "The target date must come after the baseline date."
    if data.get("kind") == Goal.Kind.TIME:
        if not list(categories):
            problems["categories"] = "Choose the task types whose share of time this goal measures."
        for name in ("baseline", "target"):
            value = data.get(name)
            if isinstance(value, Decimal) and not 0 <= value <= 100:
                problems[name] = "A time goal is a share of working time: enter a percent from 0 to 100."
    return problems


def save_goal(
    agreement: Agreement,
    goal: Goal | None,
    *,
    by: StaffMember,
    seen: Seen | None,
    data: Mapping[str, object],
    categories: Iterable[TaskCategory] = (),
    action_items: Iterable[ActionItem] = (),
) -> Goal:
    """Add a goal (at most five) or change one; refused with ``ValidationError`` by field, or
    ``StaleEdit`` when the agreement changed since the editor read it. Versioned like every change."""
    categories, action_items = list(categories), list(action_items)
    problems = goal_problems(agreement, data, categories)
    if problems:
        raise ValidationError(problems)
    saved: list[Goal] = []

    def write(locked: Agreement) -> None:
        target = goal
        if target is None:
            taken = list(locked.goals.values_list("position", flat=True))
            if len(taken) >= MAX_GOALS:
                raise ValidationError(f"An agreement has at most {MAX_GOALS} goals.")
            target = Goal(district_id=locked.district_id, agreement=locked, position=max(taken, default=0) + 1)
        for name in GOAL_FIELDS:
            setattr(target, name, data.get(name))
        target.save()
        target.categories.set(categories if target.kind == Goal.Kind.TIME else [])
        target.action_items.set(action_items)
        saved.append(target)

    _change(agreement, by=by, seen=seen, write=write)
    return saved[0]


def delete_goal(goal: Goal, *, by: StaffMember, seen: Seen | None) -> None:
    """Remove a goal (a change to the agreement's text: versioned like any other)."""
    _change(goal.agreement, by=by, seen=seen, write=lambda locked: _delete(goal))


def _delete(goal: Goal) -> None:
    Goal.objects.filter(pk=goal.pk).delete()


@transaction.atomic
def record_progress(
    goal: Goal,
    *,
    by: StaffMember,
    on: dt.date,
    value: Decimal | None = None,
    note: str = "",
    meeting: Meeting | None = None,
) -> Progress:
    """A progress update (value and note) on a goal — a record beside the text, not a change to it.

    A program goal's update needs a value; a time goal is measured, so its update is a note.
    """
    note = note.strip()
    if goal.kind == Goal.Kind.PROGRAM and value is None:
        raise ValidationError({"value": "Enter the indicator's value now."})
    if value is None and not note:
        raise ValidationError({"note": "Write what progress was made."})
    return Progress.objects.create(
        district_id=goal.district_id, goal=goal, recorded_on=on, value=value, note=note, meeting=meeting, recorded_by=by
    )
