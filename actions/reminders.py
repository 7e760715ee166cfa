"""Reminders: the weekly digest of each owner's items, and the reminder settings.

The digest goes out once a week, at the district's weekday and hour in the
district's time zone (``TrackerSettings``, Monday 7:00 unless changed). The
hourly tick (``core.scheduler``) calls :func:`send_weekly_digests`, which
decides from the data what is due: an owner whose ``last_digest_on`` is
before this week's digest date gets one, so a tick missed while the worker
was down catches up at the next tick of the same week, and a second tick
sends nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from actions.models import ActionItem, ReminderPreference, TrackerSettings
from actions.services import reminder_preference
from people.models import Access, District, StaffMember

DUE_SOON_DAYS = 7


def tracker_settings_for(district: District) -> TrackerSettings:
    """The district's digest time, created with the defaults (Monday 7:00) when missing."""
    row, _ = TrackerSettings.objects.get_or_create(district=district)
    return row


def save_tracker_settings(row: TrackerSettings) -> TrackerSettings:
    """Save a district's digest weekday and hour (validated by the form)."""
    row.full_clean()
    row.save()
    return row


def save_reminder_choices(staff: StaffMember, *, weekly_digest: bool, assignment_emails: bool) -> ReminderPreference:
    """Turn a person's weekly digest and assignment emails on or off."""
    pref = reminder_preference(staff)
    pref.weekly_digest = weekly_digest
    pref.assignment_emails = assignment_emails
    pref.save(update_fields=["weekly_digest", "assignment_emails"])
    return pref


def digest_moment(local_now: dt.datetime, weekday: int, hour: int) -> dt.datetime:
    """This week's digest moment, weeks running Monday to Sunday, in ``local_now``'s time zone.

    For Monday (0) at 7 and a ``local_now`` of Wednesday 2 December 2026, 10:00,
    the moment is Monday 30 November 2026, 7:00.
    """
    week_start = local_now.date() - dt.timedelta(days=local_now.weekday())
    return dt.datetime.combine(week_start + dt.timedelta(days=weekday), dt.time(hour), tzinfo=local_now.tzinfo)


def due_digest_date(row: TrackerSettings, zone: dt.tzinfo, now: dt.datetime) -> dt.date | None:
    """The date of this week's digest if its time has come at ``now``, else None."""
    moment = digest_moment(now.astimezone(zone), row.digest_weekday, row.digest_hour)
    return moment.date() if now >= moment else None


def next_digest_at(row: TrackerSettings, zone: dt.tzinfo, now: dt.datetime) -> dt.datetime:
    """When the next weekly digest goes out (district time): this week's moment, or next week's if it has passed."""
    local_now = now.astimezone(zone)
    moment = digest_moment(local_now, row.digest_weekday, row.digest_hour)
    if moment <= local_now:
        moment = digest_moment(local_now + dt.timedelta(days=7), row.digest_weekday, row.digest_hour)
    return moment


@dataclass
class DigestLine:
    item: ActionItem
    url: str


@dataclass
class Digest:
    """One owner's open items: overdue, and due in the next seven days."""

    owner: StaffMember
    overdue: list[DigestLine] = field(default_factory=list)
    due_soon: list[DigestLine] = field(default_factory=list)
    left_items: int = 0  # district admins: open items still owned by people who left

    @property
    def subject(self) -> str:
        if self.left_items and not (self.overdue or self.due_soon):
            return f"Action items of people who left: {self.left_items} open"
        return f"Your action items this week: {len(self.overdue)} overdue, {len(self.due_soon)} due soon"


