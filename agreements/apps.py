from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = "Annual agreements"

    def ready(self) -> None:
        # Check-ins show the participants' goals in their review section and minutes; the demo gets
        # agreements once the reflections and meetings exist.
        from agreements.checkin_goals import goals_panel
        from agreements.demo import build_demo_agreements
        from checkins.hooks import review_panel
        from people.demo import demo_builder

        review_panel(goals_panel)
        demo_builder(build_demo_agreements, last=True)
