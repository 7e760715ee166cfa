from people.catalogue import SEED_CATEGORIES, SEED_ROLES
from people.models import ServiceKind
from people.services import fill_catalogues
from tests.factories import make_district


def test_a_new_district_gets_the_seed_roles_with_ratios(db):
    district = make_district()
    roles = {r.seed_key: r for r in district.roles.all()}
    assert len(roles) == len(SEED_ROLES) == 9
    assert roles["school-counselor"].recommended_ratio == 250
    assert roles["school-psychologist"].recommended_ratio == 500
    assert roles["lcsw"].recommended_ratio == 250
    assert roles["school-nurse"].recommended_ratio == 750
    assert roles["teacher"].recommended_ratio is None
    assert {k for k, r in roles.items() if r.is_mental_health} == {
        "lcsw",
        "other-counselor",
        "school-counselor",
        "school-psychologist",
        "school-nurse",
        "family-engagement",
    }


def test_a_new_district_gets_the_eight_task_types_and_the_example_tasks(db):
    district = make_district()
    categories = list(district.task_categories.all())
    assert [c.name for c in categories] == [c.name for c in SEED_CATEGORIES]
    assert len(categories) == 8
    kinds = {c.seed_key: c.service_kind for c in categories}
    assert kinds["assessment"] == ServiceKind.DIRECT
    assert kinds["non-counseling"] == ServiceKind.NON_COUNSELING
    assert district.tasks.count() == 18
    assert (
        district.tasks.get(seed_key="crisis-intervention").category.name
        == "Non-scheduled student mental health support"
    )


def test_filling_catalogues_twice_adds_nothing(db):
    district = make_district()
    fill_catalogues(district)
    assert district.roles.count() == 9
    assert district.tasks.count() == 18


def test_personas_belong_to_their_districts(personas):
    assert personas.principal.leaderships.get().school == personas.school_a
    assert personas.no_login.user is None
    assert personas.other_admin.district == personas.other_district
    assert personas.counselor_a.user.check_password("correct horse battery staple")


def test_a_whole_district_can_be_deleted_with_everything_in_it(personas):
    """Rows that protect each other inside a district (a role and its staff) go together with the district."""
    from people.models import District, StaffMember

    personas.district.delete()
    assert not District.objects.filter(slug="lincoln").exists()
    assert not StaffMember.objects.filter(email="casey@lincoln.example.org").exists()
    assert StaffMember.objects.filter(email="admin@riverside.example.org").exists()


def test_a_role_in_use_cannot_be_deleted_on_its_own(personas):
    import pytest
    from django.db.models import RestrictedError

    with pytest.raises(RestrictedError):
        personas.district.roles.get(seed_key="school-counselor").delete()
