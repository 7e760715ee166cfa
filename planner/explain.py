"""Plain sentences for the planner's results: moves, binding limits and infeasibility."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.model import BindingLimit, Capability, Move, PlannerInput, SchoolInput, SchoolPlan

if TYPE_CHECKING:
    from planner.build import Model, Row

EPS = 1e-6
#: A binding limit is reported when one more unit of it frees at least this many hours.
MIN_GAIN = 0.01
#: A role's barred hours name its largest tasks, up to this many, then say how many more.
MAX_TASKS_NAMED = 3


def plural(role: str) -> str:
    """The head noun made plural, before any parenthesis: "teacher" -> "teachers",
    "licensed clinical provider (e.g., LCSW)" -> "licensed clinical providers (e.g., LCSW)"."""
    head, bracket, rest = role.partition(" (")
    return (head if head.endswith("s") else head + "s") + bracket + rest


def capitalized(text: str) -> str:
    """The first letter in capitals and the rest untouched ("LCSW" stays, unlike ``str.capitalize``)."""
    return text[:1].upper() + text[1:]


def hours(value: float) -> str:
    """6 -> "6", 2.5 -> "2.5", 0.3333 -> "0.33"."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def money(value: float) -> str:
    return f"${value:,.0f}"


def pair_moves(
    changes: dict[str, list[tuple[str, float]]], trained: set[tuple[str, str]], inp: PlannerInput
) -> list[Move]:
    """Pair, task by task, the roles that do fewer hours with those that do more (in input order)."""
    moves = []
    for task, deltas in changes.items():
        give = {role: -delta for role, delta in deltas if delta < 0}
        take = {role: delta for role, delta in deltas if delta > 0}
        for giver in give:
            for taker in take:
                amount = min(give[giver], take[taker])
                if amount <= EPS:
                    continue
                training = inp.training_for(taker, task).name if (taker, task) in trained else None
                moves.append(Move(task, giver, taker, round(amount, 4), training))
                give[giver] -= amount
                take[taker] -= amount
        moves += [Move(task, role, None, round(amount, 4)) for role, amount in give.items() if amount > EPS]
        moves += [Move(task, None, role, round(amount, 4)) for role, amount in take.items() if amount > EPS]
    return moves


def move_sentence(move: Move, school: str) -> str:
    amount = hours(move.hours)
    if move.to_role is None:
        return f"Stop {amount} h/week of {move.task} by {plural(move.from_role or '')} at {school} (no longer needed)."
    if move.from_role is None:
        return f"Add {amount} h/week of {move.task} for {plural(move.to_role)} at {school} (newly needed)."
    training = f"after the {move.training}" if move.training else "no training needed"
    return (
        f"Move {amount} h/week of {move.task} from {plural(move.from_role)} to {plural(move.to_role)} "
        f"at {school} ({training})."
    )


def school_sentences(inp: PlannerInput, plan: SchoolPlan) -> list[str]:
    """What to do at one school, in the order a reader acts on it."""
    sentences = [move_sentence(move, plan.name) for move in plan.moves]
    for role, freed in plan.freed.items():
        if freed > EPS:
            sentences.append(
                f"{capitalized(plural(role))} at {plan.name} gain {hours(freed)} h/week for priority tasks."
            )
    for need in plan.trainings:
        sentences.append(
            f"Train {need.people} {plural(need.role) if need.people > 1 else need.role} at {plan.name} in "
            f"{need.training} for {need.task} ({money(need.dollars)}, {hours(need.hours_per_person)} h each)."
        )
    for hire in plan.hires:
        sentences.append(f"Hire {hours(hire.fte)} FTE {hire.role} at {plan.name} ({money(hire.dollars)}).")
    return sentences


def _beneficiaries(model: Model, school: str | None) -> str:
    """The constrained roles that would gain: those of the school, or of all schools for the budget."""
    if school is None:
        roles = sorted({role for freed in model.freed for role in freed})
    else:
        roles = sorted(model.freed[model.school_names.index(school)])
    return " or ".join(roles) if roles else "constrained staff"


