"""Forms of the reflection: its questions, its time table, sharing, requests and the leader's estimate."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms

from actions.models import BarrierKind
from core.fields import SingleLineFields
from people.models import Role, School, StaffMember, TaskCategory
from reflections import time
from reflections.models import Reflection, ReflectionRequest, TimeUnit
from reflections.services import CURRENT, IDEAL, Row

IDEAL_HEADING = "For your role, what do you feel is the ideal allocation of time across different task types?"
CURRENT_HEADING = "How are you currently being asked to allocate your time on a day-to-day basis?"
ACTIONS_HEADING = "What actions could be taken to move toward your ideal time allocation?"
MAX_OTHER_ROWS = 10


class ReflectionForm(forms.Form):
    support_needed = forms.CharField(
        label="What support do you need, if any, to better serve students?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    barriers = forms.CharField(
        label="Are there any barriers preventing you from supporting students? If so, what are those barriers?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    barrier_kinds = forms.MultipleChoiceField(
        label="Kinds of barrier (optional)",
        choices=BarrierKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    time_unit = forms.ChoiceField(
        label="Enter time as", choices=TimeUnit.choices, initial=TimeUnit.PERCENT, widget=forms.RadioSelect
    )

    def __init__(self, *args, week: Decimal | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.week = week
        if week is None:
            self.fields["time_unit"].help_text = "You have no FTE on record, so time is entered in percent."

    def clean_time_unit(self) -> str:
        unit = self.cleaned_data["time_unit"]
        if unit == TimeUnit.HOURS and self.week is None:
            raise forms.ValidationError("You have no FTE on record, so hours cannot be used: enter percentages.")
        return unit


class RowForm(SingleLineFields, forms.Form):
    """One row's cells; numbers are in the unit the author chose."""

    label = forms.CharField(label="Task type", required=False, max_length=160)
    ideal = forms.DecimalField(required=False, min_value=0, max_digits=6, decimal_places=2)
    current = forms.DecimalField(required=False, min_value=0, max_digits=6, decimal_places=2)
    actions = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, name: str, category: TaskCategory | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.name = name
        self.category = category
        self.fields["ideal"].label = f"Ideal time for {name}"
        self.fields["current"].label = f"Current time for {name}"
        self.fields["actions"].label = f"Actions toward the ideal for {name}"
        if category is not None:
            del self.fields["label"]
        for key in ("ideal", "current"):
            self.fields[key].widget.attrs.update({"inputmode": "decimal", "data-column": key, "size": 6})
            self.fields[key].error_messages["min_value"] = "Enter 0 or more."
            self.fields[key].error_messages["invalid"] = "Enter a number."


@dataclass
class TimeTable:
    """The time table: a row per active task type, then the author's "Other" rows (plus one blank)."""

    categories: list[TaskCategory]
    week: Decimal | None
    data: object = None
    initial_rows: list = field(default_factory=list)
    unit: str = TimeUnit.PERCENT
    extra_rows: int = 0

    def __post_init__(self) -> None:
        stored = {a.category_id: a for a in self.initial_rows if a.category_id}
        others = [a for a in self.initial_rows if not a.category_id]
        self.forms: list[RowForm] = []
        for category in self.categories:
            self.forms.append(
                RowForm(
                    self.data,
                    prefix=f"cat-{category.pk}",
                    name=category.name,
                    category=category,
                    initial=self._initial(stored.get(category.pk)),
                )
            )
        count = len(others) + 1 + self.extra_rows
        if self.data is not None:
            count = _int(self.data.get("other_rows"), count)  # type: ignore[attr-defined]
        count = min(max(count, 1), MAX_OTHER_ROWS)
        for index in range(count):
            row = others[index] if index < len(others) else None
            self.forms.append(
                RowForm(
                    self.data,
                    prefix=f"other-{index}",
                    name=f"added row {index + 1}",
                    category=None,
                    initial={**self._initial(row), "label": row.label if row else ""},
                )
            )
        self.other_count = count
        self.column_errors: dict[str, str] = {}

    def _initial(self, allocation) -> dict:
        if allocation is None:
            return {}
        convert = self._to_unit
        return {
            "ideal": convert(allocation.ideal_percent),
            "current": convert(allocation.current_percent),
            "actions": allocation.actions,
        }

    def _to_unit(self, percent: Decimal | None) -> Decimal | None:
        if percent is None:
            return None
        if self.unit == TimeUnit.HOURS and self.week:
            return time.percent_to_hours(percent, self.week).normalize()
        return Decimal(percent).normalize()

    def is_valid(self, unit: str) -> bool:
        """Every cell a number of 0 or more, at most 100% (or the person's week in hours)."""
        self.unit = unit
        valid = True
        for form in self.forms:
            if not form.is_valid():
                valid = False
                continue
            for key in ("ideal", "current"):
                value = form.cleaned_data.get(key)
                if value is None:
                    continue
                if unit == TimeUnit.HOURS and self.week is not None and value > self.week:
                    form.add_error(key, f"More than your week of {time._number(self.week)} hours.")
                    valid = False
                elif unit == TimeUnit.PERCENT and value > 100:
                    form.add_error(key, "Enter at most 100%.")
                    valid = False
        return valid

    def rows(self) -> list[Row]:
        """The rows in percent of the week (hours converted against the person's week)."""
        out = []
        for form in self.forms:
            data = form.cleaned_data
            out.append(
                Row(
                    category_id=form.category.pk if form.category else None,
                    label=data.get("label", "") or "",
                    ideal=self._to_percent(data.get("ideal")),
                    current=self._to_percent(data.get("current")),
                    actions=data.get("actions", "") or "",
                )
            )
        return out

    def _to_percent(self, value: Decimal | None) -> Decimal | None:
        if value is None:
            return None
        if self.unit == TimeUnit.HOURS:
            return time.hours_to_percent(value, self.week)
        return value

    def totals(self) -> dict[str, str]:
        """Each column's total as typed, for pages shown without JavaScript."""
        out = {}
        for key in ("ideal", "current"):
            values = [_decimal(form[key].value()) for form in self.forms]
            total = time.column_total([v for v in values if v is not None])
            hours = self.week if self.unit == TimeUnit.HOURS else None
            out[key] = time.running_total(total, hours_week=hours)
        return out

    @property
    def headings(self) -> dict[str, str]:
        return {"ideal": IDEAL_HEADING, "current": CURRENT_HEADING, "actions": ACTIONS_HEADING}

    @property
    def names(self) -> dict[str, str]:
        return {"ideal": IDEAL, "current": CURRENT}


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


