"""The tracker's pages in the benchmark (with 250,000 items at the largest scale: see bench_extra.py)."""

from bench.pages import PAGES, Page, home_school
from people.demo import COUNSELOR, DIRECTOR, PRINCIPAL


def principal_school(district) -> dict:
    """The principal persona's school, as the tracker's URL names it."""
    return {"school_pk": home_school(district)["pk"]}


def an_item(district) -> dict:
    from actions.models import ActionItem

    return {"pk": ActionItem.objects.filter(district=district).order_by("pk").values_list("pk", flat=True).first()}


PAGES.extend(
    [
        Page("actions:item_list", None, DIRECTOR, label="actions:item_list (district admin)"),
        Page("actions:item_list", None, DIRECTOR, "status=blocked&sort=owner", label="actions:item_list (filtered)"),
        Page("actions:item_list", None, DIRECTOR, "overdue=on&sort=due", label="actions:item_list (overdue)"),
        Page("actions:item_list", None, DIRECTOR, "q=lunch", label="actions:item_list (search)"),
        Page("actions:item_list", None, DIRECTOR, "sort=status", label="actions:item_list (by progress)"),
        Page("actions:item_list", None, PRINCIPAL, label="actions:item_list (school leader)"),
        Page("actions:my_items", None, COUNSELOR),
        Page("actions:school_items", principal_school, PRINCIPAL),
        Page("actions:item_detail", an_item, DIRECTOR),
        Page("actions:item_edit", an_item, DIRECTOR),
        Page("actions:item_new", None, PRINCIPAL),
        Page("actions:tracker_print", None, PRINCIPAL, "blank=1", label="actions:tracker_print (blank)"),
        Page("actions:tracker_import", None, PRINCIPAL),
        Page("actions:reminders", None, COUNSELOR),
        Page("actions:tracker_settings", None, DIRECTOR),
    ]
)
