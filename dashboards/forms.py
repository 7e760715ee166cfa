"""The dashboards' period filter: one quarter of the school year (never a date range: ``docs/privacy.md``)."""

from __future__ import annotations

import datetime as dt

from django import forms

from reflections.periods import Quarter, closed_quarters, parse_quarter, recent_quarters


class QuarterForm(forms.Form):
    quarter = forms.ChoiceField(label="Quarter", required=False)

    def __init__(self, *args, today: dt.date, own: bool = False, **kwargs):
        """Group pages offer the quarters that are over; a person's own page also the current one."""
        super().__init__(*args, **kwargs)
        self.quarters = recent_quarters(today) if own else closed_quarters(today)
        self.fields["quarter"].choices = [  # type: ignore[attr-defined]
            (q.key, f"{q.label} (school year {q.school_year_label})") for q in self.quarters
        ]
        if not own:
            self.fields[
                "quarter"
            ].help_text = (
                "Group figures are published for each quarter once it is over; the current quarter's come when it ends."
            )

    def chosen(self) -> Quarter:
        """The chosen quarter; the newest offered when the form is empty or invalid."""
        chosen = parse_quarter(self.cleaned_data.get("quarter")) if self.is_bound and self.is_valid() else None
        return chosen or self.quarters[0]
