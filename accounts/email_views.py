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
    if request.method == "POST" and form.is_valid():
        try:
            email_signin.request_link(form.cleaned_data["email"], address=client_address(request))
        except email_signin.TooManyRequests:
            form.add_error(
                "email",
                "Too many sign-in links were asked for lately. Try again in a few minutes, or log in with "
                "your password.",
            )
            return render(request, "accounts/email_link.html", {"form": form}, status=429)
        return render(request, "accounts/email_link_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/email_link.html", {"form": form})


@never_cache
def email_link_sign_in(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the email: a "Sign in" button; pressing it signs in (once, within 15 minutes)."""
    user = email_signin.user_for_token(token)
    if user is None:
        return render(request, "accounts/email_link_used.html", status=410)
    if request.method == "POST":
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/email_link_sign_in.html", {"account": user})
