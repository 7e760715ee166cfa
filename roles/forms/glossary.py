"""The glossary's training form, with the tasks and roles a training prepares for as checkbox lists."""

from __future__ import annotations

from django import forms

from core.fields import IdsChoiceField, SingleLineFields
from core.stale import StaleEditGuard
from people.models import Role, Task
from roles.models import Training


class TaskChoiceField(IdsChoiceField):
    def label_from_instance(self, obj: Task) -> str:
        return f"{obj.category.name}: {obj.name}"


class TrainingForm(StaleEditGuard, SingleLineFields, forms.ModelForm):
    """A training of the glossary with its links; editing a saved one, it carries a snapshot of it (``seen``)."""

    tasks = TaskChoiceField(
        queryset=Task.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Tasks it prepares for",
    )
    roles = IdsChoiceField(
        queryset=Role.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Roles it prepares",
        help_text="Leave empty when it prepares any role for its tasks.",
    )

    url = forms.URLField(label="Link", required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = Training
        fields = ["name", "audience", "format", "length", "hours", "cost_per_person", "url", "description"]
        labels = {"hours": "Length in hours", "audience": "Who is the training for?"}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.district = district
        self.fields["tasks"].queryset = (
            Task.objects.filter(district=district, retired=False, category__retired=False)
            .select_related("category")
            .order_by("category__position", "position", "name")
        )
        self.fields["roles"].queryset = Role.objects.filter(district=district).active()
        if self.instance.pk:
            self.initial.setdefault("tasks", list(self.instance.tasks.values_list("pk", flat=True)))
            self.initial.setdefault("roles", list(self.instance.roles.values_list("pk", flat=True)))

    def clean(self):
        cleaned = super().clean()
        name, audience = cleaned.get("name"), cleaned.get("audience")
        if name and audience:
            clash = Training.objects.filter(district=self.instance.district, audience=audience, name__iexact=name)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("name", "The glossary already has a training of this name for this audience.")
        return cleaned


class RetireForm(forms.Form):
    """A retire or restore button: it says which of the two the admin asked for, so a second click from
    a page read before someone else's click does not undo theirs."""

    retire = forms.TypedChoiceField(choices=[("yes", "Retire"), ("no", "Restore")], coerce=lambda value: value == "yes")
