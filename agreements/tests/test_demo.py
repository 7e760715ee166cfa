"""The demo's agreements: every state, goals on track and behind, progress recorded at past check-ins."""

from __future__ import annotations

from django.urls import reverse

from agreements.content import with_parts
from agreements.models import Agreement, Progress
from agreements.progress import goal_rows
from agreements.trajectory import BEHIND, ON_TRACK
from conftest import client_for
from people.demo import COUNSELOR, PRINCIPAL, SOCIAL_WORKER, build_demo
from people.models import StaffMember


def test_the_demo_has_agreements_in_every_state_and_goals_followed_at_check_ins(db):
    lakeview = build_demo(schools=6)
    agreements = Agreement.objects.filter(district=lakeview)
    states = set(agreements.values_list("status", flat=True))
    assert states == {"draft", "review", "signed"}
    worker = agreements.get(staff__email=SOCIAL_WORKER)
    assert (worker.version, worker.status) == (2, Agreement.Status.REVIEW)  # re-opened after signing
    counselor = agreements.get(staff__email=COUNSELOR)
    assert counselor.status == Agreement.Status.SIGNED
    assert Progress.objects.filter(goal__agreement=counselor, meeting__isnull=False).exists()

    principal = StaffMember.objects.get(email=PRINCIPAL)
    standings = set()
    for agreement in with_parts(agreements.exclude(status="draft")):
        standings |= {row.standing for row in goal_rows(agreement, viewer=None, today=_today(lakeview))}
    assert {ON_TRACK, BEHIND} <= standings

    page = client_for(principal).get(reverse("agreements:detail", args=[counselor.pk]))
    assert page.status_code == 200 and "Mentors meet the group weekly." in page.content.decode()
    assert not Agreement.objects.exclude(district=lakeview).exists()


def _today(district):
    from actions.services import local_today

    return local_today(district)


def test_the_benchmark_loader_writes_agreements_the_pages_read(db):
    from agreements.bench_extra import load_agreements
    from bench.extras import LARGE_SCALE_SCHOOLS
    from people.demo import DIRECTOR

    lakeview = build_demo(schools=6)
    before = Agreement.objects.filter(district=lakeview).count()
    load_agreements(lakeview, LARGE_SCALE_SCHOOLS)
    added = Agreement.objects.filter(district=lakeview).count() - before
    assert added > 0
    for agreement in Agreement.objects.filter(district=lakeview):
        assert sum(agreement.shares.values_list("percent", flat=True)) == 100
    director = StaffMember.objects.get(email=DIRECTOR)
    assert client_for(director).get(reverse("agreements:district")).status_code == 200
    loaded = Agreement.objects.filter(district=lakeview, events__text="").exclude(staff__email=COUNSELOR).last()
    assert client_for(director).get(reverse("agreements:detail", args=[loaded.pk])).status_code == 200
