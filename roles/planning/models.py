"""The shift planner's records: the district's planner settings, stored runs (a summary and one row per
school) and the current hours entered where there are no reflections. Part of the ``roles`` app
(re-exported by ``roles.models``).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from people.models import District, Role, School, StaffMember, Task


class PlannerSettings(models.Model):
    """The shift planner's editable inputs for a district (``roles.planning.adapter``).

    ``receiving_capacity`` maps a role id (as a string) to the hours a week of new work one FTE of that
    role can take on; roles missing get the defaults in ``roles.planning.adapter.DEFAULT_CAPACITY``.
    """

    district = models.OneToOneField(District, on_delete=models.CASCADE, related_name="planner_settings")
    receiving_capacity = models.JSONField(default=dict, blank=True)
    hire_cost_per_fte = models.DecimalField(
        "hiring cost per FTE ($)",
        max_digits=9,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Empty: the planner proposes no hires.",
    )
    budget = models.DecimalField(
        "budget for trainings and hires ($)",
        max_digits=10,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Empty: no budget limit.",
    )
    time_limit = models.PositiveIntegerField("time limit (seconds)", default=10, validators=[MinValueValidator(1)])
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Planner settings of {self.district}"


class PlannerRun(models.Model):
    """One run of the shift planner, stored so that its pages read only what they show.

    The run keeps the district-wide part of its inputs snapshot (``inputs``) and of
    ``PlanResult.to_dict()`` (``result``: every binding limit and problem), and, once done, a small
    ``summary`` of what its pages show across schools (``roles.planning.report.summarize``). Each
    school's part of both is a :class:`PlannerRunSchool`. ``roles.planning.runs`` puts them together.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, null=True, blank=True, related_name="+", help_text="Empty: the district."
    )
    created_by = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.TextField(blank=True)
    inputs = models.JSONField(default=dict, help_text="The snapshot without its schools.")
    result = models.JSONField(null=True, blank=True, help_text="PlanResult.to_dict() without its schools.")
    summary = models.JSONField(null=True, blank=True, help_text="What the run's pages show across its schools.")
    seconds = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["district", "created_at"])]

    def __str__(self) -> str:
        return f"Planner run {self.pk} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class PlannerRunSchool(models.Model):
    """One school of a run: its part of the inputs snapshot and, once planned, of the result.

    ``position`` is its place in the snapshot's schools, ``plan_position`` its place in the result's
    (empty where it has no plan), which keys its moves ("<plan position>:<move index>").
    ``moves_digest`` (``report.moves_digest``) lets two runs be compared school by school in the database.
    """

    run = models.ForeignKey(PlannerRun, on_delete=models.CASCADE, related_name="schools")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    plan_position = models.PositiveIntegerField(null=True, blank=True)
    changes = models.BooleanField(default=False, help_text="Its plan has moves, trainings or hires.")
    move_count = models.PositiveIntegerField(default=0)
    moves_digest = models.CharField(max_length=40, blank=True)
    # The large columns last: SQLite then reads the figures above without walking through them.
    inputs = models.JSONField(default=dict)
    moves = models.JSONField(default=list)
    sentences = models.JSONField(default=list)
    trainings = models.JSONField(default=list)
    hires = models.JSONField(default=list)
    freed = models.JSONField(default=dict)
    after = models.JSONField(default=dict)

    class Meta:
        ordering = ["run", "position"]
        constraints = [models.UniqueConstraint("run", "position", name="planner_run_school_position_unique")]
        indexes = [
            # The run page's schools whose plan changes something, in plan order, a page at a time.
            models.Index(fields=["run", "plan_position"], condition=Q(changes=True), name="planner_run_school_changes"),
            # Comparing two runs school by school reads this index only.
            models.Index(fields=["run", "name", "moves_digest", "move_count"], name="planner_run_school_moves"),
        ]

    def __str__(self) -> str:
        return f"{self.name} in planner run {self.run_id}"


class PlannerEstimate(models.Model):
    """Hours a week one role spends on one task at one school, entered for the shift planner.

    Used only where nobody in the role at the school has a reflection or a leader's estimate
    (``roles.planning.adapter``). A role with rows has an estimate: its tasks without a row count as
    0 h; a role without rows has none.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+")
    hours = models.DecimalField(
        "hours a week", max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0"))]
    )
    updated_by = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint("school", "role", "task", name="planner_estimate_unique"),
            models.CheckConstraint(condition=Q(hours__gte=0), name="planner_estimate_hours_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.role} × {self.task} at {self.school}: {self.hours} h/week"
