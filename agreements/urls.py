from django.urls import path

from agreements.views import agreements, goals, targets

app_name = "agreements"

urlpatterns = [
    path("", agreements.agreement_list, name="list"),
    path("new/", agreements.agreement_new, name="new"),
    path("district/", agreements.district_agreements, name="district"),
    path("targets/", targets.targets, name="targets"),
    path("targets/<int:pk>/", targets.target_edit, name="target_edit"),
    path("district/agreements.xlsx", agreements.district_export, name="district_export"),
    path("<int:pk>/", agreements.agreement_detail, name="detail"),
    path("<int:pk>/edit/", agreements.agreement_edit, name="edit"),
    path("<int:pk>/review/", agreements.agreement_review, name="review"),
    path("<int:pk>/sign/", agreements.agreement_sign, name="sign"),
    path("<int:pk>/comment/", agreements.agreement_comment, name="comment"),
    path("<int:pk>/next-year/", agreements.agreement_next_year, name="next_year"),
    path("<int:pk>/print/", agreements.agreement_print, name="print"),
    path("<int:pk>/pdf/", agreements.agreement_pdf, name="pdf"),
    path("<int:pk>/versions/<int:number>/", agreements.agreement_version, name="version"),
    path("<int:pk>/goals/new/", goals.goal_new, name="goal_new"),
    path("<int:pk>/goals/<int:goal_pk>/", goals.goal_edit, name="goal_edit"),
    path("<int:pk>/goals/<int:goal_pk>/delete/", goals.goal_delete, name="goal_delete"),
    path("<int:pk>/goals/<int:goal_pk>/progress/", goals.progress_new, name="progress_new"),
]
