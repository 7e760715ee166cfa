"""Single-use links sent by email: the invitation to choose a password (valid 7 days).

Like Django's password reset token, an invitation token is made from the account's password hash
and last login, so it stops working as soon as the person sets a password (single use); it also
carries its timestamp and is refused after ``INVITATION_DAYS`` days. Its salt differs from the
reset token's, so one kind of link never passes for the other.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int

INVITATION_DAYS = 7


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "accounts.tokens.InvitationTokenGenerator"
    valid_for = dt.timedelta(days=INVITATION_DAYS)

    def check_token(self, user, token) -> bool:
        """Whether ``token`` was made for ``user`` as it is now, less than ``valid_for`` ago."""
        if not (user and token):
            return False
        try:
            timestamp_b36, _ = token.split("-")
            timestamp = base36_to_int(timestamp_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token):
                break
        else:
            return False
        return self._num_seconds(self._now()) - timestamp <= self.valid_for.total_seconds()


invitation_token_generator = InvitationTokenGenerator()
