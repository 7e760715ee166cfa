from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People, schools and catalogues"

    def ready(self) -> None:
        # Registration: roster uploads past their preview's time are removed every hour.
        from core.scheduler import hourly
        from outbox.backend import RECIPIENT_FILTERS
        from people.leaving import blocked_addresses
        from people.roster.apply import prune_roster_uploads

        hourly(prune_roster_uploads)
        # People who left the district get no email (people.leaving).
        if blocked_addresses not in RECIPIENT_FILTERS:
            RECIPIENT_FILTERS.append(blocked_addresses)
