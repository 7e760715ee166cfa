"""Pre-computed group figures: exact sums, so the district dashboard reads a few hundred rows.

One :class:`FigureSummary` per district × school year × month (0 for the whole
school year) × role holds the sums over the latest submitted reflection per
person in that period (see ``dashboards.queries.group_sums``), and one
:class:`FigureSummaryValue` per task type its sums of ideal and current
percentages. ``dashboards.services`` rebuilds a school year's rows whenever a
reflection of it is submitted or withdrawn, and ``manage.py rebuild_figures``
rebuilds them all.
"""

from __future__ import annotations

from django.db import models

from people.models import District, Role, TaskCategory


class FigureSummary(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    school_year = models.PositiveSmallIntegerField(help_text="The calendar year the school year starts in (July).")
    month = models.PositiveSmallIntegerField(help_text="1–12 for one month; 0 for the whole school year.")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="+")
    people = models.PositiveIntegerField(default=0)
    with_ideal = models.PositiveIntegerField(default=0)
    with_current = models.PositiveIntegerField(default=0)
    barriers = models.JSONField(default=dict, blank=True, help_text="People per barrier kind.")

    class Meta:
        constraints = [
            models.UniqueConstraint("district", "school_year", "month", "role", name="figure_summary_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.role_id} in {self.school_year}/{self.month}: {self.people} people"


class FigureSummaryValue(models.Model):
    summary = models.ForeignKey(FigureSummary, on_delete=models.CASCADE, related_name="values")
    category = models.ForeignKey(
        TaskCategory, on_delete=models.CASCADE, null=True, blank=True, related_name="+", help_text="Empty: added rows."
    )
    ideal_sum = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    current_sum = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    has_ideal = models.BooleanField(default=False)
    has_current = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.category_id}: {self.ideal_sum} / {self.current_sum}"