def binding_limits(inp: PlannerInput, model: Model, duals: list[float]) -> list[BindingLimit]:
    """The limits the plan presses against, with what one more unit of each would free.

    HiGHS minimises ``-freed * w.freed + ...``; a binding "<=" row has a dual <= 0, and ``-dual``
    is what one more unit of its right-hand side gains in the maximised objective. Divided by
    the weight of a freed hour, that is about how many more constrained hours one more unit frees.
    """
    limits = []
    for row, dual in zip(model.rows, duals, strict=True):
        if row.kind not in ("receive", "limit", "hours", "budget"):
            continue
        if row.kind == "hours" and row.role in inp.constrained:
            continue  # "one more counselor hour frees one counselor hour" says nothing a reader can use
        per_unit = -dual / inp.weights.freed * (1000 if row.kind == "budget" else 1)
        if per_unit < MIN_GAIN:
            continue
        who = _beneficiaries(model, row.school)
        gain = f"frees about {hours(per_unit)} more {who} hour{'s' if round(per_unit, 2) != 1 else ''} a week"
        if row.kind == "receive":
            text = f"One more {row.role} hour a week of new work at {row.school} {gain}"
            text += f" (the {plural(row.role or '')} there can take on {hours(row.value)} h/week now)."
        elif row.kind == "hours":
            text = f"One more {row.role} hour a week at {row.school} {gain} (all {hours(row.value)} h/week are used)."
        elif row.kind == "limit":
            text = (
                f"One more hour a week under the agreed limit on {row.key} for {plural(row.role or '')} "
                f"at {row.school} {gain} (the limit is {hours(row.value)} h/week there)."
            )
        else:
            text = f"Each $1,000 more in the budget {gain} (the budget is {money(row.value)})."
        limits.append(BindingLimit(_kind(row.kind), row.school, row.role, row.key, row.value, per_unit, text))
    return limits


def _kind(kind: str) -> str:
    return {"receive": "receiving capacity", "limit": "agreed limit", "hours": "role hours"}.get(kind, kind)


def infeasibility(inp: PlannerInput, group: list[SchoolInput], model: Model, slacks: list[float]) -> list[str]:
    """Name the school, task and role behind each need or limit that cannot all be met.

    ``slacks`` say by how much each of the model's rows must be broken (from an elastic solve). Where a
    school's roles do more hours of tasks marked No for them than the roles that may take those tasks
    have room for (``_barred_hours``), that is the cause, said once, rather than the receiving rows the
    elastic solve happened to break.
    """
    schools = {school.name: school for school in group}
    barred = {name: _barred_hours(inp, school) for name, school in schools.items()}
    problems = [found[0] for found in barred.values() if found is not None]
    for row, slack in zip(model.rows, slacks, strict=True):
        if slack <= EPS:
            continue
        school = schools[row.school] if row.school else None
        explained = barred.get(row.school or "")
        if explained is not None and _symptom(row, explained[1]):
            continue
        if row.kind == "cover" and school is not None:
            problems.append(_uncovered(inp, school, row.key or "", slack))
        elif row.kind == "limit" and school is not None:
            tasks = sorted(
                t for (r, t), h in school.current.items() if r == row.role and inp.task_category.get(t) == row.key
            )
            current = row.value - row.rhs
            problems.append(
                f"At {school.name}, {plural(row.role or '')} do {hours(current)} h/week of {row.key} "
                f"({', '.join(tasks) or 'no task now'}) but the agreed limit allows {hours(row.value)} h/week, "
                f"and no other role can take the other {hours(slack)} h/week of {', '.join(tasks) or row.key}."
            )
        elif row.kind == "hours":
            problems.append(
                f"At {row.school}, {plural(row.role or '')} would need {hours(slack)} h/week more than "
                f"their {hours(row.value)} staff hours."
            )
        elif row.kind == "receive":
            problems.append(
                f"At {row.school}, {plural(row.role or '')} would need to take on {hours(slack)} h/week more "
                f"new work than their capacity of {hours(row.value)} h/week."
            )
        elif row.kind == "gain":
            who = plural(row.role or "")
            problems.append(f"At {row.school}, {who} would lose {hours(slack)} h/week of priority work.")
    return problems or ["The inputs contradict each other, but no single need or limit could be named."]


def _symptom(row: Row, tasks: set[str]) -> bool:
    """Is a broken row only the consequence of barred hours with too little room (``tasks``: the barred tasks)?

    Receiving rows are; an agreed limit already below what a role does now, or a need nobody is marked able
    to do, is a cause of its own and keeps its sentence.
    """
    if row.kind in ("receive", "hours", "gain"):
        return True
    if row.kind == "limit":
        return row.rhs >= 0
    return row.kind == "cover" and row.key in tasks


