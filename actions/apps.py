from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Action-item tracker"

    def ready(self) -> None:
        # Registrations: the weekly digest runs at every hourly tick; the demo gets action items;
        # a renamed staff member's items sort under their new name; old uploads are removed.
        from actions.demo import build_demo_items
        from actions.reminders import send_weekly_digests
        from actions.services import owner_renamed
        from actions.spreadsheets.apply import prune_tracker_uploads
        from core.scheduler import hourly
        from people.demo import demo_builder
        from people.services import STAFF_RENAMED_HOOKS

        demo_builder(build_demo_items)
        if owner_renamed not in STAFF_RENAMED_HOOKS:
            STAFF_RENAMED_HOOKS.append(owner_renamed)
        hourly(send_weekly_digests)
        hourly(prune_tracker_uploads)
