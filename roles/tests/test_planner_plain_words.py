"""The planner's run page in plain words (issue 16): hours freed per role and per school that add up,
solver words only under "How this was computed", and accepting moves from a table with a "when" and an
owner chosen in the form."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

import pytest
from django.urls import reverse

from conftest import client_for
from people.demo import build_demo
from roles.models import PlannerRun, ShiftPlan
from roles.planning.runs import start_run, whole_inputs, whole_result
from roles.tests.planner_setup import tiny_district

SOLVER_WORDS = ("greedy", "baseline", "gap", "variables", "constraints", "time limit", "optimal", "solve")


@pytest.fixture
def demo(db):
    lakeview = build_demo()
    director = lakeview.staff.get(email="director@lakeview.example.org")
    return lakeview, director, PlannerRun.objects.get(district=lakeview)


def cells(page: str, caption_starts: str, row_header: str) -> list[str]:
    """The cells of the row headed ``row_header`` in the table whose caption starts with ``caption_starts``."""
    table = page[page.index(f"<caption>{caption_starts}") :]
    table = table[: table.index("</table>")]
    row = table[table.index(f'<th scope="row">{row_header}</th>') :]
    row = row[: row.index("</tr>")]
    return re.findall(r'<td class="num">(.*?)</td>', row)


def test_the_hours_moved_away_add_up_to_the_hours_gained_on_the_demo(demo):
    lakeview, director, run = demo
    inputs, result = whole_inputs(run), whole_result(run)
    # One side: the hours each constrained role hands to others, from the plan's moves.
    moved = defaultdict(float)
    taken = defaultdict(float)
    for school in result["schools"]:
        for move in school["moves"]:
            moved[move["from_role"]] += move["hours"] if move["from_role"] in inputs["constrained"] else 0
            taken[move["to_role"]] += move["hours"] if move["to_role"] in inputs["constrained"] else 0
    # The other side: the hours it gains on its priority tasks, from before and after; and its whole week.
    gained, week_before, week_after = defaultdict(float), defaultdict(float), defaultdict(float)
    before_by_school = {school["name"]: school["current"] for school in inputs["schools"]}
    for school in result["schools"]:
        before = before_by_school[school["name"]]
        for role, priorities in inputs["constrained"].items():
            for key in {*before, *school["after"]}:
                who, task = key.split("|", 1)
                if who != role:
                    continue
                change = school["after"].get(key, 0.0) - before.get(key, 0.0)
                gained[role] += change if task in priorities else 0.0
                week_before[role] += before.get(key, 0.0)
                week_after[role] += school["after"].get(key, 0.0)

    page = client_for(director).get(reverse("roles:planner_run", args=[run.pk])).content.decode()
    for role in inputs["constrained"]:
        unplaced = week_after[role] - week_before[role]
        # The identity the page states: moved away + the week's hours on no task before − taken on = gained.
        assert moved[role] + unplaced - taken[role] == pytest.approx(gained[role], abs=0.06)
        shown = [float(x.replace(",", "")) for x in cells(page, "Hours a week of each", role.capitalize())]
        assert shown == pytest.approx([moved[role], unplaced, taken[role], gained[role]], abs=0.06)
        # The planner's own count of hours freed is the same as the hours gained.
        freed = sum(school["freed"].get(role, 0.0) for school in result["schools"])
        assert freed == pytest.approx(gained[role], abs=0.06)
    # On the demo the two sides differ (hours of the week that no task accounted for are used too), and the
    # page says so in words under the table.
    assert any(abs(moved[role] - gained[role]) > 1 for role in inputs["constrained"])
    assert "placed on no task before" in page
    assert "School counselors gain" in page


def test_only_the_moves_trainings_are_listed(demo):
    lakeview, director, run = demo
    result = whole_result(run)
    for school in result["schools"]:
        used = {(move["to_role"], move["task"], move["training"]) for move in school["moves"] if move["training"]}
        assert {(need["role"], need["task"], need["training"]) for need in school["trainings"]} == used
        assert sum(sentence.startswith("Train ") for sentence in school["sentences"]) == len(used)
    assert run.summary["counts"]["trainings"] == sum(len(school["trainings"]) for school in result["schools"])


def test_the_run_page_keeps_solver_words_under_how_this_was_computed(demo):
    lakeview, director, run = demo
    page = client_for(director).get(reverse("roles:planner_run", args=[run.pk])).content.decode()
    main = page[page.index("<h1") : page.index('<h2 id="how">')]
    main = re.sub(r"<(script|style).*?</(script|style)>", "", main, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", main).lower()
    for word in SOLVER_WORDS:
        assert word not in text, word
    how = page[page.index('<h2 id="how">') :]
    assert "greedy baseline" in how and "gap" in how and "variables" in how and "time limit" in how

    inputs = client_for(director).get(reverse("roles:planner")).content.decode()
    main = re.sub(r"<[^>]+>", " ", inputs[inputs.index("<h1") : inputs.index('id="how"')]).lower()
    assert "time limit" not in main and "seconds" not in main


def test_moves_are_accepted_from_a_table_with_a_when_and_an_owner_chosen_in_the_form(demo):
    lakeview, director, run = demo
    client = client_for(director)
    page = client.get(reverse("roles:planner_run", args=[run.pk])).content.decode()
    layout = page[page.index('<div class="accept-layout">') :]
    table, panel = layout[: layout.index("</table>")], layout[layout.index("</table>") :]
    keys = re.findall(r'<input type="checkbox" name="move" value="([\d:]+)"', table)
    assert len(keys) == len(set(keys)) > 10  # one checkbox per move, in the table
    assert '<button type="submit">Create draft shift plans</button>' in panel[: panel.index("</form>")]
    owner_select = panel[panel.index('name="owner"') : panel.index("</select>")]
    assert "selected" not in owner_select.replace('value="" selected', "")  # nobody chosen by default

    # Without a "when" or an owner nothing is created, and the page says what is missing beside the fields.
    refused = client.post(reverse("roles:planner_accept", args=[run.pk]), {"move": keys[:2]})
    assert refused.status_code == 200
    body = refused.content.decode()
    assert body.count("This field is required.") == 2
    assert body.count(" checked>") == 2  # the ticked moves stay ticked
    assert not ShiftPlan.objects.filter(other_steps__startswith="Proposed by").exists()

    principal = lakeview.staff.get(email="principal@lakeview.example.org")
    response = client.post(
        reverse("roles:planner_accept", args=[run.pk]),
        {"move": keys[:1], "shift_when": "Start of the spring term", "shift_on": "2099-01-05", "owner": principal.pk},
    )
    assert response.url == reverse("roles:plan_list")
    plan = ShiftPlan.objects.get(other_steps=f"Proposed by shift planner run {run.pk}.")
    assert (plan.owner, plan.shift_when, plan.shift_on) == (principal, "Start of the spring term", dt.date(2099, 1, 5))
    assert plan.status == ShiftPlan.Status.DRAFT


def test_a_date_that_has_passed_is_refused_beside_the_field(personas, django_capture_on_commit_callbacks):
    tiny_district(personas)
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(personas.district, personas.school_a, by=personas.admin)
    response = client_for(personas.admin).post(
        reverse("roles:planner_accept", args=[run.pk]),
        {"move": ["0:0"], "shift_when": "Last year", "shift_on": "2001-01-01", "owner": personas.admin.pk},
    )
    assert "This date has passed: choose today or a later day." in response.content.decode()
    assert not ShiftPlan.objects.exists()
