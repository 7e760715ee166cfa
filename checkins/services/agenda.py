"""Editing agendas: the district's template and a series' own copy."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from checkins.agenda import district_template, seed_sections
from checkins.models import AgendaSection, Series
from people.models import District


@dataclass
class SectionInput:
    """One row of the agenda editor; ``pk`` is ``None`` for a new section."""

    pk: int | None
    title: str
    minutes: int
    questions: str
    kind: str


def _scope(district: District, series: Series | None):
    sections = AgendaSection.objects.filter(district=district)
    return sections.filter(series=series) if series is not None else sections.filter(series__isnull=True)


@transaction.atomic
def ensure_district_template(district: District) -> list[AgendaSection]:
    """Store the seed's agenda as the district's template if it has none; called when a meeting is made."""
    sections = list(_scope(district, None))
    return sections or AgendaSection.objects.bulk_create(seed_sections(district))


@transaction.atomic
def save_agenda(district: District, series: Series | None, rows: list[SectionInput]) -> list[AgendaSection]:
    """Make the agenda (the district's template, or ``series``' own) exactly ``rows``, in their order.

    Sections missing from ``rows`` are removed; a ``pk`` that is not a section
    of this agenda is refused rather than moved here from another agenda.
    """
    if not rows:
        raise ValidationError("An agenda needs at least one section.")
    existing = {section.pk: section for section in _scope(district, series)}
    unknown = {row.pk for row in rows if row.pk is not None} - set(existing)
    if unknown:
        raise ValidationError("A section of another agenda cannot be edited here.")
    kept: list[AgendaSection] = []
    for position, row in enumerate(rows):
        section = existing.get(row.pk) if row.pk is not None else None
        section = section or AgendaSection(district=district, series=series)
        section.position, section.title, section.minutes = position, row.title.strip(), row.minutes
        section.questions = "\n".join(q.strip() for q in row.questions.splitlines() if q.strip())
        section.kind = section.kind if not row.kind else row.kind
        section.full_clean(exclude=["district", "series"])
        section.save()
        kept.append(section)
    _scope(district, series).exclude(pk__in=[s.pk for s in kept]).delete()
    return kept


@transaction.atomic
def customise_for_series(series: Series) -> list[AgendaSection]:
    """Give ``series`` its own copy of the district's template (nothing changes if it has one)."""
    own = list(series.agenda_sections.all())
    if own:
        return own
    copies = [
        AgendaSection(
            district_id=series.district_id,
            series=series,
            position=section.position,
            title=section.title,
            minutes=section.minutes,
            questions=section.questions,
            kind=section.kind,
        )
        for section in district_template(series.district)
    ]
    return AgendaSection.objects.bulk_create(copies)


@transaction.atomic
def use_district_template(series: Series) -> None:
    """Drop ``series``' own agenda so its meetings follow the district's template again."""
    series.agenda_sections.all().delete()
