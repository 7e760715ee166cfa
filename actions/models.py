"""The check-in action item tracker: the seed's five columns and more.

Overdue is never stored: it is computed from the due date in the district's
time zone (``ActionItemQuerySet.overdue``, ``ActionItem.is_overdue``).
"""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q

from core.models import SpreadsheetUpload
from people.models import District, School, StaffMember


class Status(models.TextChoices):
    """The seed's statuses, exactly as its paper tracker names them."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    BLOCKED = "blocked", "Blocked or behind schedule"
    ABANDONED = "abandoned", "Abandoned"
    COMPLETED = "completed", "Completed"


CLOSED_STATUSES = (Status.ABANDONED, Status.COMPLETED)
#: The statuses in the seed's order (not alphabetical), for sorting by progress.
STATUS_ORDER = models.Case(
    *(models.When(status=value, then=models.Value(index)) for index, value in enumerate(Status.values)),
    output_field=models.PositiveSmallIntegerField(),
)
OPEN_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.BLOCKED)


class Origin(models.TextChoices):
    NONE = "", "Added directly"
    CHECKIN = "checkin", "A check-in"
    SHIFT_PLAN = "shift_plan", "A shift plan"
    IMPORT = "import", "A spreadsheet import"


class BarrierKind(models.TextChoices):
    """Kinds of barrier raised in check-ins and reflections."""

    SPACE = "space", "Space"
    DUTIES = "duties", "Duties and time"
    PAPERWORK = "paperwork", "Paperwork and data systems"
    ROLE_CLARITY = "role_clarity", "Role clarity"
    STAFFING = "staffing", "Staffing"
    TRAINING = "training", "Training"
    OTHER = "other", "Other"


class Barrier(models.Model):
    """Something that stops staff from using their education and training.

    Raised in a check-in or a reflection; action items can address one.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="barriers")
    school = models.ForeignKey(School, on_delete=models.SET_NULL, null=True, blank=True, related_name="barriers")
    kind = models.CharField(max_length=20, choices=BarrierKind.choices, default=BarrierKind.OTHER)
    description = models.TextField()
    raised_by = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    raised_on = models.DateField()
    origin = models.CharField(
        max_length=20,
        choices=[("", "Added directly"), ("checkin", "A check-in"), ("reflection", "A reflection")],
        blank=True,
        default="",
    )
    origin_ref = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The check-in meeting or reflection this barrier was raised in."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-raised_on", "-pk"]
        indexes = [models.Index(fields=["origin", "origin_ref"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:60]}"


def owner_sort_key(name: str) -> str:
    """How a responsible person's name sorts: case-insensitively, leading spaces ignored."""
    return name.strip().lower()[:200]


class ActionItemQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: dt.date):
        """Items whose due date is before ``today`` (the district's local date) and still open."""
        return self.open().filter(due_on__lt=today)

    def due_within(self, today: dt.date, days: int):
        return self.open().filter(due_on__gte=today, due_on__lte=today + dt.timedelta(days=days))


class ActionItem(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="action_items")
    school = models.ForeignKey(School, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items")
    created_on = models.DateField("item creation date")
    description = models.TextField("action item")
    status = models.CharField("progress", max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    owner = models.ForeignKey(
        StaffMember,
        verbose_name="who is responsible",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_action_items",
    )
    owner_name = models.CharField(
        "responsible (name)",
        max_length=200,
        blank=True,
        help_text="For someone not in the staff list; can be matched to a staff member later.",
    )
    due_on = models.DateField("when will it be done", null=True, blank=True)
    # The lists sort by these two without a join or a computed expression, so a page is read off an index.
    status_rank = models.GeneratedField(
        expression=STATUS_ORDER, output_field=models.PositiveSmallIntegerField(), db_persist=True
    )
    owner_sort = models.CharField(
        max_length=200, blank=True, default="", editable=False, help_text="Who is responsible, in lower case."
    )
    completed_on = models.DateField(null=True, blank=True)
    origin = models.CharField(max_length=20, choices=Origin.choices, blank=True, default=Origin.NONE)
    origin_ref = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The check-in meeting or shift plan this item came from."
    )
    barrier = models.ForeignKey(Barrier, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items")
    notes = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1, validators=[MaxValueValidator(2**31)])
    created_by = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["district", "status", "due_on"]),
            models.Index(fields=["district", "school", "status"]),
            models.Index(fields=["owner", "status"]),
            models.Index(fields=["district", "created_on"]),
            # The lists' default order (due date): the first page is read straight off this index.
            models.Index(fields=["district", "due_on", "id"], name="action_item_district_due"),
            # A check-in's items, and those of a series' earlier meetings (checkins.services.meetings), and a
            # shift plan's, in the lists' order (due date) straight off the index.
            models.Index(fields=["origin", "origin_ref", "due_on", "id"], name="action_item_origin_due"),
            # Sorting the lists by progress or by who is responsible.
            models.Index(fields=["district", "status_rank", "due_on", "id"], name="action_item_district_status"),
            models.Index(fields=["district", "owner_sort", "due_on", "id"], name="action_item_district_owner"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(status=Status.COMPLETED),
                name="action_item_completed_on_only_when_completed",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def set_owner_sort(self) -> None:
        """Keep ``owner_sort`` in step with the owner or the plain name (call before saving)."""
        self.owner_sort = owner_sort_key(self.owner.name if self.owner_id and self.owner else self.owner_name)

    @property
    def responsible(self) -> str:
        return self.owner.name if self.owner_id and self.owner else self.owner_name

    def is_overdue(self, today: dt.date) -> bool:
        return self.due_on is not None and self.due_on < today and self.status in OPEN_STATUSES


class ActionItemChange(models.Model):
    """One field of one item changed: who, when, old → new (display values)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    changed_at = models.DateTimeField()
    field = models.CharField(max_length=40)
    version = models.PositiveIntegerField(default=1, help_text="The item's version after this change.")
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["item", "changed_at"])]

    def __str__(self) -> str:
        return f"{self.field}: {self.old_value} → {self.new_value}"


class TrackerSettings(models.Model):
    """When the district's weekly digest goes out, in the district's time zone."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    district = models.OneToOneField(District, on_delete=models.CASCADE, related_name="tracker_settings")
    digest_weekday = models.PositiveSmallIntegerField(choices=Weekday.choices, default=Weekday.MONDAY)
    digest_hour = models.PositiveSmallIntegerField(
        default=7, validators=[MaxValueValidator(23)], help_text="Hour of the day (0–23), district time."
    )

    class Meta:
        verbose_name_plural = "tracker settings"
        constraints = [models.CheckConstraint(condition=Q(digest_hour__lte=23), name="tracker_digest_hour_range")]

    def __str__(self) -> str:
        return f"Tracker settings of {self.district}"


class ReminderPreference(models.Model):
    """A person's choice of reminder emails (both on unless they turn them off)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    staff = models.OneToOneField(StaffMember, on_delete=models.CASCADE, related_name="reminder_preference")
    weekly_digest = models.BooleanField("weekly digest of my items", default=True)
    assignment_emails = models.BooleanField("email me when someone assigns me an item", default=True)
    last_digest_on = models.DateField(null=True, blank=True, editable=False)

    def __str__(self) -> str:
        return f"Reminders for {self.staff}"


class TrackerUpload(SpreadsheetUpload):
    """An uploaded tracker spreadsheet on its way through the import (checked, confirmed, applied by the worker)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(School, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    uploaded_by = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, related_name="+")

    importer_path = "actions.spreadsheets.importer.TRACKER"
