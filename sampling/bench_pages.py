"""Time sampling's pages in the benchmark: the results over about 50,000 answers at the largest scale
(``bench_extra.py`` draws and publishes them), a running study's response rate, who has answered, the
study page, and a counselor's moments."""

from bench.pages import PAGES, Page
from people.demo import COUNSELOR, DIRECTOR, PRINCIPAL


def benchmark_study(district) -> dict:
    from sampling.models import Study

    return {"pk": Study.objects.get(district=district, name="Benchmark study").pk}


def running_study(district) -> dict:
    from sampling.models import Study

    return {"pk": Study.objects.filter(district=district, name="This term's time sampling").get().pk}


PAGES.extend(
    [
        Page("sampling:study_list", None, DIRECTOR),
        Page("sampling:results", benchmark_study, DIRECTOR, label="sampling:results (about 50,000 answers at max)"),
        Page("sampling:results", benchmark_study, PRINCIPAL, label="sampling:results (principal)"),
        Page("sampling:results", running_study, PRINCIPAL, label="sampling:results (running: response rate only)"),
        Page("sampling:responses", benchmark_study, DIRECTOR),
        Page("sampling:study_detail", running_study, DIRECTOR),
        Page("sampling:hours", None, DIRECTOR),
        Page("sampling:my_moments", None, COUNSELOR),
    ]
)
