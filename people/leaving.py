"""People leaving and coming back: deactivation keeps a person's history and ends everything they could do.

A deactivated staff member (``StaffMember.deactivated_at``):

- cannot log in, by password or single sign-on: their login account is made inactive, which also
  ends their open sessions at their next request (Django refuses an inactive user's session);
- gets no email: the outbox drops their address from every message (:func:`blocked_addresses`,
  registered with ``outbox.backend.RECIPIENT_FILTERS`` by ``people.apps``);
- loses their personal links (``people.access.personal_links_end``);
- keeps their history: nothing of theirs is deleted, and the action items they still own are listed
  for reassignment (``actions:left_items``, and a line in district admins' weekly digest).

The roster import deactivates the people missing from the file when asked (``--deactivate-missing``,
or the checkbox of the web import), and reactivates a deactivated person the file lists again.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone

from people.models import StaffMember

BATCH = 2000


def deactivate(staff_ids: Iterable[int]) -> int:
    """Deactivate these staff members now and make their logins inactive; returns how many were deactivated.

    People already deactivated keep their first date.
    """
    ids = list(staff_ids)
    now = timezone.now()
    count = 0
    User = get_user_model()
    with transaction.atomic():
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            count += StaffMember.objects.filter(pk__in=chunk, deactivated_at__isnull=True).update(
                deactivated_at=now, updated_at=now
            )
            User.objects.filter(staff_member__pk__in=chunk, is_active=True).update(is_active=False)
    return count


def reactivate(staff: StaffMember) -> None:
    """Bring a deactivated person back: active again, with their login if ``can_log_in`` is still on."""
    from people.services import sync_login

    staff.deactivated_at = None
    staff.save(update_fields=["deactivated_at", "updated_at"])
    sync_login(staff)


def blocked_addresses(addresses: Iterable[str]) -> set[str]:
    """Those of ``addresses`` (lower-cased) that belong only to deactivated people: they get no email.

    An address that is also an active person's (the same person listed by another district) still
    gets mail, for that district's messages are theirs to receive.
    """
    wanted = {address.strip().lower() for address in addresses if address}
    if not wanted:
        return set()
    rows = list(
        StaffMember.objects.annotate(address=Lower("email"))
        .filter(address__in=wanted)
        .values_list("email", "deactivated_at")
    )
    active = {email.lower() for email, left in rows if left is None}
    left = {email.lower() for email, left in rows if left is not None}
    return left - active
