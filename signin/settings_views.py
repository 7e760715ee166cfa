"""A district admin's single sign-on settings: the providers, and whether passwords still work."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.fields import SingleLineFields
from people.access import DistrictRequest, district_view, in_district
from people.models import Access
from signin import services
from signin.backend import callback_url
from signin.models import SignInProvider


class ProviderForm(SingleLineFields, forms.ModelForm):
    issuer = forms.URLField(
        required=False,
        assume_scheme="https",
        help_text=SignInProvider._meta.get_field("issuer").help_text,
    )

    class Meta:
        model = SignInProvider
        fields = [
            "kind",
            "name",
            "issuer",
            "tenant",
            "client_id",
            "client_secret_variable",
            "allowed_domains",
            "enabled",
        ]


class PasswordSignInForm(forms.Form):
    password_sign_in = forms.BooleanField(label="Staff may also sign in with a password", required=False)


@district_view(access=Access.ADMIN)
@require_http_methods(["GET", "POST"])
def sign_in_settings(request: DistrictRequest) -> HttpResponse:
    district = request.district
    posted = request.POST if request.method == "POST" else None
    form = PasswordSignInForm(posted, initial={"password_sign_in": district.password_sign_in})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_password_sign_in(district, allowed=form.cleaned_data["password_sign_in"])
        except ValidationError as error:
            form.add_error("password_sign_in", error.message_dict["password_sign_in"])
        else:
            messages.success(request, "Sign-in settings saved.")
            return redirect("signin:settings")
    providers = SignInProvider.objects.filter(district=district)
    return render(
        request,
        "signin/settings.html",
        {"form": form, "providers": providers, "callback_url": callback_url(), "district": district},
    )


@district_view(access=Access.ADMIN)
@require_http_methods(["GET", "POST"])
def provider_new(request: DistrictRequest) -> HttpResponse:
    return _provider_form(request, SignInProvider(district=request.district))


@district_view(access=Access.ADMIN)
@require_http_methods(["GET", "POST"])
def provider_edit(request: DistrictRequest, pk: int) -> HttpResponse:
    return _provider_form(request, in_district(SignInProvider.objects.all(), request.district, pk))


def _provider_form(request: DistrictRequest, provider: SignInProvider) -> HttpResponse:
    form = ProviderForm(request.POST or None, instance=provider)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_provider(form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{provider.label} saved.")
            return redirect("signin:settings")
    return render(
        request, "signin/provider_form.html", {"form": form, "provider": provider, "callback_url": callback_url()}
    )
