from django.urls import path

from roles.views import capacity, limits, plans

urlpatterns: list = [
    path("capacity/", capacity.capacity, name="capacity"),
    path("capacity/<int:pk>/priorities/", capacity.priority_tasks, name="priority_tasks"),
    path("tasks-to-shift/", capacity.tasks_to_shift, name="tasks_to_shift"),
    path("shift-plans/", plans.plan_list, name="plan_list"),
    path("shift-plans/new/", plans.plan_new, name="plan_new"),
    path("shift-plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("shift-plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("shift-plans/<int:pk>/print/", plans.plan_print, name="plan_print"),
    path("shift-plans/<int:pk>/plan.pdf", plans.plan_pdf, name="plan_pdf"),
    path("limits/", limits.limits, name="limits"),
    path("limits/<int:pk>/edit/", limits.limit_edit, name="limit_edit"),
    path("limits/<int:pk>/delete/", limits.limit_delete, name="limit_delete"),
]
