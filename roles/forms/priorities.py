"""Forms of the capacity page's confirmation and of a constrained role's priority tasks."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.http import QueryDict

from core.stale import Seen, SeenField, StaleEdit, fingerprint
from people.models import Role, Task
from roles.models import ConstrainedRole
from roles.services.priorities import (
    confirmation_entry,
    confirmation_seen,
    priorities_seen,
    priority_key,
    priority_task_ids,
)


class ConstrainedRoleForm(forms.Form):
    """One row of the admin's confirmation: is this role capacity-constrained, and how many hours it needs."""

    constrained = forms.BooleanField(label="Capacity-constrained", required=False)
    hours = forms.DecimalField(
        label="More priority hours needed per week",
        min_value=Decimal("0"),
        max_digits=8,
        decimal_places=1,
        required=False,
    )


class PriorityTasksForm(forms.Form):
    """A constrained role's priority tasks, with the snapshot of what the page showed (``seen``)."""

    tasks = forms.TypedMultipleChoiceField(
        label="Priority tasks", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    seen = SeenField()

    def __init__(self, *args: Any, role: Role, tasks: list[Task], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.role, self.listed_tasks = role, tasks
        self.fields["tasks"].choices = [(t.pk, t.name) for t in tasks]  # type: ignore[attr-defined]
        if not self.is_bound and "seen" not in self.initial:
            self.initial["seen"] = priorities_seen(role, tasks, priority_task_ids(role)).sign()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        errors = self.errors.pop("seen", None)  # said at the top of the form, where the admin reads it
        if errors:
            self.add_error(None, errors)
        return cleaned

    def after_stale_edit(self, stale: StaleEdit) -> PriorityTasksForm:
        """The form to show after a refused save: the admin's ticks stay, a task only the other admin changed
        shows their choice, and the snapshot is renewed so that saving again goes through."""
        seen: Seen = self.cleaned_data["seen"]
        mine, now = set(self.cleaned_data["tasks"]), priority_task_ids(self.role)
        changed = {change.key for change in stale.changes}
        ticks = []
        for task in self.listed_tasks:
            key = priority_key(self.role, task)
            left_alone = seen.entries.get(key, ("", "", ""))[1] == fingerprint(task.pk in mine)
            if (task.pk in now) if key in changed and left_alone else (task.pk in mine):
                ticks.append(str(task.pk))
        data = QueryDict(mutable=True)
        data.setlist("tasks", ticks)
        data["seen"] = priorities_seen(self.role, self.listed_tasks, now).sign()
        return PriorityTasksForm(data, role=self.role, tasks=self.listed_tasks)


class SnapshotForm(forms.Form):
    """The hidden snapshot (``core.stale``) of a page whose forms are not model forms: what the page showed."""

    seen = SeenField()


class ConfirmationForms:
    """The capacity page's confirmation: a form per role and the page's snapshot, validated together."""

    def __init__(self, data: QueryDict | None, *, roles: list[Role], constrained: dict[int, ConstrainedRole]) -> None:
        self.roles, self.constrained = roles, constrained
        self._build(data)

    def _build(self, data: QueryDict | None) -> None:
        self.snapshot = SnapshotForm(data, initial={"seen": confirmation_seen(self.roles, self.constrained).sign()})
        self.by_role = {role.pk: self._role_form(data, role) for role in self.roles}

    def _role_form(self, data: QueryDict | None, role: Role) -> ConstrainedRoleForm:
        current = self.constrained.get(role.pk)
        initial = {
            "constrained": current is not None,
            "hours": current.needed_priority_hours if current else Decimal("0"),
        }
        return ConstrainedRoleForm(data, prefix=f"role-{role.pk}", initial=initial)

    def is_valid(self) -> bool:
        valid = [form.is_valid() for form in self.by_role.values()] + [self.snapshot.is_valid()]  # every error shows
        return all(valid)

    @property
    def seen(self) -> Seen:
        return self.snapshot.cleaned_data["seen"]

    def choices(self) -> list[tuple[Role, bool, Decimal]]:
        """(role, confirmed as capacity-constrained?, more priority hours needed per week) per role."""
        choices = []
        for role in self.roles:
            cleaned = self.by_role[role.pk].cleaned_data
            choices.append((role, cleaned["constrained"], cleaned["hours"] or Decimal("0")))
        return choices

    def after_stale_edit(self, stale: StaleEdit) -> None:
        """Show a refused confirmation again: the roles the admin changed keep their input, the others show
        what is saved now, and the snapshot is renewed so that saving again goes through.

        ``constrained`` was read in this request, after the other admin's save: it is what is saved now.
        """
        seen, choices, constrained = self.seen, self.choices(), self.constrained
        data = cast(QueryDict, self.snapshot.data).copy()
        for role, is_constrained, hours in choices:
            key, entry = confirmation_entry(role, hours if is_constrained else None)
            if seen.entries.get(key, ("", "", ""))[1] == entry[1]:  # left as it was
                current = constrained.get(role.pk)
                data[f"role-{role.pk}-hours"] = str(current.needed_priority_hours if current else Decimal("0"))
                if current:
                    data[f"role-{role.pk}-constrained"] = "on"
                else:
                    data.pop(f"role-{role.pk}-constrained", None)
        data["seen"] = confirmation_seen(self.roles, constrained).sign()
        self._build(data)
