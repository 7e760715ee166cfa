from __future__ import annotations

from typing import cast

from django import forms

from people.models import Role, TaskCategory
from roles.models import RoleLimit


class RoleLimitForm(forms.ModelForm):
    class Meta:
        model = RoleLimit
        fields = ["role", "category", "max_hours_per_week", "source"]
        labels = {
            "category": "Of which task type",
            "max_hours_per_week": "At most hours a week",
            "source": "Agreement",
        }
        help_texts = {"category": "Leave empty for a limit on all shifted work the role receives."}

    def __init__(self, *args, district, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.district = district
        cast(forms.ModelChoiceField, self.fields["role"]).queryset = Role.objects.filter(district=district).active()
        category = cast(forms.ModelChoiceField, self.fields["category"])
        category.queryset = TaskCategory.objects.filter(district=district).active()
        category.empty_label = "All shifted work"

    def validate_unique(self) -> None:
        if RoleLimit.objects.filter(
            role=self.cleaned_data.get("role"), category=self.cleaned_data.get("category")
        ).exists():
            self.add_error(
                "max_hours_per_week", "This role already has a limit for this; delete it first to change it."
            )
