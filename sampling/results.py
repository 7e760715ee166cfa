"""A study's results from the database: grouped counts in a fixed number of queries, then ``sampling.figures``.

Four counting queries whatever the size: people and working minutes per role,
people per school, the moments by what became of them and the working answers
per task type, per role (:func:`tally`: one pass over the study's moments, read
from an index that holds every column it needs), and the same per school ×
role for the schools asked for (a page of schools, or all for an export).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet, Sum

from people.models import Role, School, TaskCategory
from sampling.figures import Counts, Group, TaskType, group_figures, hidden_groups, weights
from sampling.models import Moment, Participant, Study


@dataclass
class Results:
    study: Study
    minimum: int
    task_types: list[TaskType]
    district: Group
    roles: list[Group]
    schools: list[Group] = field(default_factory=list)
    school_count: int = 0
    school_page: Sequence[int] = ()

    @property
    def valid(self) -> bool:
        return self.district.valid


def task_types_of(study: Study) -> list[TaskType]:
    """The district's active task types, in the catalogue's order."""
    rows = TaskCategory.objects.filter(district_id=study.district_id, retired=False).order_by("position", "name")
    return [TaskType(pk, name, kind) for pk, name, kind in rows.values_list("pk", "name", "service_kind")]


def tally(moments: QuerySet[Moment], now: dt.datetime, *keys: str) -> dict[tuple, Counts]:
    """``moments`` counted by what became of them, grouped by the fields ``keys``, in one pass.

    Grouped by task type as well, so the same pass gives the working answers per task type
    (``Counts.hits``): unanswered and not-working moments have no task type.
    """
    rows = (
        moments.values(*keys, "task_type_id")
        .annotate(
            drawn=Count("pk"),
            due=Count("pk", filter=Q(at__lte=now)),
            answered=Count("answered_at"),
            late=Count("pk", filter=Q(late=True)),
            expired=Count("pk", filter=Q(answered_at__isnull=True, expires_at__lte=now)),
            working=Count("pk", filter=Q(working=True)),
        )
        .order_by()
        .values_list(*keys, "task_type_id", "drawn", "due", "answered", "late", "expired", "working")
    )
    counts: dict[tuple, Counts] = defaultdict(Counts)
    width = len(keys)
    for row in rows:
        key, task_type_id, figures = row[:width], row[width], row[width + 1 :]
        found = counts[key]
        found.add(Counts(*figures))
        if task_type_id is not None and figures[-1]:
            found.hits[task_type_id] = found.hits.get(task_type_id, 0) + figures[-1]
    return counts


def open_moments(now: dt.datetime) -> QuerySet[Moment]:
    """Moments whose minute has come that are neither answered nor expired."""
    return Moment.objects.filter(answered_at__isnull=True, at__lte=now, expires_at__gt=now)


def response_counts(participants: Iterable[Participant], now: dt.datetime) -> dict[int, Counts]:
    """Each of ``participants``' moments by what became of them (a page of them: one query)."""
    moments = Moment.objects.filter(participant__in=[p.pk for p in participants])
    return {participant_id: counts for (participant_id,), counts in tally(moments, now, "participant_id").items()}


