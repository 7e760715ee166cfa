"""Every write to districts, schools, staff and catalogues goes through here.

Views, management commands and the roster import all call these functions,
so each rule (FTE adds up to at most 1.0, a login follows ``can_log_in``,
catalogue rows in use are retired rather than deleted) lives in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model

from people.catalogue import SEED_CATEGORIES, SEED_ROLES
from people.models import (
    Access,
    Assignment,
    District,
    Leadership,
    Role,
    School,
    StaffMember,
    Task,
    TaskCategory,
)

FTE_MAX = Decimal("1.00")


@transaction.atomic
def create_district(*, name: str, slug: str, time_zone: str = "America/New_York") -> District:
    """Create a district with the seed document's catalogues filled in."""
    district = District.objects.create(name=name, slug=slug, time_zone=time_zone)
    fill_catalogues(district)
    return district


def fill_catalogues(district: District) -> None:
    """Add the seed's roles, task types and tasks that the district lacks (by seed key)."""
    have_roles = set(district.roles.values_list("seed_key", flat=True))
    Role.objects.bulk_create(
        Role(
            district=district,
            name=seed.name,
            short_name=seed.short_name,
            is_mental_health=seed.is_mental_health,
            recommended_ratio=seed.ratio,
            ratio_source=seed.ratio_source,
            seed_key=seed.key,
            position=index,
        )
        for index, seed in enumerate(SEED_ROLES)
        if seed.key not in have_roles
    )
    categories = {c.seed_key: c for c in district.task_categories.all()}
    for index, seed in enumerate(SEED_CATEGORIES):
        if seed.key not in categories:
            categories[seed.key] = TaskCategory.objects.create(
                district=district,
                name=seed.name,
                service_kind=seed.service_kind,
                seed_key=seed.key,
                position=index,
            )
    have_tasks = set(district.tasks.values_list("seed_key", flat=True))
    Task.objects.bulk_create(
        Task(
            district=district,
            category=categories[seed.key],
            name=task_name,
            seed_key=task_key,
            position=index,
        )
        for seed in SEED_CATEGORIES
        for index, (task_key, task_name) in enumerate(seed.tasks)
        if task_key not in have_tasks
    )


def next_position(queryset) -> int:
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


def move(item: Model, *, up: bool, siblings) -> None:
    """Swap ``item`` with its neighbour above or below among ``siblings``."""
    ordered = list(siblings.order_by("position", "pk"))
    index = next(i for i, row in enumerate(ordered) if row.pk == item.pk)
    other = index - 1 if up else index + 1
    if other < 0 or other >= len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    for position, row in enumerate(ordered):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])


def check_fte_total(ftes: Iterable[Decimal]) -> None:
    """A person's FTE across schools must add up to at most 1.0.

    >>> check_fte_total([Decimal("0.5"), Decimal("0.5")])  # fine
    >>> check_fte_total([Decimal("0.6"), Decimal("0.5")])
    Traceback (most recent call last):
    ...
    django.core.exceptions.ValidationError: ['FTE adds up to 1.1, more than 1.0.']
    """
    total = sum(ftes, Decimal(0))
    if total > FTE_MAX:
        raise ValidationError(f"FTE adds up to {total.normalize()}, more than 1.0.")


@transaction.atomic
def save_staff_member(
    staff: StaffMember,
    *,
    assignments: dict[School, Decimal],
    led_schools: Iterable[School] = (),
) -> StaffMember:
    """Save a staff member with their school assignments, led schools and login.

    ``assignments`` replaces the person's assignments (school → FTE). The
    login account follows ``can_log_in``: created (without a password — the
    person sets one through "forgot password") or deactivated.
    """
    check_fte_total(assignments.values())
    staff.email = staff.email.strip().lower()
    staff.save()
    existing = {a.school_id: a for a in staff.assignments.all()}
    for school, fte in assignments.items():
        current = existing.pop(school.pk, None)
        if current is None:
            Assignment.objects.create(district=staff.district, staff=staff, school=school, fte=fte)
        elif current.fte != fte:
            current.fte = fte
            current.save(update_fields=["fte"])
    if existing:
        Assignment.objects.filter(pk__in=[a.pk for a in existing.values()]).delete()
    set_led_schools(staff, led_schools if staff.access == Access.LEADER else ())
    sync_login(staff)
    return staff


def set_led_schools(staff: StaffMember, schools: Iterable[School]) -> None:
    wanted = {s.pk for s in schools}
    have = set(staff.leaderships.values_list("school_id", flat=True))
    staff.leaderships.filter(school_id__in=have - wanted).delete()
    Leadership.objects.bulk_create(
        Leadership(district=staff.district, staff=staff, school_id=pk) for pk in wanted - have
    )


def sync_login(staff: StaffMember) -> None:
    """Make the login account match ``staff.can_log_in`` and ``staff.email``."""
    User = get_user_model()
    user = staff.user
    if staff.can_log_in:
        if user is None:
            user = User.objects.filter(email__iexact=staff.email).first()
            if user is None:
                user = User.objects.create_user(staff.email, name=staff.name)
            staff.user = user
            staff.save(update_fields=["user"])
        changed = []
        if user.email != staff.email:
            user.email = staff.email
            changed.append("email")
        if user.name != staff.name:
            user.name = staff.name
            changed.append("name")
        if not user.is_active:
            user.is_active = True
            changed.append("is_active")
        if changed:
            user.save(update_fields=changed)
    elif user is not None and user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
