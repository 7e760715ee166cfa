"""A shift plan downloads as a PDF with the seed's seven questions and its action items."""

import datetime as dt

from conftest import client_for
from roles.forms.plans import QUESTIONS
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
