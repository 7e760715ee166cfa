"""Agreements: starting one, editing its terms, the sign → change → re-sign cycle with versions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from agreements import services
from agreements.models import Agreement, Event, Version
from agreements.tests.makers import make_agreement, seen, signed_agreement
from core.stale import StaleEdit


def shares_of(agreement) -> dict[int, Decimal]:
    return dict(agreement.shares.values_list("category_id", "percent"))


def test_a_new_agreement_starts_from_the_districts_target_of_80_percent_direct_and_indirect(personas):
    agreement = make_agreement(personas)
    rows = list(agreement.shares.select_related("category"))
    assert len(rows) == 8
    assert sum(r.percent for r in rows) == 100
    assert sum(r.percent for r in rows if r.category.service_kind in ("direct", "indirect")) == 80
    assert agreement.leader == personas.principal
    assert agreement.status == Agreement.Status.DRAFT
    assert Version.objects.get(agreement=agreement).number == 1


def test_a_new_agreement_starts_from_last_years_shares(personas):
    last = make_agreement(personas, year=2025)
    shares = {pk: Decimal(0) for pk in shares_of(last)}
    first, second = list(shares)[:2]
    shares[first], shares[second] = Decimal("60"), Decimal("40")
    services.save_agreement(last, by=personas.counselor_a, seen=None, fields={}, shares=shares)
    this = make_agreement(personas, year=2026)
    assert shares_of(this)[first] == 60 and shares_of(this)[second] == 40
    assert "2025–26 agreement" in Event.objects.get(agreement=this).text


def test_only_mental_health_staff_at_the_school_get_one_and_only_one_a_year(personas):
    with pytest.raises(ValidationError, match="not in a mental health role"):
        make_agreement(personas, staff=personas.no_login)
    with pytest.raises(ValidationError, match="does not work at Brook Middle"):
        make_agreement(personas, school=personas.school_b)
    make_agreement(personas)
    with pytest.raises(ValidationError, match="for that year already"):
        make_agreement(personas)


def test_shares_that_do_not_add_up_to_100_are_refused_and_nothing_is_saved(personas):
    agreement = make_agreement(personas)
    before = shares_of(agreement)
    bad = dict(before)
    bad[next(iter(bad))] += 5
    with pytest.raises(ValidationError) as error:
        services.save_agreement(agreement, by=personas.counselor_a, seen=None, fields={"caseload": 400}, shares=bad)
    assert "add up to 105%" in str(error.value)
    agreement.refresh_from_db()
    assert shares_of(agreement) == before and agreement.caseload is None


def test_an_edit_made_on_an_old_copy_is_refused_naming_what_changed(personas):
    agreement = make_agreement(personas)
    casey_read = seen(agreement)
    shares = shares_of(agreement)
    services.save_agreement(
        agreement, by=personas.principal, seen=seen(agreement), fields={"caseload": 420}, shares=shares
    )
    with pytest.raises(StaleEdit) as error:
        services.save_agreement(
            agreement, by=personas.counselor_a, seen=casey_read, fields={"caseload": 380}, shares=shares
        )
    assert [(c.label, c.old, c.new) for c in error.value.changes] == [("Caseload (students)", "", "420")]
    agreement.refresh_from_db()
    assert agreement.caseload == 420


def test_sign_then_change_then_sign_again(personas):
    agreement = signed_agreement(personas)
    assert agreement.status == Agreement.Status.SIGNED
    v1 = Version.objects.get(agreement=agreement, number=1)
    assert v1.staff_signed_name == "Casey Counselor" and v1.leader_signed_name == "Pat Principal"

    services.save_agreement(
        agreement, by=personas.principal, seen=seen(agreement), fields={"caseload": 450}, shares=shares_of(agreement)
    )
    agreement.refresh_from_db()
    assert (agreement.version, agreement.status) == (2, Agreement.Status.REVIEW)
    v2 = Version.objects.get(agreement=agreement, number=2)
    assert not v2.has_signature
    assert v1.content != v2.content  # the signed version keeps its text
    edit = Event.objects.get(agreement=agreement, kind=Event.Kind.EDITED)
    assert edit.version == 2 and edit.changes == [["Caseload (students)", "", "450"]]

    services.sign(agreement, by=personas.counselor_a, seen=seen(agreement))
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.REVIEW
    services.sign(agreement, by=personas.principal, seen=seen(agreement))
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.SIGNED
    assert Version.objects.get(agreement=agreement, number=2).signed_by_both


def test_a_change_after_one_signature_invalidates_it(personas):
    agreement = make_agreement(personas)
    services.send_for_review(agreement, by=personas.counselor_a)
    services.sign(agreement, by=personas.counselor_a, seen=seen(agreement))
    services.save_agreement(
        agreement,
        by=personas.principal,
        seen=seen(agreement),
        fields={"availability": "Mon-Thu 8-4"},
        shares=shares_of(agreement),
    )
    agreement.refresh_from_db()
    assert agreement.version == 2
    assert Version.objects.get(agreement=agreement, number=2).staff_signed_at is None


def test_a_signature_on_a_text_changed_meanwhile_is_refused_with_what_changed(personas):
    agreement = make_agreement(personas)
    services.send_for_review(agreement, by=personas.counselor_a)
    pat_read = seen(agreement)
    services.save_agreement(
        agreement,
        by=personas.counselor_a,
        seen=seen(agreement),
        fields={"responsibilities": "504 plans"},
        shares=shares_of(agreement),
    )
    with pytest.raises(StaleEdit) as error:
        services.sign(agreement, by=personas.principal, seen=pat_read)
    assert [(c.label, c.new) for c in error.value.changes] == [("Responsibilities", "504 plans")]
    assert not Version.objects.get(agreement=agreement, number=agreement.version).has_signature


def test_only_the_two_parties_sign_and_only_after_review(personas):
    agreement = make_agreement(personas)
    with pytest.raises(ValidationError, match="for review before signing"):
        services.sign(agreement, by=personas.counselor_a, seen=seen(agreement))
    services.send_for_review(agreement, by=personas.counselor_a)
    with pytest.raises(ValidationError, match="Only the staff member and the school leader"):
        services.sign(agreement, by=personas.admin, seen=seen(agreement))


def test_a_comment_changes_neither_the_text_nor_the_signatures(personas):
    agreement = signed_agreement(personas)
    services.add_comment(agreement, by=personas.admin, text="Thanks, both.")
    agreement.refresh_from_db()
    assert (agreement.version, agreement.status) == (1, Agreement.Status.SIGNED)
    assert Event.objects.filter(agreement=agreement, kind=Event.Kind.COMMENT, text="Thanks, both.").exists()


def test_next_year_starts_as_a_draft_copied_from_this_year(personas):
    agreement = signed_agreement(personas)
    services.save_agreement(
        agreement, by=personas.principal, seen=None, fields={"caseload": 410}, shares=shares_of(agreement)
    )
    copy = services.start_next_year(agreement, by=personas.principal)
    assert (copy.year, copy.status, copy.version, copy.caseload) == (2027, Agreement.Status.DRAFT, 1, 410)
    assert shares_of(copy) == shares_of(agreement)
    with pytest.raises(ValidationError, match="next year already"):
        services.start_next_year(agreement, by=personas.principal)


def test_a_new_agreement_starts_from_the_districts_target_for_the_role(personas):
    from agreements.targets import save_role_target

    categories = services.task_types(personas.district)
    target = {c.pk: Decimal(0) for c in categories}
    target[categories[0].pk], target[categories[1].pk] = Decimal("70"), Decimal("30")
    with pytest.raises(ValidationError, match="add up to 90%"):
        save_role_target(personas.counselor_a.role, {**target, categories[1].pk: Decimal(20)})
    save_role_target(personas.counselor_a.role, target)
    agreement = make_agreement(personas)
    assert shares_of(agreement) == target
    assert "the district's target for the role" in Event.objects.get(agreement=agreement).text


def test_an_admin_sets_a_roles_target_and_a_wrong_total_is_named_beside_it(personas):
    from django.urls import reverse

    from conftest import client_for

    role = personas.counselor_a.role
    url = reverse("agreements:target_edit", args=[role.pk])
    data = {f"share-{c.pk}": "10" for c in services.task_types(personas.district)}
    response = client_for(personas.admin).post(url, data)
    assert 'id="total-error"' in response.content.decode() and "add up to 80%" in response.content.decode()
    data[next(iter(data))] = "30"
    assert client_for(personas.admin).post(url, data).status_code == 302
    assert "set by the district" in client_for(personas.admin).get(reverse("agreements:targets")).content.decode()
