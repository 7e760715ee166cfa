"""Every group figure the app publishes comes from here: a quarter's release, protected and frozen.

Dashboards, their charts, CSV and Excel exports and print views, the capacity page — and any page,
email or API to come — read group figures from reflections only through this module. It holds the
whole rule (``docs/privacy.md``):

1. **Fixed periods.** Figures exist for the quarters of the school year (``reflections.periods``),
   never for a range someone picks. Each person counts once per quarter, with the latest reflection
   they *submitted* in it (in the district's time zone), at the role and school of that reflection.
2. **Published once the quarter is over**, as a ``FigureRelease`` made from what was submitted in
   it, and never recomputed: nothing can be submitted into a past quarter, so no figure ever moves
   by one person. (A district raising its minimum group size only hides more of a release.)
3. **Protected as a whole** (``reflections.suppression``): a release is one table — roles at
   schools, with totals per role, per school and for the district — and an entry is shown only if
   it counts at least the minimum number of people and cannot be worked out from the entries shown.

The database side reads the latest reflection per person with a window function and adds the time
tables up in SQL (three queries), so a release of a 1,800-school district is made in seconds, once.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum, Window
from django.db.models.functions import RowNumber

from actions.services import local_today
from people.models import District
from reflections.figures import GroupSums
from reflections.models import FigureRelease, PublishedFigure, Reflection, TimeAllocation
from reflections.periods import Quarter, closed_quarters, quarter_of
from reflections.suppression import DISTRICT, SHOWN, Counts, Key, protect

ADDED = "added"
"""The JSON key of the rows staff added themselves (no task type)."""

Kind = PublishedFigure.Kind


@dataclass(frozen=True)
class Figure:
    """One entry of a release as a page may read it: ``sums`` only when it is shown."""

    kind: str
    role_id: int | None
    school_id: int | None
    state: str
    people: int
    sums: GroupSums | None = None

    @property
    def shown(self) -> bool:
        return self.state == SHOWN


# --- Making a release -------------------------------------------------------------------------


def quarter_bounds(district: District, quarter: Quarter) -> tuple[dt.datetime, dt.datetime]:
    """The quarter as aware times in the district's zone: from its first midnight up to the next quarter's."""
    zone = district.zone
    return (
        dt.datetime.combine(quarter.start, dt.time(0), tzinfo=zone),
        dt.datetime.combine(quarter.next().start, dt.time(0), tzinfo=zone),
    )


def quarter_of_submission(district: District, reflection: Reflection) -> Quarter:
    """The quarter a reflection counts in: the one it was submitted in, in the district's time zone."""
    assert reflection.submitted_at is not None
    return quarter_of(reflection.submitted_at.astimezone(district.zone).date())


def quarter_cells(district: District, quarter: Quarter) -> dict[tuple[int, int | None], GroupSums]:
    """Sums per (role, school) over the latest reflection each person submitted in ``quarter``.

    Three queries: the people (with their barrier kinds), which of them filled in each column, and
    the sums of ideal and current percentages per task type.
    """
    start, end = quarter_bounds(district, quarter)
    submitted = Reflection.objects.filter(
        district=district, status=Reflection.Status.SUBMITTED, submitted_at__gte=start, submitted_at__lt=end
    )
    latest = submitted.annotate(
        newest=Window(RowNumber(), partition_by=[F("author_id")], order_by=[F("submitted_at").desc(), F("pk").desc()])
    ).filter(newest=1)
    allocations = TimeAllocation.objects.filter(reflection__in=latest.values("pk"))
    filled = {
        pk: (ideal, current)
        for pk, ideal, current in allocations.values("reflection_id")
        .annotate(ideal=Count("ideal_percent"), current=Count("current_percent"))
        .order_by()
        .values_list("reflection_id", "ideal", "current")
    }
    cells: dict[tuple[int, int | None], GroupSums] = {}
    for pk, role_id, school_id, kinds in latest.values_list("pk", "role_id", "school_id", "barrier_kinds"):
        sums = cells.setdefault((role_id, school_id), GroupSums())
        ideal, current = filled.get(pk, (0, 0))
        sums.people += 1
        sums.with_ideal += bool(ideal)
        sums.with_current += bool(current)
        sums.barriers.update(set(kinds or ()))
    totals = (
        allocations.values("category_id", role=F("reflection__role_id"), school=F("reflection__school_id"))
        .annotate(ideal=Sum("ideal_percent"), current=Sum("current_percent"))
        .order_by()
    )
    for row in totals:
        sums = cells[(row["role"], row["school"])]
        for column, value in ((sums.ideal, row["ideal"]), (sums.current, row["current"])):
            if value is not None:
                column[row["category_id"]] = column.get(row["category_id"], Decimal(0)) + value
    return cells


