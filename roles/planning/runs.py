"""The ``PlannerRun`` lifecycle: snapshot the inputs, queue the worker, solve, store the result.

A run is created *queued* with a JSON snapshot of its input (``snapshot``); the worker's task
(``roles.tasks.solve_planner_run``) marks it *running*, rebuilds the input from the snapshot (so a run
always solves what it stored, whatever changed since), solves, and stores ``PlanResult.to_dict()``
(*done*) or the error (*failed*). The snapshot also keeps the ids of roles, tasks, schools and
trainings, so accepted moves can become shift plans later, and the number of distinct people of each
role (``people``), so the run page can give hours freed per person for the whole run.

Both are stored in parts, so that a page reads only what it shows: each school's part of the
snapshot and of the result is a ``PlannerRunSchool`` row (:func:`school_rows`), the rest stays on the
run, and a finished run also keeps a small summary (``report.summarize``). :func:`whole_inputs` and
:func:`whole_result` put them back together.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import asdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from people.models import Assignment, District, School, StaffMember
from planner import plan
from planner.model import Capability, PlannerInput, SchoolInput, Training, Weights
from roles.models import PlannerRun, PlannerRunSchool, PlannerSettings
from roles.planning import report
from roles.planning.adapter import Adapted, build_input

logger = logging.getLogger(__name__)


def _pairs(mapping: dict) -> dict:
    return {f"{a}|{b}": value for (a, b), value in mapping.items()}


def _unpair(mapping: dict) -> dict:
    return {tuple(key.split("|", 1)): value for key, value in mapping.items()}


def snapshot(adapted: Adapted) -> dict:
    """JSON-ready copy of the planner input, with sources and ids."""
    inp = adapted.inp
    return {
        "schools": [
            {
                "name": s.name,
                "fte": s.fte,
                "current": _pairs(s.current),
                "need": s.need,
                "capability": _pairs({k: str(v) for k, v in s.capability.items()}),
                "priority_need": s.priority_need,
                "headcount": s.headcount,
            }
            for s in inp.schools
        ],
        "task_category": inp.task_category,
        "constrained": {role: sorted(tasks) for role, tasks in inp.constrained.items()},
        "capability": _pairs({k: str(v) for k, v in inp.capability.items()}),
        "hours_per_fte": inp.hours_per_fte,
        "receiving_capacity": inp.receiving_capacity,
        "limits": _pairs(inp.limits),
        "trainings": _pairs({k: asdict(v) for k, v in inp.trainings.items()}),
        "hire_cost": inp.hire_cost,
        "budget": inp.budget,
        "time_limit": inp.time_limit,
        "sources": adapted.sources,
        "capacity_sources": adapted.capacity_sources,
        "ids": {
            "roles": adapted.role_ids,
            "tasks": adapted.task_ids,
            "schools": adapted.school_ids,
            "trainings": adapted.training_ids,
        },
    }


def people_by_role(district: District, school: School | None, role_ids: dict[str, int]) -> dict[str, int]:
    """Distinct people of each role in the run (someone shared by two schools counts once). One query."""
    assignments = Assignment.objects.filter(district=district, staff__role_id__in=role_ids.values())
    if school is not None:
        assignments = assignments.filter(school=school)
    counts = dict(
        assignments.values("staff__role_id")
        .annotate(n=Count("staff_id", distinct=True))
        .values_list("staff__role_id", "n")
    )
    return {role: counts[pk] for role, pk in role_ids.items() if counts.get(pk)}


def take_snapshot(district: District, school: School | None = None) -> dict:
    """Today's planner input for the district (or ``school``), as a run stores it."""
    adapted = build_input(district, school)
    return {**snapshot(adapted), "people": people_by_role(district, school, adapted.role_ids)}


def input_from(data: dict) -> PlannerInput:
    """The ``PlannerInput`` a snapshot describes."""
    schools = [
        SchoolInput(
            name=s["name"],
            fte=s["fte"],
            current=_unpair(s["current"]),
            need=s.get("need", {}),
            capability={k: Capability(v) for k, v in _unpair(s["capability"]).items()},
            priority_need=s.get("priority_need", {}),
            headcount=s.get("headcount", {}),
        )
        for s in data["schools"]
    ]
    return PlannerInput(
        schools=schools,
        task_category=data["task_category"],
        constrained={role: frozenset(tasks) for role, tasks in data["constrained"].items()},
        capability={k: Capability(v) for k, v in _unpair(data["capability"]).items()},
        hours_per_fte=data["hours_per_fte"],
        receiving_capacity=data["receiving_capacity"],
        limits=_unpair(data["limits"]),
        trainings={k: Training(**v) for k, v in _unpair(data["trainings"]).items()},
        hire_cost=data["hire_cost"],
        budget=data["budget"],
        weights=Weights(),
        time_limit=data["time_limit"],
    )


