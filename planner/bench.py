"""Synthetic districts for benchmarking the planner against the greedy baseline and CBC.

``run(schools=100)`` builds a district of that many schools (each at most 40 staff), plans it, and
returns the solve time, gap and hours freed of the model and of the greedy baseline.
``compare(schools=100)`` adds the very same MIP solved with PuLP and CBC (``planner.cbc``), side by
side. ``roles/bench_extra.py`` puts both into ``make bench``; ``synthetic`` is also the property tests'
source of random instances.
"""

from __future__ import annotations

import random
import time

from planner.greedy import greedy_hours_freed
from planner.model import Capability, PlannerInput, SchoolInput, Training
from planner.solve import plan

YES, NO, TRAINING = Capability.YES, Capability.NO, Capability.TRAINING
COUNSELOR, PSYCHOLOGIST = "school counselor", "school psychologist"
PARA, TEACHER, ADMIN = "para-professional", "teacher", "administrator"

CATEGORY = {
    "Tier 2/3 counseling": "Scheduled student mental health support",
    "Crisis response": "Non-scheduled student mental health support",
    "Psychological assessment": "Assessment",
    "Proactive family engagement": "Other student and family care provision tasks",
    "Testing coordination": "Non-counseling duties",
    "Lunch supervision": "Non-counseling duties",
    "Master schedule": "Non-counseling duties",
    "504 coordination": "Counseling-related administrative activities",
    "Data entry": "Counseling-related administrative activities",
    "Staff training": "Teacher and school staff support and training",
    "Classroom instruction": "Other",
    "Classroom support": "Other",
}
CONSTRAINED = {
    COUNSELOR: frozenset({"Tier 2/3 counseling", "Crisis response"}),
    PSYCHOLOGIST: frozenset({"Psychological assessment"}),
}
#: What each role does now (task -> share of its non-fixed hours); the first task of each is its core work.
WORK = {
    COUNSELOR: ["Tier 2/3 counseling", "Crisis response", "Proactive family engagement", "Testing coordination",
                "504 coordination", "Data entry", "Lunch supervision", "Master schedule"],
    PSYCHOLOGIST: ["Psychological assessment", "504 coordination", "Data entry", "Testing coordination"],
    PARA: ["Classroom support", "Lunch supervision", "Data entry"],
    TEACHER: ["Classroom instruction", "Lunch supervision"],
    ADMIN: ["Master schedule", "Staff training", "Lunch supervision", "Testing coordination"],
}  # fmt: skip
#: Cells beyond the current work: each (role, task) -> the choices a school's matrix draws from.
EXTRA_CELLS = {
    (PARA, "Proactive family engagement"): [YES, TRAINING],
    (PARA, "Testing coordination"): [TRAINING, NO],
    (PARA, "504 coordination"): [TRAINING, NO],
    (TEACHER, "Proactive family engagement"): [TRAINING, YES, NO],
    (TEACHER, "Testing coordination"): [YES, NO],
    (ADMIN, "504 coordination"): [YES, TRAINING],
    (ADMIN, "Data entry"): [YES, NO],
    (COUNSELOR, "Psychological assessment"): [NO],
    (PSYCHOLOGIST, "Crisis response"): [YES],
}
TRAININGS = {
    "Proactive family engagement": Training("family engagement training", 4, 250),
    "Testing coordination": Training("testing coordination training", 6, 300),
    "504 coordination": Training("504 coordination training", 8, 500),
}


def synthetic(schools: int, seed: int = 0, budget: float | None = None, hires: bool = False) -> PlannerInput:
    """A district of ``schools`` random schools whose current work meets every limit and capability."""
    rng = random.Random(seed)
    return PlannerInput(
        schools=[_school(rng, f"School {n + 1}") for n in range(schools)],
        task_category=dict(CATEGORY),
        constrained=dict(CONSTRAINED),
        limits={(COUNSELOR, "Non-counseling duties"): 10.0, (TEACHER, "Non-counseling duties"): 2.0},
        trainings={(role, task): training for task, training in TRAININGS.items() for role in (PARA, TEACHER, ADMIN)},
        hire_cost={PARA: 45_000.0} if hires else {},
        max_hire_fte=1.0,
        budget=budget,
    )


def _school(rng: random.Random, name: str) -> SchoolInput:
    fte = {
        COUNSELOR: rng.choice([0.5, 1.0, 1.0, 2.0]),
        PSYCHOLOGIST: rng.choice([0.0, 0.5, 1.0]),
        PARA: float(rng.randint(0, 5)),
        TEACHER: float(rng.randint(5, 28)),
        ADMIN: float(rng.randint(1, 2)),
    }
    fte = {role: value for role, value in fte.items() if value > 0}
    current: dict[tuple[str, str], float] = {}
    capability: dict[tuple[str, str], Capability] = {}
    for role, share in fte.items():
        tasks = WORK[role]
        hours = 40 * share * rng.uniform(0.9, 0.98)  # rounding each task up stays within 40 h
        weights = [rng.uniform(3, 6)] + [rng.uniform(0, 1) for _ in tasks[1:]]
        total = sum(weights)
        for task, weight in zip(tasks, weights, strict=True):
            current[role, task] = round(hours * weight / total, 1)
            capability[role, task] = YES
        if role == COUNSELOR:  # keep within the agreed limit of 10 h/week of non-counseling duties per FTE
            _cap_category(current, role, "Non-counseling duties", 10 * share)
        if role == TEACHER:
            _cap_category(current, role, "Non-counseling duties", 2 * share)
    for cell, choices in EXTRA_CELLS.items():
        capability.setdefault(cell, rng.choice(choices))
    priority_need = {COUNSELOR: round(rng.uniform(5, 15) * fte[COUNSELOR], 1)}
    if PSYCHOLOGIST in fte:
        priority_need[PSYCHOLOGIST] = round(rng.uniform(2, 8) * fte[PSYCHOLOGIST], 1)
    return SchoolInput(name, fte=fte, current=current, capability=capability, priority_need=priority_need)


