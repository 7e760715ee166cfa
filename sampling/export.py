"""A study's figures as spreadsheet rows: groups only, never an individual answer; hidden groups say so."""

from __future__ import annotations

from collections.abc import Iterator

from sampling.figures import Group
from sampling.results import Results

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = [
    "Study",
    "Group kind",
    "Group",
    "People",
    "Moments drawn",
    "Moments due",
    "Answered",
    "Answered late",
    "Expired",
    "Response rate %",
    "Valid (85% answered)",
    "Figure",
    "Working moments",
    "Share %",
    "95% low %",
    "95% high %",
]


def _group_rows(study: str, kind: str, group: Group, minimum: int) -> Iterator[list]:
    c = group.counts
    head = [
        study,
        kind,
        group.name,
        group.people,
        c.drawn,
        c.due,
        c.answered,
        c.late,
        c.expired,
        group.response_percent,
        "yes" if group.valid else "not valid",
    ]
    if group.hidden:
        yield [*head, f"hidden (fewer than {minimum} people)", "", "", "", ""]
        return
    for share in group.shares:
        low_high = share.interval.percent if share.interval else (None, None, None)
        yield [*head, share.task_type.name, share.moments, *low_high]
    services = group.services.percent if group.services else (None, None, None)
    yield [*head, "Direct and indirect student services (ASCA: at least 80%)", c.working, *services]


def result_rows(results: Results) -> Iterator[list]:
    """Header, then the district's rows, each role's, each school's."""
    yield HEADER
    name = results.study.name
    yield from _group_rows(name, "District", results.district, results.minimum)
    for role in results.roles:
        yield from _group_rows(name, "Role", role, results.minimum)
    for school in results.schools:
        yield from _group_rows(name, "School", school, results.minimum)