def _barred_hours(inp: PlannerInput, school: SchoolInput) -> tuple[str, set[str]] | None:
    """The sentence, and the tasks, when the school's hours on cells marked No exceed the room to take them.

    E.g. school nurses do 12 h/week of Non-counseling duties, marked No for them; para-professionals, Yes
    for it, have 1 FTE with a receiving capacity of 5 h/week and 30 spare hours: room for 5 h/week, so
    the other 7 h/week have nowhere to go. The room of each role that may take a barred task (Yes or
    With training, and not barred itself) is the least of its spare staff hours, its receiving capacity
    and the room under its agreed limits on those tasks' categories (hires included where allowed);
    a priority task of the taker is outside its receiving capacity, as in the model. (A taker could make
    more room by handing its own work on, which this does not count: the figure is "about".)
    Barred tasks no role there may do are left to the "cannot be done by anyone" sentence.
    """
    roles = inp.roles_at(school)
    barred: dict[str, dict[str, float]] = {}
    takers: dict[str, set[str]] = {}
    for (role, task), cur in school.current.items():
        if cur <= EPS or inp.capability_of(school, role, task) is not Capability.NO:
            continue
        able = {r for r in roles if r != role and inp.capability_of(school, r, task) is not Capability.NO}
        if able:
            barred.setdefault(role, {})[task] = cur
            for taker in able:
                takers.setdefault(taker, set()).add(task)
    if not barred:
        return None
    total = sum(sum(tasks.values()) for tasks in barred.values())
    room = {taker: _room(inp, school, taker, tasks) for taker, tasks in takers.items()}
    if total <= sum(room.values()) + EPS:
        return None
    doers: list[str] = []
    for role, tasks in barred.items():
        largest = sorted(tasks.items(), key=lambda item: -item[1])
        listed = "; ".join(f"{task}: {hours(h)} h" for task, h in largest[:MAX_TASKS_NAMED])
        if len(largest) > MAX_TASKS_NAMED:
            listed += f"; {len(largest) - MAX_TASKS_NAMED} more"
        what = " do {} h/week of tasks marked No for them" if not doers else " {} h/week"
        doers.append(plural(role) + what.format(hours(sum(tasks.values()))) + f" ({listed})")
    with_room = [taker for taker in takers if room[taker] > EPS]
    takers_text = f" ({', '.join(plural(taker) for taker in with_room)})" if with_room else ""
    text = (
        f"At {school.name}, {' and '.join(doers)}, and the roles that may take them{takers_text} "
        f"have room for {'about ' + hours(sum(room.values())) if with_room else 'no'} h/week."
    )
    return text, {task for tasks in barred.values() for task in tasks}


def _room(inp: PlannerInput, school: SchoolInput, role: str, tasks: set[str]) -> float:
    """At most how many hours a week of ``tasks`` ``role`` could take on at ``school`` (``_barred_hours``)."""
    fte = school.fte.get(role, 0.0)
    hired = inp.max_hire_fte if role in inp.hire_cost else 0.0
    done = sum(h for (r, _t), h in school.current.items() if r == role)
    spare = inp.staff_hours_of(school, role) + hired * inp.hours_per_fte_of(role) - done
    receive = inp.receiving_capacity_of(role) * fte + hired * inp.hours_per_fte_of(role)
    if tasks & inp.constrained.get(role, frozenset()):
        receive = float("inf")  # its own priority work is not "new work" (the model's receive row)
    under_limits = 0.0
    for category in {inp.task_category.get(task) for task in tasks}:
        per_fte = inp.limits.get((role, category or ""))
        if per_fte is None:
            under_limits = float("inf")
            break
        current = sum(h for (r, t), h in school.current.items() if r == role and inp.task_category.get(t) == category)
        under_limits += max(0.0, per_fte * (fte + hired) - current)
    return max(0.0, min(spare, receive, under_limits))


def _uncovered(inp: PlannerInput, school: SchoolInput, task: str, slack: float) -> str:
    roles = inp.roles_at(school)
    able = [r for r in roles if inp.capability_of(school, r, task) is not Capability.NO]
    barred = [r for r in roles if (r, task) in school.current and inp.capability_of(school, r, task) is Capability.NO]
    text = f"At {school.name}, {hours(slack)} h/week of {task} cannot be done by anyone able to do it: "
    if able:
        text += f"the roles able to ({', '.join(plural(r) for r in able)}) have no hours, capacity or agreed limit left"
    else:
        text += "no role there is marked Yes or With training for it"
        marked_no = [plural(r) for r in roles if r not in barred]
        if marked_no:
            text += f" ({', '.join(marked_no)}: No)"
    if barred:
        text += f"; {', '.join(plural(r) for r in barred)} do it now but are marked No"
    return text + "."
