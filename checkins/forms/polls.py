"""Forms of availability polls: the new poll with its proposed times, the vote, picking a time."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator

from checkins.models import Poll, PollAnswer, PollOption
from checkins.polls import cadence_presets
from checkins.services.polls import DEFAULT_MESSAGE, MAX_OPTIONS
from core.fields import IdsChoiceField, SingleLineFields
from core.stale import Seen, StaleEditGuard
from core.widgets import QuickSelect
from people.models import Assignment, District, School, StaffMember

TIME_ROWS = 6
DEFAULT_DEADLINE_TIME = dt.time(17, 0)


def at(day: dt.date, time: dt.time, district: District) -> dt.datetime:
    """A wall-clock date and time in the district's zone, as an aware datetime."""
    return dt.datetime.combine(day, time, tzinfo=district.zone)


class InviteeChoice(IdsChoiceField):
    def label_from_instance(self, obj: StaffMember) -> str:
        role = obj.role.label if obj.role_id else ""
        missing = "" if obj.email.strip() else " — no email address"
        return f"{obj.name} ({role}){missing}" if role else f"{obj.name}{missing}"


class PlainChoices(BaseChoiceIterator):
    """(value, label) pairs used as they are: Django would otherwise re-check each of 1,800 schools per form."""

    def __init__(self, pairs: list) -> None:
        self.pairs = pairs

    def __iter__(self):
        return iter(self.pairs)


