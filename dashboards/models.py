from django.db import models  # noqa: F401 — figures kept for the dashboards are added here
