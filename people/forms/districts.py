"""The operator's form for a new district and its first district admin."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from core.fields import SingleLineFields
from people.models import District, StaffMember, time_zone_choices


class NewDistrictForm(SingleLineFields, forms.Form):
    name = forms.CharField(label="District name", max_length=200)
    slug = forms.SlugField(
        label="Short name for addresses",
        max_length=60,
        help_text="Lower-case letters, numbers and hyphens, e.g. lincoln-county. It must be unique.",
    )
    time_zone = forms.ChoiceField(label="Time zone", choices=time_zone_choices, initial="America/New_York")
    admin_name = forms.CharField(label="District admin's name", max_length=200)
    admin_email = forms.EmailField(
        label="District admin's email address",
        help_text="We email this person a link to choose their password.",
    )

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"].lower()
        if District.objects.filter(slug=slug).exists():
            raise forms.ValidationError("Another district already uses this short name. Choose another.")
        return slug

    def clean_admin_email(self) -> str:
        email = self.cleaned_data["admin_email"].strip().lower()
        in_use = (
            StaffMember.objects.filter(email__iexact=email).exists()
            or get_user_model().objects.filter(email__iexact=email).exists()
        )
        if in_use:
            raise forms.ValidationError(
                "This email address already belongs to someone in this deployment. Use another address."
            )
        return email
