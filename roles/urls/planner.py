from django.urls import path

from roles.views import planner, planner_estimates

urlpatterns: list = [
    path("planner/", planner.planner_inputs, name="planner"),
    path("planner/settings/", planner.planner_settings, name="planner_settings"),
    path("planner/run/", planner.planner_start, name="planner_start"),
    path("planner/runs/", planner.planner_runs, name="planner_runs"),
    path("planner/runs/<int:pk>/", planner.planner_run, name="planner_run"),
    path("planner/runs/<int:pk>/accept/", planner.planner_accept, name="planner_accept"),
    path("planner/compare/", planner.planner_compare, name="planner_compare"),
    path("planner/schools/<int:pk>/estimates/", planner_estimates.planner_estimates, name="planner_estimates"),
    path(
        "planner/schools/<int:pk>/estimates/clear/",
        planner_estimates.planner_estimates_clear,
        name="planner_estimates_clear",
    ),
]
