from django.urls import path

from sampling.views import answers, results, studies

app_name = "sampling"

urlpatterns = [
    path("", studies.study_list, name="study_list"),
    path("new/", studies.study_new, name="study_new"),
    path("hours/", studies.hours, name="hours"),
    path("<int:pk>/", studies.study_detail, name="study_detail"),
    path("<int:pk>/draw/", studies.study_draw, name="study_draw"),
    path("<int:pk>/delete/", studies.study_delete, name="study_delete"),
    path("<int:pk>/results/", results.results, name="results"),
    path("<int:pk>/results.<str:fmt>", results.results_export, name="results_export"),
    path("<int:pk>/responses/", results.responses, name="responses"),
    path("my-moments/", answers.my_moments, name="my_moments"),
    path("moment/<str:token>/", answers.answer, name="answer"),
]
