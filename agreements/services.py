"""Every change to an agreement: start, edit, send for review, sign, comment, start next year's.

Every edit goes through :func:`_change`, which locks the agreement, refuses an edit based on an older text
(``core.stale.StaleEdit``, naming what changed), writes, and keeps the versions: a change to a version
nobody has signed yet edits that version; a change to a version with a signature (either party's) makes
a new version that both must sign again. The history (``Event``) records each change with what changed.
Goals are edited through the same path (``agreements.goals``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from agreements.access import LEADER_SIDE, STAFF_SIDE, signing_side
from agreements.content import parts_from_json, parts_of, parts_to_json, reload, seen_of
from agreements.models import Agreement, Event, PlannedShare, Version
from agreements.rules import changes_between, shares_problem
from agreements.targets import role_target
from core.stale import Change, Seen, StaleEdit
from people.models import Leadership, School, StaffMember, TaskCategory
from roles.models import ShiftPlan, Training

EDITABLE_FIELDS = ("leader", "caseload", "responsibilities", "duties_removed", "availability")


def school_leaders(school: School, *, besides: StaffMember | None = None):
    """The people who lead ``school`` (by name), who may sign its staff's agreements."""
    leaders = StaffMember.objects.filter(
        pk__in=Leadership.objects.filter(school=school).values("staff_id"), can_log_in=True
    ).order_by("name")
    return leaders.exclude(pk=besides.pk) if besides is not None else leaders


def task_types(district) -> list[TaskCategory]:
    return list(TaskCategory.objects.filter(district=district).active().order_by("position", "pk"))


def prefilled_shares(staff: StaffMember, year: int, categories: list[TaskCategory]) -> tuple[dict[int, Decimal], str]:
    """The shares a new agreement starts with, and where they came from.

    Last year's agreement of the person (its most recent version, at any school) when there is one,
    otherwise the district's target for the role (``targets.role_target``; by default 80% direct and
    indirect).
    """
    last = (
        Agreement.objects.filter(staff=staff, year=year - 1).order_by("-status", "-updated_at").first()  # signed first
    )
    if last is not None:
        shares = dict(last.shares.values_list("category_id", "percent"))
        if shares:
            return {c.pk: shares.get(c.pk, Decimal(0)) for c in categories}, f"{last.year_label} agreement"
    shares, set_by_district = role_target(staff.role, categories)
    return (
        shares,
        "the district's target for the role" if set_by_district else "the default target (80% direct and indirect)",
    )


@transaction.atomic
def start_agreement(*, staff: StaffMember, school: School, year: int, by: StaffMember) -> Agreement:
    """Start a draft agreement for ``staff`` at ``school`` for the school year starting in ``year``.

    The planned shares are pre-filled (:func:`prefilled_shares`), the leader is the school's first
    leader by name (changeable). Refused (``ValidationError``) for a person not working at the school,
    not in a mental health role, or who has one for that school and year already.
    """
    if not staff.role.is_mental_health:
        raise ValidationError({"staff": f"{staff.name} is not in a mental health role."})
    if not staff.assignments.filter(school=school).exists():
        raise ValidationError({"school": f"{staff.name} does not work at {school.name}."})
    categories = task_types(staff.district)
    shares, source = prefilled_shares(staff, year, categories)
    agreement = Agreement(
        district_id=staff.district_id,
        staff=staff,
        school=school,
        year=year,
        leader=school_leaders(school, besides=staff).first(),
        created_by=by,
    )
    try:
        with transaction.atomic():
            agreement.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"year": f"{staff.name} has an agreement at {school.name} for that year already."}
        ) from exc
    PlannedShare.objects.bulk_create(
        PlannedShare(district_id=staff.district_id, agreement=agreement, category_id=pk, percent=percent)
        for pk, percent in shares.items()
    )
    _first_version(agreement, by=by, note=f"Planned shares from {source}.")
    return agreement


