"""Forms of an agreement: start one, its terms with the planned shares, signing, comments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import Q

from actions.models import ActionItem
from agreements.content import seen_of
from agreements.models import Agreement, Goal
from agreements.rules import Part, shares_problem, year_of
from core.fields import IdsChoiceField, SingleLineFields
from core.stale import SeenField
from people.models import School, StaffMember, TaskCategory
from roles.models import ShiftPlan, Training


def year_choices(today: dt.date) -> list[tuple[int, str]]:
    """This school year and the next (and last, to catch up)."""
    this = year_of(today)
    return [(y, f"{y}–{(y + 1) % 100:02d}") for y in (this - 1, this, this + 1)]


def _field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


class NewAgreementForm(forms.Form):
    staff = forms.ModelChoiceField(queryset=StaffMember.objects.none(), label="Staff member")
    school = forms.ModelChoiceField(queryset=School.objects.none())
    year = forms.TypedChoiceField(coerce=int, label="School year")

    def __init__(self, *args, staff, district, today: dt.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "staff").queryset = staff.select_related("role").order_by("name")
        _field(self, "school").queryset = School.objects.filter(district=district).order_by("name")
        cast(forms.TypedChoiceField, self.fields["year"]).choices = year_choices(today)
        self.fields["year"].initial = year_of(today)
        self.fields["school"].help_text = "One of the schools the person works at: one agreement per school."


class SharesForm(forms.Form):
    """Planned shares of time as fields ``share-<task type id>``; their total must be 100% (the error
    shows beside the total)."""

    total = forms.CharField(required=False, widget=forms.HiddenInput, label="Total")

    def add_share_fields(self, categories: list[TaskCategory]) -> None:
        self.categories = categories
        for category in categories:
            self.fields[f"share-{category.pk}"] = forms.DecimalField(
                label=category.name,
                required=False,
                min_value=0,
                max_value=100,
                max_digits=4,
                decimal_places=1,
                widget=forms.NumberInput(attrs={"step": "0.1", "inputmode": "decimal", "size": 5}),
            )

    def share_fields(self):
        return [(category, self[f"share-{category.pk}"]) for category in self.categories]

    def shares(self) -> dict[int, Decimal]:
        return {c.pk: self.cleaned_data.get(f"share-{c.pk}") or Decimal(0) for c in self.categories}

    def clean(self):
        cleaned = super().clean()
        if not any(self.has_error(f"share-{c.pk}") for c in self.categories):
            problem = shares_problem(self.shares().values())
            if problem:
                self.add_error("total", problem)
        return cleaned


class TargetForm(SharesForm):
    """A role's target shares (district admins)."""

    def __init__(self, data=None, *, shares: dict[int, Decimal], categories: list[TaskCategory]) -> None:
        super().__init__(data, initial={f"share-{pk}": p for pk, p in shares.items()})
        self.add_share_fields(categories)


