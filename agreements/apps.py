from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = "Annual agreements"

    def ready(self) -> None:
        # Check-ins show the participants' goals in their review section and minutes.
        from agreements.checkin_goals import goals_panel
        from checkins.hooks import review_panel

        review_panel(goals_panel)
