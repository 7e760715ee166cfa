"""Sign in by email link: ask for a link, then open it and press "Sign in" (``accounts.email_signin``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from accounts import email_signin
from accounts.forms import EmailLinkForm
from accounts.throttle import client_address


@never_cache
def email_link(request: HttpRequest) -> HttpResponse:
    """The form asking for a link; the same answer whether or not the address has an account."""
    form = EmailLinkForm(request.POST or None)
    next_path = email_signin.safe_next(request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST" and form.is_valid():
        try:
            email_signin.request_link(form.cleaned_data["email"], address=client_address(request), next_path=next_path)
        except email_signin.TooManyRequests:
            form.add_error(
                "email",
                "Too many sign-in links were asked for lately. Try again in a few minutes, or log in with "
                "your password.",
            )
            return render(request, "accounts/email_link.html", {"form": form, "next": next_path}, status=429)
        return render(request, "accounts/email_link_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/email_link.html", {"form": form, "next": next_path})


@never_cache
def email_link_sign_in(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the email: a "Sign in" button; pressing it signs in (once, within 15 minutes) and goes
    on to the page that asked for a login, if any."""
    found = email_signin.read_token(token)
    if found is None:
        return render(request, "accounts/email_link_used.html", status=410)
    user, next_path = found
    if request.method == "POST":
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(next_path or settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/email_link_sign_in.html", {"account": user})
