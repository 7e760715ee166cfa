"""Creating and editing schools."""

from __future__ import annotations

from django import forms

from core.fields import SingleLineFields
from core.stale import StaleEditGuard
from people.forms.common import check_unique_name
from people.models import School


class SchoolForm(StaleEditGuard, SingleLineFields, forms.ModelForm):
    class Meta:
        model = School
        fields = ["name", "level", "enrollment"]
        widgets = {"enrollment": forms.NumberInput(attrs={"min": 0})}

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.district = district

    def clean_name(self) -> str:
        return check_unique_name(
            School.objects.filter(district=self.instance.district),
            self.cleaned_data["name"],
            self.instance,
            what="a school",
        )
