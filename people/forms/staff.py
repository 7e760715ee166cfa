"""Creating and editing staff members, with their school assignments and led schools."""

from __future__ import annotations

from decimal import Decimal
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from core.fields import SingleLineFields
from core.stale import StaleEditGuard
from core.widgets import QuickSelect, QuickSelectMultiple
from people.models import Role, School, StaffMember
from people.services import check_fte_total, check_own_access


class StaffForm(StaleEditGuard, SingleLineFields, forms.ModelForm):
    led_schools = forms.TypedMultipleChoiceField(
        label="Schools led",
        coerce=int,
        required=False,
        widget=QuickSelectMultiple(attrs={"size": 8}),
        help_text=(
            "Only used for school leaders: they see and run these schools. Hold Ctrl (⌘ on a Mac) to choose several."
        ),
    )

    class Meta:
        model = StaffMember
        fields = ["name", "email", "role", "access", "can_log_in"]
        labels = {"access": "Access level", "can_log_in": "Can log in"}
        help_texts = {"can_log_in": "A new login gets an email inviting the person to choose a password."}

    def __init__(self, *args, district, editor: StaffMember, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.district = district
        self.editor = editor
        # Retired roles are not offered, except the one the person already has.
        cast(forms.ModelChoiceField, self.fields["role"]).queryset = Role.objects.filter(district=district).filter(
            Q(retired=False) | Q(pk=self.instance.role_id)
        )
        cast(forms.TypedMultipleChoiceField, self.fields["led_schools"]).choices = school_choices(district)
        if self.instance.pk is not None:
            self.fields["led_schools"].initial = list(self.instance.leaderships.values_list("school_id", flat=True))

    def clean_led_schools(self):
        return School.objects.filter(district=self.instance.district, pk__in=self.cleaned_data["led_schools"])

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        # Only this district's people: another district's address must read like any new one.
        clash = StaffMember.objects.filter(district=self.instance.district, email__iexact=email)
        if self.instance.pk is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError("Someone on the staff list already has this email address.")
        return email

    def _post_clean(self):
        super()._post_clean()
        try:
            check_own_access(self.instance, by=self.editor)
        except ValidationError as error:
            self._update_errors(error)


def school_choices(district) -> list[tuple[int, str]]:
    """The district's schools as (id, name): read once and shared by every school picker of the page.

    Model choice fields would each load and render every school again (1,800 in the largest district).
    """
    return list(School.objects.filter(district=district).order_by("name").values_list("pk", "name"))


class AssignmentForm(forms.Form):
    school = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, widget=QuickSelect)
    fte = forms.DecimalField(label="FTE", max_digits=3, decimal_places=2, required=False)

    def __init__(self, *args, district, schools: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district
        cast(forms.TypedChoiceField, self.fields["school"]).choices = [("", "---------"), *schools]

    def clean_school(self) -> School | None:
        pk = self.cleaned_data["school"]
        return None if pk is None else School.objects.get(district=self.district, pk=pk)

    def clean(self):
        cleaned = super().clean()
        school, fte = cleaned.get("school"), cleaned.get("fte")
        if school is not None and fte is None and "fte" not in self.errors:
            self.add_error("fte", "Enter this person's FTE at the school.")
        if fte is not None and not (Decimal(0) < fte <= Decimal(1)):
            self.add_error("fte", "FTE must be more than 0 and at most 1.")
        if fte is not None and school is None:
            self.add_error("school", "Choose the school for this FTE.")
        return cleaned


class BaseAssignmentFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            school = form.cleaned_data.get("school")
            if school is None or form.cleaned_data.get("DELETE"):
                continue
            if school.pk in seen:
                raise ValidationError(f"{school} is listed twice.")
            seen.add(school.pk)
        check_fte_total(self.assignments().values())

    def assignments(self) -> dict[School, Decimal]:
        """The school → FTE mapping the formset describes (blank and removed rows left out)."""
        return {
            form.cleaned_data["school"]: form.cleaned_data["fte"]
            for form in self.forms
            if form.cleaned_data.get("school") is not None and not form.cleaned_data.get("DELETE")
        }


AssignmentFormSet = forms.formset_factory(AssignmentForm, formset=BaseAssignmentFormSet, extra=2, can_delete=True)


def assignment_formset(data, *, district, staff: StaffMember | None) -> BaseAssignmentFormSet:
    initial = []
    if staff is not None and staff.pk is not None:
        initial = [{"school": a.school_id, "fte": a.fte} for a in staff.assignments.all()]
    formset = AssignmentFormSet(
        data,
        initial=initial,
        prefix="assignments",
        form_kwargs={"district": district, "schools": school_choices(district)},
    )
    return cast(BaseAssignmentFormSet, formset)
