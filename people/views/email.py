"""Undelivered email: failed messages with a "Send again" button, for district admins and operators."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from outbox import services as outbox
from people import undelivered
from people.access import DistrictRequest, district_view, superuser_view
from people.models import Access


@district_view(access=Access.ADMIN)
def undelivered_email(request: DistrictRequest) -> HttpResponse:
    return _page(request, undelivered.failed_messages(request.district), "people:undelivered_email")


@superuser_view
def undelivered_email_all(request: HttpRequest) -> HttpResponse:
    return _page(request, undelivered.failed_messages(None), "people:undelivered_email_all")


def _page(request: HttpRequest, failed: list, url_name: str) -> HttpResponse:
    if request.method == "POST":
        again = outbox.resend(undelivered.chosen(failed, request.POST.getlist("message")))
        if again:
            messages.success(request, f"{again} email{'s' if again != 1 else ''} will be sent again.")
        else:
            messages.error(request, "Tick the emails to send again.")
        return redirect(url_name)
    return render(request, "people/email/undelivered.html", {"failed": failed, "limit": undelivered.LIST_LIMIT})
