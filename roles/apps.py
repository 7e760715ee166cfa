from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Role definition"

    def ready(self) -> None:
        # The demo gets a filled matrix and glossary (first), then constrained roles and shift plans.
        from people.demo import demo_builder
        from roles.demo import build_demo_matrix

        demo_builder(build_demo_matrix)