def counts_of(sums: GroupSums) -> Counts:
    return Counts(sums.people, sums.with_ideal, sums.with_current)


def key_of(kind: str, role_id: int | None, school_id: int | None) -> Key:
    """The entry's key in ``reflections.suppression``."""
    if kind == Kind.CELL:
        return ("cell", role_id, school_id)
    if kind == Kind.ROLE:
        return ("role", role_id)
    if kind == Kind.SCHOOL:
        return ("school", school_id)
    return DISTRICT


def _entries(cells: dict[tuple[int, int | None], GroupSums]) -> dict[tuple[str, int | None, int | None], GroupSums]:
    """Each cell, and the totals per role, per school and for the district, as ``(kind, role, school)``."""
    entries: dict[tuple[str, int | None, int | None], GroupSums] = {}
    for (role_id, school_id), sums in cells.items():
        for entry in (
            (Kind.CELL, role_id, school_id),
            (Kind.ROLE, role_id, None),
            (Kind.SCHOOL, None, school_id),
            (Kind.DISTRICT, None, None),
        ):
            entries.setdefault(entry, GroupSums()).add(sums)
    return entries


def _column(values: dict[int | None, Decimal]) -> dict[str, str]:
    return {ADDED if key is None else str(key): str(value) for key, value in values.items()}


@transaction.atomic
def make_release(district: District, quarter: Quarter) -> FigureRelease:
    """Compute, protect and store the figures of a quarter that is over (once: a second call fails
    on the release's unique constraint)."""
    cells = quarter_cells(district, quarter)
    minimum = district.min_group_size
    states = protect({key: counts_of(sums) for key, sums in cells.items()}, minimum)
    release = FigureRelease.objects.create(district=district, quarter=quarter.start, minimum=minimum)
    PublishedFigure.objects.bulk_create(
        (
            PublishedFigure(
                district=district,
                release=release,
                kind=kind,
                role_id=role_id,
                school_id=school_id,
                state=states[key_of(kind, role_id, school_id)],
                people=sums.people,
                with_ideal=sums.with_ideal,
                with_current=sums.with_current,
                ideal=_column(sums.ideal),
                current=_column(sums.current),
                barriers=dict(sums.barriers),
            )
            for (kind, role_id, school_id), sums in _entries(cells).items()
        ),
        batch_size=2000,
    )
    return release


@transaction.atomic
def protect_again(release: FigureRelease, minimum: int) -> FigureRelease:
    """Protect a release with a larger minimum: what was hidden stays hidden, more may be hidden."""
    release = FigureRelease.objects.select_for_update().get(pk=release.pk)
    if release.minimum >= minimum:
        return release
    rows = list(release.figures.only("kind", "role_id", "school_id", "state", "people", "with_ideal", "with_current"))
    cells = {
        (row.role_id, row.school_id): Counts(row.people, row.with_ideal, row.with_current)
        for row in rows
        if row.kind == Kind.CELL
    }
    hidden = {key_of(row.kind, row.role_id, row.school_id) for row in rows if row.state != SHOWN}
    states = protect(cells, minimum, hidden_before=hidden)
    changed = []
    for row in rows:
        state = states.get(key_of(row.kind, row.role_id, row.school_id), row.state)
        if state != row.state:
            row.state = state
            changed.append(row)
    PublishedFigure.objects.bulk_update(changed, ["state"], batch_size=2000)
    release.minimum = minimum
    release.save(update_fields=["minimum"])
    return release


def releases_for(district: District, quarters: Iterable[Quarter], *, today: dt.date | None = None) -> dict:
    """``Quarter -> FigureRelease`` for those of ``quarters`` that are over: made if missing (once),
    protected again if the district has raised its minimum since. One query when all exist."""
    today = today or local_today(district)
    wanted = {quarter.start: quarter for quarter in quarters if quarter.is_over(today)}
    found = {
        release.quarter: release
        for release in FigureRelease.objects.filter(district=district, quarter__in=list(wanted))
    }
    releases = {}
    for start, quarter in wanted.items():
        release = found.get(start)
        if release is None:
            try:
                release = make_release(district, quarter)
            except IntegrityError:  # made meanwhile by another request or the hourly job
                release = FigureRelease.objects.get(district=district, quarter=start)
        if release.minimum < district.min_group_size:
            release = protect_again(release, district.min_group_size)
        releases[quarter] = release
    return releases


