"""What time sampling gives other apps (registered from ``SamplingConfig.ready``): the shift planner's
current time from sampled shares (``roles.planning.current_hours``, "measured shares").
"""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from people.models import District
from planner.explain import plural
from roles.planning.adapter import role_label
from roles.planning.current_hours import MeasuredShares, measured_shares_source
from sampling.results import last_valid_study


def register() -> None:
    measured_shares_source(planner_shares)


def planner_shares(district: District) -> MeasuredShares | None:
    """The shares of the district's latest published study with valid figures that lets the planner use them.

    Only published results count (``sampling.services.publish_results``): a running study's answers
    never reach the planner, whose inputs page would otherwise show them moving answer by answer.

    Each role shown in its results (not hidden below the minimum group size) gives its shares of
    working time per task type, for the study's schools (every school when it named none). None when
    there is no such study.
    """
    found = last_valid_study(district.pk, for_planner=True)
    if found is None:
        return None
    study = found.study
    schools = frozenset(study.schools.values_list("pk", flat=True))
    names = [plural(role_label(role.name)) for role in found.results.roles if role.key in found.shares]
    where = {0: "at every school", 1: "at the school it covered"}.get(
        len(schools), f"at the {len(schools)} schools it covered"
    )
    summary = (
        f"The time study “{study.name}” ({study.first_day:%B %-d, %Y} to {study.last_day:%B %-d, %Y}, "
        f"{found.results.district.response_percent:g}% of moments answered) gives the current time of "
        f"{_and(names)} {where}: each role’s sampled shares of working time × each person’s hours, "
        "before reflections and estimates."
    )
    return MeasuredShares(
        source=f"time sampling: {study.name}",
        shares={
            role: {task_type: Decimal(str(round(share * 100, 4))) for task_type, share in shares.items()}
            for role, shares in found.shares.items()
        },
        school_ids=schools or None,
        summary=summary,
        url=reverse("sampling:results", args=[study.pk]),
    )


def _and(names: list[str]) -> str:
    """The names as a list in a sentence.

    >>> _and(["school counselors"]), _and(["nurses", "counselors", "psychologists"])
    ('school counselors', 'nurses, counselors and psychologists')
    """
    return names[-1] if len(names) < 2 else f"{', '.join(names[:-1])} and {names[-1]}"
