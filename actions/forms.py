"""Forms of the tracker: the item form, the inline status form and the list filters."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Count, F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import QueryDict

from actions.models import OPEN_STATUSES, ActionItem, ActionItemQuerySet, Barrier, Origin, Status
from actions.services import FIELD_LABELS, StaleEdit, display
from core.fields import SingleLineFields
from core.widgets import PeoplePicker, QuickSelect
from people.models import District, School, StaffMember

ITEM_FIELDS = ("created_on", "description", "status", "owner", "owner_name", "due_on", "school", "barrier", "notes")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def staff_matching(district: District, name: str) -> StaffMember | None:
    """The one staff member of ``district`` whose name or email is ``name`` (any case), if exactly one."""
    name = name.strip()
    if not name:
        return None
    found = list(StaffMember.objects.filter(district=district).filter(Q(name__iexact=name) | Q(email__iexact=name))[:2])
    return found[0] if len(found) == 1 else None


def choices(form: forms.Form, name: str) -> Any:
    """A choice field of ``form``, typed loosely so its queryset or choices can be set."""
    return form.fields[name]


class ItemForm(SingleLineFields, forms.Form):
    """One action item: the seed's five columns, then school, barrier and notes."""

    created_on = forms.DateField(label="Item creation date", widget=DateInput())
    description = forms.CharField(
        label="Action item",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A brief description of the action to be completed.",
        error_messages={"required": "Describe the action to be completed."},
    )
    status = forms.ChoiceField(label="Progress", choices=Status.choices)
    owner = forms.ModelChoiceField(
        label="A staff member",
        queryset=StaffMember.objects.none(),
        required=False,
        empty_label="Someone not in the staff list",
        widget=PeoplePicker,
    )
    owner_name = forms.CharField(
        label="Or a name, for someone not in the staff list",
        max_length=200,
        required=False,
        help_text="A name that matches a staff member's name or email is linked to them.",
    )
    due_on = forms.DateField(label="When will it be done?", widget=DateInput(), required=False)
    school = forms.ModelChoiceField(
        label="School", queryset=School.objects.none(), required=False, empty_label="None", widget=QuickSelect
    )
    barrier = forms.ModelChoiceField(
        label="Barrier it addresses", queryset=Barrier.objects.none(), required=False, empty_label="None"
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, district: District, item: ActionItem | None = None, **kwargs: Any) -> None:
        if item is not None:
            kwargs.setdefault(
                "initial",
                {
                    **{name: getattr(item, name) for name in ITEM_FIELDS},
                    "owner": item.owner_id,
                    "school": item.school_id,
                    "barrier": item.barrier_id,
                    "version": item.version,
                },
            )
        super().__init__(*args, **kwargs)
        self.district = district
        self.linked_owner: StaffMember | None = None
        # An edit must say which version it started from, or the stale-edit check could be skipped.
        self.fields["version"].required = item is not None
        choices(self, "owner").queryset = listed_owners(
            district, also=[item.owner_id] if item is not None and item.owner_id else []
        ).only("pk", "name")
        choices(self, "school").queryset = School.objects.filter(district=district).only("pk", "name")
        choices(self, "barrier").queryset = Barrier.objects.filter(district=district)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        owner, name = cleaned.get("owner"), (cleaned.get("owner_name") or "").strip()
        if owner is not None and name:
            self.add_error("owner_name", "Choose a staff member or type a name, not both.")
        elif owner is None and not name:
            self.add_error("owner", "Choose who is responsible, or type their name below.")
        elif owner is None:
            self.linked_owner = staff_matching(self.district, name)
            if self.linked_owner is not None:
                cleaned["owner"], cleaned["owner_name"] = self.linked_owner, ""
        return cleaned

    def item_fields(self) -> dict[str, Any]:
        """The cleaned values as keyword arguments of ``create_item`` / ``update_item``."""
        return {name: self.cleaned_data[name] for name in ITEM_FIELDS}

    def add_service_errors(self, error: Any) -> None:
        """Show a ``ValidationError`` raised by the services beside the field it names."""
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error)

    def after_stale_edit(self, stale: StaleEdit) -> ItemForm:
        """The same input against the newer version, ready to be saved again.

        Fields the other person changed and this editor left as they were take
        the other person's value, so saving again does not undo their work.
        """
        data = cast(QueryDict, self.data).copy()
        data["version"] = str(stale.item.version)
        if self.is_valid():
            mine = ActionItem(district=self.district, **self.item_fields())
            first_seen: dict[str, str] = {}
            for change in stale.changes:
                first_seen.setdefault(change.field, change.old)
            for field, seen in first_seen.items():
                if field in ITEM_FIELDS and display(mine, field) == seen:
                    value = getattr(stale.item, f"{field}_id" if field in ("owner", "school", "barrier") else field)
                    data[field] = "" if value is None else str(value)
        return ItemForm(data, district=self.district)


