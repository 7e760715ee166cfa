"""Shift plans: the seed's seven questions for one shifted task, their rules, and their action items.

Rules a plan must keep (``check_plan``):

- a task cannot move to a role marked "No — could not, even with training" for
  it in the capability matrix (the plan's school overrides the district cell);
- a role marked "Could with additional training" can receive it only when the
  plan says training is needed and names at least one training.

Limits from local agreements (``RoleLimit``) do not refuse a plan: a plan that
makes a role receive more hours a week than its limit is **flagged**
(``limit_flags``), with the numbers and the agreement.

A plan whose receiving role is itself capacity-constrained is not refused either: it is **warned**
(``constrained_receivers``), with the role's figure.

Each commitment of a plan becomes an action item (``sync_action_items``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from actions.models import CLOSED_STATUSES, ActionItem, Origin
from actions.models import Status as ItemStatus
from actions.services import change_status, create_item, local_today, update_item
from core.stale import Seen
from people.access import led_school_ids
from people.models import Access, Role, StaffMember
from roles.models import Capability, RoleLimit, ShiftPlan, ShiftPlanRole, ShiftPlanTraining, Training
from roles.services.plan_snapshot import check_unchanged
from roles.services.priorities import capability_values, receiving_standings

ACTIVE_STATUSES = (ShiftPlan.Status.DRAFT, ShiftPlan.Status.IN_PROGRESS)


@dataclass(frozen=True)
class Receiving:
    """A role taking on the shifted task, and how many hours a week."""

    role: Role
    hours: Decimal


@dataclass(frozen=True)
class NeededTraining:
    training: Training
    people: int


class PlanRefused(Exception):
    """The plan breaks a rule. ``errors`` maps ``"role:<id>"`` or a plan field name to messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(m for messages in errors.values() for m in messages))


def role_plural(role: Role) -> str:
    """ "Teachers", "Para-professionals"; a name with a parenthesis becomes "Staff in the role …"."""
    if "(" in role.name:
        return f"Staff in the role “{role.name}”"
    return role.name if role.name.endswith("s") else f"{role.name}s"


def check_plan(
    plan: ShiftPlan,
    receiving: Sequence[Receiving],
    *,
    trainings: Sequence[NeededTraining],
    today: dt.date | None = None,
    previous_shift_on: dt.date | None = None,
) -> dict[str, list[str]]:
    """The rule breaks of a plan before it is saved (see the module docstring); empty when it may be saved.

    The date responsibility shifts cannot be set in the past, because it becomes
    the due date of the plan's action items (unchanged old dates are kept).
    """
    errors: dict[str, list[str]] = defaultdict(list)
    if not receiving:
        errors["to_roles"].append("Choose at least one role that will do the shifted task.")
    values = capability_values(plan.district, plan.school)
    where = f"{plan.school}'s capability matrix" if plan.school_id else "the capability matrix"
    training_roles = []
    for item in receiving:
        role = item.role
        if role.pk == plan.from_role_id:
            errors[f"role:{role.pk}"].append("The task moves away from this role: choose another role.")
            continue
        value = values.get((plan.task_id, role.pk))
        if value == Capability.NO:
            errors[f"role:{role.pk}"].append(
                f"{role_plural(role)} are marked “{Capability.NO.label}” for {plan.task} in {where}."
            )
        elif value == Capability.TRAINING:
            training_roles.append(role)
    if training_roles and not (plan.training_needed and trainings):
        names = ", ".join(role_plural(r) for r in training_roles)
        errors["training_needed"].append(
            f"{names} are marked “{Capability.TRAINING.label}” for {plan.task}: "
            "say that training is needed and choose at least one training."
        )
    if plan.training_needed and not trainings:
        errors["training_needed"].append("Choose at least one training from the glossary, and for how many people.")
    today = today or local_today(plan.district)
    if plan.shift_on and plan.shift_on < today and plan.shift_on != previous_shift_on:
        errors["shift_on"].append("This date has passed: the plan’s action items are due on or before it.")
    return dict(errors)


