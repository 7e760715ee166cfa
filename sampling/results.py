"""A study's results from the database: counted once when the study is over, then ``sampling.figures``.

While a study runs only its response rate is shown (:func:`study_progress`: counts of moments, no
answer read). Once its last answer window has closed, ``sampling.services.publish_results`` counts
it once (:func:`count_cells`: the people and moments per role × school, in three queries) and stores
the counts (``PublishedResults``); every surface then builds the figures from them
(:func:`study_results`: the names of the task types, roles and schools, three queries at most).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet, Sum

from people.models import Role, School, TaskCategory
from sampling.figures import Counts, Group, TaskType, group_figures, weights
from sampling.models import Moment, Participant, PublishedResults, Study
from sampling.published import DISTRICT, Cell, decode, hidden_entries


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
    published_at: dt.datetime | None = None

    @property
    def valid(self) -> bool:
        return self.district.valid


def task_types_of(study: Study) -> list[TaskType]:
    """The district's active task types, in the catalogue's order."""
    rows = TaskCategory.objects.filter(district_id=study.district_id, retired=False).order_by("position", "name")
    return [TaskType(pk, name, kind) for pk, name, kind in rows.values_list("pk", "name", "service_kind")]


RESPONSE_FIGURES = ("drawn", "due", "answered", "late", "expired")


def response_figures(now: dt.datetime) -> dict[str, Count]:
    """What became of moments by ``now`` (the first figures of ``Counts``), as aggregates: nothing an answer said."""
    return {
        "drawn": Count("pk"),
        "due": Count("pk", filter=Q(at__lte=now)),
        "answered": Count("answered_at"),
        "late": Count("pk", filter=Q(late=True)),
        "expired": Count("pk", filter=Q(answered_at__isnull=True, expires_at__lte=now)),
    }


def tally(moments: QuerySet[Moment], now: dt.datetime, *keys: str) -> dict[tuple, Counts]:
    """``moments`` counted by what became of them, grouped by the fields ``keys``, in one pass.

    Grouped by task type as well, so the same pass gives the working answers per task type
    (``Counts.hits``): unanswered and not-working moments have no task type.
    """
    rows = (
        moments.values(*keys, "task_type_id")
        .annotate(**response_figures(now), working=Count("pk", filter=Q(working=True)))
        .order_by()
        .values_list(*keys, "task_type_id", *RESPONSE_FIGURES, "working")
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


def count_cells(study: Study) -> tuple[list[Cell], dict[int, int]]:
    """The study's counts per role × school once it is over (its moments as they were when its last
    answer window closed), and the working minutes of each role. Three queries whatever the size."""
    until = study.closes_at or study.drawn_at or dt.datetime.min.replace(tzinfo=dt.UTC)
    days = len(study.school_days)
    participants = Participant.objects.filter(study=study).order_by()
    people: dict[tuple[int, int | None], int] = {}
    minutes: dict[int, int] = defaultdict(int)
    for role_id, school_id, n, per_day in (
        participants.values("role_id", "school_id").annotate(n=Count("pk"), per_day=Sum(F("ends") - F("starts")))
    ).values_list("role_id", "school_id", "n", "per_day"):
        people[(role_id, school_id)] = n
        minutes[role_id] += (per_day or 0) * days
    counts = tally(Moment.objects.filter(study=study), until, "role_id", "school_id")
    keys = sorted(people.keys() | counts.keys(), key=repr)
    return [
        Cell(role, school, people.get((role, school), 0), counts.get((role, school), Counts())) for role, school in keys
    ], dict(minutes)


def published_task_types(published: PublishedResults) -> list[TaskType]:
    """The task types the published results counted, in the order they had (retired since or not)."""
    rows = TaskCategory.objects.filter(pk__in=published.task_types).values_list("pk", "name", "service_kind")
    found = {pk: TaskType(pk, name, kind) for pk, name, kind in rows}
    return [found[pk] for pk in published.task_types if pk in found]


def study_results(
    published: PublishedResults,
    *,
    school_ids: Collection[int] | None = None,
    pick_schools: Callable[[list[int]], Sequence[int]] | None = None,
    schools: bool = True,
) -> Results:
    """A finished study's figures for the district, each role and the schools, from its published counts:
    ``school_ids`` limits the schools (a leader's); ``pick_schools`` picks some of them (a page) from
    their ids in name order; without it, all of them; ``schools=False``: the district and roles only.

    The hidden groups are those of the whole table (``sampling.published.hidden_entries``), whoever
    looks: a leader sees fewer schools, never other figures. The names of the task types, roles and
    schools are read now (three queries at most); the figures are the published ones.
    """
    study = published.study
    minimum = max(study.district.min_group_size, published.minimum)
    cells = decode(published.cells)
    hidden = hidden_entries(cells, minimum, hidden_before=[tuple(key) for key in published.hidden])
    task_types = published_task_types(published)
    by_role: dict[int, Counts] = defaultdict(Counts)
    role_people: dict[int, int] = defaultdict(int)
    for cell in cells:
        by_role[cell.role].add(cell.counts)
        role_people[cell.role] += cell.people
    minutes = {int(role): n for role, n in published.minutes.items()}
    role_weights = weights(minutes, {role: c.answered for role, c in by_role.items()})
    total_people = sum(role_people.values())
    district = group_figures(
        None, study.district.name, total_people, by_role, role_weights, task_types, hidden=DISTRICT in hidden
    )
    role_names = dict(Role.objects.filter(pk__in=list(role_people)).values_list("pk", "name"))
    roles = [
        group_figures(
            role_id,
            role_names.get(role_id, "?"),
            role_people[role_id],
            {role_id: by_role[role_id]},
            role_weights,
            task_types,
            hidden=("role", role_id) in hidden,
        )
        for role_id in sorted(role_people, key=lambda r: (role_names.get(r, ""), r))
    ]
    results = Results(study, minimum, task_types, district, roles, published_at=published.published_at)
    if not schools:
        return results
    by_school: dict[int, dict[int, Counts]] = defaultdict(dict)
    school_people: dict[int, int] = defaultdict(int)
    for cell in cells:
        if cell.school is not None:
            by_school[cell.school][cell.role] = cell.counts
            school_people[cell.school] += cell.people
    visible = sorted(school_people if school_ids is None else school_people.keys() & set(school_ids))
    names = dict(School.objects.filter(pk__in=visible).values_list("pk", "name")) if visible else {}
    ordered = sorted(visible, key=lambda s: (names.get(s, ""), s))
    results.school_count = len(ordered)
    if pick_schools is not None:
        results.school_page = pick_schools(ordered)
        ordered = list(results.school_page)
    results.schools = [
        group_figures(
            s,
            names.get(s, "(a school since removed)"),
            school_people[s],
            by_school[s],
            role_weights,
            task_types,
            hidden=("school", s) in hidden,
        )
        for s in ordered
    ]
    return results


@dataclass
class Progress:
    """A running study's response rate, overall and per role: counts of moments, never what was answered."""

    study: Study
    district: Group
    roles: list[Group]


def study_progress(study: Study, now: dt.datetime) -> Progress:
    """How many of a running study's moments are due and answered, overall and per role (three queries).

    Only the counts needed to chase non-response: nothing an answer said (working or not, task
    type) is read, so two views a moment apart tell a leader no more than "someone answered".
    """
    rows = (
        Moment.objects.filter(study=study)
        .values("role_id")
        .annotate(**response_figures(now))
        .order_by()
        .values_list("role_id", *RESPONSE_FIGURES)
    )
    by_role = {role_id: Counts(*figures) for role_id, *figures in rows}
    people = dict(
        Participant.objects.filter(study=study)
        .values("role_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("role_id", "n")
    )
    names = dict(Role.objects.filter(pk__in=list(people)).values_list("pk", "name"))
    total = Counts()
    for counts in by_role.values():
        total.add(counts)
    district = Group(None, study.district.name, sum(people.values()), total, hidden=True)
    roles = [
        Group(role_id, names.get(role_id, "?"), people[role_id], by_role.get(role_id, Counts()), hidden=True)
        for role_id in sorted(people, key=lambda r: (names.get(r, ""), r))
    ]
    return Progress(study, district, roles)


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


def last_valid_study(district_id: int, *, before: Study | None = None, for_planner: bool = False) -> ValidStudy | None:
    """The latest published study of the district whose figures are valid (of the last five published);
    ``for_planner``: only the studies that let the shift planner use their shares. A running study never
    counts: its figures are not published until it is over."""
    studies = Study.objects.filter(district_id=district_id, published__isnull=False).select_related(
        "district", "published"
    )
    if before is not None and before.pk:
        studies = studies.exclude(pk=before.pk)
    if for_planner:
        studies = studies.filter(use_in_planner=True)
    for study in studies.order_by("-last_day", "-pk")[:5]:
        results = study_results(study.published, schools=False)
        shares = role_shares(results)
        if shares:
            return ValidStudy(study, results, shares)
    return None


def last_valid_shares(study: Study) -> dict[int, list[float]]:
    """The shares per role of the district's last valid study, to size a new study with."""
    found = last_valid_study(study.district_id, before=study)
    if found is None:
        return {}
    return {role: list(shares.values()) for role, shares in found.shares.items()}