class StatusForm(forms.Form):
    """The inline status change of a list row."""

    status = forms.ChoiceField(label="Progress", choices=Status.choices)
    version = forms.IntegerField(widget=forms.HiddenInput)


OWNER_ANY, OWNER_NAMED, OWNER_NOBODY = "", "named", "nobody"
SORTS = {
    "due": "When will it be done (earliest first)",
    "-due": "When will it be done (latest first)",
    "created": "Item creation date (newest first)",
    "-created": "Item creation date (oldest first)",
    "status": "Progress",
    "owner": "Who is responsible",
}


# A district with more staff than this lists only the people who log in as owners to pick from
# (a select of 20,000 names helps nobody); anyone else is found by typing their name or email,
# which the item form links to the staff member it names.
LISTED_OWNERS_LIMIT = 400


def listed_owners(
    district: District, *, also: list[int] | None = None, with_departed: bool = False
) -> QuerySet[StaffMember]:
    """The staff offered as owners: everyone in a small district; in a large one, those who log in.

    People who left (deactivated) are not offered, except those in ``also`` (an item's owner), or
    ``with_departed`` (a filter of the lists, where their items stay findable).
    """
    staff = StaffMember.objects.filter(district=district)
    kept = Q(pk__in=also or [])
    if with_departed:
        kept |= Q(deactivated_at__isnull=False)
    if staff.count() <= LISTED_OWNERS_LIMIT:
        return staff.filter(Q(deactivated_at__isnull=True) | kept)
    return staff.filter(Q(can_log_in=True, deactivated_at__isnull=True) | kept)