@transaction.atomic
def save_plan(
    plan: ShiftPlan,
    receiving: Sequence[Receiving],
    *,
    trainings: Sequence[NeededTraining],
    by: StaffMember | None,
    notify: bool = True,
    seen: Seen | None = None,
) -> ShiftPlan:
    """Check and save ``plan`` with its receiving roles and trainings, then bring its action items up to date.

    Raises ``PlanRefused`` (nothing written) when ``check_plan`` finds a rule break. New items'
    owners are emailed (as the tracker does) unless ``notify`` is false or nobody (``by``) saved.
    ``seen`` is what the editor's page showed (``roles.services.plan_snapshot``): if another admin
    saved the plan since, ``core.stale.StaleEdit`` says what changed and nothing is written.
    """
    if plan.pk and seen is not None:
        check_unchanged(seen, plan)
    previous = ShiftPlan.objects.filter(pk=plan.pk).values_list("shift_on", flat=True).first() if plan.pk else None
    errors = check_plan(plan, receiving, trainings=trainings, previous_shift_on=previous)
    if errors:
        raise PlanRefused(errors)
    if not plan.pk:
        plan.created_by = by
    plan.hours_per_week = sum((r.hours for r in receiving), Decimal("0"))
    plan.save()
    ShiftPlanRole.objects.filter(plan=plan).delete()
    ShiftPlanRole.objects.bulk_create(
        ShiftPlanRole(district_id=plan.district_id, plan=plan, role=r.role, hours_per_week=r.hours) for r in receiving
    )
    ShiftPlanTraining.objects.filter(plan=plan).delete()
    if plan.training_needed:
        ShiftPlanTraining.objects.bulk_create(
            ShiftPlanTraining(district_id=plan.district_id, plan=plan, training=t.training, people=t.people)
            for t in trainings
        )
    sync_action_items(plan, by=by, notify=notify)
    return plan


# --- Commitments → action items ----------------------------------------------------------------


@dataclass(frozen=True)
class Commitment:
    """One action a plan commits to. ``key`` finds its item again, from the description's stable beginning."""

    key: str
    description: str
    owner: StaffMember | None
    due_on: dt.date | None


def commitment_key(description: str) -> str | None:
    """The commitment an item of a plan stands for, read from its description's stable prefix.

    "Hire …" → ``hire``; "Train 3 people: QPR" → ``train:QPR``; "Communicate the
    shift of …" → ``communicate``; "Start: …" → ``start``. Editing an item's
    description in the tracker so that it loses its prefix detaches it from the plan
    (the next save of the plan adds a new one).
    """
    if description.startswith("Hire "):
        return "hire"
    if description.startswith("Train ") and ": " in description:
        return "train:" + description.partition(": ")[2]
    if description.startswith("Communicate the shift of "):
        return "communicate"
    if description.startswith("Start: "):
        return "start"
    return None


#: Days before the shift by which each preparation is due: people hired, trained and told before it starts.
LEAD_DAYS = {"hire": 28, "train": 14, "communicate": 7}


def due_before(shift_on: dt.date | None, lead_days: int, made_on: dt.date) -> dt.date | None:
    """When a preparation is due: ``lead_days`` before the shift, but not before the plan was made.

    A plan made on March 2 for a shift on August 17: training (14 days) is due August 3. When the
    shift is too close for the lead time, the preparation is due the day the plan was made — still
    before the shift, unless the shift is that very day.

    >>> due_before(dt.date(2026, 8, 17), 14, dt.date(2026, 3, 2))
    datetime.date(2026, 8, 3)
    >>> due_before(dt.date(2026, 3, 10), 14, dt.date(2026, 3, 2))
    datetime.date(2026, 3, 2)
    >>> due_before(None, 14, dt.date(2026, 3, 2)) is None
    True
    """
    if shift_on is None:
        return None
    return max(shift_on - dt.timedelta(days=lead_days), min(made_on, shift_on))


