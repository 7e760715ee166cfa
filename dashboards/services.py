"""Keep the pre-computed figures (``dashboards.models``) equal to the reflections.

The reflections' submit service calls :func:`record_submission` (and
:func:`forget_submission` when a submitted reflection is withdrawn or deleted)
in its own transaction; ``manage.py rebuild_figures`` calls
:func:`rebuild_figures` for everything, e.g. after a bulk load.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from django.db import transaction

from dashboards import queries
from dashboards.models import FigureSummary, FigureSummaryValue
from people.models import District
from reflections.figures import GroupSums, school_year_bounds, school_year_of
from reflections.models import Reflection, TimeAllocation


@transaction.atomic
def rebuild_school_year(district: District, school_year: int) -> int:
    """Recompute the district's sums for one school year (the whole year and each month, per role).

    Returns the number of summaries written. Four queries to read, two bulk inserts to write.
    """
    FigureSummary.objects.filter(district=district, school_year=school_year).delete()
    start, end = school_year_bounds(school_year)
    reflections = queries.submitted(district, start, end)
    year = queries.group_sums(reflections, group="role")
    months = queries.group_sums(reflections, group="role", by_month=True)
    keyed: dict[tuple[int, int], GroupSums] = {(0, role): sums for (_none, role), sums in year.items() if role}
    keyed |= {(month.month, role): sums for (month, role), sums in months.items() if month and role}
    summaries = FigureSummary.objects.bulk_create(
        FigureSummary(
            district=district,
            school_year=school_year,
            month=month,
            role_id=role,
            people=sums.people,
            with_ideal=sums.with_ideal,
            with_current=sums.with_current,
            barriers=dict(sums.barriers),
        )
        for (month, role), sums in keyed.items()
    )
    values = []
    for summary, sums in zip(summaries, keyed.values(), strict=True):
        for category in sums.ideal.keys() | sums.current.keys():
            values.append(
                FigureSummaryValue(
                    summary=summary,
                    category_id=category,
                    ideal_sum=sums.ideal.get(category, 0),
                    current_sum=sums.current.get(category, 0),
                    has_ideal=category in sums.ideal,
                    has_current=category in sums.current,
                )
            )
    FigureSummaryValue.objects.bulk_create(values, batch_size=2000)
    return len(summaries)


def rebuild_figures(district: District) -> int:
    """Recompute every school year of the district that has submitted reflections (or stored figures)."""
    dates = Reflection.objects.filter(district=district, status=Reflection.Status.SUBMITTED).values_list(
        "date", flat=True
    )
    years = {school_year_of(day) for day in dates.distinct()}
    years |= set(FigureSummary.objects.filter(district=district).values_list("school_year", flat=True).distinct())
    return sum(rebuild_school_year(district, year) for year in sorted(years))


def record_submission(reflection: Reflection) -> None:
    """Count ``reflection`` in the figures: call in the transaction that submits it, after it is saved.

    If it is now its author's latest in its month or school year, the figures of
    their previous latest there are taken out and its own put in; otherwise
    nothing changes. Small queries on one author's rows (at most about 60), whatever the size of the district.
    """
    _move(reflection, counted=True)


def forget_submission(reflection: Reflection) -> None:
    """Take ``reflection`` out of the figures: call *before* withdrawing, re-dating, editing or deleting it.

    Its author's previous latest reflection of the period (if any) counts again in its place.
    """
    _move(reflection, counted=False)


def _move(reflection: Reflection, *, counted: bool) -> None:
    """Replace the author's contribution with or without ``reflection`` in its month and its school year."""
    school_year = school_year_of(reflection.date)
    year_start, year_end = school_year_bounds(school_year)
    month_start = reflection.date.replace(day=1)
    month_end = (month_start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    theirs = queries.submitted(reflection.district, year_start, year_end, author_id=reflection.author_id)
    for month, start, end in ((0, year_start, year_end), (reflection.date.month, month_start, month_end)):
        in_period = theirs.filter(date__gte=start, date__lte=end)
        without_it = in_period.exclude(pk=reflection.pk)
        before, after = (without_it, in_period) if counted else (in_period, without_it)
        old, new = _latest(before), _latest(after)
        if old == new:
            continue
        with transaction.atomic():
            if old is not None:
                _apply(reflection.district, school_year, month, old, sign=-1)
            if new is not None:
                _apply(reflection.district, school_year, month, new, sign=1)


def _latest(reflections) -> int | None:
    return reflections.order_by("-date", "-pk").values_list("pk", flat=True).first()


def _apply(district: District, school_year: int, month: int, reflection_pk: int, *, sign: int) -> None:
    """Add (``sign`` 1) or take out (−1) one reflection's figures in one stored period."""
    reflection = Reflection.objects.only("role_id", "barrier_kinds").get(pk=reflection_pk)
    rows = list(
        TimeAllocation.objects.filter(reflection_id=reflection_pk).values_list(
            "category_id", "ideal_percent", "current_percent"
        )
    )
    summary, _ = FigureSummary.objects.select_for_update().get_or_create(
        district=district, school_year=school_year, month=month, role_id=reflection.role_id
    )
    summary.people += sign
    summary.with_ideal += sign * any(ideal is not None for _c, ideal, _cur in rows)
    summary.with_current += sign * any(current is not None for _c, _i, current in rows)
    barriers = Counter(summary.barriers)
    barriers.update(dict.fromkeys(set(reflection.barrier_kinds or ()), sign))
    summary.barriers = {kind: count for kind, count in barriers.items() if count}
    summary.save()
    sums: dict = {}
    for category, ideal, current in rows:
        entry = sums.setdefault(category, [Decimal(0), Decimal(0), False, False])
        entry[0] += ideal or 0
        entry[1] += current or 0
        entry[2] |= ideal is not None
        entry[3] |= current is not None
    values = {v.category_id: v for v in summary.values.all()}
    for category, (ideal, current, has_ideal, has_current) in sums.items():
        value = values.get(category) or FigureSummaryValue(summary=summary, category_id=category)
        value.ideal_sum += sign * ideal
        value.current_sum += sign * current
        value.has_ideal |= has_ideal
        value.has_current |= has_current
        value.save()


def stored_sums(district: District, school_year: int, *, role_id: int | None = None):
    """The stored sums of a school year: ``(year_by_role, months)``.

    ``year_by_role`` maps role id → :class:`GroupSums` for the whole year;
    ``months`` maps ``(first day of month, role id)`` → :class:`GroupSums`. Two queries.
    """
    summaries = FigureSummary.objects.filter(district=district, school_year=school_year)
    if role_id is not None:
        summaries = summaries.filter(role_id=role_id)
    year: dict[int, GroupSums] = {}
    months: dict[tuple[dt.date, int], GroupSums] = {}
    for summary in summaries.prefetch_related("values"):
        sums = GroupSums(
            people=summary.people,
            with_ideal=summary.with_ideal,
            with_current=summary.with_current,
            ideal={v.category_id: v.ideal_sum for v in summary.values.all() if v.has_ideal},
            current={v.category_id: v.current_sum for v in summary.values.all() if v.has_current},
            barriers=Counter(summary.barriers),
        )
        if summary.month == 0:
            year[summary.role_id] = sums
        else:
            calendar_year = school_year if summary.month >= 7 else school_year + 1
            months[(dt.date(calendar_year, summary.month, 1), summary.role_id)] = sums
    return year, months
