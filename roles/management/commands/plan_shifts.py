"""``python manage.py plan_shifts --district SLUG [--school NAME] [--time-limit S] [--json]``.

Solves the shift planner on the district's current inputs (``roles.planning.adapter``) and prints
the summary; nothing is stored. Exit codes: 0 with a plan (also a partial one: the schools left out are
listed with why); 1 for an unknown district or school;
2 when the inputs are infeasible or invalid (the explanation is printed, in sentences) or no plan
was found within the time limit.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from people.models import District, School
from planner import plan
from planner.explain import hours, money
from roles.planning.adapter import build_input


class Command(BaseCommand):
    help = "Plan the task shifts that free the most priority time for capacity-constrained staff."

    def add_arguments(self, parser):
        parser.add_argument("--district", required=True, help="The district's slug.")
        parser.add_argument("--school", help="One school's name (default: the whole district).")
        parser.add_argument("--time-limit", type=float, help="Seconds (default: the district's planner settings).")
        parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")

    def handle(self, *args, **options):
        district = District.objects.filter(slug=options["district"]).first()
        if district is None:
            raise CommandError(f"No district with the slug {options['district']!r}.")
        school = None
        if options["school"]:
            school = School.objects.filter(district=district, name=options["school"]).first()
            if school is None:
                raise CommandError(f"No school named {options['school']!r} in {district.name}.")
        inp = build_input(district, school).inp
        if options["time_limit"] is not None:
            inp.time_limit = options["time_limit"]
        result = plan(inp)
        if options["json"]:
            self.stdout.write(json.dumps(summary(result), indent=2))
        else:
            self.stdout.write("\n".join(lines(result)))
        if not result.has_plan:
            sys.exit(2)


def summary(result) -> dict:
    """The figures ``--json`` prints."""
    return {
        "status": result.status,
        "label": result.label,
        "hours_freed": round(result.hours_freed, 4),
        "greedy_hours_freed": round(result.greedy_hours_freed, 4),
        "gap": result.gap,
        "seconds": round(result.seconds, 4),
        "variables": result.variables,
        "constraints": result.constraints,
        "trainings": [
            {
                "school": t.school,
                "training": t.training,
                "role": t.role,
                "task": t.task,
                "people": t.people,
                "dollars": t.dollars,
            }
            for s in result.schools
            for t in s.trainings
        ],
        "hires": [
            {"school": h.school, "role": h.role, "fte": h.fte, "dollars": h.dollars}
            for s in result.schools
            for h in s.hires
        ],
        "schools_with_plan": len(result.schools),
        "schools_total": result.schools_total,
        "infeasible_schools": result.infeasible_schools,
        "problems": result.problems,
    }


def lines(result) -> list[str]:
    """The plain-text summary."""
    out = [result.label]
    if not result.has_plan:
        return out + [f"- {problem}" for problem in result.problems]
    out.append(
        f"Hours freed: {hours(result.hours_freed)} h/week (greedy baseline: {hours(result.greedy_hours_freed)}); "
        f"trainings {money(result.training_dollars)}, hires {money(result.hiring_dollars)}; "
        f"{result.variables} variables, {result.constraints} constraints, {result.seconds:.2f} s."
    )
    for school in result.schools:
        if school.sentences:
            out.append("")
            out.append(school.name)
            out += [f"- {sentence}" for sentence in school.sentences]
    if result.problems:  # a partial plan: the schools left out, and why
        out += ["", "Schools without a plan:"] + [f"- {problem}" for problem in result.problems]
    if result.binding:
        out += ["", "Why it cannot do more:"] + [f"- {limit.sentence}" for limit in result.binding[:10]]
    return out
