from django.urls import path

from reflections.views import estimates, reflections, shared

urlpatterns = [
    path("", reflections.my_reflections, name="my_reflections"),
    path("new/", reflections.reflection_new, name="reflection_new"),
    path("shared-with-me/", shared.shared_with_me, name="shared_with_me"),
    path("<int:pk>/", reflections.reflection_detail, name="detail"),
    path("<int:pk>/edit/", reflections.reflection_edit, name="reflection_edit"),
    path("<int:pk>/share/", reflections.reflection_share, name="reflection_share"),
    path("<int:pk>/rows/<int:row_pk>/action-item/", reflections.make_action_item, name="make_action_item"),
    path("staff/<int:staff_pk>/estimate/", estimates.estimate_new, name="estimate_new"),
    path("staff/<int:staff_pk>/compare/", estimates.comparison, name="comparison"),
]