def _first_version(agreement: Agreement, *, by: StaffMember, note: str = "") -> None:
    Version.objects.create(
        district_id=agreement.district_id,
        agreement=agreement,
        number=1,
        content=parts_to_json(parts_of(reload(agreement))),
    )
    _record(agreement, Event.Kind.CREATED, by=by, text=note)


def _check_text(seen: Seen | None, parts) -> None:
    """Refuse (``StaleEdit``) when the text now differs from the text the author read, naming each change."""
    if seen is None:
        return
    now = seen_of(parts)
    changes = [
        Change(key, label, text, now.entries[key][2] if key in now.entries else "")
        for key, (label, print_, text) in seen.entries.items()
        if key not in now.entries or now.entries[key][1] != print_
    ]
    changes += [
        Change(key, label, "", text) for key, (label, _, text) in now.entries.items() if key not in seen.entries
    ]
    if changes:
        raise StaleEdit(changes)


def current_version(agreement: Agreement) -> Version:
    return Version.objects.get(agreement=agreement, number=agreement.version)


@transaction.atomic
def _change(agreement: Agreement, *, by: StaffMember, seen: Seen | None, write: Callable[[Agreement], None]) -> list:
    """Lock, check the text the author read, ``write``, then keep the versions and the history.

    Returns the changes (label, old, new); no change writes no version and no history.
    """
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    version = current_version(locked)
    _check_text(seen, parts_of(reload(locked)))
    write(locked)
    new_parts = parts_of(reload(locked))
    changes = changes_between(parts_from_json(version.content), new_parts)
    if not changes:
        return []
    if version.has_signature:
        locked.version += 1
        Version.objects.create(
            district_id=locked.district_id, agreement=locked, number=locked.version, content=parts_to_json(new_parts)
        )
        if locked.status == Agreement.Status.SIGNED:
            locked.status = Agreement.Status.REVIEW
    else:
        version.content = parts_to_json(new_parts)
        version.save(update_fields=["content"])
    locked.save(update_fields=["version", "status", "updated_at"])
    _record(locked, Event.Kind.EDITED, by=by, changes=[list(change) for change in changes])
    agreement.refresh_from_db()
    return changes


def save_agreement(
    agreement: Agreement,
    *,
    by: StaffMember,
    seen: Seen | None,
    fields: Mapping[str, object],
    shares: Mapping[int, Decimal],
    trainings: Iterable[Training] = (),
    shift_plans: Iterable[ShiftPlan] = (),
) -> list:
    """Save the agreement's terms and planned shares (they must add up to 100%).

    Refuses a stale edit (``StaleEdit``) and shares that do not add up (``ValidationError`` on
    ``shares``), writing nothing. Returns the changes made.
    """
    problem = shares_problem(shares.values())
    if problem:
        raise ValidationError({"shares": problem})
    leader = fields.get("leader")
    if isinstance(leader, StaffMember) and (
        leader == agreement.staff or not Leadership.objects.filter(staff=leader, school_id=agreement.school_id).exists()
    ):
        raise ValidationError({"leader": "Choose a leader of the agreement's school (not the staff member)."})

    def write(locked: Agreement) -> None:
        for name in EDITABLE_FIELDS:
            if name in fields:
                setattr(locked, name, fields[name])
        locked.full_clean(exclude=["district", "staff", "school", "created_by"])
        locked.save()
        locked.trainings.set(list(trainings))
        locked.shift_plans.set(list(shift_plans))
        stored = {share.category_id: share for share in locked.shares.all()}
        for pk, percent in shares.items():
            share = stored.get(pk)
            if share is None:
                PlannedShare.objects.create(
                    district_id=locked.district_id, agreement=locked, category_id=pk, percent=percent
                )
            elif share.percent != percent:
                share.percent = percent
                share.save(update_fields=["percent"])

    return _change(agreement, by=by, seen=seen, write=write)


