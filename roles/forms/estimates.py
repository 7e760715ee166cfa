"""The estimates grid of one school: hours a week per role (columns) and task (rows)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from core.stale import Seen, SeenField, StaleEdit, fingerprint
from planner.explain import hours as _hours
from planner.explain import plural
from roles.planning.estimates import Column, Grid

MAX_HOURS = Decimal("168")  # hours in a week


def field_name(column: Column, task_id: int) -> str:
    return f"hours_{column.role.pk}_{task_id}"


class EstimatesForm(forms.Form):
    """A number field per editable column and task, prefilled with what the planner uses now.

    Only the columns with a changed cell are saved (``changed_columns``), so saving one role's numbers
    does not turn the district averages shown for the others into entered estimates. A changed column's
    total must fit in the role's staff hours at the school; ``column_errors`` says by how much it does not.

    The hidden ``seen`` field carries what the page showed of the estimates entered (``Grid.seen``): a
    column that had estimates counts as changed when its cells differ from those, not from the estimates
    as they are now, so a column someone else saved meanwhile is neither written nor refused unless this
    editor changed it too.
    """

    def __init__(self, *args, grid: Grid, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.grid = grid
        self.column_errors: dict[int, str] = {}
        tasks = {task.pk: task for task in grid.tasks}
        for column in self.editable_columns:
            for task_id, hours in column.hours.items():
                self.fields[field_name(column, task_id)] = forms.DecimalField(
                    label=f"{column.role.name}: {tasks[task_id].name} (hours a week)",
                    required=False,
                    min_value=Decimal(0),
                    max_value=MAX_HOURS,
                    max_digits=5,
                    decimal_places=1,
                    initial=hours,
                    error_messages={
                        "invalid": "Enter a number of hours, e.g. 2.5.",
                        "min_value": "Hours cannot be negative.",
                        "max_value": "A week has 168 hours.",
                        "max_digits": "A week has 168 hours.",
                        "max_whole_digits": "A week has 168 hours.",
                        "max_decimal_places": "Round to a tenth of an hour, e.g. 2.5.",
                    },
                    widget=forms.NumberInput(attrs={"step": "0.1", "min": "0", "inputmode": "decimal"}),
                )
        self.fields["seen"] = SeenField(initial=grid.seen().sign())

    @property
    def editable_columns(self) -> list[Column]:
        return [column for column in self.grid.columns if column.editable]

    def column_changed(self, column: Column) -> bool:
        return any(field_name(column, task_id) in self.changed_data for task_id in column.hours)

    @property
    def changed_data(self) -> list[str]:
        """The cells the editor changed: once validated, measured against what their page showed (``seen``),
        not the hours now, so that a column someone else saved meanwhile is not written back unless this
        editor changed it too."""
        changed = [name for name in super().changed_data if name != "seen"]
        seen: Seen | None = self.cleaned_data.get("seen") if hasattr(self, "cleaned_data") else None
        if seen is None:
            return changed
        school = self.grid.school.pk
        mine = []
        for column in self.editable_columns:
            for task_id in column.hours:
                name = field_name(column, task_id)
                # A column that was not editable when the page was read has no entry: compared with now.
                was = seen.entries.get(f"roles.plannerestimate:{school}.{column.role.pk}.{task_id}:hours")
                now = fingerprint(self.cleaned_data.get(name) or None)
                if (name in changed) if was is None else (was[1] != now):
                    mine.append(name)
        return mine

    def clean(self) -> dict:
        cleaned = self.cleaned_data
        errors = self.errors.pop("seen", None)  # said at the top of the form, where the editor reads it
        if errors:
            self.add_error(None, errors)
        for column in self.editable_columns:
            names = [field_name(column, task_id) for task_id in column.hours]
            if not self.column_changed(column) or any(name in self.errors for name in names):
                continue
            total = sum((cleaned.get(name) or Decimal(0) for name in names), Decimal(0))
            staff_hours = Decimal(str(round(column.staff_hours, 2)))
            if total > staff_hours:
                self.column_errors[column.role.pk] = (
                    f"{_hours(float(total))} h a week entered for {plural(column.label)}: "
                    f"{_hours(float(total - staff_hours))} h more than their staff hours at {self.grid.school.name} "
                    f"({_hours(column.fte)} FTE × {_hours(self.grid.hours_per_fte)} h = "
                    f"{_hours(column.staff_hours)} h)."
                )
        if self.column_errors:
            count = len(self.column_errors)
            raise ValidationError(
                f"{count} role{'s' * (count != 1)} would have more hours than their staff hours; see the totals below."
            )
        return cleaned

    def changed_columns(self) -> dict[int, dict[int, Decimal | None]]:
        """Role id -> task id -> the hours entered (None: blank), for the columns with a changed cell."""
        return {
            column.role.pk: {task_id: self.cleaned_data[field_name(column, task_id)] for task_id in column.hours}
            for column in self.editable_columns
            if self.column_changed(column)
        }

    def after_stale_edit(self, stale: StaleEdit, grid: Grid) -> EstimatesForm:
        """The form to show after ``stale`` refused a save, on ``grid`` as it is now.

        A cell this editor changed keeps their input; the others show the hours now (the other person's,
        where they saved some); the snapshot is renewed, so saving again goes through.
        """
        mine = set(self.changed_data)
        data = self.data.copy() if isinstance(self.data, QueryDict) else QueryDict(mutable=True)
        if not isinstance(self.data, QueryDict):
            data.update(self.data)
        for column in (column for column in grid.columns if column.editable):
            for task_id, hours in column.hours.items():
                if field_name(column, task_id) not in mine:
                    data[field_name(column, task_id)] = "" if hours is None else str(hours)
        data["seen"] = grid.seen().sign()
        return EstimatesForm(data, grid=grid)

    def rows(self):
        """Per task group: (category, [(task, [(column, bound field or None, hours shown)])])."""
        for category, tasks in self.grid.groups:
            yield (
                category,
                [
                    (
                        task,
                        [
                            (
                                column,
                                self[field_name(column, task.pk)] if column.editable else None,
                                column.hours[task.pk],
                            )
                            for column in self.grid.columns
                        ],
                    )
                    for task in tasks
                ],
            )
