"""Agreements for tests, made through the services like a user would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from agreements import goals, services
from agreements.content import parts_of, reload, seen_of
from agreements.models import Agreement, Goal
from people.models import TaskCategory

YEAR = 2026


def seen(agreement: Agreement):
    """The text as a person reading the agreement now sees it (what their next form carries)."""
    return seen_of(parts_of(reload(agreement)))


def make_agreement(p, *, staff=None, school=None, year: int = YEAR) -> Agreement:
    """Casey Counselor's agreement at Adams Elementary with Pat Principal, a draft."""
    return services.start_agreement(
        staff=staff or p.counselor_a, school=school or p.school_a, year=year, by=staff or p.counselor_a
    )


def direct_types(district) -> list[TaskCategory]:
    return list(TaskCategory.objects.filter(district=district, service_kind="direct").order_by("position"))


def add_time_goal(p, agreement: Agreement, *, baseline="51", target="70") -> Goal:
    return goals.save_goal(
        agreement,
        None,
        by=p.counselor_a,
        seen=None,
        data={
            "kind": Goal.Kind.TIME,
            "statement": "Direct services from 51% to 70% by March",
            "indicator": "Share of working time on direct services",
            "baseline": Decimal(baseline),
            "baseline_on": dt.date(YEAR, 9, 1),
            "target": Decimal(target),
            "due_on": dt.date(YEAR + 1, 3, 1),
            "owner": p.counselor_a,
        },
        categories=direct_types(p.district),
    )


def add_program_goal(p, agreement: Agreement, statement: str = "Attendance of the check-and-connect group") -> Goal:
    return goals.save_goal(
        agreement,
        None,
        by=p.counselor_a,
        seen=None,
        data={
            "kind": Goal.Kind.PROGRAM,
            "statement": statement,
            "indicator": "Average daily attendance (%)",
            "baseline": Decimal("82"),
            "baseline_on": dt.date(YEAR, 9, 15),
            "target": Decimal("90"),
            "due_on": dt.date(YEAR + 1, 5, 30),
            "owner": p.counselor_a,
        },
    )


def signed_agreement(p) -> Agreement:
    agreement = make_agreement(p)
    services.send_for_review(agreement, by=p.counselor_a)
    services.sign(agreement, by=p.counselor_a, seen=seen(agreement))
    services.sign(agreement, by=p.principal, seen=seen(agreement))
    agreement.refresh_from_db()
    return agreement
