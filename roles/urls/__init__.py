from roles.urls import glossary, matrix, planner, plans

app_name = "roles"

urlpatterns = [*matrix.urlpatterns, *glossary.urlpatterns, *plans.urlpatterns, *planner.urlpatterns]
