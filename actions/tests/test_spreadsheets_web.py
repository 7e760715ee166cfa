"""The tracker on the web: upload → preview → confirm, the refusals, and the exports."""

import codecs
import csv
import datetime as dt
import html
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from actions.models import ActionItem, Origin, Status, TrackerUpload
from actions.services import create_item
from actions.spreadsheets.columns import ALL_COLUMNS, SEED_COLUMNS
from conftest import client_for

HEADER = "Item creation date,Action item,Progress tracker,Who is responsible?,When will it be done?"
SEED_ROW = (
    "5-19-2022,Take the social workers off lunch duty so they can meet with students during lunch hours,"
    "In progress,John Smith,6-15-2022"
)
IMPORT = reverse("actions:tracker_import")


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(dt.datetime(2026, 11, 28, 15, tzinfo=dt.UTC), tick=False):
        yield


def tracker_file(*lines, name="tracker.csv", header=HEADER):
    return SimpleUploadedFile(name, ("\n".join([header, *lines]) + "\n").encode(), content_type="text/csv")


def upload(client, file, school=None):
    data = {"file": file}
    if school is not None:
        data["school"] = school.pk
    return client.post(IMPORT, data)


def test_a_principal_imports_into_their_school_through_preview_and_confirm(personas):
    client = client_for(personas.principal)
    assert client.get(IMPORT).status_code == 200
    response = upload(client, tracker_file(SEED_ROW), personas.school_a)
    stored = TrackerUpload.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("actions:tracker_import_preview", kwargs={"token": stored.token})
    assert not ActionItem.objects.exists()
    preview = client.get(response.url)
    assert preview.status_code == 200
    assert "1 new, 0 changed, 0 unchanged" in preview.content.decode()
    assert "Take the social workers off lunch duty" in preview.content.decode()
    confirmed = client.post(response.url)
    assert confirmed.status_code == 302 and confirmed.url == response.url
    assert "See the action items" in client.get(response.url).content.decode()
    item = ActionItem.objects.get()
    assert (item.school, item.origin, item.owner_name, item.status) == (
        personas.school_a,
        Origin.IMPORT,
        "John Smith",
        Status.IN_PROGRESS,
    )
    assert item.created_by == personas.principal
    stored.refresh_from_db()
    assert stored.applied_at is not None


def test_a_confirmed_upload_is_not_applied_twice(personas):
    client = client_for(personas.principal)
    preview_url = upload(client, tracker_file(SEED_ROW), personas.school_a).url
    client.post(preview_url)
    again = client.post(preview_url, follow=True)
    assert "has already been imported" in again.content.decode()
    assert ActionItem.objects.count() == 1


def test_a_counselor_cannot_import(personas):
    client = client_for(personas.counselor_a)
    assert client.get(IMPORT).status_code == 403
    assert upload(client, tracker_file(SEED_ROW), personas.school_a).status_code == 403


def test_a_principal_cannot_import_into_a_school_they_do_not_lead(personas):
    response = upload(client_for(personas.principal), tracker_file(SEED_ROW), personas.school_b)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not TrackerUpload.objects.exists()


def test_a_principal_must_choose_a_school(personas):
    response = upload(client_for(personas.principal), tracker_file(SEED_ROW))
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()


def test_a_principal_cannot_send_rows_to_another_school_through_the_school_column(personas):
    file = tracker_file("5-19-2022,Sneaky,,,,Brook Middle", header=HEADER + ",School")
    client = client_for(personas.principal)
    page = client.get(upload(client, file, personas.school_a).url).content.decode()
    assert "You can import items only into schools you lead" in page
    assert "Confirm the import" not in page
    assert not ActionItem.objects.exists()


def test_another_districts_upload_is_not_found(personas):
    preview_url = upload(client_for(personas.admin), tracker_file(SEED_ROW)).url
    assert client_for(personas.other_admin).get(preview_url).status_code == 404
    assert client_for(personas.other_admin).post(preview_url).status_code == 404
    assert not ActionItem.objects.exists()


