from __future__ import annotations

from typing import cast

from django import forms

from core.fields import SingleLineFields
from core.stale import SeenField, StaleEditGuard
from people.models import Role, TaskCategory
from roles.models import RoleLimit
from roles.services.limits import DUPLICATE, FIELDS, LABELS, duplicate_of


class RoleLimitForm(StaleEditGuard, SingleLineFields, forms.ModelForm):
    """A limit from a local agreement; editing a saved one, it carries a snapshot of it (``seen``)."""

    class Meta:
        model = RoleLimit
        fields = list(FIELDS)
        labels = LABELS
        help_texts = {"category": "Leave empty for a limit on all shifted work the role receives."}

    def __init__(self, *args, district, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.district = district
        roles = Role.objects.filter(district=district)
        categories = TaskCategory.objects.filter(district=district)
        # A limit keeps its role and task type even if they were retired since.
        cast(forms.ModelChoiceField, self.fields["role"]).queryset = roles.active() | roles.filter(
            pk=self.instance.role_id
        )
        category = cast(forms.ModelChoiceField, self.fields["category"])
        category.queryset = categories.active() | categories.filter(pk=self.instance.category_id)
        category.empty_label = "All shifted work"

    def validate_unique(self) -> None:
        if duplicate_of(self.instance) is not None:
            self.add_error("max_hours_per_week", DUPLICATE)


class DeleteLimitForm(forms.Form):
    """The delete button of a limit's row: it carries what the row showed, so a changed limit is not deleted unseen."""

    seen = SeenField()
