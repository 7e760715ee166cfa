"""A poll's answers as its page shows them: invitees × proposed times, the tallies, the best times first.

Reads only; every write of a poll is in ``checkins.services.polls``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from checkins.models import Poll, PollAnswer, PollInvitee, PollOption
from checkins.polls import OptionTally, ranked, tally
from people.models import StaffMember


@dataclass
class GridRow:
    invitee: PollInvitee
    cells: list[str]  # one answer per option, "" when not answered


@dataclass
class Grid:
    """Invitees × proposed times, with the tally per time and the times best first."""

    options: list[PollOption]
    rows: list[GridRow]
    tallies: list[OptionTally]
    best_first: list[OptionTally]

    @property
    def waiting(self) -> list[PollInvitee]:
        return [row.invitee for row in self.rows if row.invitee.answered_at is None]


def grid(poll: Poll) -> Grid:
    """The poll's answers in three queries, whatever the number of invitees and times."""
    options = list(poll.options.all())
    invitees = list(poll.invitees.select_related("staff__role", "staff__user").order_by("staff__name", "pk"))
    answers = list(PollAnswer.objects.filter(invitee__poll=poll).values_list("invitee_id", "option_id", "answer"))
    by_invitee: dict[int, dict[int, str]] = {}
    for invitee_id, option_id, answer in answers:
        by_invitee.setdefault(invitee_id, {})[option_id] = answer
    rows = [
        GridRow(invitee, [by_invitee.get(invitee.pk, {}).get(option.pk, "") for option in options])
        for invitee in invitees
    ]
    tallies = tally([(o.pk, o.starts_at) for o in options], [(option_id, a) for _, option_id, a in answers])
    return Grid(options=options, rows=rows, tallies=tallies, best_first=ranked(tallies))


def who_said_no(option: PollOption) -> list[StaffMember]:
    """The invitees who answered "no" to ``option``, by name."""
    return [
        answer.invitee.staff
        for answer in option.answers.filter(answer=PollAnswer.Answer.NO)
        .select_related("invitee__staff")
        .order_by("invitee__staff__name")
    ]


def with_answer_counts(polls: QuerySet[Poll]) -> QuerySet[Poll]:
    """Annotate ``invitee_count`` and ``answered_count`` for the poll list."""
    return polls.annotate(
        invitee_count=Count("invitees", distinct=True),
        answered_count=Count("invitees", filter=Q(invitees__answered_at__isnull=False), distinct=True),
    )
