from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from people.access import member_for


class MembershipMiddleware:
    """Put the logged-in user's staff member and district on the request.

    One query for a logged-in user (district and role joined in); none for
    anonymous visitors. Views read ``request.member`` and ``request.district``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        member = member_for(request.user)
        request.member = member  # type: ignore[attr-defined]
        request.district = member.district if member else None  # type: ignore[attr-defined]
        return self.get_response(request)
