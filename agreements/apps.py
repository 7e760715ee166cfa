from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = "Annual agreements"

    def ready(self) -> None:
        # Check-ins show the participants' goals in their review section and minutes, the dashboards
        # planned against actual time; the demo gets agreements once the reflections and meetings exist.
        from agreements.checkin_goals import goals_panel
        from agreements.dashboard_panels import district_panel, my_agreements_panel, staff_page_panel
        from agreements.demo import build_demo_agreements
        from checkins.hooks import MEETING_REVIEW
        from dashboards.hooks import DISTRICT_DASHBOARD, MY_DASHBOARD
        from people.demo import demo_builder
        from people.hooks import STAFF_PAGE

        MEETING_REVIEW.register(goals_panel)
        MY_DASHBOARD.register(my_agreements_panel)
        DISTRICT_DASHBOARD.register(district_panel)
        STAFF_PAGE.register(staff_page_panel)
        demo_builder(build_demo_agreements, last=True)
