"""A shift plan downloads as a PDF with the seed's seven questions and its action items."""

import datetime as dt
import re

from django.urls import reverse

from conftest import client_for
from roles.forms.plans import QUESTIONS
from roles.models import ShiftPlan
from roles.pdf import plan_answers, plan_pdf
from roles.services.plans import plan_items
from roles.tests.test_plans_pages import make_plan


def test_the_pdf_holds_the_seven_questions_the_answers_and_the_action_items(personas):
    plan = make_plan(
        personas,
        school=personas.school_a,
        communication="Employees informed in summer PD.",
        shift_when="Start of next school year",
        shift_on=dt.date(2030, 8, 20),
    )
    content = plan_pdf(plan, list(plan_items(plan)))
    assert content.startswith(b"%PDF-")
    answers = plan_answers(plan)
    assert (
        answers[0] == "Proactive family engagement (including organizing family events and individual family outreach)"
        " (from School counselor, at Adams Elementary)"
    )
    assert answers[1] == "Para-professional: 4.0 hours a week"
    assert answers[2] == "Start of next school year — August 20, 2030"
    assert answers[3] == "Employees: Employees informed in summer PD."
    assert len(answers) == len(QUESTIONS) == 7


def test_a_reader_of_the_plan_downloads_it_and_another_district_cannot(personas):
    plan = make_plan(personas, school=personas.school_a)
    response = client_for(personas.principal).get(f"/roles/shift-plans/{plan.pk}/plan.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert client_for(personas.other_admin).get(f"/roles/shift-plans/{plan.pk}/plan.pdf").status_code == 404


# --- Long answers (issue 12): laid out across pages, never a server error -----------------------------


def pdf_text(content: bytes) -> str:
    """The text drawn on the PDF's pages: every content stream decoded, the strings shown joined by spaces."""
    import base64
    import re
    import zlib

    shown = []
    for stream in re.findall(
        rb"/Filter \[ /ASCII85Decode /FlateDecode \][^>]*>>\s*stream\r?\n(.*?)endstream", content, re.S
    ):
        encoded = stream.strip().removesuffix(b"~>")
        raw = zlib.decompress(base64.a85decode(encoded, ignorechars=b" \t\n\r\x0b"))
        shown += [s.decode("latin-1") for s in re.findall(rb"\(((?:[^()\\]|\\.)*)\)\s*Tj", raw)]
    return " ".join(shown)


def long_text(marker: str, size: int = 20_000) -> str:
    """``size`` characters of words in lines, ending with ``marker``."""
    words = []
    while sum(len(w) + 1 for w in words) < size - len(marker) - 1:
        words.append("answer" if len(words) % 40 else "answer\n")
    return (" ".join(words) + " " + marker)[-size:]


def test_twenty_thousand_character_answers_in_every_field_run_over_several_pages(personas):
    from roles.models import Audience, Training
    from roles.tests.test_plans_pages import _form_data

    p = personas
    training = Training.objects.create(district=p.district, name="T" * 199 + "Z", audience=Audience.GENERAL_STAFF)
    fields = {
        "shift_when": long_text("WHENEND", 200).replace("\n", " "),  # a one-line field
        "communication": long_text("EMPLOYEESEND"),
        "parent_communication": long_text("PARENTSEND"),
        "other_steps": "x" * 19_990 + "OTHEREND",  # one unbroken word of 20,000 characters
        "workload_note": long_text("WORKLOADEND"),
    }
    extra = {"shift_on": "2030-08-20", "trainings-0-training": training.pk, "trainings-0-people": "3"}
    data = _form_data(p, **fields, **extra)
    client = client_for(p.admin)
    response = client.post(reverse("roles:plan_new"), data)
    assert response.status_code == 302, re.findall(r"errorlist[^>]*>(.*?)</", response.content.decode())
    plan = ShiftPlan.objects.get()
    assert len(plan.communication) >= 19_990  # the form trims the whitespace at its ends

    response = client.get(reverse("roles:plan_pdf", kwargs={"pk": plan.pk}))
    assert response.status_code == 200
    content = response.content
    assert content.count(b"/Type /Page\n") >= 10  # about 90,000 characters of answers
    text = pdf_text(content)
    for marker in ("WHENEND", "EMPLOYEESEND", "PARENTSEND", "OTHEREND", "WORKLOADEND"):
        assert marker in text, marker
    assert text.count("answer") >= 4 * 2_000  # every word of the four worded answers is on a page
    assert client.get(reverse("roles:plan_print", kwargs={"pk": plan.pk})).status_code == 200