def test_a_bad_sheet_shows_every_problem_in_a_table_and_imports_nothing(personas):
    file = tracker_file(
        "5-19-2022,,In progress,,",
        "5-19-2022,Fine row,,,next Tuesday",
        "5-19-2022,Odd status,Stuck,,",
        "5-19-2022,Other district,,admin@riverside.example.org,",
    )
    client = client_for(personas.admin)
    page = client.get(upload(client, file).url).content.decode()
    assert "3 problems found — nothing was imported" in page
    for row, column in [(2, "Action item"), (3, "When will it be done?"), (4, "Progress tracker")]:
        assert f'<td class="num">{row}</td><td>{column}</td>' in page
    # Another district's email is a name like any unknown email: no problem that would reveal it.
    assert '<td class="num">5</td>' not in page
    assert TrackerUpload.objects.get().content == b"" and not ActionItem.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_message(personas):
    file = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", content_type="image/png")
    response = upload(client_for(personas.admin), file)
    assert response.status_code == 200
    assert "The file is not a spreadsheet" in response.content.decode()
    assert not TrackerUpload.objects.exists()


def test_an_oversize_upload_is_refused_with_its_size(personas, settings):
    settings.MAX_UPLOAD_BYTES = 1024  # stands in for the 50 MB upload
    file = tracker_file(*[SEED_ROW.replace("5-19-2022", f"5-{day}-2022") for day in range(1, 29)])
    response = upload(client_for(personas.admin), file)
    page = response.content.decode()
    assert response.status_code == 200
    assert "the largest file accepted is 1.0\xa0KB" in page
    assert not TrackerUpload.objects.exists()


def export(client, fmt, **params):
    return client.get(reverse("actions:tracker_export", kwargs={"fmt": fmt}), params)


def csv_rows(response):
    content = b"".join(response.streaming_content)
    assert content.startswith(codecs.BOM_UTF8)  # so that Excel reads the file as UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.fixture
def items(personas):
    make = create_item
    return [
        make(personas.district, description="At A", by=personas.admin, school=personas.school_a, notify=False),
        make(
            personas.district,
            description="At B, done",
            by=personas.admin,
            school=personas.school_b,
            status=Status.COMPLETED,
            owner=personas.counselor_b,
            due_on=dt.date(2026, 12, 1),
            notify=False,
        ),
        make(personas.district, description="Casey's", by=personas.counselor_a, owner_name="John Smith"),
    ]


def test_the_csv_export_has_the_seeds_columns_then_the_extras(personas, items):
    response = export(client_for(personas.admin), "csv", closed="on")
    assert response["Content-Disposition"] == 'attachment; filename="action-items-2026-11-28.csv"'
    rows = csv_rows(response)
    assert rows[0] == [*SEED_COLUMNS, "Email of the person responsible", "School", "Notes", "Completed on", "Origin"]
    assert rows[0][:5] == [
        "Item creation date",
        "Action item",
        "Progress tracker",
        "Who is responsible?",
        "When will it be done?",
    ]
    done = next(row for row in rows if row[1] == "At B, done")
    assert done == [
        "2026-11-28",
        "At B, done",
        "Completed",
        "Bailey Counselor",
        "2026-12-01",
        "bailey@lincoln.example.org",
        "Brook Middle",
        "",
        "2026-11-28",
        "Added directly",
    ]


def test_the_xlsx_export_opens_with_the_same_header(personas, items):
    response = export(client_for(personas.admin), "xlsx", closed="on")
    assert response["Content-Disposition"] == 'attachment; filename="action-items-2026-11-28.xlsx"'
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert list(rows[0]) == list(ALL_COLUMNS)
    assert len(rows) == 4
    assert rows[1][0] == dt.datetime(2026, 11, 28)


def test_the_xlsx_export_is_a_sheet_to_keep_working_in(personas, items):
    response = export(client_for(personas.admin), "xlsx", closed="on")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.freeze_panes == "A2", "the header row stays in view"
    assert sheet.auto_filter.ref == "A1:J4", "filters on the header, over every row"
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJ"}
    assert widths["C"] == len("Blocked or behind schedule") + 2
    longest_email = max(len(item.owner.email) for item in items if item.owner)
    assert widths["D"] == len("Who is responsible?") + 2 and widths["F"] == max(longest_email, len(ALL_COLUMNS[5])) + 2
    assert widths["B"] == len("Action item") + 2, "the header is the longest text of the column"
    assert sheet["A2"].is_date and sheet["A2"].number_format == "m-d-yyyy"
    assert [cell.value for cell in sheet["E"][1:] if cell.is_date] == [dt.datetime(2026, 12, 1)], "dates as dates"
    (progress,) = sheet.data_validations.dataValidation
    assert progress.type == "list" and str(progress.sqref).startswith("C2:C")
    assert progress.formula1 == '"' + ",".join(Status.labels) + '"'
    assert progress.showErrorMessage, "a value not in the list is refused"


