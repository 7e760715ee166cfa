"""The dashboards' period filter: a school year, or a date range inside one."""

from __future__ import annotations

import datetime as dt

from django import forms

from dashboards.report import Period
from reflections.figures import school_year_label, school_year_of

YEARS_BACK = 5


class PeriodForm(forms.Form):
    school_year = forms.TypedChoiceField(label="School year", coerce=int, required=False)
    start = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_year = school_year_of(today)
        years = range(self.current_year, self.current_year - YEARS_BACK, -1)
        self.fields["school_year"].choices = [(year, school_year_label(year)) for year in years]  # type: ignore[attr-defined]
        self.fields["start"].help_text = "Optional: a date range instead of the whole school year."

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if bool(start) != bool(end):
            self.add_error("end" if start else "start", "Give both dates of the range, or neither.")
        elif start and end and start > end:
            self.add_error("end", "The end of the range is before its start.")
        return data

    def period(self) -> Period:
        """The chosen period; the current school year when the form is empty or invalid."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("start") and data.get("end"):
            return Period(data["start"], data["end"], school_year_of(data["start"]), custom=True)
        return Period.school_year_of(data.get("school_year") or self.current_year)
