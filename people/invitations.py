"""Accounts for every staff member: who has a login, and inviting people to choose a password.

A person's login status, from their row and their account:

- **not invited**: no login was ever given (no account);
- **invited**: may log in, but has not chosen a password yet (``invited_at`` says when the last
  link went out; it works once, for 7 days — ``accounts.tokens``);
- **active**: may log in and has a password;
- **deactivated**: had a login that was taken away (``can_log_in`` off or the account inactive), or
  left the district (``deactivated_at``, ``people.leaving``).
  Their history stays; inviting them again is a deliberate edit of the person, not a bulk action.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django_tasks import task

from people.models import StaffMember
from people.services import invite_to_log_in, sync_login

NOT_INVITED, INVITED, ACTIVE, DEACTIVATED = "not_invited", "invited", "active", "deactivated"
STATUS_LABELS = {
    NOT_INVITED: "Not invited",
    INVITED: "Invited",
    ACTIVE: "Active",
    DEACTIVATED: "Deactivated",
}

NEVER_INVITED = Q(user__isnull=True, can_log_in=False, deactivated_at__isnull=True)
"""Staff who never had a login, as a filter on ``StaffMember`` (the bulk invitation's people)."""


def login_status(staff: StaffMember) -> str:
    """The person's login status (see the module's docstring); ``staff.user`` should be loaded."""
    if staff.deactivated_at is not None:
        return DEACTIVATED  # left the district (people.leaving)
    user = staff.user
    if user is None:
        return INVITED if staff.can_log_in else NOT_INVITED
    if not staff.can_log_in or not user.is_active:
        return DEACTIVATED
    return ACTIVE if user.has_usable_password() else INVITED


@transaction.atomic
def invite(staff: StaffMember) -> None:
    """Give ``staff`` a login if they have none, and email them a link to choose their password.

    Sending again to someone invited replaces nothing but the link's date: every link sent stays
    valid until a password is chosen or it is 7 days old. Refused (ValidationError) for someone
    who already chose a password, or whose login was taken away (give it back on their page).
    """
    status = login_status(staff)
    if status == ACTIVE:
        raise ValidationError(f"{staff.name} already has a password and can log in.")
    if staff.deactivated_at is not None:
        raise ValidationError(f"{staff.name} has left the district: a roster listing them again brings them back.")
    if status == DEACTIVATED:
        raise ValidationError(f"{staff.name}'s login was taken away. To give it back, tick “can log in” on their page.")
    if not staff.email:
        raise ValidationError(f"{staff.name} has no email address to send the invitation to.")
    if not staff.can_log_in:
        staff.can_log_in = True
        staff.save(update_fields=["can_log_in", "updated_at"])
    sync_login(staff)
    invite_to_log_in(staff)


def never_invited(staff: QuerySet[StaffMember]) -> QuerySet[StaffMember]:
    """The people of ``staff`` who never had a login: those a bulk invitation reaches."""
    return staff.filter(NEVER_INVITED).exclude(email="")


def invite_everyone(staff_ids: Iterable[int], *, district_id: int) -> int:
    """Invite each never-invited person of ``staff_ids`` in the district; returns how many were invited."""
    people = never_invited(StaffMember.objects.filter(district_id=district_id, pk__in=list(staff_ids)))
    count = 0
    for person in people.select_related("district", "user").order_by("pk").iterator(chunk_size=500):
        invite(person)
        count += 1
    return count


@task()
def invite_everyone_task(staff_ids: list[int], district_id: int) -> int:
    """The worker's side of a bulk invitation (a school's staff, or everyone without a login)."""
    return invite_everyone(staff_ids, district_id=district_id)