class TermsForm(SingleLineFields, SharesForm):
    """The agreement's terms; the planned shares are fields ``share-<task type id>``."""

    leader = forms.ModelChoiceField(
        queryset=StaffMember.objects.none(), required=False, label="School leader who signs"
    )
    caseload = forms.IntegerField(required=False, min_value=0, max_value=100_000, label="Caseload (students)")
    responsibilities = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    duties_removed = forms.CharField(
        required=False, label="Duties agreed to be removed", widget=forms.Textarea(attrs={"rows": 3})
    )
    shift_plans = IdsChoiceField(
        queryset=ShiftPlan.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Shift plans that remove them",
    )
    trainings = IdsChoiceField(
        queryset=Training.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Professional development (from the training glossary)",
    )
    availability = forms.CharField(required=False, max_length=200, label="Availability hours")
    seen = SeenField()

    def __init__(
        self, *args, agreement: Agreement, leaders, categories: list[TaskCategory], parts: list[Part], **kwargs
    ) -> None:
        shares = {share.category_id: share.percent for share in agreement.shares.all()}
        initial = {
            "leader": agreement.leader_id,
            "caseload": agreement.caseload,
            "responsibilities": agreement.responsibilities,
            "duties_removed": agreement.duties_removed,
            "shift_plans": [p.pk for p in agreement.shift_plans.all()],
            "trainings": [t.pk for t in agreement.trainings.all()],
            "availability": agreement.availability,
            "seen": seen_of(parts).sign(),
            **{f"share-{c.pk}": shares.get(c.pk) for c in categories},
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.agreement = agreement
        _field(self, "leader").queryset = leaders
        _field(self, "shift_plans").queryset = (
            ShiftPlan.objects.filter(district_id=agreement.district_id, from_role_id=agreement.staff.role_id)
            .filter(models_school(agreement))
            .select_related("task")
            .order_by("task__name")
        )
        _field(self, "trainings").queryset = Training.objects.filter(
            district_id=agreement.district_id, retired=False
        ).order_by("name")
        self.add_share_fields(categories)

    def terms(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("leader", "caseload", "responsibilities", "duties_removed", "availability")
        }


def models_school(agreement: Agreement) -> Q:
    """Shift plans of the agreement's school or district-wide ones."""
    return Q(school__isnull=True) | Q(school_id=agreement.school_id)


class SignForm(forms.Form):
    """A signature: it carries the text the signer read, so a text changed meanwhile is refused."""

    seen = SeenField()
    confirm = forms.BooleanField(label="I have read this version and agree to it.")


class CommentForm(forms.Form):
    text = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class GoalForm(SingleLineFields, forms.Form):
    kind = forms.ChoiceField(choices=Goal.Kind.choices, widget=forms.RadioSelect, initial=Goal.Kind.PROGRAM)
    statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), help_text="E.g. Direct services from 51% to 70% by March."
    )
    indicator = forms.CharField(max_length=200)
    categories = IdsChoiceField(
        queryset=TaskCategory.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Task types measured (time goals)",
    )
    baseline = forms.DecimalField(max_digits=9, decimal_places=1)
    baseline_on = forms.DateField(label="Baseline date", widget=forms.DateInput(attrs={"type": "date"}))
    target = forms.DecimalField(max_digits=9, decimal_places=1)
    due_on = forms.DateField(label="Target date", widget=forms.DateInput(attrs={"type": "date"}))
    owner = forms.ModelChoiceField(queryset=StaffMember.objects.none(), required=False)
    action_items = IdsChoiceField(
        queryset=ActionItem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Linked action items",
    )
    seen = SeenField()

    def __init__(self, *args, agreement: Agreement, goal: Goal | None, parts: list[Part], items, **kwargs) -> None:
        initial: dict[str, Any] = {"seen": seen_of(parts).sign()}
        if goal is not None:
            initial |= {
                name: getattr(goal, name)
                for name in ("kind", "statement", "indicator", "baseline", "baseline_on", "target", "due_on")
            }
            initial |= {
                "owner": goal.owner_id,
                "categories": [c.pk for c in goal.categories.all()],
                "action_items": [i.pk for i in goal.action_items.all()],
            }
        else:
            initial["owner"] = agreement.staff_id
        super().__init__(*args, initial=initial, **kwargs)
        _field(self, "categories").queryset = (
            TaskCategory.objects.filter(district_id=agreement.district_id).active().order_by("position")
        )
        _field(self, "owner").queryset = StaffMember.objects.filter(
            pk__in=[agreement.staff_id, agreement.leader_id or 0]
        ).order_by("name")
        _field(self, "action_items").queryset = items

    def data_fields(self) -> dict:
        return {
            name: self.cleaned_data.get(name)
            for name in ("kind", "statement", "indicator", "baseline", "baseline_on", "target", "due_on", "owner")
        }


class DeleteGoalForm(forms.Form):
    seen = SeenField()


class ProgressForm(forms.Form):
    recorded_on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    value = forms.DecimalField(required=False, max_digits=9, decimal_places=1, label="Value now")
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)
