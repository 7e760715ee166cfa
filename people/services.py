"""Every write to districts, schools, staff and catalogues goes through here.

Views, management commands and the roster import all call these functions,
so each rule (FTE adds up to at most 1.0, a login follows ``can_log_in``,
catalogue rows in use are retired rather than deleted) lives in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model

from core import stale
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


# Other apps' starting content for a new district (e.g. the training glossary), added in their
# AppConfig.ready(): each is called with the new district inside create_district's transaction.
NEW_DISTRICT_HOOKS: list[Callable[[District], object]] = []
# Other apps' records that copy a staff member's name (e.g. the tracker's sort key), kept in step
# after a rename: each is called with the renamed person inside save_staff_member's transaction.
STAFF_RENAMED_HOOKS: list[Callable[[StaffMember], object]] = []


@transaction.atomic
def create_district(*, name: str, slug: str, time_zone: str = "America/New_York") -> District:
    """Create a district with the seed document's catalogues (and every app's starting content) filled in."""
    district = District.objects.create(name=name, slug=slug, time_zone=time_zone)
    fill_catalogues(district)
    for hook in NEW_DISTRICT_HOOKS:
        hook(district)
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
    by: StaffMember | None = None,
    invite: bool = False,
    seen: stale.Seen | None = None,
) -> bool:
    """Save a staff member with their school assignments, led schools and login.

    ``assignments`` replaces the person's assignments (school → FTE). The
    login account follows ``can_log_in``: created without a password, or
    deactivated. With ``invite``, a person who has just been given a login is
    emailed a link to choose their password. ``by`` is who makes the change:
    they may not take away their own admin access or login. ``seen`` is what
    the editor's form showed: if someone saved the person since, nothing is
    written and ``core.stale.StaleEdit`` says what changed.

    Returns whether an invitation was sent.
    """
    if seen is not None:
        stale.check(seen, StaffMember.objects.select_for_update().get(pk=staff.pk))
    check_own_access(staff, by=by)
    check_fte_total(assignments.values())
    had_login = has_active_login(staff)
    old_name = StaffMember.objects.filter(pk=staff.pk).values_list("name", flat=True).first() if staff.pk else None
    staff.email = staff.email.strip().lower()
    staff.save()
    if old_name is not None and old_name != staff.name:
        for hook in STAFF_RENAMED_HOOKS:
            hook(staff)
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
    if invite and staff.can_log_in and not had_login:
        invite_to_log_in(staff)
        return True
    return False


def set_led_schools(staff: StaffMember, schools: Iterable[School]) -> None:
    wanted = {s.pk for s in schools}
    have = set(staff.leaderships.values_list("school_id", flat=True))
    staff.leaderships.filter(school_id__in=have - wanted).delete()
    Leadership.objects.bulk_create(
        Leadership(district=staff.district, staff=staff, school_id=pk) for pk in wanted - have
    )


def sync_login(staff: StaffMember) -> None:
    """Make the login account match ``staff.can_log_in``, ``staff.email`` and whether the person is active.

    A login is one account per email address across the deployment. When the address is already
    the login of someone in another district, this person gets no login (their district is told
    nothing about the other one: the staff list reads as for anyone who has not logged in yet).
    """
    User = get_user_model()
    user = staff.user
    if staff.can_log_in and staff.is_active:
        if user is None:
            user = User.objects.filter(email__iexact=staff.email).first()
            if user is None:
                user = User.objects.create_user(staff.email, name=staff.name)
            elif StaffMember.objects.filter(user=user).exclude(pk=staff.pk).exists() or user.is_superuser:
                return
            staff.user = user
            staff.save(update_fields=["user"])
        elif _login_taken(staff.email, by_someone_else_than=user):
            return  # the new address is someone else's login: keep the old one
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


def _login_taken(email: str, *, by_someone_else_than) -> bool:
    if by_someone_else_than.email.lower() == email:
        return False
    return get_user_model().objects.filter(email__iexact=email).exclude(pk=by_someone_else_than.pk).exists()


# --- Set-up pages: district settings, schools, staff, catalogue ------------------------------------


@transaction.atomic
def save_district_settings(
    district: District, roles: Iterable[Role] = (), *, seen: stale.Seen | None = None
) -> District:
    """Save the district's settings and the recommended ratio (and its source) of each given role.

    ``seen`` is what the editor's page showed (``core.stale``): if another admin saved the district or
    one of ``roles`` since, nothing is written and ``StaleEdit`` says what changed.
    """
    roles = list(roles)
    if seen is not None:
        stale.check(
            seen,
            District.objects.select_for_update().get(pk=district.pk),
            *Role.objects.select_for_update().filter(pk__in=[role.pk for role in roles]),
        )
    district.full_clean()
    district.save()
    for role in roles:
        role.save(update_fields=["recommended_ratio", "ratio_source"])
    return district


@transaction.atomic
def save_school(school: School, *, seen: stale.Seen | None = None) -> School:
    """Create or update a school (name unique per district, checked by the form and the database).

    ``seen``: refuse with ``core.stale.StaleEdit`` an edit of a school saved by someone else since.
    """
    if seen is not None:
        stale.check(seen, School.objects.select_for_update().get(pk=school.pk))
    school.save()
    return school


@transaction.atomic
def delete_school(school: School) -> int:
    """Delete a school with its assignments and leaderships; return how many assignments went with it."""
    removed = school.assignments.count()
    school.delete()
    return removed


def check_own_access(staff: StaffMember, *, by: StaffMember | None) -> None:
    """Refuse an edit by which a district admin would lock themselves out.

    A person cannot remove their own admin access nor their own login: a
    district would otherwise risk being left without anyone to run it.
    """
    if by is None or staff.pk is None or staff.pk != by.pk:
        return
    errors = {}
    if by.has_access(Access.ADMIN) and staff.access != Access.ADMIN:
        errors["access"] = "You cannot remove your own district admin access."
    if not staff.can_log_in:
        errors["can_log_in"] = "You cannot remove your own login."
    if errors:
        raise ValidationError(errors)


def has_active_login(staff: StaffMember) -> bool:
    """Whether the saved row of ``staff`` can log in today (False for a new person)."""
    if staff.pk is None:
        return False
    return StaffMember.objects.filter(pk=staff.pk, can_log_in=True, user__is_active=True).exists()


def invite_to_log_in(staff: StaffMember) -> None:
    """Email ``staff`` a single-use link, valid 7 days, to choose their password (through the outbox).

    The link is ``accounts.tokens``' invitation token; ``staff.invited_at`` notes when it was sent,
    so the staff pages can say "invited on …" and offer to send it again.
    """
    from django.conf import settings
    from django.core.mail import send_mail
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from accounts.tokens import INVITATION_DAYS, invitation_token_generator

    user = staff.user
    if user is None:
        return
    if staff.district.password_sign_in:
        uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
        token = invitation_token_generator.make_token(user)
        path = reverse("accounts:invitation", kwargs={"uidb64": uidb64, "token": token})
        link = f"{settings.SITE_URL}{path}"
        body = (
            f"Hello {staff.name},\n\n"
            f"You can now log in to Top of License for {staff.district.name}.\n"
            f"Choose your password here (the link works once, for {INVITATION_DAYS} days):\n\n{link}\n\n"
            f"Then log in with this email address ({staff.email}).\n"
            "If you did not expect this email, you can ignore it.\n"
        )
    else:
        # The district signs in with its own accounts (single sign-on, ``signin``): no password to choose.
        body = (
            f"Hello {staff.name},\n\n"
            f"You can now sign in to Top of License for {staff.district.name} with your district account:\n\n"
            f"{settings.SITE_URL}{reverse('signin:choose')}\n\n"
            f"Use this email address ({staff.email}).\n"
            "If you did not expect this email, you can ignore it.\n"
        )
    send_mail(f"Your Top of License login for {staff.district.name}", body, None, [staff.email])
    staff.invited_at = timezone.now()
    StaffMember.objects.filter(pk=staff.pk).update(invited_at=staff.invited_at)


def in_use(obj: Model) -> bool:
    """Whether any row anywhere refers to ``obj``.

    Walks every reverse relation (``obj._meta.related_objects``), so that an
    app added later which references roles or tasks is covered without
    changing this function.
    """
    for relation in obj._meta.related_objects:
        model = relation.related_model
        if isinstance(model, str):  # only before the app registry is ready
            continue
        if model._base_manager.filter(**{relation.field.name: obj}).exists():
            return True
    return False


@transaction.atomic
def save_catalogue_item(
    item: Role | TaskCategory | Task, *, seen: stale.Seen | None = None
) -> Role | TaskCategory | Task:
    """Create or update a role, task category or task; a new one goes to the end of its list.

    ``seen``: refuse with ``core.stale.StaleEdit`` an edit of a row saved by someone else since.
    """
    if seen is not None:
        stale.check(seen, type(item).objects.select_for_update().get(pk=item.pk))
    if item.pk is None:
        if isinstance(item, Task):
            siblings = Task.objects.filter(category=item.category)
        else:
            siblings = type(item).objects.filter(district=item.district)
        item.position = next_position(siblings)
    item.save()
    return item


def toggle_retired(item: Role | TaskCategory | Task) -> bool:
    """Retire an active catalogue row or restore a retired one; returns the new ``retired`` value."""
    item.retired = not item.retired
    item.save(update_fields=["retired"])
    return item.retired


def delete_catalogue_item(item: Role | TaskCategory | Task) -> None:
    """Delete a catalogue row that nothing refers to; a row in use must be retired instead."""
    if in_use(item):
        raise ValidationError(f"“{item}” is in use, so it cannot be deleted. Retire it instead.")
    item.delete()


ADMIN_ROLE_KEY = "administrator"


@transaction.atomic
def create_district_with_admin(
    *, name: str, slug: str, time_zone: str, admin_name: str, admin_email: str
) -> tuple[District, StaffMember]:
    """Create a district (catalogues filled in) and its first district admin, and invite that admin.

    The admin gets the seed role "Administrator", district admin access and a
    login without a password; the invitation email (through the outbox, sent
    once the transaction commits) carries a link to choose one.
    """
    district = create_district(name=name, slug=slug, time_zone=time_zone)
    admin = StaffMember(
        district=district,
        name=admin_name,
        email=admin_email,
        role=district.roles.get(seed_key=ADMIN_ROLE_KEY),
        access=Access.ADMIN,
        can_log_in=True,
    )
    save_staff_member(admin, assignments={}, invite=True)
    return district, admin
