"""The shared stale-edit guard (core.stale) on its own: snapshots, signing, the check."""

import doctest
from decimal import Decimal

import pytest
from django.core import signing

from core import stale
from core.stale import Seen, StaleEdit, check
from people.models import School


def test_the_examples_in_the_docstrings_hold():
    assert doctest.testmod(stale).failed == 0


def test_a_snapshot_survives_signing_and_refuses_an_altered_token(personas):
    seen = Seen.of(personas.school_a, ["name", "level", "enrollment"])
    token = seen.sign()
    assert Seen.unsign(token) == seen
    with pytest.raises(signing.BadSignature):
        Seen.unsign(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    forged = signing.dumps({"people.school:1:name": ["Name", "x"]}, salt=stale.SALT)
    with pytest.raises(ValueError):
        Seen.unsign(forged)


def test_the_check_lists_each_changed_field_with_its_label_and_display_values(personas):
    school = personas.school_a
    seen = Seen.of(school, ["name", "level", "enrollment"])
    check(seen, School.objects.get(pk=school.pk))  # nothing changed: no error
    School.objects.filter(pk=school.pk).update(level="k8", enrollment=640)
    with pytest.raises(StaleEdit) as refused:
        check(seen, School.objects.get(pk=school.pk))
    assert [(c.label, c.old, c.new) for c in refused.value.changes] == [
        ("Level", "Elementary", "K-8"),
        ("Enrollment", "600", "640"),
    ]
    assert "Level: Elementary → K-8; Enrollment: 600 → 640" in str(refused.value)


def test_records_not_passed_and_new_records_are_not_compared(personas):
    seen = Seen.of(personas.school_a, ["name"]) | Seen.of(personas.school_b, ["name"])
    School.objects.filter(pk=personas.school_b.pk).update(name="Brook Middle School")
    check(seen, School.objects.get(pk=personas.school_a.pk))
    check(None, School.objects.get(pk=personas.school_b.pk))
    with pytest.raises(StaleEdit):
        check(seen, School.objects.get(pk=personas.school_b.pk))


def test_a_long_text_is_kept_as_a_fingerprint_and_a_short_extract():
    long = "word " * 4000
    assert len(stale.shown(long)) == stale.SHOWN_LIMIT
    assert stale.fingerprint(long) != stale.fingerprint(long + "more")
    assert stale.fingerprint(Decimal("0.50")) == stale.fingerprint(Decimal("0.5"))
