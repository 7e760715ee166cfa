from urllib.parse import urlsplit

from axes import utils as axes_utils
from django.conf import settings
from django.contrib.auth import views as auth_views

from accounts.forms import LoginForm, PasswordResetForm
from accounts.tokens import invitation_token_generator


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, with links built from ``settings.SITE_URL`` rather than the request's host.

    The email is delivered later by the worker, and a forged Host header must
    never end up in a link someone clicks.
    """

    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"

    def form_valid(self, form):
        self.domain_override = urlsplit(settings.SITE_URL).netloc
        self.extra_email_context = {"site_url": settings.SITE_URL}
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choose a new password from an emailed link; a successful reset also lifts a login lockout."""

    template_name = "accounts/password_reset_confirm.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        axes_utils.reset(username=form.user.email)
        return response


class InvitationView(PasswordResetConfirmView):
    """Choose a password from an invitation link (single use, valid 7 days: ``accounts.tokens``)."""

    template_name = "accounts/invitation.html"
    token_generator = invitation_token_generator
    reset_url_token = "choose-password"  # noqa: S105 — the URL segment that replaces the token, not a secret
