"""Login and password-reset forms: who may log in is decided here, once."""

from __future__ import annotations

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model

from core.fields import SingleLineFields


def may_log_in(user) -> bool:
    """An active superuser, or the active login of a staff member allowed to log in who has not left."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    staff = getattr(user, "staff_member", None)
    return staff is not None and staff.can_log_in and staff.deactivated_at is None


def password_allowed(user) -> bool:
    """Whether ``user`` may sign in with a password: operators always; staff unless their district turned
    passwords off (``people.District.password_sign_in``; single sign-on then, ``signin``)."""
    staff = getattr(user, "staff_member", None)
    return staff is None or staff.district.password_sign_in


class LoginForm(SingleLineFields, auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": "That email address and password do not match an account. Check both and try again.",
        "inactive": "This account cannot log in. Ask your district admin to give you a login.",
        "no_passwords": (
            "Your district signs in with its own accounts, not passwords: use “Sign in with your district account”."
        ),
    }

    def confirm_login_allowed(self, user) -> None:
        if not may_log_in(user):
            raise forms.ValidationError(self.error_messages["inactive"], code="inactive")
        if not password_allowed(user):
            raise forms.ValidationError(self.error_messages["no_passwords"], code="no_passwords")


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Send the reset link to anyone who may log in, including people invited who never set a password.

    Django's form skips accounts without a usable password; ours are created
    that way (the person chooses a password through this very link).
    """

    def get_users(self, email: str):
        users = get_user_model()._default_manager.filter(email__iexact=email, is_active=True)
        users = users.select_related("staff_member__district")
        return (user for user in users if may_log_in(user) and password_allowed(user))


class EmailLinkForm(SingleLineFields, forms.Form):
    """Ask for a sign-in link by email (``accounts.email_signin``)."""

    email = forms.EmailField(label="Email address", max_length=254)