@transaction.atomic
def send_for_review(agreement: Agreement, *, by: StaffMember) -> None:
    """Move a draft to review: both parties read it and sign. Refused without a school leader named."""
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if locked.status != Agreement.Status.DRAFT:
        return
    if locked.leader_id is None:
        raise ValidationError("Name the school leader who signs before sending the agreement for review.")
    locked.status = Agreement.Status.REVIEW
    locked.save(update_fields=["status", "updated_at"])
    _record(locked, Event.Kind.REVIEW, by=by)
    agreement.refresh_from_db()


@transaction.atomic
def sign(agreement: Agreement, *, by: StaffMember, seen: Seen | None) -> Version:
    """Sign the current version for the side ``by`` is (the staff member or the named school leader).

    ``seen`` is the text the signer read: if anyone changed it meanwhile the signature is refused
    (``StaleEdit``, naming the changes) — nobody signs a text they have not seen. Only in review; when
    both parties have signed the version, the agreement is signed.
    """
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    side = signing_side(by, locked)
    if side is None:
        raise ValidationError("Only the staff member and the school leader named in the agreement sign it.")
    if locked.status == Agreement.Status.DRAFT:
        raise ValidationError("Send the agreement for review before signing it.")
    _check_text(seen, parts_of(reload(locked)))
    version = Version.objects.select_for_update().get(agreement=locked, number=locked.version)
    now = timezone.now()
    if side == STAFF_SIDE and version.staff_signed_at is None:
        version.staff_signed_at, version.staff_signed_name = now, by.name
    elif side == LEADER_SIDE and version.leader_signed_at is None:
        version.leader_signed_at, version.leader_signed_name, version.leader_signed_by = now, by.name, by
    else:
        return version
    version.save()
    _record(
        locked,
        Event.Kind.SIGNED,
        by=by,
        at=now,
        text=f"as the {'staff member' if side == STAFF_SIDE else 'school leader'}",
    )
    if version.signed_by_both:
        locked.status = Agreement.Status.SIGNED
        locked.save(update_fields=["status", "updated_at"])
    agreement.refresh_from_db()
    return version


def add_comment(agreement: Agreement, *, by: StaffMember, text: str) -> Event:
    """A comment on the agreement; it does not change the text or its signatures."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write a comment."})
    return _record(agreement, Event.Kind.COMMENT, by=by, text=text)


def _record(agreement: Agreement, kind: str, *, by: StaffMember, at=None, text: str = "", changes=()) -> Event:
    """One line of the agreement's history, on its current version."""
    return Event.objects.create(
        district_id=agreement.district_id,
        agreement=agreement,
        kind=kind,
        version=agreement.version,
        at=at or timezone.now(),
        by=by,
        text=text,
        changes=list(changes),
    )


@transaction.atomic
def start_next_year(agreement: Agreement, *, by: StaffMember) -> Agreement:
    """Next school year's agreement as a draft copied from this one (terms and shares; goals start anew)."""
    if Agreement.objects.filter(
        staff_id=agreement.staff_id, school_id=agreement.school_id, year=agreement.year + 1
    ).exists():
        raise ValidationError(
            f"{agreement.staff.name} has an agreement at {agreement.school.name} for next year already."
        )
    copy = Agreement.objects.create(
        district_id=agreement.district_id,
        staff_id=agreement.staff_id,
        school_id=agreement.school_id,
        year=agreement.year + 1,
        leader_id=agreement.leader_id,
        caseload=agreement.caseload,
        responsibilities=agreement.responsibilities,
        duties_removed=agreement.duties_removed,
        availability=agreement.availability,
        created_by=by,
    )
    copy.trainings.set(agreement.trainings.all())
    copy.shift_plans.set(agreement.shift_plans.all())
    PlannedShare.objects.bulk_create(
        PlannedShare(district_id=copy.district_id, agreement=copy, category_id=s.category_id, percent=s.percent)
        for s in agreement.shares.all()
    )
    _first_version(copy, by=by, note=f"Copied from the {agreement.year_label} agreement.")
    return copy