def commitments(plan: ShiftPlan) -> list[Commitment]:
    """What ``plan`` commits to: hiring, each training and communicating — each due before the shift
    (``LEAD_DAYS``, :func:`due_before`) — and the start of the shift, due the day it starts."""
    roles = " and ".join(role_plural(r.role) for r in plan.receiving.select_related("role").order_by("role__position"))
    task = plan.task.name
    made_on = timezone.localtime(plan.created_at, plan.district.zone).date() if plan.created_at else None
    made_on = made_on or local_today(plan.district)

    def due(kind: str) -> dt.date | None:
        return due_before(plan.shift_on, LEAD_DAYS[kind], made_on)

    wanted = []
    if plan.staffing == ShiftPlan.Staffing.HIRING:
        wanted.append(Commitment("hire", f"Hire {roles} for {task}", plan.hiring_responsible, due("hire")))
    if plan.training_needed:
        for need in plan.trainings.select_related("training").order_by("training__name"):
            people = "1 person" if need.people == 1 else f"{need.people} people"
            name = need.training.name
            wanted.append(
                Commitment(f"train:{name}", f"Train {people}: {name}", plan.training_responsible, due("train"))
            )
    if plan.communication.strip() or plan.parent_communication.strip():
        audience = "affected employees and parents" if plan.parent_communication.strip() else "affected employees"
        wanted.append(
            Commitment("communicate", f"Communicate the shift of {task} to {audience}", plan.owner, due("communicate"))
        )
    wanted.append(Commitment("start", f"Start: {roles} take over {task}", plan.owner, plan.shift_on))
    return wanted


def plan_items(plan: ShiftPlan) -> QuerySet[ActionItem]:
    return ActionItem.objects.filter(district_id=plan.district_id, origin=Origin.SHIFT_PLAN, origin_ref=plan.pk)


def sync_action_items(plan: ShiftPlan, *, by: StaffMember | None, notify: bool = True) -> None:
    """Make the plan's action items match its commitments, without duplicates.

    An item of the plan (origin "shift plan", origin_ref = the plan) is matched
    to a commitment by ``commitment_key``: a match is updated (description,
    owner, due date) through ``update_item``, a new commitment is created
    through ``create_item``, and an open item whose commitment was withdrawn
    (hiring no longer needed, a training removed) is abandoned. Abandoning the
    plan abandons its open items.
    """
    existing: dict[str, ActionItem] = {}
    for made in plan_items(plan).order_by("pk"):
        key = commitment_key(made.description)
        if key is not None and key not in existing:
            existing[key] = made
    wanted = [] if plan.status == ShiftPlan.Status.ABANDONED else commitments(plan)
    for commitment in wanted:
        item = existing.pop(commitment.key, None)
        if item is None:
            create_item(
                plan.district,
                description=commitment.description,
                by=by,
                owner=commitment.owner,
                due_on=commitment.due_on,
                school=plan.school,
                origin=Origin.SHIFT_PLAN,
                origin_ref=plan.pk,
                notify=notify and by is not None,
            )
        else:
            update_item(
                item,
                by=by,
                expected_version=None,
                description=commitment.description,
                owner=commitment.owner,
                due_on=commitment.due_on,
                school=plan.school,
            )
    for item in existing.values():
        if item.status not in CLOSED_STATUSES:
            change_status(item, to=ItemStatus.ABANDONED, by=by)


# --- Limits from local agreements --------------------------------------------------------------


@dataclass(frozen=True)
class LimitFlag:
    """A role receiving more hours a week than a local agreement allows."""

    role: str
    category: str  # empty: all shifted work
    total: Decimal
    limit: Decimal
    source: str
    scope: str

    @property
    def message(self) -> str:
        what = f"tasks in {self.category}" if self.category else "shifted work"
        source = f", from {self.source}" if self.source else ""
        return (
            f"{self.role} would receive {self.total} hours a week of {what} {self.scope} across active shift plans, "
            f"over the limit of {self.limit} hours a week{source}."
        )


