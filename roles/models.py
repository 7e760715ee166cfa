"""The seed's "Resource to define potential staff roles".

The role × task capability matrix (yes / no / could with district training),
the capacity-constrained roles and their priority tasks, limits from local
agreements, the training glossary, and a shift plan per shifted task.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from core.models import SpreadsheetUpload
from people.models import District, Role, School, StaffMember, Task, TaskCategory


class Capability(models.TextChoices):
    """A matrix cell, as the seed's template words it. No row means "not yet decided"."""

    YES = "yes", "Yes — has the skills through certification or credentials"
    NO = "no", "No — could not, even with training"
    TRAINING = "training", "Could with additional training provided by the district"


class CapabilityCell(models.Model):
    """Whether ``role`` can do ``task``: for the district (``school`` empty) or overridden for one school."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(School, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="capability_cells")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="capability_cells")
    value = models.CharField(max_length=10, choices=Capability.choices)
    updated_by = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "task", "role", condition=Q(school__isnull=True), name="capability_unique_district_cell"
            ),
            models.UniqueConstraint(
                "task", "role", "school", condition=Q(school__isnull=False), name="capability_unique_school_cell"
            ),
        ]
        indexes = [models.Index(fields=["district", "school"])]

    def __str__(self) -> str:
        return f"{self.role} × {self.task}: {self.value}"


class ConstrainedRole(models.Model):
    """A mental health role the district admin confirmed as capacity-constrained."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    role = models.OneToOneField(Role, on_delete=models.CASCADE, related_name="constrained")
    needed_priority_hours = models.DecimalField(
        "more priority hours needed per week",
        max_digits=8,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="E.g. students waiting for Tier 2/3 support, in hours a week across the district.",
    )
    confirmed_by = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    confirmed_at = models.DateTimeField(auto_now_add=True)
    notes = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.role} (capacity-constrained)"


