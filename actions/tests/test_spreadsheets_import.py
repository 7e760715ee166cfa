"""Importing a tracker: the seed's row, odd dates and statuses, owners, problems, idempotence."""

import datetime as dt

import pytest
import time_machine

from actions.models import ActionItem, ActionItemChange, Origin, Status
from actions.services import create_item
from actions.spreadsheets import apply_plan, build_plan, read_tracker
from actions.spreadsheets.columns import ACTION, CREATED, DUE, SCHOOL, STATUS
from tests import factories

HEADER = "Item creation date,Action item,Progress tracker,Who is responsible?,When will it be done?"
SEED_ROW = (
    "5-19-2022,Take the social workers off lunch duty so they can meet with students during lunch hours,"
    "In progress,John Smith,6-15-2022"
)


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(dt.datetime(2026, 11, 28, 15, tzinfo=dt.UTC), tick=False):
        yield


def plan_for(personas, *lines, school=None, header=HEADER):
    content = "\n".join([header, *lines]) + "\n"
    return build_plan(personas.district, read_tracker(content.encode(), "tracker.csv"), school=school)


def imported(personas, *lines, school=None, by=None, header=HEADER):
    plan = plan_for(personas, *lines, school=school, header=header)
    assert plan.ok, [str(p) for p in plan.problems]
    apply_plan(plan, by=by)
    return plan


def test_the_seeds_example_row_imports_with_john_smith_kept_as_a_name(personas):
    plan = imported(personas, SEED_ROW, school=personas.school_a, by=personas.principal)
    assert plan.summary() == "Action items: 1 new, 0 changed, 0 unchanged."
    item = ActionItem.objects.get()
    assert item.created_on == dt.date(2022, 5, 19)
    assert item.description.startswith("Take the social workers off lunch duty")
    assert item.status == Status.IN_PROGRESS
    assert item.owner is None and item.owner_name == "John Smith"
    assert item.due_on == dt.date(2022, 6, 15)
    assert item.school == personas.school_a
    assert item.origin == Origin.IMPORT
    assert item.created_by == personas.principal
    assert item.completed_on is None
    assert list(item.changes.values_list("field", "changed_by")) == [("created", personas.principal.pk)]


def test_every_odd_date_and_status_form_is_understood(personas):
    imported(
        personas,
        "5/19/2022,First,  IN PROGRESS ,,5-20-2022",
        "05/19/22,Second,blocked,,",
        "2022-05-19,Third,Behind schedule,,2022-06-01",
        ",Fourth,,,",
        "5-19-2022,Fifth,done,,",
        "5-19-2022,Sixth,Abandoned,,",
    )
    items = {item.description: item for item in ActionItem.objects.all()}
    assert items["First"].status == Status.IN_PROGRESS
    assert items["First"].due_on == dt.date(2022, 5, 20)
    assert items["Second"].status == Status.BLOCKED
    assert items["Second"].created_on == dt.date(2022, 5, 19)
    assert items["Third"].status == Status.BLOCKED
    assert items["Fourth"].status == Status.NOT_STARTED
    assert items["Fourth"].created_on == dt.date(2026, 11, 28)  # today in Chicago
    assert items["Fifth"].status == Status.COMPLETED
    assert items["Fifth"].completed_on == dt.date(2026, 11, 28)
    assert items["Sixth"].status == Status.ABANDONED
    assert ActionItemChange.objects.filter(field="created").count() == 6


def test_owners_are_matched_by_email_or_name_and_unknown_ones_kept_as_names(personas):
    imported(
        personas,
        "5-19-2022,By email,,CASEY@lincoln.example.org,",
        "5-19-2022,By name,, bailey  counselor ,",
        "5-19-2022,Unknown,,Jo Stranger,",
    )
    items = {item.description: item for item in ActionItem.objects.all()}
    assert items["By email"].owner == personas.counselor_a
    assert items["By name"].owner == personas.counselor_b
    assert items["Unknown"].owner is None and items["Unknown"].owner_name == "Jo Stranger"


def test_a_name_two_staff_share_is_kept_as_a_name_and_the_preview_says_so(personas):
    factories.make_staff(personas.district, "Casey Counselor", email="casey2@lincoln.example.org")
    plan = imported(personas, "5-19-2022,Shared name,,Casey Counselor,")
    assert ActionItem.objects.get().owner_name == "Casey Counselor"
    assert plan.notes == [(2, "2 staff members are named “Casey Counselor”: kept as a name.")]


