"""Attendance answers straight from email: each participant's personal signed link.

The invitation and update emails carry three links (will attend, might attend, will not attend).
Each opens the same page for that participant, with that answer chosen; nothing is recorded until
the person presses "Save my answer" (mail programs open links to scan them, so a visit never
acts). No login is needed: the link itself is the key.

The key is the participant's id signed with the site's secret (``django.core.signing``, salt
below), so nothing extra is stored, an altered link is refused, and a link ends by itself when the
person is taken out of the series (their participant row goes). It also ends with the person's
access (``people.access.personal_links_end``), and the link of a cancelled series says so instead
of taking an answer.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.urls import reverse

from checkins.models import Participant

SALT = "checkins.attendance-answer"


def answer_token(participant: Participant) -> str:
    """The signed key of ``participant``'s personal attendance link."""
    return signing.Signer(salt=SALT).sign(str(participant.pk))


def answer_url(participant: Participant, response: str = "") -> str:
    """The participant's personal attendance link, absolute, for emails; ``response`` preselects an answer."""
    path = reverse("checkins:attendance_answer", kwargs={"token": answer_token(participant)})
    return f"{settings.SITE_URL}{path}" + (f"?answer={response}" if response else "")


def participant_for_token(token: str) -> Participant:
    """The participant of a personal attendance link; an altered or unknown link is a 404."""
    try:
        pk = int(signing.Signer(salt=SALT).unsign(token))
        return Participant.objects.select_related(
            "series__district", "series__organizer", "series__school", "staff__user"
        ).get(pk=pk)
    except (signing.BadSignature, ValueError, Participant.DoesNotExist) as exc:
        raise Http404("This link is not valid.") from exc


def answer_links_text(participant: Participant) -> str:
    """The lines of an email that let a participant answer with one click each."""
    return (
        "Will you attend? Answer with one click (no login needed):\n"
        f"- Yes, I will attend: {answer_url(participant, Participant.Response.YES)}\n"
        f"- Maybe: {answer_url(participant, Participant.Response.MAYBE)}\n"
        f"- No, I will not attend: {answer_url(participant, Participant.Response.NO)}"
    )
