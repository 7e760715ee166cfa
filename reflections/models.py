"""The seed's "School Mental Health Support Staff Reflection".

A reflection is private to its author unless they share it: with the check-in
it was requested for, their school leader, or district admins. Time is stored
as percentages of the person's week (entered as percentages or as hours and
converted), one row per task type.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from people.models import District, Role, School, StaffMember, TaskCategory


class ReflectionRequest(models.Model):
    """A leader asks a group to reflect by a date."""

    class Group(models.TextChoices):
        SERIES = "series", "The participants of a check-in series"
        SCHOOL = "school", "The staff of a school"
        ROLE = "role", "Everyone in a role"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="reflection_requests")
    requested_by = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, related_name="+")
    group = models.CharField(max_length=10, choices=Group.choices)
    series = models.ForeignKey("checkins.Series", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    meeting = models.ForeignKey(
        "checkins.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="reflection_requests"
    )
    school = models.ForeignKey(School, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    role = models.ForeignKey(Role, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    message = models.TextField(blank=True)
    due_on = models.DateField()
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Reflection request due {self.due_on}"


class RequestRecipient(models.Model):
    """One person asked by a request; ``reflection`` once they have submitted."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    request = models.ForeignKey(ReflectionRequest, on_delete=models.CASCADE, related_name="recipients")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="reflection_requests_received")
    reflection = models.ForeignKey("Reflection", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint("request", "staff", name="request_recipient_unique")]

    def __str__(self) -> str:
        return f"{self.staff} asked by {self.request}"


class TimeUnit(models.TextChoices):
    PERCENT = "percent", "Percent of my time"
    HOURS = "hours", "Hours per week"


class Reflection(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="reflections")
    author = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="reflections")
    role = models.ForeignKey(Role, on_delete=models.RESTRICT, related_name="+", help_text="The author's role then.")
    school = models.ForeignKey(
        School,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The author's main school then.",
    )
    date = models.DateField()
    support_needed = models.TextField("What support do you need, if any, to better serve students?", blank=True)
    barriers = models.TextField(
        "Are there any barriers preventing you from supporting students? If so, what are those barriers?", blank=True
    )
    barrier_kinds = models.JSONField(default=list, blank=True, help_text="BarrierKind values.")
    time_unit = models.CharField(max_length=10, choices=TimeUnit.choices, default=TimeUnit.PERCENT)
    weekly_hours = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="The author's hours a week (FTE × the district's hours per FTE) when entered in hours.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    request = models.ForeignKey(
        ReflectionRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="reflections"
    )
    meeting = models.ForeignKey(
        "checkins.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="reflections"
    )
    share_with_checkin = models.BooleanField("the check-in it was requested for", default=False)
    share_with_leader = models.BooleanField("my school leader", default=False)
    share_with_admins = models.BooleanField("district admins", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["district", "status", "date"]),
            models.Index(fields=["author", "date"]),
            models.Index(fields=["district", "status", "submitted_at"]),
        ]

    def __str__(self) -> str:
        return f"Reflection of {self.author} on {self.date}"

    @property
    def is_private(self) -> bool:
        return not (self.share_with_checkin or self.share_with_leader or self.share_with_admins)


PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class TimeAllocation(models.Model):
    """One row of the reflection's time table: ideal and current share of the week for a task type."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="allocations")
    category = models.ForeignKey(
        TaskCategory,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty for an 'Other' row the author added.",
    )
    label = models.CharField(max_length=160, blank=True, help_text="The author's name for an added row.")
    position = models.PositiveSmallIntegerField(default=0)
    ideal_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT)
    current_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT)
    actions = models.TextField("What actions could be taken to move toward your ideal time allocation?", blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(ideal_percent__isnull=True) | Q(ideal_percent__gte=0, ideal_percent__lte=100))
                & (Q(current_percent__isnull=True) | Q(current_percent__gte=0, current_percent__lte=100)),
                name="time_allocation_percent_range",
            ),
        ]
        indexes = [models.Index(fields=["district", "category"])]

    def __str__(self) -> str:
        return f"{self.category or self.label}: {self.ideal_percent} / {self.current_percent}"


class LeaderEstimate(models.Model):
    """A school leader's own estimate of how a staff member's time is spent."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    leader = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="leader_estimates")
    date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.leader}'s estimate for {self.staff} on {self.date}"


