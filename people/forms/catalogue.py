"""Editing the role catalogue, the task categories and their tasks."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from core.fields import SingleLineFields
from core.stale import StaleEditGuard
from people.forms.common import check_unique_name
from people.models import Role, Task, TaskCategory


class RoleForm(StaleEditGuard, SingleLineFields, forms.ModelForm):
    class Meta:
        model = Role
        fields = ["name", "short_name", "is_mental_health", "recommended_ratio", "ratio_source", "notes"]
        widgets = {"recommended_ratio": forms.NumberInput(attrs={"min": 1}), "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.district = district

    def clean_name(self) -> str:
        return check_unique_name(
            Role.objects.filter(district=self.instance.district),
            self.cleaned_data["name"],
            self.instance,
            what="a role",
        )


class CategoryForm(StaleEditGuard, SingleLineFields, forms.ModelForm):
    class Meta:
        model = TaskCategory
        fields = ["name", "service_kind"]
        help_texts = {"service_kind": "Used to report the share of time on direct and indirect student services."}

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.district = district

    def clean_name(self) -> str:
        return check_unique_name(
            TaskCategory.objects.filter(district=self.instance.district),
            self.cleaned_data["name"],
            self.instance,
            what="a task category",
        )


class TaskForm(StaleEditGuard, SingleLineFields, forms.ModelForm):
    class Meta:
        model = Task
        fields = ["category", "name"]
        labels = {"category": "Task category"}

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.district = district
        # A task may sit in a category retired since; keep that one choosable.
        categories = TaskCategory.objects.filter(district=district).filter(
            Q(retired=False) | Q(pk=self.instance.category_id)
        )
        self.fields["category"].queryset = categories

    def clean(self):
        cleaned = super().clean()
        category, name = cleaned.get("category"), cleaned.get("name")
        if category is not None and name:
            try:
                cleaned["name"] = check_unique_name(
                    category.tasks.all(), name, self.instance, what="a task in this category"
                )
            except forms.ValidationError as error:
                self.add_error("name", error)
        return cleaned
