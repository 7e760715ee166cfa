from roles.models import Training
from tests.factories import make_district


def test_a_new_district_starts_with_the_seeds_training_glossary(db):
    district = make_district()
    names = set(Training.objects.filter(district=district).values_list("name", flat=True))
    assert {"Youth Mental Health First Aid", "Sources of Strength suicide prevention program"} <= names
