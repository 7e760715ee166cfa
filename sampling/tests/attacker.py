"""What a determined reader can take from time sampling's pages and exports: the figures, parsed as they
would parse them, so the attack tests compute the reader's estimate from what is really served."""

from __future__ import annotations

import csv
import html
import io
import re

from django.urls import reverse

from conftest import client_for

ROW = re.compile(r'<tr><th scope="row">([^<]+)</th><td class="num">([\d,]+)</td>')


def district_moments(page: str) -> dict[str, int] | None:
    """Working moments per task type from the page's district table; ``None`` when the page has none."""
    if 'id="district-figures"' not in page:
        return None
    table = page.split('id="district-figures"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return {html.unescape(name): int(n.replace(",", "")) for name, n in ROW.findall(table)}


def export_rows(person, study, fmt: str = "csv"):
    """The export a person downloads: its response, and its rows (header first) when it is a CSV file."""
    response = client_for(person).get(reverse("sampling:results_export", args=[study.pk, fmt]))
    if response.status_code != 200 or fmt != "csv":
        return response, []
    return response, list(csv.reader(io.StringIO(response.content.decode())))


def groups(rows: list[list[str]]) -> dict[tuple[str, str], dict]:
    """The export's groups: (kind, name) → people, whether hidden, and working moments per figure."""
    header, found = rows[0], {}
    at = {name: i for i, name in enumerate(header)}
    for row in rows[1:]:
        group = found.setdefault(
            (row[at["Group kind"]], row[at["Group"]]), {"people": int(row[at["People"]]), "moments": {}}
        )
        figure = row[at["Figure"]]
        group["hidden"] = figure.startswith("hidden")
        if not group["hidden"]:
            group["moments"][figure] = int(row[at["Working moments"]] or 0)
    return found


def left_over(found: dict[tuple[str, str], dict], kind: str) -> tuple[int, dict[str, int]]:
    """The attacker's estimate for the groups of ``kind`` that are hidden or not shown: the district's
    people and working moments minus those of every shown group of that kind."""
    district = next(group for (k, _name), group in found.items() if k == "District")
    people = district["people"]
    moments = dict(district["moments"])
    for (k, _name), group in found.items():
        if k == kind and not group["hidden"]:
            people -= group["people"]
            for figure, n in group["moments"].items():
                moments[figure] = moments.get(figure, 0) - n
    return people, moments