def save_settings(
    district: District,
    *,
    capacities: dict[str, float],
    hire_cost_per_fte: Decimal | None,
    budget: Decimal | None,
    time_limit: int,
) -> PlannerSettings:
    """Save the district's planner settings (capacities by role id; empty ones use the defaults)."""
    settings, _created = PlannerSettings.objects.update_or_create(
        district=district,
        defaults={
            "receiving_capacity": capacities,
            "hire_cost_per_fte": hire_cost_per_fte,
            "budget": budget,
            "time_limit": time_limit,
        },
    )
    return settings


#: A school's part of ``PlanResult.to_dict()``, each kept in its own column of ``PlannerRunSchool``.
PLAN_FIELDS = ("moves", "sentences", "trainings", "hires", "freed", "after")
#: What a run's page shows of a school's plan.
SHOWN_FIELDS = ("moves", "sentences", "trainings", "hires")
#: A row's figures from its plan, with the plan itself.
ROW_FIGURES = ("plan_position", "changes", "move_count", "moves_digest", *PLAN_FIELDS)


def school_rows(inputs_schools: list[dict], result_schools: list[dict]) -> list[dict]:
    """The ``PlannerRunSchool`` fields of each school of a snapshot and of its result (pure).

    A result's school is matched to the snapshot's school of the same name; one without a match (never
    from the planner) gets a row of its own after them, so nothing stored is lost.
    """
    rows = [{"position": i, "name": school["name"], "inputs": school} for i, school in enumerate(inputs_schools)]
    by_name = {row["name"]: row for row in reversed(rows)}  # the first of a repeated name
    for i, school_plan in enumerate(result_schools):
        row = by_name.get(school_plan["name"])
        if row is None or "plan_position" in row:
            row = {"position": len(rows), "name": school_plan["name"], "inputs": {}}
            rows.append(row)
        row.update(
            plan_position=i,
            changes=report.changes_something(school_plan),
            move_count=len(school_plan["moves"]),
            moves_digest=report.moves_digest(school_plan["moves"]),
            **{name: school_plan[name] for name in PLAN_FIELDS},
        )
    return rows


def without_schools(data: dict | None) -> dict | None:
    return None if data is None else {key: value for key, value in data.items() if key != "schools"}


def school_plans(rows: Iterable[PlannerRunSchool], fields: Iterable[str] = PLAN_FIELDS) -> list[report.Planned]:
    """Each row's (plan position, part of the result), with the ``fields`` of it the rows loaded."""
    return [
        (row.plan_position or 0, {"name": row.name, **{name: getattr(row, name) for name in fields}}) for row in rows
    ]


def whole_inputs(run: PlannerRun) -> dict:
    """The run's whole snapshot, its schools read back from their rows."""
    schools = run.schools.order_by("position").values_list("inputs", flat=True)
    return {**run.inputs, "schools": [school for school in schools if school]}


def whole_result(run: PlannerRun) -> dict | None:
    """The run's whole ``PlanResult.to_dict()``, its schools read back from their rows; ``None`` before it has one."""
    if run.result is None:
        return None
    rows = run.schools.filter(plan_position__isnull=False).order_by("plan_position").defer("inputs")
    return {**run.result, "schools": [plan for _position, plan in school_plans(rows)]}


def create_run(district: District, school: School | None, *, by: StaffMember | None, inputs: dict) -> PlannerRun:
    """A queued run of ``inputs`` (a whole snapshot): the run, and a row per school."""
    run = PlannerRun.objects.create(
        district=district,
        school=school,
        created_by=by,
        inputs=without_schools(inputs),
        progress="Waiting for the worker.",
    )
    PlannerRunSchool.objects.bulk_create(
        PlannerRunSchool(run=run, **row) for row in school_rows(inputs.get("schools", []), [])
    )
    return run


