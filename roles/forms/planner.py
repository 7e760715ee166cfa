"""The shift planner's forms: its settings (receiving capacity per role, hiring cost, budget, how long
to search), and accepting moves as draft shift plans (which moves, when, and who owns the plans)."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator

from actions.services import local_today
from core.fields import SingleLineFields
from people.models import District, Role
from roles.forms.plans import DateInput, responsible_choices
from roles.models import PlannerSettings, ShiftPlan
from roles.planning.adapter import capacity_of, role_label

MAX_TIME_LIMIT = 600


class PlannerSettingsForm(forms.ModelForm):
    """A capacity field per active role (empty = the default); the district's money and time settings."""

    class Meta:
        model = PlannerSettings
        fields = ["hire_cost_per_fte", "budget", "time_limit"]

    def __init__(self, *args, roles: list[Role], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.roles = roles
        self.fields["time_limit"].validators.append(MaxValueValidator(MAX_TIME_LIMIT))
        self.fields["time_limit"].widget.attrs["max"] = MAX_TIME_LIMIT
        self.fields["time_limit"].label = "Longest time to look for a better plan (seconds)"
        self.fields["time_limit"].help_text = f"1 to {MAX_TIME_LIMIT} seconds; the best plan found by then is used."
        saved = self.instance.receiving_capacity
        for role in roles:
            default, _source = capacity_of(role, PlannerSettings(district_id=self.instance.district_id))
            self.fields[f"capacity_{role.pk}"] = forms.DecimalField(
                label=f"{role.name}: new work per FTE (h/week)",
                required=False,
                min_value=Decimal("0"),
                max_value=Decimal("40"),
                decimal_places=1,
                initial=saved.get(str(role.pk)),
                help_text=f"Empty: the default, {default:g} h/week.",
            )

    def capacity_fields(self):
        return [self[f"capacity_{role.pk}"] for role in self.roles]

    def other_fields(self):
        return [self[name] for name in ("hire_cost_per_fte", "budget")]

    def capacities(self) -> dict[str, float]:
        """The capacities entered, by role id (as strings, as stored)."""
        return {
            str(role.pk): float(self.cleaned_data[f"capacity_{role.pk}"])
            for role in self.roles
            if self.cleaned_data.get(f"capacity_{role.pk}") is not None
        }


MOVE_KEY = re.compile(r"\d{1,9}:\d{1,9}")


class AcceptMovesForm(SingleLineFields, forms.Form):
    """The moves ticked in a run's table, and what every draft plan made from them needs: when the
    responsibility shifts and who owns the plan (chosen here, never assumed)."""

    shift_when = forms.CharField(
        label="When responsibility shifts (in words)", max_length=200, help_text="E.g. start of next school year."
    )
    shift_on = forms.DateField(label="Date responsibility shifts (optional)", required=False, widget=DateInput())
    owner = forms.ModelChoiceField(
        label="Owner of the draft plans",
        queryset=ShiftPlan.objects.none(),
        empty_label="Choose the owner",
        help_text="The plans' start and communication are theirs to follow.",
    )

    def __init__(self, *args, district: District, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = responsible_choices(district, ShiftPlan(district=district))

    @property
    def ticked(self) -> list[str]:
        """The moves ticked, as sent (kept ticked when the page comes back with an error)."""
        keys = self.data.getlist("move") if hasattr(self.data, "getlist") else []
        return [key for key in keys if MOVE_KEY.fullmatch(key)]

    def clean_shift_on(self):
        day = self.cleaned_data.get("shift_on")
        if day and day < local_today(self.district):
            raise forms.ValidationError("This date has passed: choose today or a later day.")
        return day

    def clean(self):
        cleaned = super().clean()
        if not self.ticked:
            raise forms.ValidationError("Tick at least one move in the table.")
        return cleaned


__all__ = ["AcceptMovesForm", "PlannerSettingsForm", "role_label"]
