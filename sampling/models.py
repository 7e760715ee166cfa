"""Time sampling (a random moment time study): working hours, studies, participants and moments.

A study draws one-minute moments of its participants' working time; the person
drawn for a moment says what they were doing then. Everything about a moment
that the results need (role, school, answer) is on the moment itself, so the
results are a few grouped counts.
"""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from people.models import District, Role, School, StaffMember, TaskCategory


class RoleHours(models.Model):
    """The district's default working hours for a role, e.g. 7:30–15:30 on school days."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    role = models.OneToOneField(Role, on_delete=models.CASCADE, related_name="working_hours")
    starts = models.TimeField()
    ends = models.TimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(ends__gt=models.F("starts")), name="role_hours_end_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.starts:%H:%M}–{self.ends:%H:%M}"


class PersonHours(models.Model):
    """A person's own working hours, used instead of their role's where set."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    staff = models.OneToOneField(StaffMember, on_delete=models.CASCADE, related_name="working_hours")
    starts = models.TimeField()
    ends = models.TimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(ends__gt=models.F("starts")), name="person_hours_end_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.staff}: {self.starts:%H:%M}–{self.ends:%H:%M}"


class Study(models.Model):
    """A random moment time study over a period, for chosen roles (and schools)."""

    class Confidence(models.IntegerChoices):
        NINETY = 90, "90%"
        NINETY_FIVE = 95, "95%"
        NINETY_NINE = 99, "99%"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="studies")
    name = models.CharField(max_length=200)
    first_day = models.DateField()
    last_day = models.DateField()
    roles = models.ManyToManyField(Role, related_name="+")
    schools = models.ManyToManyField(
        School, blank=True, related_name="+", help_text="Leave empty for every school of the district."
    )
    margin = models.PositiveSmallIntegerField(
        "precision wanted (± points)",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(25)],
        help_text="Each role's shares known within this many percentage points.",
    )
    confidence = models.PositiveSmallIntegerField(choices=Confidence.choices, default=Confidence.NINETY_FIVE)
    oversampling = models.PositiveSmallIntegerField(
        "oversampling (%)",
        default=10,
        validators=[MaxValueValidator(100)],
        help_text="Extra moments drawn for the ones that will go unanswered.",
    )
    answer_window = models.PositiveSmallIntegerField(
        "answer window (school days)",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="School days after a moment during which it can still be answered.",
    )
    size_from_last_study = models.BooleanField(
        "size from the last valid study's shares",
        default=False,
        help_text="Otherwise the worst case (a share of 50%), which is always enough.",
    )
    use_in_planner = models.BooleanField(
        "let the shift planner use these shares",
        default=True,
        help_text="Once finished with a valid response rate, the planner takes each role's sampled shares as "
        "its current time.",
    )
    created_by = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    seed = models.BigIntegerField(null=True, blank=True, editable=False)
    school_days = models.JSONField(default=list, editable=False, help_text="The school days drawn over (ISO dates).")
    drawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    drawn_by = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, related_name="+", editable=False)
    closes_at = models.DateTimeField(null=True, blank=True, editable=False, help_text="When the last moment expires.")

    class Meta:
        ordering = ["-first_day", "-pk"]
        verbose_name_plural = "studies"
        constraints = [
            models.CheckConstraint(condition=Q(last_day__gte=models.F("first_day")), name="study_period_in_order"),
        ]

    def __str__(self) -> str:
        return self.name

    def status(self, now: dt.datetime) -> str:
        """``draft`` (not drawn yet), ``running`` (moments to come or to answer) or ``finished``."""
        if self.drawn_at is None:
            return "draft"
        return "finished" if self.closes_at is None or self.closes_at <= now else "running"


