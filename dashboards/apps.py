from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = "Dashboards"

    def ready(self) -> None:
        # The demo gets reflections (and their pre-computed figures) for its dashboards.
        from people.demo import demo_builder
        from reflections.demo import build_demo_reflections

        demo_builder(build_demo_reflections)