class LeaderEstimateRow(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    estimate = models.ForeignKey(LeaderEstimate, on_delete=models.CASCADE, related_name="rows")
    category = models.ForeignKey(TaskCategory, on_delete=models.RESTRICT, related_name="+")
    current_percent = models.DecimalField(max_digits=5, decimal_places=2, validators=PERCENT)

    class Meta:
        constraints = [models.UniqueConstraint("estimate", "category", name="leader_estimate_row_unique")]

    def __str__(self) -> str:
        return f"{self.category}: {self.current_percent}%"


class ReflectionRead(models.Model):
    """One read of a reflection by someone other than its author: who, when, on which page.

    Append-only for the app: rows are written as a side effect of showing a reflection
    (``reflections.reads``) and no page or service edits or deletes one; the hourly job removes
    rows older than ``settings.READ_LOG_DAYS``. ``reader_name`` keeps the name at the time of reading.
    """

    class Surface(models.TextChoices):
        PAGE = "page", "The reflection's page"
        PRINT = "print", "The printed form"
        COMPARISON = "comparison", "The comparison with an estimate"
        CHECKIN = "checkin", "The check-in meeting page"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="reads")
    reader = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, related_name="+")
    reader_name = models.CharField(max_length=200)
    surface = models.CharField(max_length=12, choices=Surface.choices)
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["reflection", "read_at"]),
            models.Index(fields=["read_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.reader_name} read {self.reflection} on {self.read_at:%Y-%m-%d %H:%M}"


class FigureRelease(models.Model):
    """A quarter's published group figures for a district (``reflections.publication``).

    Made once the quarter is over, from the latest reflection each person submitted in it, and never
    changed afterwards except to hide more (when the district raises its minimum group size).
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    quarter = models.DateField(help_text="The quarter's first day (1 July, 1 October, 1 January or 1 April).")
    minimum = models.PositiveSmallIntegerField(help_text="The minimum group size the figures are protected with.")
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint("district", "quarter", name="figure_release_unique_quarter")]

    def __str__(self) -> str:
        return f"Figures of {self.district} for the quarter from {self.quarter}"


class PublishedFigure(models.Model):
    """One entry of a quarter's table: the district, a role, a school, or a role at a school.

    ``state`` says whether it is shown (``reflections.suppression``). The sums are kept for every
    entry so that the table can be protected again, but only shown entries are ever read out.
    """

    class Kind(models.TextChoices):
        DISTRICT = "district", "The district"
        ROLE = "role", "A role"
        SCHOOL = "school", "A school"
        CELL = "cell", "A role at a school"

    class State(models.TextChoices):
        SHOWN = "shown", "Shown"
        SMALL = "small", "Hidden: fewer people than the minimum"
        PROTECTS = "protects", "Hidden to protect a smaller group"
        UNPUBLISHED = "unpublished", "Never published (people without a school)"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    release = models.ForeignKey(FigureRelease, on_delete=models.CASCADE, related_name="figures")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    role = models.ForeignKey(Role, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    school = models.ForeignKey(School, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    state = models.CharField(max_length=12, choices=State.choices)
    people = models.PositiveIntegerField(default=0)
    with_ideal = models.PositiveIntegerField(default=0)
    with_current = models.PositiveIntegerField(default=0)
    ideal = models.JSONField(default=dict, blank=True, help_text="Sum of ideal percentages per task type id.")
    current = models.JSONField(default=dict, blank=True, help_text="Sum of current percentages per task type id.")
    barriers = models.JSONField(default=dict, blank=True, help_text="People per barrier kind.")

    class Meta:
        indexes = [models.Index(fields=["release", "kind", "school", "role"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.role_id}/{self.school_id}: {self.state}"
