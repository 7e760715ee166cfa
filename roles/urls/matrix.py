from django.urls import path

from roles.views import matrix, matrix_import, matrix_print

urlpatterns = [
    path("matrix/", matrix.matrix, name="matrix"),
    path("matrix/save/", matrix.matrix_save, name="matrix_save"),
    path("matrix/cells/<int:task_pk>/<int:role_pk>/", matrix.matrix_cell, name="matrix_cell"),
    path("matrix/tasks/new/", matrix.matrix_add_task, name="matrix_add_task"),
    path("matrix/roles/new/", matrix.matrix_add_role, name="matrix_add_role"),
    path("matrix/example/", matrix.matrix_load_example, name="matrix_load_example"),
    path("matrix/template/", matrix_print.matrix_template, name="matrix_template"),
    path("matrix/print/", matrix_print.matrix_print, name="matrix_print"),
    path("matrix/export.xlsx", matrix_print.matrix_export, name="matrix_export"),
    path("matrix/import/", matrix_import.matrix_import, name="matrix_import"),
    path("matrix/import/<uuid:token>/", matrix_import.matrix_import_page, name="matrix_import_page"),
]
