"""Forms of time sampling: a new study, working hours, and the answer to a moment."""

from __future__ import annotations

import datetime as dt

from django import forms

from core.fields import IdsChoiceField, SingleLineFields
from core.widgets import QuickSelectMultiple
from people.models import District, Role, School, StaffMember, Task, TaskCategory
from sampling.models import NotWorking, Study, WithWhom

LONGEST_PERIOD = dt.timedelta(days=366)


class StudyForm(SingleLineFields, forms.ModelForm):
    roles = IdsChoiceField(
        queryset=Role.objects.none(), widget=forms.CheckboxSelectMultiple, help_text="The roles to sample."
    )
    schools = IdsChoiceField(
        queryset=School.objects.none(),
        required=False,
        widget=QuickSelectMultiple,
        help_text="Leave empty for every school. A person counts at the school of their largest FTE.",
    )

    class Meta:
        model = Study
        fields = [
            "name",
            "first_day",
            "last_day",
            "roles",
            "schools",
            "margin",
            "confidence",
            "oversampling",
            "answer_window",
            "size_from_last_study",
            "use_in_planner",
        ]
        widgets = {
            "first_day": forms.DateInput(attrs={"type": "date"}),
            "last_day": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, district: District, today: dt.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["roles"].queryset = Role.objects.active().filter(district=district)  # type: ignore[attr-defined]
        self.fields["schools"].queryset = School.objects.filter(district=district).order_by("name")  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault(
                "roles",
                list(
                    Role.objects.active().filter(district=district, is_mental_health=True).values_list("pk", flat=True)
                ),
            )

    def clean(self):
        data = super().clean()
        first, last = data.get("first_day"), data.get("last_day")
        if first and first <= self.today:
            self.add_error("first_day", "Choose a day after today: moments are asked for as they happen.")
        if first and last:
            if last < first:
                self.add_error("last_day", "The last day must be on or after the first day.")
            elif last - first > LONGEST_PERIOD:
                self.add_error("last_day", "A study covers at most a year.")
        return data


class HoursForm(forms.Form):
    starts = forms.TimeField(required=False, widget=forms.TimeInput(attrs={"type": "time"}), label="Starts")
    ends = forms.TimeField(required=False, widget=forms.TimeInput(attrs={"type": "time"}), label="Ends")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if (starts is None) != (ends is None) and not self.errors:
            raise forms.ValidationError("Give both times, or neither to clear the hours.")
        if starts and ends and ends <= starts:
            self.add_error("ends", "The end must be after the start.")
        return data


class PersonHoursForm(HoursForm):
    email = forms.EmailField(label="Staff member's email")

    def __init__(self, *args, district: District, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        self.order_fields(["email", "starts", "ends"])

    def clean_email(self) -> StaffMember:
        email = self.cleaned_data["email"]
        try:
            return StaffMember.objects.get(district=self.district, email__iexact=email)
        except StaffMember.DoesNotExist:
            raise forms.ValidationError("Nobody in your district has this email.") from None


class AnswerForm(forms.Form):
    working = forms.TypedChoiceField(
        label="Were you working at that minute?",
        choices=[("yes", "Yes, I was working"), ("no", "No, I was not working")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you were working."},
    )
    not_working = forms.ChoiceField(
        label="If not: why not?", choices=NotWorking.choices, required=False, widget=forms.RadioSelect
    )
    task_type = forms.ModelChoiceField(
        label="If so: what were you doing?",
        queryset=TaskCategory.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
    )
    with_whom = forms.ChoiceField(
        label="If so: with whom?", choices=WithWhom.choices, required=False, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Note (optional)", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, district_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        categories = TaskCategory.objects.active().filter(district_id=district_id).order_by("position", "name")
        tasks: dict[int, list[str]] = {}
        for category_id, name in (
            Task.objects.active()
            .filter(district_id=district_id)
            .order_by("position", "name")
            .values_list("category_id", "name")
        ):
            tasks.setdefault(category_id, []).append(name)
        field = self.fields["task_type"]
        field.queryset = categories  # type: ignore[attr-defined]
        # The practice describes each task type by its tasks: "Assessment — Screening; Threat assessment".
        field.label_from_instance = lambda c: (  # type: ignore[attr-defined]
            f"{c.name} — {'; '.join(tasks[c.pk])}" if tasks.get(c.pk) else c.name
        )

    def clean(self):
        data = super().clean()
        working = data.get("working")
        if working is True:
            if not data.get("task_type"):
                self.add_error("task_type", "Choose what you were doing.")
            if not data.get("with_whom"):
                self.add_error("with_whom", "Choose who you were with.")
        elif working is False and not data.get("not_working"):
            self.add_error("not_working", "Choose why you were not working.")
        return data
