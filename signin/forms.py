from __future__ import annotations

from django import forms

from core.fields import SingleLineFields


class WorkEmailForm(SingleLineFields, forms.Form):
    email = forms.EmailField(label="Your work email address", help_text="We send you to your district's sign-in page.")

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()