def publish_due_figures(today: dt.date | None = None) -> int:
    """The hourly job: make the release of each district's quarter that has just ended; returns how many
    were made. Earlier quarters are made when first asked for (or by ``manage.py publish_figures``)."""
    made = 0
    for district in District.objects.all():
        last = quarter_of(today or local_today(district)).previous()
        if not FigureRelease.objects.filter(district=district, quarter=last.start).exists():
            releases_for(district, [last], today=today)
            made += 1
    return made


def publish_figures(district: District, *, years: int = 5, today: dt.date | None = None) -> int:
    """Make every missing release of the district's quarters over the last ``years`` school years."""
    quarters = closed_quarters(today or local_today(district), years=years)
    before = FigureRelease.objects.filter(district=district).count()
    releases_for(district, quarters, today=today)
    return FigureRelease.objects.filter(district=district).count() - before


# --- Reading it --------------------------------------------------------------------------------


def _sums(row: PublishedFigure) -> GroupSums:
    def column(values: dict) -> dict[int | None, Decimal]:
        return {None if key == ADDED else int(key): Decimal(value) for key, value in values.items()}

    return GroupSums(
        people=row.people,
        with_ideal=row.with_ideal,
        with_current=row.with_current,
        ideal=column(row.ideal),
        current=column(row.current),
        barriers=Counter(row.barriers),
    )


def figure_of(row: PublishedFigure) -> Figure:
    """A stored entry as pages read it: the sums of a shown entry, nothing but its state otherwise."""
    shown = row.state == SHOWN
    return Figure(
        row.kind, row.role_id, row.school_id, row.state, row.people if shown else 0, _sums(row) if shown else None
    )


def _group(role_id: int | None, school_id: int | None) -> tuple[str, Q]:
    """The kind of a group and the filter that finds its entry."""
    kind = Kind.CELL if role_id and school_id else Kind.ROLE if role_id else Kind.SCHOOL if school_id else Kind.DISTRICT
    return kind, Q(kind=kind, role_id=role_id, school_id=school_id)


@dataclass(frozen=True)
class GroupFigures:
    """A group's figures for one quarter: its own entry, and its parts (the district's roles, a school's
    roles). ``published`` is False while the quarter is not over; ``total`` None when nobody reflected."""

    quarter: Quarter
    published: bool
    total: Figure | None = None
    parts: tuple[Figure, ...] = ()


def group_figures(
    district: District,
    quarter: Quarter,
    *,
    role_id: int | None = None,
    school_id: int | None = None,
    today: dt.date | None = None,
) -> GroupFigures:
    """The figures of the district (no role, no school), a role, a school, or a role at a school."""
    release = releases_for(district, [quarter], today=today).get(quarter)
    if release is None:
        return GroupFigures(quarter, published=False)
    kind, own = _group(role_id, school_id)
    wanted = own
    if kind == Kind.DISTRICT:
        wanted |= Q(kind=Kind.ROLE)
    elif kind == Kind.SCHOOL:
        wanted |= Q(kind=Kind.CELL, school_id=school_id)
    total, parts = None, []
    for row in release.figures.filter(wanted):
        if row.kind == kind:
            total = figure_of(row)
        else:
            parts.append(figure_of(row))
    return GroupFigures(quarter, True, total, tuple(parts))


def group_trend(
    district: District,
    quarters: Iterable[Quarter],
    *,
    role_id: int | None = None,
    school_id: int | None = None,
    today: dt.date | None = None,
) -> list[tuple[Quarter, Figure | None]]:
    """The group's entry in each of ``quarters`` that is over, in order (None: nobody reflected then)."""
    releases = releases_for(district, quarters, today=today)
    _kind, own = _group(role_id, school_id)
    by_release = {
        row.release_id: figure_of(row)
        for row in PublishedFigure.objects.filter(own, release__in=[r.pk for r in releases.values()])
    }
    return [(quarter, by_release.get(release.pk)) for quarter, release in sorted(releases.items())]


def latest_role_totals(district: District, *, today: dt.date | None = None) -> tuple[Quarter, dict[int, GroupSums]]:
    """The latest quarter that is over, and the sums of each role whose district total is shown in it."""
    quarter = quarter_of(today or local_today(district)).previous()
    release = releases_for(district, [quarter], today=today)[quarter]
    rows = release.figures.filter(kind=Kind.ROLE, state=SHOWN)
    return quarter, {row.role_id: _sums(row) for row in rows}