class ShareForm(forms.Form):
    share_with_checkin = forms.BooleanField(label="The check-in it was requested for", required=False)
    share_with_leader = forms.BooleanField(label="My school leader", required=False)
    share_with_admins = forms.BooleanField(label="District admins", required=False)

    def __init__(self, *args, reflection: Reflection, can_share_with_checkin: bool, **kwargs) -> None:
        kwargs.setdefault(
            "initial",
            {
                "share_with_checkin": reflection.share_with_checkin,
                "share_with_leader": reflection.share_with_leader,
                "share_with_admins": reflection.share_with_admins,
            },
        )
        super().__init__(*args, **kwargs)
        if not can_share_with_checkin:
            del self.fields["share_with_checkin"]
        leader = self.fields["share_with_leader"]
        leader.help_text = (
            f"The leaders of {reflection.school.name}." if reflection.school else "You have no school on record."
        )

    def choices(self) -> dict[str, bool]:
        return {
            "checkin": self.cleaned_data.get("share_with_checkin", False),
            "leader": self.cleaned_data["share_with_leader"],
            "admins": self.cleaned_data["share_with_admins"],
        }


class RequestForm(forms.Form):
    group = forms.ChoiceField(label="Who is asked", choices=ReflectionRequest.Group.choices, widget=forms.RadioSelect)
    series: forms.ModelChoiceField = forms.ModelChoiceField(label="Check-in series", queryset=None, required=False)
    school = forms.ModelChoiceField(label="School", queryset=School.objects.none(), required=False)
    role = forms.ModelChoiceField(label="Role", queryset=Role.objects.none(), required=False)
    due_on = forms.DateField(label="Reflect by", widget=forms.DateInput(attrs={"type": "date"}))
    message = forms.CharField(label="Message (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, series, schools, roles, today, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["series"].queryset = series  # type: ignore[attr-defined]
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        self.fields["role"].queryset = roles  # type: ignore[attr-defined]
        if roles is None or not roles.exists():
            del self.fields["role"]
            choices = [c for c in ReflectionRequest.Group.choices if c[0] != "role"]
            self.fields["group"].choices = choices  # type: ignore[attr-defined]

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < self.today:
            raise forms.ValidationError("Choose today or a later date.")
        return due_on

    def clean(self):
        data = super().clean()
        group = data.get("group")
        needed = {"series": "series", "school": "school", "role": "role"}.get(group or "")
        if needed and needed in self.fields and not data.get(needed):
            self.add_error(needed, f"Choose the {self.fields[needed].label.lower()} to ask.")
        return data


class EstimateForm(forms.Form):
    """A percent field per task type; the total is checked by the service."""

    def __init__(self, *args, categories: list[TaskCategory], staff: StaffMember, initial_rows=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = categories
        stored = {row.category_id: row.current_percent for row in (initial_rows or [])}
        for category in categories:
            self.fields[f"category_{category.pk}"] = forms.DecimalField(
                label=f"{category.name} (% of {staff.name}'s week)",
                required=False,
                min_value=0,
                max_value=100,
                max_digits=5,
                decimal_places=2,
                initial=stored.get(category.pk),
                widget=forms.NumberInput(attrs={"step": "any", "data-column": "estimate"}),
            )

    def percents(self) -> dict[int, Decimal | None]:
        return {c.pk: self.cleaned_data.get(f"category_{c.pk}") for c in self.categories}
