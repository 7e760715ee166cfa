from django.urls import path

from roles.views import glossary

urlpatterns = [
    path("glossary/", glossary.glossary, name="glossary"),
    path("glossary/new/", glossary.training_new, name="training_new"),
    path("glossary/<int:pk>/edit/", glossary.training_edit, name="training_edit"),
    path("glossary/<int:pk>/retire/", glossary.training_retire, name="training_retire"),
]