class InviteeFilterForm(forms.Form):
    """Narrow the list of people to invite to one school's staff."""

    staff_school = forms.TypedChoiceField(
        coerce=int, empty_value=None, required=False, label="Show staff of", widget=QuickSelect
    )

    def __init__(self, *args, district: District, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Plain (id, name) pairs: a district may have 1,800 schools, too many to build as models.
        schools = School.objects.filter(district=district).order_by("name").values_list("pk", "name")
        field: Any = self.fields["staff_school"]
        field.choices = PlainChoices([("", "Every school"), *schools])

    def staff(self, district: District):
        """The district's staff, of the chosen school only if one is chosen (unbound: the initial school)."""
        people = StaffMember.objects.filter(district=district).select_related("role").order_by("name")
        if self.is_bound:
            school_id = self.cleaned_data.get("staff_school") if self.is_valid() else None
        else:
            school_id = self.initial.get("staff_school")
        if school_id is None:
            return people
        return people.filter(pk__in=Assignment.objects.filter(school_id=school_id).values("staff_id"))


class PollForm(SingleLineFields, forms.Form):
    title = forms.CharField(max_length=200, initial="Regular check-in with our mental health support staff")
    school = forms.ModelChoiceField(
        School.objects.none(), required=False, widget=QuickSelect, help_text="The school this check-in is for."
    )
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        initial=DEFAULT_MESSAGE,
        help_text="Each invitee's email starts with “Hi (their name),”, then this text, then their personal link.",
    )
    invitees = InviteeChoice(StaffMember.objects.none(), widget=forms.CheckboxSelectMultiple, label="Who is invited?")
    duration_minutes = forms.IntegerField(
        label="Length of the meeting (minutes)", min_value=5, max_value=480, initial=60
    )
    deadline_date = forms.DateField(
        label="Answers due by (date)", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    deadline_time = forms.TimeField(
        label="Answers due by (time)",
        initial=DEFAULT_DEADLINE_TIME,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    propose_anyway = forms.BooleanField(label="Propose these times anyway", required=False)

    def __init__(self, *args, district: District, schools, staff, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        school: Any = self.fields["school"]
        school.queryset = schools
        invitees: Any = self.fields["invitees"]
        invitees.queryset = staff
        zone = district.time_zone
        self.fields["deadline_date"].help_text = f"In the district's time zone ({zone})."

    def clean(self):
        data = super().clean()
        day, time = data.get("deadline_date"), data.get("deadline_time")
        if day and time:
            data["deadline"] = at(day, time, self.district)
            if data["deadline"] <= timezone.now():
                self.add_error("deadline_date", "The deadline must be in the future.")
        for person in data.get("invitees") or ():
            if not person.email.strip():
                self.add_error("invitees", f"{person.name} has no email address, so cannot get a link.")
        return data


class TimeForm(forms.Form):
    """One proposed time: a date and a start time in the district's time zone."""

    date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    time = forms.TimeField(required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))

    def __init__(self, *args, district: District, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        number = (self.prefix or "").rsplit("-", 1)[-1]
        if number.isdigit():
            self.fields["date"].label = f"Date of time {int(number) + 1}"
            self.fields["time"].label = f"Start of time {int(number) + 1}"

    def clean(self):
        data = super().clean()
        day, time = data.get("date"), data.get("time")
        if day and not time:
            self.add_error("time", "Give the start time.")
        elif time and not day:
            self.add_error("date", "Give the date.")
        elif day and time:
            data["starts_at"] = at(day, time, self.district)
            if data["starts_at"] <= timezone.now():
                self.add_error("date", "This time has already passed.")
        return data


class BaseTimeFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen: dict[dt.datetime, int] = {}
        for number, form in enumerate(self.forms, start=1):
            start = form.cleaned_data.get("starts_at")
            if start is None:
                continue
            if start in seen:
                form.add_error("date", f"This time is already proposed (time {seen[start]}).")
            else:
                seen[start] = number
        if not seen and not any(self.errors):
            raise ValidationError("Propose at least one time.")

    @property
    def starts(self) -> list[dt.datetime]:
        return [form.cleaned_data["starts_at"] for form in self.forms if form.cleaned_data.get("starts_at")]


def time_formset(
    data=None, *, district: District, rows: int = TIME_ROWS, initial: list[dict] | None = None
) -> BaseTimeFormSet:
    """``rows`` rows of proposed times; ``initial`` fills the first ones (what was typed before adding rows)."""
    initial = (initial or [])[:MAX_OPTIONS]
    extra = max(1, min(rows, MAX_OPTIONS) - len(initial)) if len(initial) < MAX_OPTIONS else 0
    formset_class = forms.formset_factory(TimeForm, formset=BaseTimeFormSet, extra=extra, max_num=MAX_OPTIONS)
    return cast(
        BaseTimeFormSet,
        formset_class(data, prefix="times", initial=initial or None, form_kwargs={"district": district}),
    )


def when(option: PollOption, district: District) -> str:
    """A proposed time as people read it: "Tuesday, January 12, 2027 at 3:30 PM CST"."""
    start = timezone.localtime(option.starts_at, district.zone)
    return start.strftime("%A, %B %-d, %Y at %-I:%M %p %Z")


class VoteForm(forms.Form):
    """A yes / if need be / no choice per proposed time, each its own fieldset."""

    def __init__(self, *args, options: list[PollOption], district: District, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.options = options
        for option in options:
            self.fields[f"option_{option.pk}"] = forms.ChoiceField(
                label=when(option, district),
                choices=PollAnswer.Answer.choices,
                widget=forms.RadioSelect,
                error_messages={"required": "Answer yes, if need be, or no for this time."},
            )

    @property
    def answers(self) -> dict[int, str]:
        return {option.pk: self.cleaned_data[f"option_{option.pk}"] for option in self.options}


def vote_initial(answers: dict[int, str]) -> dict[str, str]:
    return {f"option_{pk}": answer for pk, answer in answers.items()}


class PickForm(SingleLineFields, forms.Form):
    """The series a picked time starts: its title, cadence and place."""

    title = forms.CharField(max_length=200, label="Title of the series")
    rrule = forms.ChoiceField(label="How often?", widget=forms.RadioSelect)
    location = forms.CharField(max_length=300, required=False, label="Place")
    video_link = forms.URLField(required=False, label="Video link", assume_scheme="https")

    def __init__(self, *args, first: dt.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        presets = cadence_presets(first)
        rrule: Any = self.fields["rrule"]
        rrule.choices = presets
        rrule.initial = presets[0][0]


class PollEditForm(StaleEditGuard, SingleLineFields, forms.ModelForm):
    """Changing an open poll: its title, message, length and deadline (the times and invitees stay)."""

    deadline_date = forms.DateField(
        label="Answers due by (date)", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    deadline_time = forms.TimeField(
        label="Answers due by (time)", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    class Meta:
        model = Poll
        fields = ["title", "message", "duration_minutes"]
        labels = {"duration_minutes": "Length of the meeting (minutes)"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        deadline = self.instance.deadline.astimezone(self.instance.district.zone)
        self.fields["deadline_date"].initial, self.fields["deadline_time"].initial = deadline.date(), deadline.time()
        self.fields["deadline_date"].help_text = f"In the district's time zone ({self.instance.district.time_zone})."

    def guarded_fields(self) -> list[str]:
        return [*super().guarded_fields(), "deadline"]

    def snapshot(self) -> Seen:
        labels = {name: str(self.fields[name].label or name) for name in ("title", "message", "duration_minutes")}
        return Seen.of(self.instance, self.guarded_fields(), labels=labels | {"deadline": "Answers due by"})

    def clean(self):
        data = super().clean() or {}
        if data.get("deadline_date") and data.get("deadline_time"):
            data["deadline"] = at(data["deadline_date"], data["deadline_time"], self.instance.district)
        return data
