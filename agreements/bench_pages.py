"""Agreements' pages in the benchmark: the list, the district's figures and one agreement (at the largest
scale over 8,000 agreements and 30,000 goals, loaded by ``bench_extra.py``)."""

from bench.pages import PAGES, Page
from people.demo import COUNSELOR, DIRECTOR, PRINCIPAL


def counselors_agreement(district) -> dict:
    from agreements.models import Agreement

    return {"pk": Agreement.objects.filter(district=district, staff__email=COUNSELOR).latest("year").pk}


PAGES.extend(
    [
        Page("agreements:list", None, DIRECTOR),
        Page("agreements:district", None, DIRECTOR, label="agreements:district (8,000 agreements at max)"),
        Page("agreements:detail", counselors_agreement, PRINCIPAL),
        Page("agreements:detail", counselors_agreement, COUNSELOR, label="agreements:detail (counselor)"),
    ]
)
