"""Every change to time sampling: working hours, studies, the draw, and answers.

The emails (a moment's prompt and its one reminder) are in ``sampling.prompts``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.utils import timezone

from core.bulk import Prepared, insert_statement
from people.models import District, Role, School, StaffMember, TaskCategory
from sampling import draw as drawing
from sampling import results
from sampling.models import Moment, NotWorking, Participant, PersonHours, PublishedResults, RoleHours, Study, WithWhom
from sampling.published import encode, hidden_entries
from sampling.school_days import answer_deadline, answering_days, reminder_time
from sampling.sizing import Plan, plan_study

BATCH = 2000


def save_role_hours(district: District, role: Role, starts: dt.time | None, ends: dt.time | None) -> None:
    """Set a role's default working hours on school days; no times clears them."""
    if starts is None or ends is None:
        RoleHours.objects.filter(district=district, role=role).delete()
        return
    if ends <= starts:
        raise ValidationError({"ends": "The end must be after the start."})
    RoleHours.objects.update_or_create(district=district, role=role, defaults={"starts": starts, "ends": ends})


def save_person_hours(staff: StaffMember, starts: dt.time | None, ends: dt.time | None) -> None:
    """Set a person's own working hours (used instead of their role's); no times clears them."""
    if starts is None or ends is None:
        PersonHours.objects.filter(staff=staff).delete()
        return
    if ends <= starts:
        raise ValidationError({"ends": "The end must be after the start."})
    PersonHours.objects.update_or_create(
        staff=staff, defaults={"district_id": staff.district_id, "starts": starts, "ends": ends}
    )


@transaction.atomic
def create_study(study: Study, *, roles: Iterable[Role], schools: Iterable[School], by: StaffMember) -> Study:
    """Save a new study (not drawn yet) with its roles and schools (no schools: every school)."""
    study.district_id = by.district_id
    study.created_by = by
    study.full_clean(exclude=["roles", "schools"])
    study.save()
    study.roles.set(list(roles))
    study.schools.set(list(schools))
    return study


def study_plan(study: Study) -> Plan:
    """The plan of the draw (see ``sampling.sizing``), sized from the last valid study's shares if asked."""
    last = results.last_valid_shares(study) if study.size_from_last_study else None
    return plan_study(study, last_shares=last)


@transaction.atomic
def draw(study: Study, *, by: StaffMember, seed: int | None = None, now: dt.datetime | None = None) -> int:
    """Draw the study's moments from a recorded seed; returns how many. All or nothing.

    Refused (``ValidationError``, nothing written) when the study was already drawn, its period has
    started, or the plan has a problem: no school days, people without working hours, more moments
    than working minutes. Participants' hours and the school days are stored with the study, so the
    draw can be re-run from the seed (``sampling.draw.draw_study``).
    """
    now = now or timezone.now()
    locked = Study.objects.select_for_update().select_related("district").get(pk=study.pk)
    if locked.drawn_at is not None:
        raise ValidationError("This study's moments were already drawn.")
    zone = locked.district.zone
    if locked.first_day <= timezone.localtime(now, zone).date():
        raise ValidationError("The period must start after today: moments are asked for as they happen.")
    plan = study_plan(locked)
    if plan.problems:
        raise ValidationError(plan.problems)
    seed = seed if seed is not None else drawing.new_seed()
    drawn = drawing.draw_study(seed, plan.strata(), plan.days)
    people = Participant.objects.bulk_create(
        [
            Participant(
                district_id=locked.district_id,
                study=locked,
                staff_id=p.staff_id,
                role_id=p.role_id,
                school_id=p.school_id,
                starts=p.starts or 0,  # the plan refuses people without hours
                ends=p.ends or 0,
            )
            for p in plan.people
        ],
        batch_size=BATCH,
    )
    by_staff = {p.staff_id: p for p in people}
    rule = answering_days(plan.calendar)
    deadlines: dict[dt.date, dt.datetime] = {}
    reminders: dict[dt.date, dt.date] = {}
    rows = []
    for moment in drawn:
        local = dt.datetime.combine(moment.day, moment.clock, tzinfo=zone)
        if moment.day not in deadlines:
            deadlines[moment.day] = answer_deadline(local, locked.answer_window, rule)
            reminders[moment.day] = reminder_time(local, rule).date()
        participant = by_staff[moment.worker]
        reminder = dt.datetime.combine(reminders[moment.day], moment.clock, tzinfo=zone)
        rows.append(
            {
                "district": locked.district_id,
                "study": locked.pk,
                "participant": participant.pk,
                "staff": moment.worker,
                "role": participant.role_id,
                "school": participant.school_id,
                "at": local.astimezone(dt.UTC),
                "remind_at": reminder.astimezone(dt.UTC),
                "expires_at": deadlines[moment.day].astimezone(dt.UTC),
            }
        )
    _insert_moments(rows)
    locked.seed = seed
    locked.school_days = [day.isoformat() for day in plan.days]
    locked.drawn_at = now
    locked.drawn_by = by
    locked.closes_at = max(deadlines.values(), default=now).astimezone(dt.UTC)
    locked.save(update_fields=["seed", "school_days", "drawn_at", "drawn_by", "closes_at"])
    study.refresh_from_db()
    return len(rows)


