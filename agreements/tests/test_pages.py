"""The agreement's pages: who sees them, the terms form's messages beside the fields, signing, the PDF."""

from __future__ import annotations

from django.urls import reverse

from agreements import services
from agreements.content import parts_of, reload, seen_of
from agreements.models import Agreement, Version
from agreements.tests.makers import add_program_goal, make_agreement, seen, signed_agreement
from conftest import client_for
from people.models import Access
from roles.tests.test_plans_pdf import pdf_text
from tests import factories


def terms_data(agreement, **changes) -> dict:
    full = reload(agreement)
    data = {
        "leader": full.leader_id or "",
        "caseload": full.caseload or "",
        "responsibilities": full.responsibilities,
        "duties_removed": full.duties_removed,
        "availability": full.availability,
        "seen": seen_of(parts_of(full)).sign(),
        **{f"share-{s.category_id}": str(s.percent) for s in full.shares.all()},
    }
    return {**data, **changes}


def test_the_staff_member_their_school_leader_and_admins_see_the_agreement_no_one_else(personas):
    p = personas
    agreement = make_agreement(p)
    url = reverse("agreements:detail", args=[agreement.pk])
    brook_principal = factories.make_staff(
        p.district,
        "Blair Brook",
        role_key="administrator",
        access=Access.LEADER,
        schools={p.school_b: 1},
        leads=[p.school_b],
    )
    for person in (p.counselor_a, p.principal, p.admin):
        assert client_for(person).get(url).status_code == 200, person
    for person in (p.counselor_b, brook_principal, p.other_admin):
        assert client_for(person).get(url).status_code == 404, person
    listed = client_for(p.counselor_b).get(reverse("agreements:list")).content.decode()
    assert "Casey Counselor" not in listed


def test_shares_that_do_not_add_up_are_named_beside_the_total_and_nothing_is_saved(personas):
    agreement = make_agreement(personas)
    share = agreement.shares.first()
    data = terms_data(agreement, caseload="400", **{f"share-{share.category_id}": str(share.percent + 7)})
    response = client_for(personas.counselor_a).post(reverse("agreements:edit", args=[agreement.pk]), data)
    assert response.status_code == 200
    assert 'id="total-error"' in response.content.decode()
    assert "add up to 107%" in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.caseload is None


def test_a_stale_edit_is_shown_with_what_changed_and_the_editors_input_kept(personas):
    agreement = make_agreement(personas)
    casey = terms_data(agreement, availability="Mon-Fri 7:30-3:30")
    client_for(personas.principal).post(
        reverse("agreements:edit", args=[agreement.pk]), terms_data(agreement, caseload="420")
    )
    response = client_for(personas.counselor_a).post(reverse("agreements:edit", args=[agreement.pk]), casey)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this agreement" in body and "Caseload (students)" in body
    assert 'value="Mon-Fri 7:30-3:30"' in body
    agreement.refresh_from_db()
    assert (agreement.caseload, agreement.availability) == (420, "")


def test_both_parties_sign_on_the_page_and_an_admin_cannot(personas):
    p = personas
    agreement = make_agreement(p)
    client_for(p.counselor_a).post(reverse("agreements:review", args=[agreement.pk]))
    sign = reverse("agreements:sign", args=[agreement.pk])
    client_for(p.admin).post(sign, {"seen": seen(agreement).sign(), "confirm": "on"})
    assert not Version.objects.get(agreement=agreement).has_signature
    for person in (p.counselor_a, p.principal):
        assert client_for(person).post(sign, {"seen": seen(agreement).sign(), "confirm": "on"}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.SIGNED


def test_a_signature_on_a_changed_text_is_refused_on_the_page_with_what_changed(personas):
    p = personas
    agreement = make_agreement(p)
    client_for(p.counselor_a).post(reverse("agreements:review", args=[agreement.pk]))
    read = seen(agreement).sign()
    client_for(p.counselor_a).post(
        reverse("agreements:edit", args=[agreement.pk]), terms_data(agreement, caseload="333")
    )
    response = client_for(p.principal).post(
        reverse("agreements:sign", args=[agreement.pk]), {"seen": read, "confirm": "on"}
    )
    assert response.status_code == 409
    assert "333" in response.content.decode()
    assert not Version.objects.get(agreement=agreement).has_signature


def test_the_pdf_holds_the_terms_the_goals_and_both_signatures_on_one_page(personas):
    p = personas
    agreement = make_agreement(p)
    add_program_goal(p, agreement, statement="Raise attendance of the mentoring group")
    services.send_for_review(agreement, by=p.counselor_a)
    services.sign(agreement, by=p.counselor_a, seen=seen(agreement))
    services.sign(agreement, by=p.principal, seen=seen(agreement))
    signed = Version.objects.get(agreement=agreement)
    response = client_for(p.principal).get(reverse("agreements:pdf", args=[agreement.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    expected = ["Annual agreement 2026", "Casey Counselor", "Pat Principal", "Adams Elementary", "Raise attendance"]
    for part in expected:
        assert part in text, part
    day = signed.staff_signed_at.strftime("%B %-d, %Y")
    assert text.count(day) == 2  # both signatures, dated
    assert response.content.count(b"/Type /Page\n") == 1


def test_the_history_and_versions_show_what_changed(personas):
    agreement = signed_agreement(personas)
    shares = dict(agreement.shares.values_list("category_id", "percent"))
    services.save_agreement(agreement, by=personas.principal, seen=None, fields={"caseload": 450}, shares=shares)
    body = client_for(personas.counselor_a).get(reverse("agreements:detail", args=[agreement.pk])).content.decode()
    assert "re-opened" in body and "Caseload (students): — → 450" in body
    version1 = (
        client_for(personas.counselor_a).get(reverse("agreements:version", args=[agreement.pk, 1])).content.decode()
    )
    assert "signed by Casey Counselor" in version1 and "signed by Pat Principal" in version1
    assert (
        client_for(personas.counselor_a).get(reverse("agreements:version", args=[agreement.pk, 9])).status_code == 404
    )


def test_starting_an_agreement_on_the_page(personas):
    response = client_for(personas.principal).post(
        reverse("agreements:new"), {"staff": personas.counselor_a.pk, "school": personas.school_a.pk, "year": "2026"}
    )
    assert response.status_code == 302
    assert Agreement.objects.get().shares.count() == 8
    again = client_for(personas.principal).post(
        reverse("agreements:new"), {"staff": personas.counselor_a.pk, "school": personas.school_a.pk, "year": "2026"}
    )
    assert "for that year already" in again.content.decode()
    # Pat leads Adams only: Bailey (Brook Middle) is not a choice.
    other = client_for(personas.principal).post(
        reverse("agreements:new"), {"staff": personas.counselor_b.pk, "school": personas.school_b.pk, "year": "2026"}
    )
    assert other.status_code == 200 and Agreement.objects.count() == 1
