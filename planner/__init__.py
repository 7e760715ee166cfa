"""The shift planner's pure core: no Django, no database.

Give it a :class:`~planner.model.PlannerInput`, get back a :class:`~planner.model.PlanResult`::

    from planner import PlannerInput, SchoolInput, plan
    result = plan(PlannerInput(...))
    print(result.to_dict())

The model, its weights and a worked example are in ``docs/planner.md``.
"""

from planner.model import (
    BindingLimit,
    Capability,
    Hire,
    Move,
    PlannerInput,
    PlanResult,
    SchoolInput,
    SchoolPlan,
    Training,
    TrainingNeed,
    Weights,
)
from planner.solve import plan

__all__ = [
    "BindingLimit",
    "Capability",
    "Hire",
    "Move",
    "PlanResult",
    "PlannerInput",
    "SchoolInput",
    "SchoolPlan",
    "Training",
    "TrainingNeed",
    "Weights",
    "plan",
]
