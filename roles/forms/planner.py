"""The shift planner's settings form: receiving capacity per role, hiring cost, budget, time limit."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator

from people.models import Role
from roles.models import PlannerSettings
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
        return [self[name] for name in ("hire_cost_per_fte", "budget", "time_limit")]

    def capacities(self) -> dict[str, float]:
        """The capacities entered, by role id (as strings, as stored)."""
        return {
            str(role.pk): float(self.cleaned_data[f"capacity_{role.pk}"])
            for role in self.roles
            if self.cleaned_data.get(f"capacity_{role.pk}") is not None
        }


__all__ = ["PlannerSettingsForm", "role_label"]