def build_digests(district: District, today: dt.date, digest_on: dt.date) -> list[Digest]:
    """The digests still to send in ``district`` this week, from one query of the relevant items.

    Owners who can log in, have not left, have an email, have not turned the digest off and
    have not had this week's digest yet; owners with nothing to list get none. District admins also
    read how many open items people who left still own (``actions:left_items``), and get a digest for
    that line alone.
    """
    items = (
        ActionItem.objects.filter(
            district=district,
            owner__can_log_in=True,
            owner__deactivated_at__isnull=True,
            due_on__lte=today + dt.timedelta(days=7),
        )
        .open()
        .exclude(owner__email="")
        .exclude(owner__reminder_preference__weekly_digest=False)
        .exclude(owner__reminder_preference__last_digest_on__gte=digest_on)
        .select_related("owner", "school")
        .order_by("owner_id", "due_on", "pk")
    )
    digests: dict[int, Digest] = {}
    for item in items:
        digest = digests.setdefault(item.owner_id, Digest(owner=item.owner))
        line = DigestLine(item, settings.SITE_URL + reverse("actions:item_detail", kwargs={"pk": item.pk}))
        (digest.overdue if item.due_on < today else digest.due_soon).append(line)
    left = ActionItem.objects.filter(district=district, owner__deactivated_at__isnull=False).open().count()
    if left:
        admins = (
            StaffMember.objects.filter(district=district, access=Access.ADMIN, can_log_in=True)
            .active()
            .exclude(email="")
            .exclude(reminder_preference__weekly_digest=False)
            .exclude(reminder_preference__last_digest_on__gte=digest_on)
        )
        for admin in admins:
            digests.setdefault(admin.pk, Digest(owner=admin)).left_items = left
    return list(digests.values())


def send_digest(digest: Digest, *, district: District, digest_on: dt.date, today: dt.date) -> bool:
    """Claim this week's digest for the owner and queue the email, in one transaction.

    The claim is a conditional UPDATE of ``last_digest_on``, so two ticks
    running at once never send the same digest twice. Returns whether it was sent.
    """
    with transaction.atomic():
        claimed = (
            ReminderPreference.objects.filter(staff=digest.owner, weekly_digest=True)
            .filter(Q(last_digest_on__isnull=True) | Q(last_digest_on__lt=digest_on))
            .update(last_digest_on=digest_on)
        )
        if not claimed:
            return False
        context = {
            "digest": digest,
            "district": district,
            "today": today,
            "due_soon_days": DUE_SOON_DAYS,
            "my_items_url": settings.SITE_URL + reverse("actions:my_items"),
            "left_items_url": settings.SITE_URL + reverse("actions:left_items"),
            "preferences_url": settings.SITE_URL + reverse("actions:reminders"),
        }
        send_mail(
            subject=digest.subject,
            message=render_to_string("actions/email/digest.txt", context),
            from_email=None,
            recipient_list=[digest.owner.email],
        )
    return True


def send_district_digests(district: District, row: TrackerSettings, now: dt.datetime) -> int:
    """Send the district's weekly digests if their time has come this week; returns how many were sent."""
    digest_on = due_digest_date(row, district.zone, now)
    if digest_on is None:
        return 0
    today = now.astimezone(district.zone).date()
    digests = build_digests(district, today, digest_on)
    owner_ids = [d.owner.pk for d in digests]
    have = set(ReminderPreference.objects.filter(staff_id__in=owner_ids).values_list("staff_id", flat=True))
    ReminderPreference.objects.bulk_create(
        [ReminderPreference(district=district, staff_id=pk) for pk in owner_ids if pk not in have],
        ignore_conflicts=True,
    )
    return sum(send_digest(d, district=district, digest_on=digest_on, today=today) for d in digests)


def send_weekly_digests(now: dt.datetime | None = None) -> int:
    """The hourly job: every district's weekly digests that are due. Returns how many were sent."""
    now = now or timezone.now()
    rows = {row.district_id: row for row in TrackerSettings.objects.all()}
    sent = 0
    for district in District.objects.order_by("pk"):
        row = rows.get(district.pk) or tracker_settings_for(district)
        sent += send_district_digests(district, row, now)
    return sent
