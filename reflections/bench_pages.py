"""The reflection pages in the benchmark: my reflections, the form, the request pages."""

from bench.pages import PAGES, Page
from people.demo import COUNSELOR, DIRECTOR, PRINCIPAL


def counselors_latest(district) -> dict:
    from reflections.models import Reflection

    pk = (
        Reflection.objects.filter(district=district, author__email=COUNSELOR)
        .order_by("-date", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    return {"pk": pk}


PAGES.extend(
    [
        Page("reflections:my_reflections", None, COUNSELOR),
        Page("reflections:reflection_new", None, COUNSELOR),
        Page("reflections:detail", counselors_latest, COUNSELOR),
        Page("reflections:request_list", None, DIRECTOR),
        Page("reflections:request_new", None, PRINCIPAL),
        Page("reflections:shared_with_me", None, PRINCIPAL),
        Page("reflections:shared_with_me", None, DIRECTOR, label="reflections:shared_with_me (district admin)"),
    ]
)
