"""Forms of the meeting page: barriers, new action items, attendance, the section clock."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from actions.forms import DateInput, staff_matching
from actions.models import Barrier, BarrierKind, Status
from core.fields import SingleLineFields
from people.models import District, StaffMember


class BarrierForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of barrier", choices=BarrierKind.choices)
    raised_by = forms.TypedChoiceField(label="Raised by", coerce=int, required=False, empty_value=None)
    description = forms.CharField(
        label="The barrier",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Describe the barrier."},
    )

    def __init__(self, *args: Any, people: list[StaffMember], **kwargs: Any) -> None:
        kwargs["prefix"] = "barrier"
        super().__init__(*args, **kwargs)
        self.people = {p.pk: p for p in people}
        self.fields["raised_by"].choices = [("", "Not recorded"), *((p.pk, p.name) for p in people)]  # type: ignore[attr-defined]

    def raiser(self) -> StaffMember | None:
        pk = self.cleaned_data.get("raised_by")
        return self.people.get(pk) if pk is not None else None


class PlanItemForm(SingleLineFields, forms.Form):
    """A plan turned into an action item: what, who, by when, which barrier."""

    description = forms.CharField(
        label="What will be done",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Describe the action to be completed."},
    )
    owner = forms.TypedChoiceField(label="Who is responsible", coerce=int, required=False, empty_value=None)
    owner_name = forms.CharField(
        label="Or someone else (name or email)",
        max_length=200,
        required=False,
        help_text="A district staff member's name or email is linked to them; any other name is kept as typed.",
    )
    due_on = forms.DateField(
        label="By when", widget=DateInput(), error_messages={"required": "Say by what date it will be done."}
    )
    barrier = forms.TypedChoiceField(label="Barrier it addresses", coerce=int, required=False, empty_value=None)

    def __init__(
        self, *args: Any, district: District, people: list[StaffMember], barriers: list[Barrier], **kwargs: Any
    ) -> None:
        kwargs["prefix"] = "item"
        super().__init__(*args, **kwargs)
        self.district = district
        self.people = {p.pk: p for p in people}
        self.barriers = {b.pk: b for b in barriers}
        self.fields["owner"].choices = [("", "Someone else (type below)"), *((p.pk, p.name) for p in people)]  # type: ignore[attr-defined]
        self.fields["barrier"].choices = [  # type: ignore[attr-defined]
            ("", "None"),
            *((b.pk, f"{b.get_kind_display()}: {b.description[:80]}") for b in barriers),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        owner_pk, name = cleaned.get("owner"), (cleaned.get("owner_name") or "").strip()
        if owner_pk is not None and name:
            self.add_error("owner_name", "Choose a participant or type a name, not both.")
        elif owner_pk is None and not name:
            self.add_error("owner", "Choose who is responsible, or type their name below.")
        return cleaned

    def item_fields(self) -> dict[str, Any]:
        """Keyword arguments of ``add_plan_item``."""
        data = self.cleaned_data
        if data.get("owner"):
            owner = self.people.get(data["owner"])
        else:
            owner = staff_matching(self.district, data["owner_name"])
        return {
            "description": data["description"],
            "owner": owner,
            "owner_name": "" if owner else data["owner_name"],
            "due_on": data.get("due_on"),
            "barrier": self.barriers.get(data["barrier"]) if data.get("barrier") else None,
        }


class AttendanceForm(forms.Form):
    present = forms.TypedMultipleChoiceField(
        label="Present", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, people: list[StaffMember], **kwargs: Any) -> None:
        kwargs["prefix"] = "attendance"
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(p.pk, p.name) for p in people]  # type: ignore[attr-defined]


class SectionSwitchForm(forms.Form):
    """Start a section's clock (empty: stop the clock)."""

    section = forms.IntegerField(required=False)


STATUS_OPTIONS = {
    current: format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, mark_safe(" selected") if value == current else "", label) for value, label in Status.choices),
    )
    for current in Status.values
}
"""The options of a reviewed item's status select for each current status, built once (a page lists hundreds)."""
