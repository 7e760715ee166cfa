"""Regular check-ins: availability polls, recurring series, meetings run on the seed's agenda.

Times are stored in UTC; recurrence rules are expanded in the district's time
zone (``series.start_local`` plus ``rrule``) so a 3:30 pm meeting stays at
3:30 pm across daylight-saving changes.
"""

from __future__ import annotations

import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from people.models import District, School, StaffMember


def new_token() -> str:
    """An unguessable token for personal links (poll votes, calendar feeds)."""
    return secrets.token_urlsafe(32)


class AgendaSection(models.Model):
    """One section of a check-in agenda: the district's template (``series`` empty) or a series' own."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    series = models.ForeignKey(
        "Series", on_delete=models.CASCADE, null=True, blank=True, related_name="agenda_sections"
    )
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    minutes = models.PositiveSmallIntegerField(default=15, validators=[MinValueValidator(1), MaxValueValidator(480)])
    questions = models.TextField(blank=True, help_text="Guiding questions, one per line.")
    kind = models.CharField(
        max_length=20,
        choices=[
            ("review", "Review previous actions"),
            ("barriers", "Discuss barriers"),
            ("plans", "Set plans"),
            ("other", "Other"),
        ],
        default="other",
        help_text="What the meeting page shows in this section.",
    )

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def question_list(self) -> list[str]:
        return [q.strip() for q in self.questions.splitlines() if q.strip()]


class Series(models.Model):
    """A recurring check-in for a school or a team."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        CANCELLED = "cancelled", "Cancelled"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="checkin_series")
    school = models.ForeignKey(School, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    title = models.CharField(max_length=200)
    organizer = models.ForeignKey(StaffMember, on_delete=models.RESTRICT, related_name="organized_series")
    start_local = models.DateTimeField(
        help_text="First meeting's start as wall-clock time in the district's time zone (stored naive-in-UTC)."
    )
    rrule = models.CharField(
        max_length=300, help_text="RFC 5545 recurrence rule, e.g. FREQ=MONTHLY;BYDAY=2TU or FREQ=MONTHLY;INTERVAL=3."
    )
    until = models.DateField(null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    location = models.CharField(max_length=300, blank=True)
    video_link = models.URLField(blank=True)
    invitation_text = models.TextField(blank=True, help_text="Empty: the district's default (the seed's sample email).")
    reflection_days_before = models.PositiveSmallIntegerField(default=7, validators=[MaxValueValidator(60)])
    skip_breaks = models.BooleanField(
        default=True,
        help_text="No meetings in the summer break or on the district's closures (people.school_calendar).",
    )
    school_months = models.CharField(
        max_length=40,
        blank=True,
        help_text="The months the series meets in (BYMONTH) when it skips breaks; empty: all.",
    )
    uid = models.CharField(max_length=120, unique=True, help_text="Stable calendar UID of the series.")
    sequence = models.PositiveIntegerField(default=0, help_text="Raised on each change of time or place.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    invitations_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.title


class Participant(models.Model):
    class Response(models.TextChoices):
        UNKNOWN = "", "No answer yet"
        YES = "yes", "Will attend"
        MAYBE = "maybe", "Might attend"
        NO = "no", "Will not attend"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="participants")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="checkin_participations")
    response = models.CharField(max_length=5, choices=Response.choices, blank=True, default=Response.UNKNOWN)
    response_note = models.CharField(
        "note", max_length=300, blank=True, help_text="What the participant added to their answer, for the organizer."
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint("series", "staff", name="participant_unique")]

    def __str__(self) -> str:
        return f"{self.staff} in {self.series}"


class Meeting(models.Model):
    """One occurrence of a series, created when it is moved, cancelled, run or reached."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        IN_PROGRESS = "in_progress", "In progress"
        CLOSED = "closed", "Closed"
        CANCELLED = "cancelled", "Cancelled"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="meetings")
    recurrence_id = models.DateTimeField(help_text="The start the rule gave this occurrence (UTC), its identity.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=300, blank=True, help_text="Its own place; empty: the series' place.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    sequence = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    section_seconds = models.JSONField(default=dict, blank=True, help_text="Seconds used per agenda section id.")
    notes = models.TextField(blank=True)
    reflection_request_sent_at = models.DateTimeField(null=True, blank=True)
    skipped_for = models.CharField(
        max_length=120,
        blank=True,
        help_text="The school break a cancelled meeting falls in, when the series skipped it.",
    )
    minutes_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [models.UniqueConstraint("series", "recurrence_id", name="meeting_unique_occurrence")]
        indexes = [models.Index(fields=["district", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.series} on {self.starts_at:%Y-%m-%d}"


class Attendance(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    present = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint("meeting", "staff", name="attendance_unique")]

    def __str__(self) -> str:
        return f"{self.staff} {'present' if self.present else 'absent'}"


class Poll(models.Model):
    """'Find a time': proposed times that invitees answer through personal links."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="polls")
    school = models.ForeignKey(School, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    title = models.CharField(max_length=200)
    organizer = models.ForeignKey(StaffMember, on_delete=models.RESTRICT, related_name="organized_polls")
    message = models.TextField(blank=True)
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    deadline = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    chosen_option = models.ForeignKey("PollOption", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    series = models.ForeignKey(Series, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    auto_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title


class PollOption(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="options")
    starts_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at"]
        constraints = [models.UniqueConstraint("poll", "starts_at", name="poll_option_unique")]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"


class PollInvitee(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="invitees")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=new_token)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint("poll", "staff", name="poll_invitee_unique")]

    def __str__(self) -> str:
        return f"{self.staff} for {self.poll}"


class PollAnswer(models.Model):
    class Answer(models.TextChoices):
        YES = "yes", "Yes"
        IF_NEED_BE = "maybe", "If need be"
        NO = "no", "No"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    invitee = models.ForeignKey(PollInvitee, on_delete=models.CASCADE, related_name="answers")
    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="answers")
    answer = models.CharField(max_length=5, choices=Answer.choices)

    class Meta:
        constraints = [models.UniqueConstraint("invitee", "option", name="poll_answer_unique")]

    def __str__(self) -> str:
        return f"{self.invitee.staff}: {self.answer}"


class CalendarFeed(models.Model):
    """A person's private calendar subscription link (all their check-ins)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    staff = models.OneToOneField(StaffMember, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_token)

    def __str__(self) -> str:
        return f"Calendar of {self.staff}"


class CheckinSettings(models.Model):
    """The district's default invitation email (the seed's sample email unless edited)."""

    district = models.OneToOneField(District, on_delete=models.CASCADE, related_name="checkin_settings")
    invitation_text = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "check-in settings"

    def __str__(self) -> str:
        return f"Check-in settings of {self.district}"


class HistoryEntry(models.Model):
    """Who changed a series, a meeting or a poll, when, and what (``checkins.services.history``)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    series = models.ForeignKey(Series, on_delete=models.CASCADE, null=True, blank=True, related_name="history")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="history")
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, null=True, blank=True, related_name="history")
    by = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField()
    what = models.CharField(max_length=500)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "history entries"

    def __str__(self) -> str:
        return self.what
