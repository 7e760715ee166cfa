from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People, schools and catalogues"

    def ready(self) -> None:
        # Registration: roster uploads past their preview's time are removed every hour.
        from core.scheduler import hourly
        from people.roster.apply import prune_roster_uploads

        hourly(prune_roster_uploads)