class Participant(models.Model):
    """A person in a drawn study, with the working hours and school the draw used."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="participants")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey(Role, on_delete=models.RESTRICT, related_name="+")
    school = models.ForeignKey(School, on_delete=models.SET_NULL, null=True, related_name="+")
    starts = models.PositiveSmallIntegerField(help_text="Minutes after midnight.")
    ends = models.PositiveSmallIntegerField(help_text="Minutes after midnight (excluded).")

    class Meta:
        constraints = [models.UniqueConstraint("study", "staff", name="participant_unique_per_study")]
        indexes = [models.Index(fields=["study", "role", "school"])]

    def __str__(self) -> str:
        return f"{self.staff} in {self.study}"


class NotWorking(models.TextChoices):
    OUTSIDE_HOURS = "outside_hours", "Before or after my hours"
    PAID_LEAVE = "paid_leave", "On paid leave"
    UNPAID_LEAVE = "unpaid_leave", "On unpaid leave"


class WithWhom(models.TextChoices):
    STUDENTS = "students", "A student or students"
    FAMILY = "family", "A family"
    STAFF = "staff", "School staff"
    ALONE = "alone", "Alone"
    OTHER = "other", "Someone else"


class Moment(models.Model):
    """One person × one minute of a study, and the answer given for it (if any).

    ``role`` and ``school`` are the participant's, copied so the results are grouped counts of one table.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    # no index of their own: each leads one below (fewer indexes to write for each of a draw's 50,000 rows)
    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="moments", db_index=False)
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="moments", db_index=False)
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+", db_index=False)
    role = models.ForeignKey(Role, on_delete=models.RESTRICT, related_name="+")
    school = models.ForeignKey(School, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField()
    remind_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    prompted_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    late = models.BooleanField(default=False, help_text="Answered after the reminder was due.")
    working = models.BooleanField(null=True)
    not_working = models.CharField(max_length=20, choices=NotWorking.choices, blank=True)
    task_type = models.ForeignKey(TaskCategory, on_delete=models.RESTRICT, null=True, blank=True, related_name="+")
    with_whom = models.CharField(max_length=10, choices=WithWhom.choices, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint("participant", "at", name="moment_unique_minute_per_person"),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True) | Q(working=False) | Q(task_type__isnull=False),
                name="moment_working_answer_has_task_type",
            ),
        ]
        indexes = [
            # every column the results count (``sampling.results.tally``): read from the index alone
            models.Index(
                fields=["study", "role", "task_type", "at", "answered_at", "expires_at", "late", "working"],
                name="moment_tally",
            ),
            models.Index(fields=["staff", "at"]),
            models.Index(fields=["at"], condition=Q(prompted_at__isnull=True), name="moment_waiting_prompt"),
            models.Index(fields=["remind_at"], condition=Q(reminded_at__isnull=True), name="moment_waiting_reminder"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} at {self.at:%Y-%m-%d %H:%M}"

    def is_open(self, now: dt.datetime) -> bool:
        """Whether the moment can be answered now: its minute has come, not answered, not expired."""
        return self.answered_at is None and self.at <= now < self.expires_at


class PublishedResults(models.Model):
    """A finished study's results, counted once when its last answer window had closed and never again.

    The figures are not live: while a study runs only its response rate is shown, and once it is over
    these counts are what every surface shows (page, export, the planner, the sizing of the next
    study). Stored rather than counted again at each view, so that nothing done after the study —
    removing a person, moving a school — can change a published figure and let two views be
    differenced (docs/sampling.md, "Privacy"). ``cells`` holds one entry per role × school
    (``sampling.published``); ``hidden`` the groups hidden when it was published, which stay hidden.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    study = models.OneToOneField(Study, on_delete=models.CASCADE, related_name="published")
    published_at = models.DateTimeField()
    counted_until = models.DateTimeField(help_text="When the study's last answer window closed.")
    minimum = models.PositiveSmallIntegerField(help_text="The district's minimum group size when published.")
    task_types = models.JSONField(default=list, help_text="The task type ids counted, in the catalogue's order.")
    minutes = models.JSONField(default=dict, help_text="Working minutes per role id.")
    cells = models.JSONField(default=list, help_text="Counts per role × school (sampling.published).")
    hidden = models.JSONField(default=list, help_text="Groups hidden when published.")

    class Meta:
        verbose_name_plural = "published results"

    def __str__(self) -> str:
        return f"Results of {self.study}"
