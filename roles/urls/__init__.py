from roles.urls import glossary, matrix, plans

app_name = "roles"

urlpatterns = [*matrix.urlpatterns, *glossary.urlpatterns, *plans.urlpatterns]
