from django.urls import path

from people.views import (
    catalogue,
    district,
    districts,
    email,
    invitations,
    picker,
    ratios,
    roster,
    school_calendar,
    schools,
    staff,
)

app_name = "people"

urlpatterns = [
    # Operators (superusers): every district of the deployment
    path("districts/", districts.district_list, name="districts"),
    path("districts/new/", districts.district_new, name="district_new"),
    path("district/settings/", district.settings_view, name="district_settings"),
    path("district/calendar/", school_calendar.school_calendar, name="school_calendar"),
    path("district/calendar/years/<int:pk>/delete/", school_calendar.school_year_delete, name="school_year_delete"),
    path("district/calendar/closures/<int:pk>/delete/", school_calendar.closure_delete, name="closure_delete"),
    path("district/email/", email.undelivered_email, name="undelivered_email"),
    path("operator/email/", email.undelivered_email_all, name="undelivered_email_all"),
    path("ratios/", ratios.ratios_view, name="ratios"),
    # Schools
    path("schools/", schools.school_list, name="school_list"),
    path("schools/new/", schools.school_new, name="school_new"),
    path("schools/<int:pk>/", schools.school_detail, name="school_detail"),
    path("schools/<int:pk>/edit/", schools.school_edit, name="school_edit"),
    path("schools/<int:pk>/delete/", schools.school_delete, name="school_delete"),
    # Staff
    path("staff/", staff.staff_list, name="staff_list"),
    path("staff/new/", staff.staff_new, name="staff_new"),
    path("staff/<int:pk>/", staff.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/edit/", staff.staff_edit, name="staff_edit"),
    path("staff/<int:pk>/invite/", invitations.staff_invite, name="staff_invite"),
    path("staff/invite/", invitations.staff_invite_many, name="staff_invite_many"),
    path("staff/search/", picker.people_search, name="people_search"),
    # Roles, task categories and tasks
    path("catalogue/", catalogue.catalogue, name="catalogue"),
    path("catalogue/roles/new/", catalogue.role_new, name="role_new"),
    path("catalogue/roles/<int:pk>/edit/", catalogue.role_edit, name="role_edit"),
    path("catalogue/roles/<int:pk>/move/", catalogue.role_move, name="role_move"),
    path("catalogue/roles/<int:pk>/retire/", catalogue.role_retire, name="role_retire"),
    path("catalogue/roles/<int:pk>/delete/", catalogue.role_delete, name="role_delete"),
    path("catalogue/categories/new/", catalogue.category_new, name="category_new"),
    path("catalogue/categories/<int:pk>/edit/", catalogue.category_edit, name="category_edit"),
    path("catalogue/categories/<int:pk>/move/", catalogue.category_move, name="category_move"),
    path("catalogue/categories/<int:pk>/retire/", catalogue.category_retire, name="category_retire"),
    path("catalogue/categories/<int:pk>/delete/", catalogue.category_delete, name="category_delete"),
    path("catalogue/tasks/new/", catalogue.task_new, name="task_new"),
    path("catalogue/tasks/<int:pk>/edit/", catalogue.task_edit, name="task_edit"),
    path("catalogue/tasks/<int:pk>/move/", catalogue.task_move, name="task_move"),
    path("catalogue/tasks/<int:pk>/retire/", catalogue.task_retire, name="task_retire"),
    path("catalogue/tasks/<int:pk>/delete/", catalogue.task_delete, name="task_delete"),
    # Roster import and export
    path("roster/import/", roster.roster_upload, name="roster_import"),
    path("roster/import/<uuid:token>/", roster.roster_preview, name="roster_preview"),
    path("roster/export.<str:fmt>", roster.roster_export, name="roster_export"),
]