def test_a_bad_sheet_lists_every_problem_by_row_and_column_and_writes_nothing(personas):
    plan = plan_for(
        personas,
        "5-19-2022,,In progress,,",
        "5-19-2022,Fine row,,,next Tuesday",
        "5-19-2022,Odd status,Stuck,,",
        "5-19-2022,Fine too,,,",
    )
    assert not plan.ok
    assert [(p.row, p.column) for p in plan.problems] == [(2, ACTION), (3, DUE), (4, STATUS)]
    assert str(plan.problems[1]) == (
        "row 3, column When will it be done?: 'next Tuesday' is not a date (use e.g. 5-19-2022)."
    )
    with pytest.raises(ValueError, match="cannot be applied"):
        apply_plan(plan, by=None)
    assert not ActionItem.objects.exists()


@pytest.mark.parametrize("header", [HEADER, HEADER + ",Email of the person responsible"])
def test_another_districts_person_reads_exactly_like_an_unknown_email(personas, header):
    def outcome(email: str):
        # The email in "Who is responsible?" and, when the sheet has it, in the email column too.
        line = f"5-19-2022,Lunch groups,,{email},6-15-2022" + (f",{email}" if "Email of" in header else "")
        plan = plan_for(personas, line, header=header)
        text = [str(p).replace(email, "EMAIL") for p in plan.problems]
        rows = [(r.kind, r.label, r.detail.replace(email, "EMAIL"), r.differences) for r in plan.preview()]
        return plan.ok, text, plan.summary(), plan.notes, rows

    assert outcome("admin@riverside.example.org") == outcome("nobody@riverside.example.org")


def test_a_due_date_before_the_creation_date_is_a_problem(personas):
    plan = plan_for(personas, "6-15-2022,Backwards,,,5-19-2022")
    assert [(p.row, p.column) for p in plan.problems] == [(2, DUE)]


def test_an_unknown_school_in_a_school_column_is_a_problem(personas):
    plan = plan_for(personas, "5-19-2022,Somewhere,,,,Nowhere High", header=HEADER + ",School")
    assert [(p.row, p.column) for p in plan.problems] == [(2, SCHOOL)]


def test_a_school_column_gives_each_rows_school(personas):
    imported(
        personas,
        "5-19-2022,At A,,,,adams elementary",
        "5-19-2022,At B,,,,",
        school=personas.school_b,
        header=HEADER + ",School",
    )
    items = {item.description: item.school for item in ActionItem.objects.all()}
    assert items == {"At A": personas.school_a, "At B": personas.school_b}


def test_a_leader_may_import_only_into_schools_they_lead(personas):
    sheet = read_tracker(f"{HEADER},School\n5-19-2022,At B,,,,Brook Middle\n".encode(), "t.csv")
    plan = build_plan(personas.district, sheet, school=personas.school_a, allowed_school_ids={personas.school_a.pk})
    assert [(p.row, p.column) for p in plan.problems] == [(2, SCHOOL)]


def test_a_row_repeated_in_the_file_is_a_problem(personas):
    plan = plan_for(personas, "5-19-2022,Same,,,", "5-19-2022, same ,done,,")
    assert [(p.row, p.column) for p in plan.problems] == [(3, ACTION)]


def test_importing_the_same_file_twice_creates_nothing_new(personas):
    lines = (SEED_ROW, "5-20-2022,Book a room for group sessions,Not started,Casey Counselor,", ",Undated,,,")
    imported(personas, *lines, school=personas.school_a)
    second = imported(personas, *lines, school=personas.school_a)
    assert second.summary() == "Action items: 0 new, 0 changed, 3 unchanged."
    assert ActionItem.objects.count() == 3
    assert ActionItemChange.objects.count() == 3


