"""Forms of the series pages: the series itself, moving one meeting, the attendance answer, the invitation text."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError

from actions.forms import DateInput
from checkins import recurrence
from checkins.models import Participant, Series
from checkins.services.invitations import PLACEHOLDERS
from core.fields import IdsChoiceField, SingleLineFields
from core.stale import SeenField
from core.widgets import QuickSelect
from people.models import District, School, StaffMember

CADENCES = [
    ("monthly", "Monthly, on the same weekday of the month as the first meeting (e.g. the 2nd Tuesday)"),
    ("quarterly", "Quarterly (every 3 months), on the same weekday of the month"),
    ("weeks", "Every N weeks, on the first meeting's weekday"),
    ("custom", "A custom rule (RFC 5545 RRULE)"),
]


WHEN_FORMAT = "%Y%m%dT%H%M%SZ"


def when_param(moment: dt.datetime) -> str:
    """An occurrence's identity (its RECURRENCE-ID in UTC) as it appears in URLs and forms."""
    return moment.astimezone(dt.UTC).strftime(WHEN_FORMAT)


def parse_when(value: str) -> dt.datetime:
    """The inverse of :func:`when_param`; ValueError for anything else."""
    return dt.datetime.strptime(value, WHEN_FORMAT).replace(tzinfo=dt.UTC)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


def cadence_of(rule: str, first: dt.date) -> dict[str, Any]:
    """The form's cadence fields for a stored rule (the inverse of :meth:`SeriesForm.rule`)."""
    if rule == recurrence.monthly_rule(first):
        return {"cadence": "monthly"}
    if rule == recurrence.monthly_rule(first, interval=3):
        return {"cadence": "quarterly"}
    found = recurrence.parts(rule)
    if found.get("FREQ") == "WEEKLY" and set(found) <= {"FREQ", "INTERVAL"}:
        return {"cadence": "weeks", "weeks": int(found.get("INTERVAL", 1))}
    return {"cadence": "custom", "custom_rule": rule}


