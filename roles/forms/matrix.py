"""Forms on the matrix page: adding a task or a role from the page."""

from __future__ import annotations

from people.forms.catalogue import RoleForm, TaskForm


class MatrixTaskForm(TaskForm):
    """A task added from the matrix: its category and name (the catalogue's own form and rules)."""

    prefix = "task"


class MatrixRoleForm(RoleForm):
    """A role added from the matrix, e.g. school psychologist, school nurse, other support staff."""

    prefix = "role"

    class Meta(RoleForm.Meta):
        fields = ["name", "short_name", "is_mental_health"]
