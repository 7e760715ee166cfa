"""The demo's open poll, and the poll pages on it."""

from django.db.models import Count
from django.urls import reverse

from checkins.models import Poll, PollAnswer
from conftest import client_for
from people.demo import PRINCIPAL, build_demo
from people.models import StaffMember


def test_the_demo_has_an_open_poll_of_thirty_invitees_and_ten_times_partly_answered(db):
    lakeview = build_demo(schools=6)
    poll = Poll.objects.get(district=lakeview)
    assert poll.status == Poll.Status.OPEN and poll.organizer.email == PRINCIPAL
    assert poll.options.count() == 10 and poll.invitees.count() == 30
    answered = poll.invitees.filter(answered_at__isnull=False).annotate(n=Count("answers"))
    assert answered.count() == 20 and {i.n for i in answered} == {10}
    assert PollAnswer.objects.filter(invitee__poll=poll).values("answer").distinct().count() == 3
    principal = StaffMember.objects.get(email=PRINCIPAL)
    page = client_for(principal).get(reverse("checkins:poll_detail", args=[poll.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    grid, links = html.split('<h2 id="links">', 1)
    assert grid.count('<th scope="row">') == 31  # 30 invitees and the totals
    assert links.count('<th scope="row">') == 30 and links.count('class="link-field"') == 30  # the organizer's links
