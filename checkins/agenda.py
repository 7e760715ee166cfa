"""The seed's "Example meeting agenda with guiding questions", as data.

A meeting follows its series' own agenda when the series has one, else the
district's template; a district without a template follows the seed's agenda,
stored when its first meeting is made. The ``kind`` of a section tells the
meeting page what to show in it: the open action items (``review``), the
barriers raised (``barriers``), the new action items (``plans``) or only the
questions (``other``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from checkins.models import AgendaSection, Series
from people.models import District

REVIEW, BARRIERS, PLANS, OTHER = "review", "barriers", "plans", "other"


@dataclass(frozen=True)
class SectionSpec:
    title: str
    minutes: int
    questions: tuple[str, ...]
    kind: str


SEED_AGENDA: tuple[SectionSpec, ...] = (
    SectionSpec(
        "Review actions from the previous check-in",
        15,
        (
            "What progress has been made on actions identified in previous check-in(s)?",
            "What actions are behind schedule? What can be done to speed up these actions?",
        ),
        REVIEW,
    ),
    SectionSpec(
        "Discuss barriers preventing staff members from fully utilizing their education and training",
        30,
        (
            "What do staff need to better serve our students?",
            "What barriers are preventing staff from fully utilizing their education and training in support of "
            "students; e.g., are staff struggling to secure space to meet with students? Are staff expected to spend "
            "time on tasks that do not fully utilize their education and training?",
        ),
        BARRIERS,
    ),
    SectionSpec(
        "Set clear plans for addressing each barrier",
        15,
        (
            "What can be done to meet staff needs and remove barriers?",
            "Who will be responsible for each of the actions coming out of this check-in?",
            "By what date will these actions be completed?",
        ),
        PLANS,
    ),
)

REFLECTION_NOTE = (
    "The optional, editable reflection exercise can help staff reflect on and communicate barriers to supporting "
    "students. You can allocate time during this meeting for staff to complete the reflection before starting the "
    "discussion or ask staff attending the meeting to complete the reflection in advance."
)
"""The seed's note under the barriers section, shown on the meeting page."""


def seed_sections(district: District, series: Series | None = None) -> list[AgendaSection]:
    """Unsaved sections of the seed's agenda for ``district`` (or ``series``)."""
    return [
        AgendaSection(
            district=district,
            series=series,
            position=position,
            title=spec.title,
            minutes=spec.minutes,
            questions="\n".join(spec.questions),
            kind=spec.kind,
        )
        for position, spec in enumerate(SEED_AGENDA)
    ]


def district_template(district: District) -> list[AgendaSection]:
    """The district's agenda template; the seed's agenda, unsaved, if it has none yet (reading writes nothing).

    The template is stored when the district's first meeting is made
    (``checkins.services.agenda.ensure_district_template``) or first edited.
    """
    sections = list(AgendaSection.objects.filter(district=district, series__isnull=True))
    return sections or seed_sections(district)


def agenda_for(series: Series) -> list[AgendaSection]:
    """The sections a meeting of ``series`` follows: its own, else the district's template."""
    own = list(series.agenda_sections.all())
    return own or district_template(series.district)


def total_minutes(sections: list[AgendaSection]) -> int:
    return sum(section.minutes for section in sections)


# --- The timer: time used against time planned, per section ---
#
# ``Meeting.section_seconds`` maps a section id (as text) to the seconds used;
# while a section runs, RUNNING holds ``[section id, start as ISO 8601]``.
# Example: {"12": 600, "_running": [13, "2026-11-28T15:10:00+00:00"]} at 15:15
# means 10 minutes used on section 12 and 5 minutes so far on section 13.

RUNNING = "_running"


def running_section(state: dict) -> int | None:
    """The id of the section whose clock runs, if any."""
    running = state.get(RUNNING)
    return int(running[0]) if running else None


def used_seconds(state: dict, section_id: int, now: dt.datetime) -> int:
    """Seconds used on a section, counting the running clock up to ``now``."""
    used = int(state.get(str(section_id), 0))
    running = state.get(RUNNING)
    if running and int(running[0]) == section_id:
        used += max(0, int((now - dt.datetime.fromisoformat(running[1])).total_seconds()))
    return used


def switch_section(state: dict, to: int | None, now: dt.datetime) -> dict:
    """The timer after stopping the running section and starting ``to`` (``None``: stop only).

    Example: {"12": 600, "_running": [13, 15:10]} switched to 14 at 15:15 gives
    {"12": 600, "13": 300, "_running": [14, 15:15]}.
    """
    new = {key: value for key, value in state.items() if key != RUNNING}
    current = running_section(state)
    if current is not None:
        new[str(current)] = used_seconds(state, current, now)
    if to is not None:
        new[RUNNING] = [to, now.isoformat()]
    return new


def clock(seconds: int) -> str:
    """Seconds as a clock reads them: 750 → "12:30", 3725 → "1:02:05"."""
    hours, rest = divmod(max(0, int(seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