def test_the_export_has_only_the_items_the_user_can_see_with_the_list_filters(personas, items):
    counselor = csv_rows(export(client_for(personas.counselor_a), "csv"))
    assert [row[1] for row in counselor[1:]] == ["Casey's"]
    by_school = csv_rows(export(client_for(personas.admin), "csv", school=personas.school_b.pk, closed="on"))
    assert [row[1] for row in by_school[1:]] == ["At B, done"]
    as_listed = csv_rows(export(client_for(personas.admin), "csv", school=personas.school_b.pk))
    assert as_listed[1:] == [], "completed and abandoned items are hidden, as on the list, unless shown"
    by_status = csv_rows(export(client_for(personas.admin), "csv", status="not_started"))
    assert sorted(row[1] for row in by_status[1:]) == ["At A", "Casey's"]


def test_an_unknown_export_format_is_not_found(personas):
    assert export(client_for(personas.admin), "pdf").status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_imports_back_without_changes(personas, items, fmt):
    admin = client_for(personas.admin)
    response = export(admin, fmt, closed="on")
    content = b"".join(response.streaming_content)
    file = SimpleUploadedFile(f"export.{fmt}", content)
    preview = admin.get(upload(admin, file).url)
    assert "0 new, 0 changed, 3 unchanged" in preview.content.decode()


def test_the_export_follows_the_list_pages_search_and_owner_filters(personas, items):
    admin = client_for(personas.admin)
    searched = csv_rows(export(admin, "csv", q="john smith"))
    assert [row[1] for row in searched[1:]] == ["Casey's"]
    several = csv_rows(export(admin, "csv", status=["not_started", "completed"], school=personas.school_b.pk))
    assert [row[1] for row in several[1:]] == ["At B, done"]


def test_the_export_is_in_the_lists_sort(personas, items):
    admin = client_for(personas.admin)
    make = create_item
    make(personas.district, description="Zebra crossing duty", by=personas.admin, owner_name="Aaron Able")
    make(personas.district, description="Yard duty", by=personas.admin, due_on=dt.date(2026, 12, 24), notify=False)
    page = html.unescape(admin.get(reverse("actions:item_list"), {"sort": "owner", "closed": "on"}).content.decode())
    shown = [d for d in ("Zebra crossing duty", "Casey's", "At B, done", "Yard duty", "At A") if d in page]
    on_page = sorted(shown, key=page.index)
    for fmt in ("csv", "xlsx"):
        response = export(admin, fmt, sort="owner", closed="on")
        if fmt == "csv":
            rows = csv_rows(response)
        else:
            sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
            rows = list(sheet.iter_rows(values_only=True))
        assert [row[1] for row in rows[1:]] == on_page, fmt
    by_due = [row[1] for row in csv_rows(export(admin, "csv", sort="-due"))[1:]]
    assert by_due[0] == "Yard duty" and "At B, done" not in by_due


def test_the_export_runs_the_same_few_queries_however_many_items(personas, django_assert_max_num_queries):
    for n in range(40):
        owner = personas.counselor_a if n % 2 else None
        create_item(personas.district, description=f"Item {n}", by=personas.admin, owner=owner, notify=False)
    admin = client_for(personas.admin)
    with django_assert_max_num_queries(10):  # the search looks its matches up first (actions.forms.search_filter)
        rows = csv_rows(export(admin, "csv", school="", q="item"))
    assert len(rows) == 41


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_text_that_looks_like_a_formula_is_exported_as_text_and_imports_back(personas, fmt):
    for text in ('=HYPERLINK("http://example.org","click")', "-call the parents", "@mention the nurse"):
        create_item(personas.district, description=text, by=personas.admin)
    admin = client_for(personas.admin)
    content = b"".join(export(admin, fmt).streaming_content)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(content.decode())))
        assert sorted(row[1] for row in rows[1:]) == [
            "'-call the parents",
            '\'=HYPERLINK("http://example.org","click")',
            "'@mention the nurse",
        ]
    else:
        cell = load_workbook(io.BytesIO(content)).active["B2"]
        assert cell.data_type == "s"
    preview = admin.get(upload(admin, SimpleUploadedFile(f"export.{fmt}", content)).url)
    assert "0 new, 0 changed, 3 unchanged" in preview.content.decode()


def test_a_file_with_thousands_of_problems_lists_the_first_500(personas):
    file = tracker_file(*[f"{day}-40-2022,Bad date {day},,," for day in range(1, 1201)])
    client = client_for(personas.admin)
    page = client.get(upload(client, file).url).content.decode()
    assert "1200 problems found — nothing was imported" in page
    assert "Only the first 500 problems are listed" in page
    assert page.count("is not a date") == 500
