"""Signing in with a district's provider: find the provider by the email's domain, go there, come back.

- ``choose``: the person types their work email; the enabled providers for its domain are offered
  as links. Nothing says whether the email belongs to anyone.
- ``start``: mozilla-django-oidc's request view, pointed at the provider, with state, nonce and PKCE
  kept in the session; the state also remembers the provider.
- ``callback``: the library's callback view (state check, then ``DistrictSignInBackend``); a refusal
  is shown on the choose page in plain words, never as an error page.
"""

from __future__ import annotations

import logging
from urllib.parse import parse_qs, urlencode, urlsplit

import requests
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from core.params import parse_id
from signin.backend import SESSION_STATES, SignInRefused, callback_url, library_setting
from signin.discovery import ProviderUnavailable, metadata
from signin.forms import WorkEmailForm
from signin.models import SignInProvider

logger = logging.getLogger(__name__)
REFUSED = "Signing in did not work. Try again, or sign in with your password if your district allows it."


def providers_for(email: str) -> list[SignInProvider]:
    """The enabled providers whose allowed domains include ``email``'s domain."""
    domain = email.rpartition("@")[2].lower()
    candidates = SignInProvider.objects.filter(enabled=True, allowed_domains__icontains=domain).select_related(
        "district"
    )
    return [provider for provider in candidates if domain in provider.domains]


@require_http_methods(["GET", "POST"])
def choose(request: HttpRequest) -> HttpResponse:
    form = WorkEmailForm(request.POST or None)
    providers: list[SignInProvider] | None = None
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        providers = providers_for(email)
        # Links, not a redirect: the Content-Security-Policy's form-action keeps a form's redirects on
        # this site, and the provider is elsewhere.
        hint = urlencode({"login_hint": email})
        return render(request, "signin/choose.html", {"form": form, "providers": providers, "hint": hint})
    return render(request, "signin/choose.html", {"form": form, "providers": None})


class StartView(OIDCAuthenticationRequestView):
    """Send the person to the provider, with a fresh state, nonce and PKCE challenge in the session."""

    get_settings = staticmethod(library_setting)  # type: ignore[assignment]

    def __init__(self, *args, **kwargs) -> None:
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:  # type: ignore[override]
        provider_id = parse_id(pk)
        provider = SignInProvider.objects.filter(pk=provider_id, enabled=True).first() if provider_id else None
        if provider is None:
            raise Http404("No such way to sign in.")
        try:
            document = metadata(provider.issuer_url)
        except ProviderUnavailable:
            logger.exception("Sign-in provider %s is unavailable", provider.pk)
            messages.error(request, f"{provider.label} cannot be reached just now. Try again in a few minutes.")
            return redirect("signin:choose")
        self.OIDC_OP_AUTH_ENDPOINT = document["authorization_endpoint"]
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.login_hint = request.GET.get("login_hint", "")[:254]
        response = super().get(request)
        state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
        states = request.session.get(SESSION_STATES, {})
        states[state] = provider.pk
        request.session[SESSION_STATES] = dict(list(states.items())[-20:])  # a few tabs at once, not forever
        return response

    def get_extra_params(self, request: HttpRequest) -> dict:
        params = {"redirect_uri": callback_url()}
        if self.login_hint:
            params["login_hint"] = self.login_hint
        return params


class CallbackView(OIDCAuthenticationCallbackView):
    """Back from the provider: the library checks the state, the backend the tokens and the person."""

    get_settings = staticmethod(library_setting)  # type: ignore[assignment]

    @property
    def failure_url(self) -> str:
        return reverse("signin:choose")

    @property
    def success_url(self) -> str:
        return reverse("home:home")

    def get(self, request: HttpRequest) -> HttpResponse:  # type: ignore[override]
        try:
            response = super().get(request)
        except SignInRefused as refused:
            messages.error(request, str(refused))
            return redirect("signin:choose")
        except SuspiciousOperation:
            logger.warning("A sign-in callback was refused", exc_info=True)
            messages.error(request, REFUSED)
            return redirect("signin:choose")
        except (requests.RequestException, ProviderUnavailable):
            logger.exception("A sign-in provider did not answer as expected")
            messages.error(request, REFUSED)
            return redirect("signin:choose")
        if not request.user.is_authenticated:
            messages.error(request, REFUSED)
        return response


start = StartView.as_view()
callback = CallbackView.as_view()
