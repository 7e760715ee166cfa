"""The training glossary: the seed's trainings by audience, editing, linking to tasks and roles, retiring."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import client_for
from roles.models import Audience, Training, TrainingRole, TrainingTask
from roles.services.glossary import fill_glossary, save_training
from tests.forms import form_values

GLOSSARY = reverse("roles:glossary")

SEED_BY_AUDIENCE = {
    Audience.TEACHERS: {
        "Youth Mental Health First Aid",
        "NCTSN Core Curriculum on Childhood Trauma",
        "Classroom Wise Mental Health Literacy Training",
        "School Mental Health Teachers Training Guide",
        "Applied Suicide Intervention Skills Training",
    },
    Audience.HEALTH_STAFF: {
        "Mental Health Training Intervention for Health Providers in Schools",
        "Mental Health and Trauma Training for School Nurses",
        "Nursing and Mental Health in Video",
        "Mental Health in Schools: New Roles for School Nurses",
    },
    Audience.GENERAL_STAFF: {
        "Youth Mental Health First Aid",
        "NCTSN Core Curriculum on Childhood Trauma",
        "Edge Foundation In-School Coaching Training",
        "Applied Suicide Intervention Skills Training",
        "UMatter for Schools Suicide Prevention Training",
        "QPR (Question, Persuade, Refer) Suicide Prevention Training",
        "safeTALK suicide alertness training",
    },
    Audience.STUDENTS: {
        "Peer Group Connection program",
        "Active Minds Peer-Powered Mental Health Curriculum for High Schools",
        "Sources of Strength suicide prevention program",
    },
}


def test_a_district_glossary_starts_with_the_seeds_trainings_by_audience(personas):
    assert Training.objects.filter(district=personas.district).count() == 19  # filled when the district was made
    assert fill_glossary(personas.district) == 0  # and filling again adds nothing
    for audience, names in SEED_BY_AUDIENCE.items():
        have = set(
            Training.objects.filter(district=personas.district, audience=audience).values_list("name", flat=True)
        )
        assert have == names, audience


def test_known_formats_and_lengths_come_with_the_seed(personas):
    fill_glossary(personas.district)
    trainings = Training.objects.filter(district=personas.district)
    assert trainings.get(seed_key="ymhfa-teachers").length == "8 hours"
    assert trainings.get(seed_key="qpr").length == "1–2 hours"
    assert trainings.get(seed_key="asist-general-staff").length == "Two days"
    assert trainings.get(seed_key="safetalk").length == "3–4 hours"
    assert trainings.get(seed_key="umatter").url == "", "no link is invented"


def test_filling_the_glossary_again_adds_nothing_and_keeps_the_districts_changes(personas):
    fill_glossary(personas.district)
    Training.objects.filter(seed_key="qpr").update(name="QPR Gatekeeper Training", retired=True)
    assert fill_glossary(personas.district) == 0
    assert Training.objects.get(district=personas.district, seed_key="qpr").name == "QPR Gatekeeper Training"


def test_everyone_reads_the_glossary_grouped_by_audience(personas):
    fill_glossary(personas.district)
    body = client_for(personas.counselor_a).get(GLOSSARY).content.decode()
    positions = [body.index(label) for label in ("Teachers", "District health staff", "General staff", "Students")]
    assert positions == sorted(positions)
    assert "Sources of Strength suicide prevention program" in body
    assert 'href="https://www.mentalhealthfirstaid.org/"' in body
    assert "Add a training" not in body and "Retire" not in body


def test_an_admin_adds_a_training_linked_to_tasks_and_roles(personas, as_admin):
    district = personas.district
    task = district.tasks.get(seed_key="family-engagement")
    role = district.roles.get(seed_key="para-professional")
    response = as_admin.post(
        reverse("roles:training_new"),
        {
            "name": "Family engagement fundamentals",
            "audience": Audience.GENERAL_STAFF,
            "length": "6 hours",
            "url": "",
            "tasks": [task.pk],
            "roles": [role.pk],
        },
    )
    assert response.status_code == 302
    training = Training.objects.get(name="Family engagement fundamentals")
    assert list(training.tasks.all()) == [task] and list(training.roles.all()) == [role]
    assert TrainingTask.objects.get(training=training).district == district
    page = as_admin.get(GLOSSARY).content.decode()
    assert "Prepares for: Proactive family engagement" in page and "Para-professional" in page


def test_an_admin_edits_the_links_of_a_training(personas, as_admin):
    fill_glossary(personas.district)
    training = Training.objects.get(district=personas.district, seed_key="ymhfa-teachers")
    tier_1 = personas.district.tasks.get(seed_key="tier-1")
    crisis = personas.district.tasks.get(seed_key="crisis-intervention")
    save_training(training, tasks=[tier_1], roles=[])
    form_page = as_admin.get(reverse("roles:training_edit", kwargs={"pk": training.pk})).content.decode()
    assert f'value="{tier_1.pk}"' in form_page and "checked" in form_page
    seen = form_values(form_page)["seen"]
    response = as_admin.post(
        reverse("roles:training_edit", kwargs={"pk": training.pk}),
        {"name": training.name, "audience": training.audience, "length": "8 hours", "tasks": [crisis.pk], "seen": seen},
    )
    assert response.status_code == 302
    assert list(training.tasks.all()) == [crisis]


def test_a_training_cannot_take_a_name_already_in_its_audience(personas, as_admin):
    fill_glossary(personas.district)
    response = as_admin.post(
        reverse("roles:training_new"),
        {"name": "youth mental health first aid", "audience": Audience.TEACHERS},
    )
    assert response.status_code == 200 and "already has a training of this name" in response.content.decode()


def test_links_to_another_districts_tasks_are_refused(personas, as_admin):
    other_task = personas.other_district.tasks.get(seed_key="screening")
    response = as_admin.post(
        reverse("roles:training_new"),
        {"name": "Screening basics", "audience": Audience.TEACHERS, "tasks": [other_task.pk]},
    )
    assert response.status_code == 200
    assert not Training.objects.filter(name="Screening basics").exists()


def test_a_retired_training_leaves_the_list_and_comes_back(personas, as_admin):
    fill_glossary(personas.district)
    training = Training.objects.get(district=personas.district, seed_key="umatter")
    retire = reverse("roles:training_retire", kwargs={"pk": training.pk})
    response = as_admin.post(retire, {"retire": "yes"}, follow=True)
    assert "The matrix no longer suggests it" in response.content.decode()
    training.refresh_from_db()
    assert training.retired
    assert training.name not in as_admin.get(GLOSSARY).content.decode()
    assert training.name in as_admin.get(f"{GLOSSARY}?retired=1").content.decode()
    as_admin.post(retire, {"retire": "no"})
    training.refresh_from_db()
    assert not training.retired


def test_a_principal_cannot_change_the_glossary(personas):
    fill_glossary(personas.district)
    training = Training.objects.filter(district=personas.district).first()
    client = client_for(personas.principal)
    assert client.get(reverse("roles:training_new")).status_code == 403
    assert client.post(reverse("roles:training_retire", kwargs={"pk": training.pk})).status_code == 403


def test_the_glossary_page_costs_the_same_queries_for_few_or_many_linked_trainings(personas, as_admin):
    district = personas.district
    fill_glossary(district)
    tasks, roles = list(district.tasks.all()), list(district.roles.all())

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert as_admin.get(GLOSSARY).status_code == 200
        return len(queries)

    save_training(Training.objects.get(district=district, seed_key="qpr"), tasks=tasks[:1], roles=roles[:1])
    few = count()
    for training in Training.objects.filter(district=district):
        save_training(training, tasks=tasks, roles=roles)
    assert TrainingRole.objects.count() == 19 * len(roles)
    assert count() == few
