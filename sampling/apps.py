from django.apps import AppConfig


class SamplingConfig(AppConfig):
    name = "sampling"
    verbose_name = "Time sampling"

    def ready(self) -> None:
        # Hourly tick: queue the coming hour's moment emails for their minute, send what is due,
        # remind once; publish the results of the studies that are over. The demo gets a finished
        # and a running study; the planner may use a finished study's valid shares.
        from core.scheduler import hourly
        from people.demo import demo_builder
        from sampling import hooks, services
        from sampling.demo import build_studies
        from sampling.prompts import schedule_prompts

        hourly(schedule_prompts)
        hourly(services.publish_finished_studies)
        demo_builder(build_studies)
        hooks.register()