def test_a_changed_row_updates_the_item_through_its_history(personas):
    item = create_item(
        personas.district,
        description="Take the social workers off lunch duty",
        by=personas.admin,
        created_on=dt.date(2022, 5, 19),
        school=personas.school_a,
        owner_name="John Smith",
    )
    plan = imported(
        personas,
        "5-19-2022,take the  social workers off lunch duty,Completed,casey@lincoln.example.org,6-15-2022",
        school=personas.school_a,
        by=personas.principal,
    )
    assert plan.summary() == "Action items: 0 new, 1 changed, 0 unchanged."
    assert plan.changes[0].differences == [
        ("Progress", "Not started", "Completed"),
        ("Who is responsible", "John Smith", "Casey Counselor"),
        ("When will it be done", "", "2022-06-15"),
    ]
    item.refresh_from_db()
    assert (item.status, item.owner, item.due_on, item.version) == (
        Status.COMPLETED,
        personas.counselor_a,
        dt.date(2022, 6, 15),
        2,
    )
    assert item.completed_on == dt.date(2026, 11, 28)
    fields = set(item.changes.exclude(field="created").values_list("field", flat=True))
    assert {"status", "owner", "due_on"} <= fields
    assert ActionItem.objects.count() == 1


def test_the_same_action_at_another_school_is_a_new_item(personas):
    imported(personas, SEED_ROW, school=personas.school_a)
    plan = imported(personas, SEED_ROW, school=personas.school_b)
    assert plan.summary() == "Action items: 1 new, 0 changed, 0 unchanged."


def test_a_completion_date_is_kept_for_completed_rows(personas):
    header = HEADER + ",School,Notes,Completed on"
    imported(personas, "5-19-2022,Done early,Completed,,6-15-2022,,A note,6/1/2022", header=header)
    item = ActionItem.objects.get()
    assert (item.completed_on, item.notes) == (dt.date(2022, 6, 1), "A note")
    plan = plan_for(personas, "5-19-2022,Not done,In progress,,,,,6/1/2022", header=header)
    assert [(p.row, p.column) for p in plan.problems] == [(2, "Completed on")]


def test_the_plan_reads_the_district_in_a_fixed_number_of_queries(personas, django_assert_max_num_queries):
    lines = [f"5-19-2022,Item {n},In progress,Casey Counselor,6-15-2022" for n in range(300)]
    sheet = read_tracker("\n".join([HEADER, *lines, "5-19-2022,x,,someone@else.example.org,"]).encode(), "t.csv")
    with django_assert_max_num_queries(6):
        plan = build_plan(personas.district, sheet, school=personas.school_a)
    assert plan.ok
    assert [c.kind for c in plan.changes].count("new") == 301
    assert CREATED  # the column names are imported for the problem assertions above


def test_two_staff_members_with_the_same_name_go_out_and_come_back_as_themselves(personas):
    from actions.spreadsheets.export import item_rows
    from core.spreadsheets.writing import csv_lines

    first = factories.make_staff(personas.district, "Alex Kim", email="alex.kim@lincoln.example.org")
    second = factories.make_staff(personas.district, "Alex Kim", email="akim@lincoln.example.org")
    for owner, description in ((first, "Book the room"), (second, "Call the family liaison")):
        create_item(personas.district, description=description, by=None, owner=owner, notify=False)
    content = "".join(csv_lines(item_rows(ActionItem.objects.all()))).encode()
    ActionItem.objects.all().delete()

    plan = build_plan(personas.district, read_tracker(content, "tracker.csv"))
    assert plan.ok, [str(p) for p in plan.problems]
    apply_plan(plan, by=None)

    owners = dict(ActionItem.objects.values_list("description", "owner"))
    assert owners == {"Book the room": first.pk, "Call the family liaison": second.pk}
    assert not plan.notes


def test_the_owners_email_column_names_the_person_even_when_the_name_is_shared(personas):
    factories.make_staff(personas.district, "Alex Kim", email="alex.kim@lincoln.example.org")
    second = factories.make_staff(personas.district, "Alex Kim", email="akim@lincoln.example.org")

    imported(
        personas,
        "5-19-2022,Book the room,,Alex Kim,,AKim@lincoln.example.org",
        header=HEADER + ",Email of the person responsible",
    )

    assert ActionItem.objects.get().owner == second


def test_an_owners_email_that_is_no_staff_members_is_a_problem_named_by_row_and_column(personas):
    plan = plan_for(
        personas,
        "5-19-2022,Book the room,,Alex Kim,,nobody@x.example.org",
        header=HEADER + ",Email of the person responsible",
    )

    assert [(p.row, p.column) for p in plan.problems] == [(2, "Email of the person responsible")]