class SeriesForm(SingleLineFields, forms.Form):
    title = forms.CharField(max_length=200, initial="Mental health support check-in")
    school = forms.ModelChoiceField(
        queryset=School.objects.none(), required=False, empty_label="No school (a team)", widget=QuickSelect
    )
    participants = IdsChoiceField(
        queryset=StaffMember.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text="Hold Ctrl (⌘ on a Mac) to choose several. The list shows one school's staff at a time.",
    )
    first_date = forms.DateField(label="First meeting: date", widget=DateInput())
    first_time = forms.TimeField(label="First meeting: start time", widget=TimeInput(), initial=dt.time(15, 30))
    cadence = forms.ChoiceField(choices=CADENCES, widget=forms.RadioSelect, initial="monthly")
    weeks = forms.IntegerField(
        label="Number of weeks (for every N weeks)", min_value=1, max_value=52, required=False, initial=2
    )
    custom_rule = forms.CharField(
        label="Custom rule",
        max_length=300,
        required=False,
        help_text="For example FREQ=MONTHLY;BYDAY=-1FR (the last Friday of each month).",
    )
    until = forms.DateField(label="Last meeting on or before", widget=DateInput(), required=False)
    during_breaks = forms.BooleanField(
        label="Meet during school breaks too",
        required=False,
        help_text="Unticked, the series skips the summer break and the district's closures (its school calendar).",
    )
    duration_minutes = forms.IntegerField(label="Duration (minutes)", min_value=5, max_value=480, initial=60)
    location = forms.CharField(label="Place", max_length=300, required=False)
    video_link = forms.URLField(label="Video link", required=False, assume_scheme="https")
    reflection_days_before = forms.IntegerField(
        label="Ask participants to prepare, days before each meeting", min_value=0, max_value=60, initial=7
    )
    invitation_text = forms.CharField(
        label="Invitation email",
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="Filled in per person: " + "; ".join(f"{k} = {v}" for k, v in PLACEHOLDERS.items()) + ".",
    )
    reset = forms.MultipleChoiceField(
        label="Follow the series again", required=False, widget=forms.CheckboxSelectMultiple
    )
    confirm = forms.CharField(required=False, widget=forms.HiddenInput)
    seen = SeenField(required=False)

    def __init__(
        self,
        *args: Any,
        district: District,
        schools: Any,
        staff: Any,
        school_required: bool,
        own_changes: Sequence[tuple[str, str]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        if own_changes:
            cast(forms.MultipleChoiceField, self.fields["reset"]).choices = list(own_changes)
        else:
            del self.fields["reset"]
        school_field = cast(forms.ModelChoiceField, self.fields["school"])
        school_field.queryset = schools
        school_field.required = school_required
        participants = cast(forms.ModelMultipleChoiceField, self.fields["participants"])
        participants.queryset = staff
        participants.label_from_instance = lambda person: f"{person.name} ({person.role.label})"  # type: ignore[method-assign,assignment]
        self.fields["first_time"].help_text = f"In the district's time zone, {district.time_zone.replace('_', ' ')}."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        cadence = data.get("cadence")
        if cadence == "weeks" and not data.get("weeks"):
            self.add_error("weeks", "Say every how many weeks.")
        if cadence == "custom" and not data.get("custom_rule", "").strip():
            self.add_error("custom_rule", "Enter the rule, or choose another cadence.")
        return data

    def start_local(self) -> dt.datetime:
        return dt.datetime.combine(self.cleaned_data["first_date"], self.cleaned_data["first_time"])

    def rule(self) -> str:
        data = self.cleaned_data
        first = data["first_date"]
        cadence = data["cadence"]
        if cadence == "monthly":
            return recurrence.monthly_rule(first)
        if cadence == "quarterly":
            return recurrence.monthly_rule(first, interval=3)
        if cadence == "weeks":
            return recurrence.weekly_rule(data["weeks"])
        return data["custom_rule"]

    def service_fields(self) -> dict[str, Any]:
        """Keyword arguments for ``create_series`` / ``edit_series``."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "school": data["school"],
            "participants": list(data["participants"]),
            "start_local": self.start_local(),
            "rrule": self.rule(),
            "until": data["until"],
            "duration_minutes": data["duration_minutes"],
            "location": data["location"],
            "video_link": data["video_link"],
            "reflection_days_before": data["reflection_days_before"],
            "skip_breaks": not data["during_breaks"],
            "invitation_text": data["invitation_text"],
            **({"reset": [parse_when(value) for value in data["reset"]]} if "reset" in self.fields else {}),
        }

    def fingerprint(self) -> str:
        """A short digest of the change asked for: a confirmation counts only for the change it was shown."""
        fields = self.service_fields()
        fields["participants"] = sorted(p.pk for p in fields["participants"])
        fields["school"] = fields["school"].pk if fields["school"] else None
        return hashlib.sha256(repr(sorted(fields.items())).encode()).hexdigest()[:16]

    def confirmed(self) -> bool:
        return self.cleaned_data.get("confirm") == self.fingerprint()

    def add_service_errors(self, error: ValidationError) -> None:
        """Show a service's ValidationError beside the fields it concerns."""
        rule_field = "custom_rule" if self.cleaned_data.get("cadence") == "custom" else "cadence"
        places = {"start_local": "first_date", "rrule": rule_field}
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, messages in error.message_dict.items():
            field = places.get(name, name)
            self.add_error(field if field in self.fields else None, messages)


class MoveForm(SingleLineFields, forms.Form):
    date = forms.DateField(label="New date", widget=DateInput())
    time = forms.TimeField(label="New start time", widget=TimeInput())
    location = forms.CharField(label="Place", max_length=300, required=False)
    anyway = forms.BooleanField(label="Move it anyway", required=False)

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        self.fields["time"].help_text = f"In the district's time zone, {district.time_zone.replace('_', ' ')}."

    def starts_at(self) -> dt.datetime:
        local = dt.datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])
        return local.replace(tzinfo=self.district.zone).astimezone(dt.UTC)


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        label="Will you attend?",
        choices=[c for c in Participant.Response.choices if c[0]],
        widget=forms.RadioSelect,
    )


class AnswerFromEmailForm(SingleLineFields, forms.Form):
    """The attendance answer behind a personal link: yes / maybe / no and a note for the organizer."""

    response = forms.ChoiceField(
        label="Will you attend?",
        choices=[c for c in Participant.Response.choices if c[0]],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you will attend."},
    )
    note = forms.CharField(
        label="Note for the organizer (optional)",
        max_length=300,
        required=False,
        help_text="For example: “I will join by video” or “I will be late”.",
    )


class InvitationTextForm(forms.Form):
    invitation_text = forms.CharField(
        label="Default invitation email",
        widget=forms.Textarea(attrs={"rows": 20}),
        required=False,
        help_text="Empty: the sample email of the Promising Practice. Filled in per person: "
        + "; ".join(f"{k} = {v}" for k, v in PLACEHOLDERS.items())
        + ".",
    )


def series_initial(series: Series) -> dict[str, Any]:
    """The form's initial values for an existing series."""
    first = series.start_local.replace(tzinfo=None)
    return {
        "title": series.title,
        "school": series.school_id,
        "participants": [p.staff_id for p in series.participants.all()],
        "first_date": first.date(),
        "first_time": first.time(),
        "until": series.until,
        "duration_minutes": series.duration_minutes,
        "location": series.location,
        "video_link": series.video_link,
        "reflection_days_before": series.reflection_days_before,
        "during_breaks": not series.skip_breaks,
        "invitation_text": series.invitation_text,
        **cadence_of(series.rrule, first.date()),
    }


def staff_school_select(district: District, chosen: Any) -> str:
    """The "Show staff of" list: not a field of the form, it only narrows the participant list."""
    schools = School.objects.filter(district=district).order_by("name").values_list("pk", "name")
    return QuickSelect(choices=[("", "Only the people chosen and the district admins"), *schools]).render(
        "staff_school", str(chosen or ""), {"id": "id_staff_school", "aria-describedby": "id_staff_school_helptext"}
    )