def store_result(run: PlannerRun, inputs: dict, result: dict) -> None:
    """Keep a finished run's ``result`` (``PlanResult.to_dict()`` of the whole ``inputs``): the
    summary and the rest on the run, each school's plan on its row. Does not save the run itself."""
    run.summary = report.summarize(inputs, result)
    run.result = without_schools(result)
    rows = {row["position"]: row for row in school_rows(inputs.get("schools", []), result.get("schools", []))}
    stored = {school.position: school for school in run.schools.only("run", "position")}
    planned = []
    for position, row in rows.items():
        if "plan_position" not in row:
            continue
        school = stored.get(position) or PlannerRunSchool(run=run, position=position, name=row["name"], inputs={})
        for name in ROW_FIGURES:
            setattr(school, name, row[name])
        planned.append(school)
    PlannerRunSchool.objects.bulk_create([school for school in planned if school.pk is None])
    PlannerRunSchool.objects.bulk_update(
        [school for school in planned if school.pk is not None],
        list(ROW_FIGURES),
        batch_size=200,
    )


def start_run(district: District, school: School | None, *, by: StaffMember | None) -> PlannerRun:
    """Snapshot today's inputs into a queued run, and queue the worker once the run is committed."""
    from roles.tasks import solve_planner_run

    run = create_run(district, school, by=by, inputs=take_snapshot(district, school))
    transaction.on_commit(lambda: solve_planner_run.enqueue(run.pk))
    return run


def execute_run(run_id: int) -> str:
    """Solve a queued run (the worker's task). Returns the run's final status; never raises on bad inputs."""
    run = PlannerRun.objects.filter(pk=run_id, status=PlannerRun.Status.QUEUED).first()
    if run is None:
        return "skipped"
    inputs = whole_inputs(run)
    schools = len(inputs["schools"])
    run.status, run.progress = PlannerRun.Status.RUNNING, f"Solving for {schools} school{'s' * (schools != 1)}…"
    run.save(update_fields=["status", "progress"])
    started = time.perf_counter()
    try:
        result = plan(input_from(inputs))
    except Exception:  # a bug in the planner must not leave the run "running" for ever
        logger.exception("Planner run %s failed", run.pk)
        run.status, run.progress = PlannerRun.Status.FAILED, "The planner stopped with an error; it has been logged."
    else:
        run.status, run.progress = PlannerRun.Status.DONE, result.label
    run.seconds = round(time.perf_counter() - started, 3)
    with transaction.atomic():
        if run.status == PlannerRun.Status.DONE:
            store_result(run, inputs, result.to_dict())
        run.save(update_fields=["status", "progress", "result", "summary", "seconds"])
    return run.status


def _same_moves_in(other: PlannerRun) -> Exists:
    """Whether ``other`` has the outer school with the very same moves (``moves_digest``)."""
    return Exists(
        PlannerRunSchool.objects.filter(run=other, name=OuterRef("name"), moves_digest=OuterRef("moves_digest"))
    )


def schools_whose_moves_differ(first: PlannerRun, second: PlannerRun) -> QuerySet[PlannerRunSchool, str]:
    """Names of the schools with moves in either run that are not the very same in the other, by name."""
    return (
        PlannerRunSchool.objects.filter(run__in=[first, second])
        .exclude(moves_digest="")
        .filter((Q(run=first) & ~_same_moves_in(second)) | (Q(run=second) & ~_same_moves_in(first)))
        .values_list("name", flat=True)
        .distinct()
        .order_by("name")
    )


def same_moves(first: PlannerRun, second: PlannerRun) -> dict:
    """How many schools have the very same moves in both runs, and how many moves that is. One query."""
    figures = (
        PlannerRunSchool.objects.filter(run=first)
        .exclude(moves_digest="")
        .filter(_same_moves_in(second))
        .aggregate(schools=Count("pk"), moves=Sum("move_count"))
    )
    return {"schools": figures["schools"], "moves": figures["moves"] or 0}


def moves_at(first: PlannerRun, second: PlannerRun, names: list[str]) -> list[report.SchoolComparison]:
    """The two runs' moves at the schools ``names``, compared school by school. One query."""
    moves: dict[tuple[int, str], list[dict]] = {}
    rows = PlannerRunSchool.objects.filter(run__in=[first, second], name__in=names)
    for run_id, name, school_moves in rows.values_list("run_id", "name", "moves"):
        moves.setdefault((run_id, name), school_moves)
    return [
        report.compare_moves(name, moves.get((first.pk, name), []), moves.get((second.pk, name), [])) for name in names
    ]