class PriorityTask(models.Model):
    """A task a constrained role should spend its time on."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="priority_tasks")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="priority_for")

    class Meta:
        constraints = [models.UniqueConstraint("role", "task", name="priority_task_unique")]

    def __str__(self) -> str:
        return f"{self.task} is a priority for {self.role}"


class RoleLimit(models.Model):
    """A hard limit from a local agreement, e.g. teachers: at most 1 hour a week of non-counseling duties.

    Without a category the limit is on all shifted work the role receives.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="limits")
    category = models.ForeignKey(TaskCategory, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    max_hours_per_week = models.DecimalField(
        max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0"))]
    )
    source = models.CharField(max_length=200, blank=True, help_text="The agreement, e.g. the teachers' contract.")

    class Meta:
        constraints = [
            models.UniqueConstraint("role", "category", name="role_limit_unique"),
            models.CheckConstraint(condition=Q(max_hours_per_week__gte=0), name="role_limit_hours_positive"),
        ]

    def __str__(self) -> str:
        scope = self.category or "shifted work"
        return f"{self.role}: at most {self.max_hours_per_week} h/week of {scope}"


class Audience(models.TextChoices):
    TEACHERS = "teachers", "Teachers"
    HEALTH_STAFF = "health_staff", "District health staff"
    GENERAL_STAFF = "general_staff", "General staff"
    STUDENTS = "students", "Students (to become peer supports)"


class Training(models.Model):
    """A training from the glossary, linked to the tasks and roles it prepares for."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="trainings")
    name = models.CharField(max_length=200)
    audience = models.CharField(max_length=20, choices=Audience.choices)
    format = models.CharField(max_length=120, blank=True, help_text="E.g. in person, online, blended.")
    length = models.CharField(max_length=120, blank=True, help_text="E.g. 8 hours, two days.")
    hours = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    cost_per_person = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    url = models.URLField(blank=True)
    description = models.TextField(blank=True)
    tasks: models.ManyToManyField[Task, TrainingTask] = models.ManyToManyField(
        Task, through="TrainingTask", related_name="trainings", blank=True
    )
    roles: models.ManyToManyField[Role, TrainingRole] = models.ManyToManyField(
        Role, through="TrainingRole", related_name="trainings", blank=True
    )
    seed_key = models.SlugField(max_length=60, blank=True, editable=False)
    retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["audience", "name"]
        constraints = [
            models.UniqueConstraint("district", "audience", "name", name="training_unique_per_audience"),
        ]

    def __str__(self) -> str:
        return self.name


class TrainingTask(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    training = models.ForeignKey(Training, on_delete=models.CASCADE)
    task = models.ForeignKey(Task, on_delete=models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint("training", "task", name="training_task_unique")]

    def __str__(self) -> str:
        return f"{self.training} → {self.task}"


class TrainingRole(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    training = models.ForeignKey(Training, on_delete=models.CASCADE)
    role = models.ForeignKey(Role, on_delete=models.CASCADE)

    class Meta:
        constraints = [models.UniqueConstraint("training", "role", name="training_role_unique")]

    def __str__(self) -> str:
        return f"{self.training} → {self.role}"


class ShiftPlan(models.Model):
    """The seed's seven questions for one shifted task, with a status and an owner."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Shifted"
        ABANDONED = "abandoned", "Abandoned"

    class Staffing(models.TextChoices):
        EXISTING = "existing", "Existing staff will manage the shifted tasks"
        HIRING = "hiring", "Hiring is required"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="shift_plans")
    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="shift_plans",
        help_text="Empty for a district-wide plan.",
    )
    task = models.ForeignKey(Task, on_delete=models.RESTRICT, related_name="shift_plans", verbose_name="task shifted")
    from_role = models.ForeignKey(
        Role, on_delete=models.RESTRICT, related_name="shifted_from", verbose_name="role the task moves away from"
    )
    to_roles: models.ManyToManyField[Role, ShiftPlanRole] = models.ManyToManyField(
        Role, through="ShiftPlanRole", related_name="shifted_to"
    )
    hours_per_week = models.DecimalField(
        "hours a week shifted",
        max_digits=6,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    shift_when = models.CharField("when responsibility shifts", max_length=200, blank=True)
    shift_on = models.DateField("date responsibility shifts", null=True, blank=True)
    communication = models.TextField("how it will be communicated to affected employees", blank=True)
    parent_communication = models.TextField("how it will be communicated to parents, where relevant", blank=True)
    staffing = models.CharField(max_length=10, choices=Staffing.choices, default=Staffing.EXISTING)
    hiring_responsible = models.ForeignKey(
        StaffMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="who is responsible for hiring",
    )
    training_needed = models.BooleanField(default=False)
    training_responsible = models.ForeignKey(
        StaffMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="who is responsible for training",
    )
    other_steps = models.TextField("other steps or resources needed", blank=True)
    workload_note = models.TextField(
        "reduction of other assignments for staff receiving the task",
        blank=True,
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    owner = models.ForeignKey(
        StaffMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_shift_plans"
    )
    created_by = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"Shift {self.task} from {self.from_role}"


class ShiftPlanRole(models.Model):
    """A role receiving the shifted task, with the hours a week it takes on."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(ShiftPlan, on_delete=models.CASCADE, related_name="receiving")
    role = models.ForeignKey(Role, on_delete=models.RESTRICT, related_name="+")
    hours_per_week = models.DecimalField(
        max_digits=6, decimal_places=1, default=Decimal("0"), validators=[MinValueValidator(Decimal("0"))]
    )

    class Meta:
        constraints = [models.UniqueConstraint("plan", "role", name="shift_plan_role_unique")]

    def __str__(self) -> str:
        return f"{self.role} takes {self.hours_per_week} h/week"


class ShiftPlanTraining(models.Model):
    """A training a shift plan needs, and for how many people."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(ShiftPlan, on_delete=models.CASCADE, related_name="trainings")
    training = models.ForeignKey(Training, on_delete=models.RESTRICT, related_name="+")
    people = models.PositiveIntegerField(default=1, validators=[MinValueValidator(1)])

    class Meta:
        constraints = [models.UniqueConstraint("plan", "training", name="shift_plan_training_unique")]

    def __str__(self) -> str:
        return f"{self.training} for {self.people}"


class MatrixUpload(SpreadsheetUpload):
    """An uploaded matrix workbook on its way through the import (checked, confirmed, applied by the worker)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(School, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    uploaded_by = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, related_name="+")

    importer_path = "roles.services.matrix_import.MATRIX"


# The shift planner's records live beside its Django code; imported here so that Django registers them
# with this app and ``from roles.models import PlannerRun`` keeps working.
from roles.planning.models import PlannerEstimate, PlannerRun, PlannerRunSchool, PlannerSettings  # noqa: E402

__all__ = [
    "Audience",
    "Capability",
    "CapabilityCell",
    "ConstrainedRole",
    "PlannerEstimate",
    "PlannerRun",
    "PlannerRunSchool",
    "PlannerSettings",
    "PriorityTask",
    "RoleLimit",
    "ShiftPlan",
    "ShiftPlanRole",
    "ShiftPlanTraining",
    "Training",
    "TrainingRole",
    "TrainingTask",
]
