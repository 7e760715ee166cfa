"""The agenda editor: one form per section, with add, remove and reorder."""

from __future__ import annotations

from typing import cast

from django import forms

from checkins.models import AgendaSection
from checkins.services.agenda import SectionInput
from core.fields import SingleLineFields

KINDS = [
    ("review", "Review previous actions: lists the open action items"),
    ("barriers", "Discuss barriers: records barriers"),
    ("plans", "Set plans: turns plans into action items"),
    ("other", "Other: the questions only"),
]


class SectionForm(SingleLineFields, forms.Form):
    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label="Title", max_length=300)
    minutes = forms.IntegerField(label="Minutes", min_value=1, max_value=480, initial=15)
    questions = forms.CharField(
        label="Guiding questions",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One question per line.",
    )
    kind = forms.ChoiceField(
        label="What the meeting page shows",
        choices=KINDS,
        initial="other",
    )


class BaseAgendaFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors) or not self.management_form.is_valid():
            return
        if not self.rows():
            raise forms.ValidationError("An agenda needs at least one section.")

    def rows(self) -> list[SectionInput]:
        """The kept sections in their new order, as ``save_agenda`` takes them."""
        kept = [form for form in self.ordered_forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        return [
            SectionInput(
                pk=form.cleaned_data.get("pk"),
                title=form.cleaned_data["title"],
                minutes=form.cleaned_data["minutes"],
                questions=form.cleaned_data.get("questions", ""),
                kind=form.cleaned_data["kind"],
            )
            for form in kept
        ]


AgendaFormSet = forms.formset_factory(
    SectionForm, formset=BaseAgendaFormSet, extra=1, can_order=True, can_delete=True, max_num=20, validate_max=True
)


def agenda_formset(sections: list[AgendaSection], data=None) -> BaseAgendaFormSet:
    initial = [
        {"pk": s.pk, "title": s.title, "minutes": s.minutes, "questions": s.questions, "kind": s.kind, "ORDER": i + 1}
        for i, s in enumerate(sections)
    ]
    return cast(BaseAgendaFormSet, AgendaFormSet(data, initial=initial, prefix="section"))
