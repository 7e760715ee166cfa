"""Export action items in the seed's layout: its five columns in its order, then the app's extras.

Rows are produced lazily (``iterator`` in chunks with the owner and school joined), so 250,000 items
stream without being held in memory; ``core.spreadsheets.writing`` writes them as CSV (with a byte
order mark) or XLSX (dates as date cells; the XLSX laid out by ``item_layout``: header frozen with filters, widths that
fit, Progress as a drop-down of the seed's five statuses). The owner's email has its own column, so two staff members
with the same name stay apart. The file imports back unchanged (``import_tracker``).
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Max, QuerySet
from django.db.models.functions import Length

from actions.models import ActionItem, Origin, Status
from actions.spreadsheets.columns import ALL_COLUMNS, STATUS
from core.spreadsheets.writing import SheetLayout, fitting_width

CHUNK = 2000
SHEET_TITLE = "Action items"
FIELDS = (
    "id",
    "created_on",
    "description",
    "status",
    "owner_name",
    "due_on",
    "completed_on",
    "origin",
    "notes",
    "owner__name",
    "owner__email",
    "school__name",
)


def item_rows(items: QuerySet[ActionItem]) -> Iterator[list]:
    """The header, then one row per item (dates as dates; the writer decides how to show them)."""
    yield list(ALL_COLUMNS)
    status_labels = dict(Status.choices)
    origin_labels = dict(Origin.choices)
    queryset = items.select_related("owner", "school").only(*FIELDS)
    if not queryset.query.order_by:  # the caller's order (the list's sort), else the seed's: by creation
        queryset = queryset.order_by("created_on", "pk")
    for item in queryset.iterator(chunk_size=CHUNK):
        yield [
            item.created_on,
            item.description,
            status_labels.get(item.status, item.status),
            item.owner.name if item.owner else item.owner_name,
            item.due_on,
            item.owner.email if item.owner else "",
            item.school.name if item.school else "",
            item.notes,
            item.completed_on,
            origin_labels.get(item.origin, item.origin),
        ]


def item_layout(items: QuerySet[ActionItem]) -> SheetLayout:
    """The workbook's layout for ``items``: widths fitted to the longest values (one query), Progress a drop-down."""
    longest = items.order_by().aggregate(
        action=Max(Length("description")),
        named=Max(Length("owner_name")),
        staff=Max(Length("owner__name")),
        email=Max(Length("owner__email")),
        school=Max(Length("school__name")),
        notes=Max(Length("notes")),
    )
    date, found = 10, {key: value or 0 for key, value in longest.items()}
    by_column = [
        date,
        found["action"],
        max(len(label) for label in Status.labels),
        max(found["named"], found["staff"]),
        date,
        found["email"],
        found["school"],
        found["notes"],
        date,
        max(len(str(label)) for label in Origin.labels),
    ]
    widths = tuple(fitting_width(header, n) for header, n in zip(ALL_COLUMNS, by_column, strict=True))
    return SheetLayout(widths=widths, choices={ALL_COLUMNS.index(STATUS) + 1: tuple(map(str, Status.labels))})