def limit_flags(district, plans: Iterable[ShiftPlan]) -> dict[int, list[LimitFlag]]:
    """The limits each of ``plans`` helps break, by plan id, in two queries whatever the number of plans.

    Hours a role receives count across active plans (draft and in progress).
    For a plan at a school, the total is that school's plans plus the
    district-wide plans; for a district-wide plan it is the district-wide plans
    plus the busiest school's. Example: teachers limited to 1 hour a week of
    non-counseling duties; a district-wide plan gives them 0.5 and a plan at
    Adams 1.0 → Adams totals 1.5 > 1: both plans are flagged.
    """
    plans = [p for p in plans if p.status in ACTIVE_STATUSES]
    limits = list(RoleLimit.objects.filter(district=district).select_related("role", "category"))
    if not plans or not limits:
        return {}
    rows = list(
        ShiftPlanRole.objects.filter(
            district=district, plan__status__in=ACTIVE_STATUSES, role_id__in={lim.role_id for lim in limits}
        ).values_list("plan_id", "plan__school_id", "plan__task__category_id", "role_id", "hours_per_week")
    )
    flags: dict[int, list[LimitFlag]] = defaultdict(list)
    wanted = {p.pk: p for p in plans}
    for limit in limits:
        matching = [
            r for r in rows if r[3] == limit.role_id and (limit.category_id is None or r[2] == limit.category_id)
        ]
        district_wide = sum((r[4] for r in matching if r[1] is None), Decimal("0"))
        by_school: dict[int, Decimal] = defaultdict(Decimal)
        for r in matching:
            if r[1] is not None:
                by_school[r[1]] += r[4]
        for plan_id, school_id, _category, _role, hours in matching:
            if plan_id not in wanted or hours <= 0:
                continue
            if school_id is None:
                total = district_wide + max(by_school.values(), default=Decimal("0"))
                scope = "at the busiest school" if by_school else "district-wide"
            else:
                total = district_wide + by_school[school_id]
                scope = f"at {wanted[plan_id].school}" if wanted[plan_id].school_id else ""
            if total > limit.max_hours_per_week:
                flags[plan_id].append(
                    LimitFlag(
                        role=role_plural(limit.role),
                        category=limit.category.name if limit.category else "",
                        total=total,
                        limit=limit.max_hours_per_week,
                        source=limit.source,
                        scope=scope,
                    )
                )
    return dict(flags)


# --- Receiving roles that are short themselves ------------------------------------------------


def constrained_receivers(plan: ShiftPlan) -> list[str]:
    """A warning for each receiving role of ``plan`` that is itself capacity-constrained.

    Measured where the plan applies: at its school, or across the district for a district-wide
    plan (``roles.capacity.Standing``: over its recommended ratio, alone or in its pool, or confirmed
    as capacity-constrained). Five queries.
    """
    standing = receiving_standings(plan.district, plan.school)
    where = f" at {plan.school}" if plan.school_id else " across the district"
    warnings = []
    for row in plan.receiving.all():
        found = standing.get(row.role_id)
        if found is not None and found.constrained:
            warnings.append(
                f"{row.role.name} is capacity-constrained itself{where}: {found.figure}. "
                "Giving it this task moves the shortage rather than easing it."
            )
    return warnings


# --- Who sees which plan -----------------------------------------------------------------------


def visible_plans(member: StaffMember) -> QuerySet[ShiftPlan]:
    """The plans ``member`` may read.

    Admins: every plan of the district. School leaders: the plans of the
    schools they lead and the district-wide ones. Everyone: plans whose
    receiving roles include their own role, district-wide or at a school they
    work at (read-only).
    """
    plans = ShiftPlan.objects.filter(district_id=member.district_id)
    if member.has_access(Access.ADMIN):
        return plans
    receives = Exists(ShiftPlanRole.objects.filter(plan=OuterRef("pk"), role_id=member.role_id))
    works_at = list(member.assignments.values_list("school_id", flat=True))
    rule = receives & (Q(school__isnull=True) | Q(school_id__in=works_at))
    if member.has_access(Access.LEADER):
        rule |= Q(school__isnull=True) | Q(school_id__in=led_school_ids(member))
    return plans.filter(rule)


def can_edit_plans(member: StaffMember) -> bool:
    return member.has_access(Access.ADMIN)