def _cap_category(current: dict[tuple[str, str], float], role: str, category: str, limit: float) -> None:
    cells = [cell for cell in current if cell[0] == role and CATEGORY[cell[1]] == category]
    total = sum(current[cell] for cell in cells)
    if total > limit:
        core = next(cell for cell in current if cell[0] == role)
        for cell in cells:
            moved = current[cell] - max(0.0, round(current[cell] * limit / total - 0.05, 1))
            current[cell] -= moved
            current[core] = round(current[core] + moved, 1)


def run(schools: int = 1, time_limit: float = 60.0, seed: int = 0, budget: float | None = None) -> dict:
    """Plan a synthetic district; return the model's and the greedy baseline's figures side by side."""
    inp = synthetic(schools, seed=seed, budget=budget)
    inp.time_limit = time_limit
    result = plan(inp)
    started = time.perf_counter()
    greedy = greedy_hours_freed(inp)
    greedy_seconds = time.perf_counter() - started
    return {
        "schools": schools,
        "status": result.status,
        "seconds": round(result.seconds, 3),
        "gap": result.gap,
        "hours_freed": result.hours_freed,
        "variables": result.variables,
        "constraints": result.constraints,
        "greedy_seconds": round(greedy_seconds, 3),
        "greedy_hours_freed": greedy,
        "ratio_to_greedy": round(result.hours_freed / greedy, 4) if greedy else None,
    }


def compare(
    schools: int = 1,
    time_limit: float = 60.0,
    cbc_time_limit: float = 120.0,
    seed: int = 0,
    budget: float | None = None,
    cbc_threads: int = 2,
) -> dict:
    """``run``'s figures (HiGHS and greedy) with the same district's MIP solved by CBC beside them.

    CBC solves the whole district as one model (``build(inp)``), starting from the greedy plan as
    HiGHS does, on ``cbc_threads`` threads (HiGHS runs on one, for repeatable plans), and stops at
    ``cbc_time_limit`` seconds: then ``cbc_status`` is ``time_limit`` and its figures are those of the
    best plan it had found. ``ratio_to_cbc`` is HiGHS's hours freed over CBC's, ``seconds_ratio_to_cbc``
    HiGHS's seconds over CBC's (each from input to plan: HiGHS's include its dual re-solve, CBC's the
    PuLP problem and its file).
    """
    from planner.build import build
    from planner.cbc import solve_with_cbc
    from planner.greedy import greedy_school
    from planner.solve import _start as greedy_start

    figures = run(schools, time_limit=time_limit, seed=seed, budget=budget)
    inp = synthetic(schools, seed=seed, budget=budget)
    model = build(inp)
    start = greedy_start(model, [greedy_school(inp, school) for school in inp.schools])
    cbc = solve_with_cbc(model, cbc_time_limit, threads=cbc_threads, start=start)
    freed = cbc.hours_freed
    return {
        **figures,
        "cbc_status": cbc.status,
        "cbc_result": _cbc_result(cbc.status, cbc.gap, cbc_time_limit),
        "cbc_time_limit": cbc_time_limit,
        "cbc_threads": cbc_threads,
        "cbc_seconds": round(cbc.seconds, 3),
        "cbc_solver_seconds": round(cbc.solver_seconds, 3),
        "cbc_gap": cbc.gap,
        "cbc_hours_freed": freed,
        "ratio_to_cbc": round(figures["hours_freed"] / freed, 4) if freed else None,
        "seconds_ratio_to_cbc": round(figures["seconds"] / cbc.seconds, 4) if cbc.seconds else None,
    }


def _cbc_result(status: str, gap: float | None, time_limit: float) -> str:
    """CBC's outcome in words, so that a time-out is never read as a proven optimum."""
    if status == "optimal":
        return "optimal"
    if status == "time_limit":
        distance = "an unknown distance" if gap is None else f"{gap:.4%}"
        return f"stopped at its {time_limit:g} s limit; best plan so far, {distance} from the best possible"
    if status == "no_plan_in_time":
        return f"stopped at its {time_limit:g} s limit without a plan"
    return status


if __name__ == "__main__":  # python -m planner.bench 100 [BUDGET] [--cbc]
    import json
    import sys

    numbers = [float(arg) for arg in sys.argv[1:] if not arg.startswith("--")]
    size = int(numbers[0]) if numbers else 1
    dollars = numbers[1] if len(numbers) > 1 else None
    measure = compare if "--cbc" in sys.argv else run
    print(json.dumps(measure(size, budget=dollars), indent=2))