class ItemFilterForm(SingleLineFields, forms.Form):
    """The list filters, read from the query string. Bad values are ignored, never a server error."""

    q = forms.CharField(label="Search action or person", required=False)
    status = forms.MultipleChoiceField(
        label="Progress", choices=Status.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    owner = forms.ChoiceField(label="Who is responsible", required=False, widget=PeoplePicker)
    school = forms.TypedChoiceField(label="School", coerce=int, empty_value=None, required=False, widget=QuickSelect)
    origin = forms.ChoiceField(label="Came from", required=False)
    due_from = forms.DateField(label="Due from", required=False, widget=DateInput())
    due_to = forms.DateField(label="Due until", required=False, widget=DateInput())
    overdue = forms.BooleanField(label="Overdue only", required=False)
    closed = forms.BooleanField(label="Show completed and abandoned", required=False)
    sort = forms.ChoiceField(label="Sort by", choices=list(SORTS.items()), required=False)

    def __init__(self, data: Any, *, district: District, hide: tuple[str, ...] = ()) -> None:
        super().__init__(data)
        self.district = district
        for name in hide:
            del self.fields[name]
        if "owner" in self.fields:
            staff = listed_owners(district, with_departed=True).order_by("name").values_list("pk", "name")
            choices(self, "owner").choices = [
                (OWNER_ANY, "Anyone"),
                (OWNER_NAMED, "Named people not in the staff list"),
                (OWNER_NOBODY, "Nobody yet"),
                *((str(pk), name) for pk, name in staff),
            ]
        if "school" in self.fields:
            # Plain (pk, name) pairs: 1,800 School instances would cost more than the rest of the page.
            schools = School.objects.filter(district=district).order_by("name").values_list("pk", "name")
            choices(self, "school").choices = [("", "All schools"), *((str(pk), name) for pk, name in schools)]
        choices(self, "origin").choices = [("", "Anywhere"), *((v or "direct", label) for v, label in Origin.choices)]

    def value(self, name: str) -> Any:
        """A filter's cleaned value; an invalid or hidden one counts as not given."""
        self.is_valid()
        return None if name in self.errors or name not in self.fields else self.cleaned_data.get(name)

    @property
    def active(self) -> bool:
        return any(self.value(name) for name in self.fields if name != "sort")

    @property
    def hides_closed(self) -> bool:
        """Completed and abandoned items are out of the way unless asked for (the toggle, or a status chosen)."""
        return not self.value("closed") and not self.value("status")

    def listed(self, items: QuerySet[ActionItem], today: dt.date) -> QuerySet[ActionItem]:
        """What the list shows and the downloads and paper sheet hold: filtered, closed hidden unless asked, sorted."""
        items = self.apply(items, today)
        if self.hides_closed:
            items = items.filter(status__in=OPEN_STATUSES)
        return self.ordered(items)

    def apply(self, items: QuerySet[ActionItem], today: dt.date) -> QuerySet[ActionItem]:
        """``items`` narrowed by every filter given (not sorted; completed and abandoned ones still in)."""
        if search := (self.value("q") or "").strip():
            items = items.filter(search_filter(self.district, search, using=items.db))
        if statuses := self.value("status"):
            items = items.filter(status__in=statuses)
        owner = self.value("owner")
        if owner == OWNER_NAMED:
            items = items.filter(owner__isnull=True).exclude(owner_name="")
        elif owner == OWNER_NOBODY:
            items = items.filter(owner__isnull=True, owner_name="")
        elif owner:
            items = items.filter(owner_id=int(owner))
        if school := self.value("school"):
            items = items.filter(school_id=school)
        if origin := self.value("origin"):
            items = items.filter(origin="" if origin == "direct" else origin)
        if due_from := self.value("due_from"):
            items = items.filter(due_on__gte=due_from)
        if due_to := self.value("due_to"):
            items = items.filter(due_on__lte=due_to)
        if self.value("overdue"):
            items = cast(ActionItemQuerySet, items).overdue(today)
        return items

    def ordered(self, items: QuerySet[ActionItem]) -> QuerySet[ActionItem]:
        """``items`` in the order asked for (due date first by default), ties broken by creation."""
        sort = self.value("sort") or "due"
        orders: dict[str, tuple[Any, ...]] = {
            "due": (F("due_on").asc(nulls_last=True), "pk"),
            "-due": (F("due_on").desc(nulls_last=True), "-pk"),
            "created": ("-created_on", "-pk"),
            "-created": ("created_on", "pk"),
            "status": ("status_rank", "due_on", "pk"),
            "owner": ("owner_sort", "due_on", "pk"),
        }
        return items.order_by(*orders[sort])


#: A search matching at most this many items filters by their ids; a broader one by scanning the list's order.
SEARCH_IDS_LIMIT = 2000


def search_filter(district: District, text: str, *, using: str = DEFAULT_DB_ALIAS) -> Q:
    """Items whose action or responsible person contains ``text`` (any case, any part of a word).

    Read off the full-text index of migration 0007 rather than by reading every item. On PostgreSQL
    the trigram indexes serve ``icontains`` by themselves. On SQLite, whose planner would rather walk
    the whole list in due-date order than trust a subquery to be small, the matches are looked up
    first — items by the FTS5 trigram table, staff owners by name, then their items — and up to
    ``SEARCH_IDS_LIMIT`` of them filter by id; more (a word in most items) filter by subquery, where
    walking the list finds a page quickly. Text shorter than three characters has no trigrams: a scan.
    """
    staff = StaffMember.objects.using(using).filter(district=district, name__icontains=text).values("pk")
    if connections[using].vendor != "sqlite" or len(text) < 3:
        return Q(description__icontains=text) | Q(owner_name__icontains=text) | Q(owner_id__in=staff)
    phrase = '"{}"'.format(text.replace('"', '""'))
    matching = RawSQL(  # noqa: S611 — constant SQL; the user's text is a parameter
        "SELECT rowid FROM actions_item_search WHERE actions_item_search MATCH %s", (phrase,)
    )
    items = ActionItem.objects.using(using).filter(district=district).order_by()
    ids = set(items.filter(pk__in=matching).values_list("pk", flat=True)[: SEARCH_IDS_LIMIT + 1])
    owners = list(staff.values_list("pk", flat=True)[: SEARCH_IDS_LIMIT + 1])
    if len(ids) <= SEARCH_IDS_LIMIT and len(owners) <= SEARCH_IDS_LIMIT:
        ids.update(items.filter(owner_id__in=owners).values_list("pk", flat=True)[: SEARCH_IDS_LIMIT + 1])
        if len(ids) <= SEARCH_IDS_LIMIT:
            return Q(pk__in=sorted(ids))
    return Q(pk__in=matching) | Q(owner_id__in=staff)


def status_counts(items: QuerySet[ActionItem], today: dt.date) -> dict[str, Any]:
    """Items per status, the total and how many are overdue, in one aggregate query."""
    rows = items.order_by().values("status").annotate(n=Count("pk"), late=Count("pk", filter=Q(due_on__lt=today)))
    found = {row["status"]: row for row in rows}
    by_status = [(value, label, found.get(value, {}).get("n", 0)) for value, label in Status.choices]
    overdue = sum(row["late"] for status, row in found.items() if status in OPEN_STATUSES)
    total = sum(n for _, _, n in by_status)
    open_items = sum(n for value, _, n in by_status if value in OPEN_STATUSES)
    return {
        "by_status": by_status,
        "total": total,
        "open": open_items,
        "closed": total - open_items,
        "overdue": overdue,
    }


def field_label(field: str) -> str:
    return "Item created" if field == "created" else FIELD_LABELS.get(field, field)


class ReassignForm(forms.Form):
    """Give the open items of someone who left (``leavers``) to a person still in the district."""

    staff = forms.ModelChoiceField(label="The open items of", queryset=StaffMember.objects.none())
    to = forms.ModelChoiceField(label="Go to", queryset=StaffMember.objects.none(), widget=QuickSelect)

    def __init__(self, *args: Any, district: District, leavers: QuerySet[StaffMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices(self, "staff").queryset = leavers
        choices(self, "to").queryset = listed_owners(district).only("pk", "name")
