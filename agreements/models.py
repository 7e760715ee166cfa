"""Annual agreements: what a staff member and their school leader agree for a school year.

An agreement belongs to one staff member at one school for one school year (a person at two schools
has one with each school's leader). It holds the planned share of time per task type, the caseload,
the responsibilities, the duties agreed to be removed (linked to shift plans), the professional
development (from the training glossary), the availability hours, and one to five goals. Both parties
sign a numbered version; any change after a signature makes a new version that must be signed again.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from actions.models import ActionItem
from checkins.models import Meeting
from people.models import District, Role, School, StaffMember, TaskCategory
from roles.models import ShiftPlan, Training

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]
MAX_GOALS = 5


class AgreementQuerySet(models.QuerySet):
    def signed(self):
        return self.filter(status=Agreement.Status.SIGNED)


class Agreement(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        SIGNED = "signed", "Signed"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="agreements")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    leader = models.ForeignKey(
        StaffMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="school leader",
        help_text="The leader of the school who signs with the staff member.",
    )
    year = models.PositiveSmallIntegerField("school year", help_text="The calendar year the school year starts in.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1)
    caseload = models.PositiveIntegerField("caseload (students)", null=True, blank=True)
    responsibilities = models.TextField(blank=True)
    duties_removed = models.TextField("duties agreed to be removed", blank=True)
    shift_plans = models.ManyToManyField(ShiftPlan, blank=True, related_name="+", verbose_name="linked shift plans")
    trainings = models.ManyToManyField(Training, blank=True, related_name="+", verbose_name="professional development")
    availability = models.CharField(
        "availability hours", max_length=200, blank=True, help_text="E.g. Monday to Friday, 7:30 to 3:30."
    )
    created_by = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "staff__name"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "school", "year"], name="agreement_one_per_staff_school_year"),
            models.CheckConstraint(condition=~Q(leader=models.F("staff")), name="agreement_leader_is_not_staff"),
        ]
        indexes = [models.Index(fields=["district", "year", "status"], name="agreement_district_year")]

    def __str__(self) -> str:
        return f"{self.staff} at {self.school}, {self.year_label}"

    @property
    def year_label(self) -> str:
        """``2026–27`` for the school year starting in 2026."""
        return f"{self.year}–{(self.year + 1) % 100:02d}"


class PlannedShare(models.Model):
    """The planned percent of working time on one task type."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="shares")
    category = models.ForeignKey(TaskCategory, on_delete=models.RESTRICT, related_name="+")
    percent = models.DecimalField(max_digits=5, decimal_places=1, validators=PERCENT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "category"], name="planned_share_one_per_task_type"),
            models.CheckConstraint(condition=Q(percent__gte=0, percent__lte=100), name="planned_share_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.percent}%"


class Goal(models.Model):
    class Kind(models.TextChoices):
        TIME = "time", "Time goal (measured from reflections and time sampling)"
        PROGRAM = "program", "Program goal (progress entered)"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="goals")
    position = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PROGRAM)
    statement = models.TextField()
    indicator = models.CharField(max_length=200, help_text="What is measured, e.g. attendance rate of the group.")
    categories = models.ManyToManyField(
        TaskCategory,
        blank=True,
        related_name="+",
        verbose_name="task types measured",
        help_text="Time goals: the share of working time on these task types.",
    )
    baseline = models.DecimalField(max_digits=9, decimal_places=1)
    baseline_on = models.DateField("baseline date")
    target = models.DecimalField(max_digits=9, decimal_places=1)
    due_on = models.DateField("target date")
    owner = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    action_items = models.ManyToManyField(ActionItem, blank=True, related_name="+", verbose_name="linked action items")

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["agreement", "position"], name="goal_position_unique")]

    def __str__(self) -> str:
        return f"Goal {self.position}: {self.indicator}"


class Progress(models.Model):
    """A progress update on a goal: a value (program goals) and a note, maybe recorded at a check-in."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="progress")
    recorded_on = models.DateField()
    value = models.DecimalField(max_digits=9, decimal_places=1, null=True, blank=True)
    note = models.TextField(blank=True)
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_by = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_on", "-pk"]
        indexes = [models.Index(fields=["goal", "recorded_on"], name="goal_progress_by_date")]

    def __str__(self) -> str:
        return f"Progress on {self.goal} on {self.recorded_on}"


class Version(models.Model):
    """One numbered version of an agreement's text, with the two signatures it received."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField(default=list, help_text="[key, label, text] per part of the agreement.")
    created_at = models.DateTimeField(auto_now_add=True)
    staff_signed_at = models.DateTimeField(null=True, blank=True)
    staff_signed_name = models.CharField(max_length=200, blank=True)
    leader_signed_at = models.DateTimeField(null=True, blank=True)
    leader_signed_name = models.CharField(max_length=200, blank=True)
    leader_signed_by = models.ForeignKey(
        StaffMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["agreement", "-number"]
        constraints = [models.UniqueConstraint(fields=["agreement", "number"], name="agreement_version_unique")]

    def __str__(self) -> str:
        return f"Version {self.number}"

    @property
    def signed_by_both(self) -> bool:
        return self.staff_signed_at is not None and self.leader_signed_at is not None

    @property
    def has_signature(self) -> bool:
        return self.staff_signed_at is not None or self.leader_signed_at is not None


class Event(models.Model):
    """The agreement's history: created, edited (with what changed), sent for review, signed, commented."""

    class Kind(models.TextChoices):
        CREATED = "created", "Started"
        EDITED = "edited", "Changed"
        REVIEW = "review", "Sent for review"
        SIGNED = "signed", "Signed"
        COMMENT = "comment", "Comment"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    version = models.PositiveIntegerField()
    at = models.DateTimeField()
    by = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    text = models.TextField(blank=True)
    changes = models.JSONField(default=list, blank=True, help_text="[label, old, new] per change.")

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["agreement", "at"], name="agreement_event_by_time")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} (version {self.version})"


class RoleTarget(models.Model):
    """The district's target share of time per task type for a role: new agreements start from it."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(TaskCategory, on_delete=models.CASCADE, related_name="+")
    percent = models.DecimalField(max_digits=5, decimal_places=1, validators=PERCENT)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["role", "category"], name="role_target_one_per_task_type"),
            models.CheckConstraint(condition=Q(percent__gte=0, percent__lte=100), name="role_target_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.category} {self.percent}%"
