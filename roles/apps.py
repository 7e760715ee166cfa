from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = "Role definition"

    def ready(self) -> None:
        # The demo gets a filled matrix and glossary (first), then constrained roles and shift plans.
        from core.scheduler import hourly
        from people.demo import demo_builder
        from people.services import NEW_DISTRICT_HOOKS
        from roles.demo import build_demo_matrix
        from roles.services.glossary import fill_glossary
        from roles.services.matrix_import import prune_matrix_uploads

        if fill_glossary not in NEW_DISTRICT_HOOKS:
            NEW_DISTRICT_HOOKS.append(fill_glossary)
        demo_builder(build_demo_matrix)
        hourly(prune_matrix_uploads)