def _insert_moments(moments: Sequence[Mapping[str, object]]) -> None:
    """Insert moments given by the same few fields (the others take their defaults) with one prepared
    statement (``core.bulk``), each value made ready for the database by its field as Django would.

    ``bulk_create`` builds a model and compiles an INSERT for every 55 rows (SQLite's parameter limit):
    most of a draw's time at 50,000 moments.
    """
    if not moments:
        return
    sql, names = insert_statement(Moment)
    database = connections[DEFAULT_DB_ALIAS]  # the connection itself, not the per-thread proxy: asked 500,000 times
    fields = {name: Moment._meta.get_field(name) for name in names}
    constant = {name: field.get_db_prep_save(field.get_default(), database) for name, field in fields.items()}  # type: ignore[union-attr]
    given = [(name, fields[name].get_db_prep_save) for name in moments[0]]  # type: ignore[union-attr]
    rows = []
    for moment in moments:
        values = constant.copy()
        for name, prepare in given:
            values[name] = prepare(moment[name], database)
        rows.append(tuple(values[name] for name in names))
    Prepared(sql, rows).execute()


@transaction.atomic
def delete_draft(study: Study) -> None:
    """Delete a study that was not drawn yet (a drawn study's moments are its record)."""
    if Study.objects.filter(pk=study.pk, drawn_at__isnull=False).exists():
        raise ValidationError("A drawn study cannot be deleted.")
    study.delete()


def answer(
    moment: Moment,
    *,
    working: bool,
    not_working: str = "",
    task_type: TaskCategory | None = None,
    with_whom: str = "",
    note: str = "",
    now: dt.datetime | None = None,
) -> Moment:
    """Record the answer to a moment, once. Late (after the reminder was due) answers count and say so.

    Refused when the moment's minute has not come, it was already answered, or it expired: an
    expired moment stays unanswered (never imputed).
    """
    now = now or timezone.now()
    errors: dict[str, str] = {}
    if working:
        if task_type is None or task_type.district_id != moment.district_id:
            errors["task_type"] = "Choose what you were doing."
        if with_whom not in WithWhom.values:
            errors["with_whom"] = "Choose who you were with."
        not_working = ""
    else:
        if not_working not in NotWorking.values:
            errors["not_working"] = "Choose why you were not working."
        task_type, with_whom = None, ""
    if errors:
        raise ValidationError(errors)
    if now < moment.at:
        raise ValidationError("This moment has not come yet.")
    if now >= moment.expires_at:
        raise ValidationError(expired_message(moment))
    claimed = Moment.objects.filter(pk=moment.pk, answered_at__isnull=True, expires_at__gt=now).update(
        answered_at=now,
        late=now >= moment.remind_at,
        working=working,
        not_working=not_working,
        task_type=task_type,
        with_whom=with_whom,
        note=note.strip()[:500],
    )
    if not claimed:
        raise ValidationError("This moment was already answered.")
    moment.refresh_from_db()
    return moment


def expired_message(moment: Moment) -> str:
    """What an expired moment's link says."""
    return (
        "This moment can no longer be answered: its answer window closed on "
        f"{timezone.localtime(moment.expires_at - dt.timedelta(seconds=1), moment.district.zone):%A, %B %-d}. "
        "It counts as not answered; nobody fills it in for you."
    )


def publish_results(study: Study, now: dt.datetime | None = None) -> PublishedResults | None:
    """A finished study's published results: counted and stored the first time they are asked for once
    its last answer window has closed, the same stored counts ever after; ``None`` while it runs.

    Called by the results page, its export and the hourly job (``publish_finished_studies``), so the
    results are there the hour the study ends whoever looks first. Two at once store one: the second
    finds the first's (the study has one ``PublishedResults``).
    """
    now = now or timezone.now()
    found = PublishedResults.objects.filter(study_id=study.pk).select_related("study__district").first()
    if found is not None or study.status(now) != "finished":
        return found
    study = Study.objects.select_related("district").get(pk=study.pk)
    cells, minutes = results.count_cells(study)
    minimum = study.district.min_group_size
    published = PublishedResults(
        district_id=study.district_id,
        study=study,
        published_at=now,
        counted_until=study.closes_at or now,
        minimum=minimum,
        task_types=[t.key for t in results.task_types_of(study)],
        minutes={str(role): n for role, n in minutes.items()},
        cells=encode(cells),
        hidden=sorted([list(key) for key in hidden_entries(cells, minimum)], key=repr),
    )
    try:
        with transaction.atomic():
            published.save()
    except IntegrityError:
        return PublishedResults.objects.get(study_id=study.pk)
    return published


def publish_finished_studies(now: dt.datetime | None = None) -> int:
    """Publish the results of every study whose last answer window has closed (the hourly job); returns how many."""
    now = now or timezone.now()
    due = Study.objects.filter(drawn_at__isnull=False, closes_at__lte=now, published__isnull=True).select_related(
        "district"
    )
    return sum(publish_results(study, now) is not None for study in due)
