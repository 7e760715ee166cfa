"""District settings: the district's own fields and each role's recommended ratio."""

from __future__ import annotations

import zoneinfo

from django import forms

from core.fields import SingleLineFields
from core.stale import StaleEditGuard
from people.models import District, Role

US_TIME_ZONES: tuple[tuple[str, str], ...] = (
    ("America/New_York", "Eastern (New York)"),
    ("America/Detroit", "Eastern (Detroit)"),
    ("America/Indiana/Indianapolis", "Eastern (Indianapolis)"),
    ("America/Kentucky/Louisville", "Eastern (Louisville)"),
    ("America/Chicago", "Central (Chicago)"),
    ("America/Indiana/Knox", "Central (Knox, Indiana)"),
    ("America/Menominee", "Central (Menominee)"),
    ("America/North_Dakota/Center", "Central (North Dakota)"),
    ("America/Denver", "Mountain (Denver)"),
    ("America/Boise", "Mountain (Boise)"),
    ("America/Phoenix", "Mountain, no daylight saving (Phoenix)"),
    ("America/Los_Angeles", "Pacific (Los Angeles)"),
    ("America/Anchorage", "Alaska (Anchorage)"),
    ("America/Juneau", "Alaska (Juneau)"),
    ("America/Adak", "Hawaii-Aleutian (Adak)"),
    ("Pacific/Honolulu", "Hawaii (Honolulu)"),
    ("America/Puerto_Rico", "Atlantic (Puerto Rico, U.S. Virgin Islands)"),
    ("Pacific/Guam", "Chamorro (Guam, Northern Mariana Islands)"),
    ("Pacific/Pago_Pago", "Samoa (American Samoa)"),
)


class DistrictSettingsForm(StaleEditGuard, SingleLineFields, forms.ModelForm):
    time_zone = forms.ChoiceField(choices=US_TIME_ZONES, help_text="Due dates and meeting times use this time zone.")

    class Meta:
        model = District
        fields = ["name", "time_zone", "min_group_size", "hours_per_fte"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.time_zone
        if current and current not in dict(US_TIME_ZONES):
            # Keep a zone set before this list existed selectable rather than silently changing it.
            self.fields["time_zone"].choices = [(current, current.replace("_", " ")), *US_TIME_ZONES]

    def clean_time_zone(self) -> str:
        value = self.cleaned_data["time_zone"]
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise forms.ValidationError("This is not a known time zone.") from exc
        return value


class RoleRatioForm(StaleEditGuard, SingleLineFields, forms.ModelForm):
    stale_name_record = True

    class Meta:
        model = Role
        fields = ["recommended_ratio", "ratio_source"]
        labels = {"recommended_ratio": "Students per FTE", "ratio_source": "Source"}
        widgets = {"recommended_ratio": forms.NumberInput(attrs={"min": 1})}


RoleRatioFormSet = forms.modelformset_factory(Role, form=RoleRatioForm, extra=0, can_delete=False)
