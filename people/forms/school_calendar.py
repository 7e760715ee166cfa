"""The school calendar's forms: a school year, a closure."""

from __future__ import annotations

from django import forms

from core.fields import SingleLineFields


class DayInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class SchoolYearForm(forms.Form):
    first_day = forms.DateField(label="First day of school", widget=DayInput())
    last_day = forms.DateField(label="Last day of school", widget=DayInput())


class ClosureForm(SingleLineFields, forms.Form):
    name = forms.CharField(label="Name", max_length=120, help_text="For example Winter break, Thanksgiving.")
    first_day = forms.DateField(label="First day without school", widget=DayInput())
    last_day = forms.DateField(
        label="Last day without school", widget=DayInput(), help_text="The same day for one day."
    )


def show_service_errors(form: forms.Form, error) -> None:
    """A service's ValidationError beside the fields it names."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error)
