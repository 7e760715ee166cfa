"""The tracker as a board: one column per status, a card per item, moved by its menu or the keyboard.

The board reads the list's filters (``ItemFilterForm``) and sort; each column holds the first
``BOARD_LIMIT`` cards of its status (one query per status, whatever the number of items) and says
how many more the list has. A card moves through ``item_status`` — the same service call, stale
check and history as the list — and the page comes back to the moved card.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from actions import services
from actions.access import visible_items
from actions.forms import ItemFilterForm, status_counts
from actions.models import Status
from actions.views.items import prepare_rows
from people.access import DistrictRequest, district_view

BOARD_LIMIT = 30
#: The board's columns, left to right: the work under way, then what is done, then what was dropped.
COLUMNS = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.BLOCKED, Status.COMPLETED, Status.ABANDONED)


@district_view()
def item_board(request: DistrictRequest) -> HttpResponse:
    today = services.local_today(request.district)
    filters = ItemFilterForm(request.GET, district=request.district)
    matching = filters.apply(visible_items(request.member), today)
    counts = {value: n for value, _, n in status_counts(matching, today)["by_status"]}
    items = filters.ordered(matching).select_related("owner", "school")
    columns = []
    for status in COLUMNS:
        cards = list(items.filter(status=status)[:BOARD_LIMIT])
        prepare_rows(cards, today)
        columns.append({"status": status.value, "label": status.label, "cards": cards, "count": counts[status]})
    query = request.GET.copy()
    query.pop("page", None)
    list_query = query.copy()
    list_query["closed"] = "on"
    return render(
        request,
        "actions/board.html",
        {
            "filters": filters,
            "columns": columns,
            "statuses": [(status.value, status.label) for status in COLUMNS],
            "next": request.get_full_path(),
            "list_url": f"{reverse('actions:item_list')}?{query.urlencode()}",
            "column_list_url": f"{reverse('actions:item_list')}?{list_query.urlencode()}",
            "limit": BOARD_LIMIT,
        },
    )