def study_results(
    study: Study,
    now: dt.datetime,
    *,
    school_ids: Collection[int] | None = None,
    pick_schools: Callable[[list[int]], Sequence[int]] | None = None,
    schools: bool = True,
) -> Results:
    """Figures for the district, each role and the schools: ``school_ids`` limits the schools (a leader's);
    ``pick_schools`` picks some of them (a page) from their ids in name order; without it, all of them;
    ``schools=False``: the district and roles only.

    The moments are counted per role (one pass over the study's moments, index only) and per school ×
    role for the picked schools only; the people per role and per school come from the participants.
    """
    minimum = study.district.min_group_size
    task_types = task_types_of(study)
    days = len(study.school_days)
    participants = Participant.objects.filter(study=study).order_by()
    role_people: dict[int, int] = {}
    minutes: dict[int, int] = {}
    for role_id, n, per_day in (
        participants.values("role_id").annotate(n=Count("pk"), per_day=Sum(F("ends") - F("starts")))
    ).values_list("role_id", "n", "per_day"):
        role_people[role_id] = n
        minutes[role_id] = (per_day or 0) * days
    moments = Moment.objects.filter(study=study)
    by_role = {role_id: counts for (role_id,), counts in tally(moments, now, "role_id").items()}
    role_weights = weights(minutes, {role: c.answered for role, c in by_role.items()})
    total_people = sum(role_people.values())
    district = group_figures(
        None, study.district.name, total_people, by_role, role_weights, task_types, hidden=total_people < minimum
    )
    role_names = dict(Role.objects.filter(pk__in=list(role_people)).values_list("pk", "name"))
    hidden_roles = hidden_groups(role_people, minimum) if not district.hidden else set(role_people)
    roles = [
        group_figures(
            role_id,
            role_names.get(role_id, "?"),
            role_people[role_id],
            {role_id: by_role.get(role_id, Counts())},
            role_weights,
            task_types,
            hidden=role_id in hidden_roles,
        )
        for role_id in sorted(role_people, key=lambda r: role_names.get(r, ""))
    ]
    results = Results(study, minimum, task_types, district, roles)
    if not schools:
        return results
    school_people: dict[int | None, int] = dict(
        participants.values("school_id").annotate(n=Count("pk")).values_list("school_id", "n")
    )
    known = {s for s in school_people if s is not None}
    hidden_schools = hidden_groups(school_people, minimum)  # type: ignore[arg-type]  # people without a school count as a group
    if district.hidden:
        hidden_schools = known
    visible = sorted(known if school_ids is None else known & set(school_ids))
    names = dict(School.objects.filter(district_id=study.district_id).values_list("pk", "name")) if visible else {}
    ordered = sorted(visible, key=lambda s: (names.get(s, ""), s))
    results.school_count = len(ordered)
    if pick_schools is not None:
        results.school_page = pick_schools(ordered)
        ordered = list(results.school_page)
    if ordered:
        by_school: dict[int, dict[int, Counts]] = defaultdict(dict)
        page = tally(moments.filter(school_id__in=ordered), now, "school_id", "role_id")
        for (school_id, role_id), counts in page.items():
            by_school[school_id][role_id] = counts
        results.schools = [
            group_figures(
                s,
                names.get(s, "?"),
                school_people[s],
                by_school[s],
                role_weights,
                task_types,
                hidden=s in hidden_schools,
            )
            for s in ordered
        ]
    return results


@dataclass(frozen=True)
class ValidStudy:
    """A finished study whose district figures are valid, and each shown role's shares (0..1) per task type id."""

    study: Study
    results: Results
    shares: dict[int, dict[int, float]]


def role_shares(results: Results) -> dict[int, dict[int, float]]:
    """Each shown role's share (0..1) per task type id, when the district figures are valid and shown; else empty."""
    if not results.valid or results.district.hidden:
        return {}
    return {
        role.key: {s.task_type.key: s.interval.share for s in role.shares if s.interval}
        for role in results.roles
        if not role.hidden and role.key is not None
    }


def last_valid_study(
    district_id: int, now: dt.datetime, *, before: Study | None = None, for_planner: bool = False
) -> ValidStudy | None:
    """The latest finished study of the district whose figures are valid (of the last five finished);
    ``for_planner``: only the studies that let the shift planner use their shares."""
    studies = Study.objects.filter(district_id=district_id, closes_at__lte=now).select_related("district")
    if before is not None and before.pk:
        studies = studies.exclude(pk=before.pk)
    if for_planner:
        studies = studies.filter(use_in_planner=True)
    for study in studies.order_by("-last_day", "-pk")[:5]:
        results = study_results(study, now, schools=False)
        shares = role_shares(results)
        if shares:
            return ValidStudy(study, results, shares)
    return None


def last_valid_shares(study: Study, now: dt.datetime | None = None) -> dict[int, list[float]]:
    """The shares per role of the district's last valid study, to size a new study with."""
    from django.utils import timezone

    found = last_valid_study(study.district_id, now or timezone.now(), before=study)
    if found is None:
        return {}
    return {role: list(shares.values()) for role, shares in found.shares.items()}
