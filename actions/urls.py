from django.urls import path

from actions.views import board, items, leavers, reminders, spreadsheets

app_name = "actions"

urlpatterns = [
    path("items/", items.item_list, name="item_list"),
    path("items/mine/", items.my_items, name="my_items"),
    path("items/board/", board.item_board, name="item_board"),
    path("schools/<int:school_pk>/items/", items.school_items, name="school_items"),
    path("items/new/", items.item_new, name="item_new"),
    path("items/<int:pk>/", items.item_detail, name="item_detail"),
    path("items/<int:pk>/edit/", items.item_edit, name="item_edit"),
    path("items/<int:pk>/status/", items.item_status, name="item_status"),
    path("items/left/", leavers.left_items, name="left_items"),
    path("items/print/", items.tracker_print, name="tracker_print"),
    path("items/export.<str:fmt>", spreadsheets.tracker_export, name="tracker_export"),
    path("items/import/", spreadsheets.tracker_import, name="tracker_import"),
    path("items/import/<uuid:token>/", spreadsheets.tracker_import_preview, name="tracker_import_preview"),
    path("account/reminders/", reminders.reminder_preferences, name="reminders"),
    path("district/tracker/", reminders.tracker_settings, name="tracker_settings"),
]
