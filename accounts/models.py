"""Login accounts. A user logs in with an email address and a password.

A user is either a superuser (manages districts) or the login of exactly one
staff member (``people.StaffMember.user``), which ties them to one district.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username or "")


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("email address", max_length=254, unique=True)
    name = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May use the Django admin site (operators only).")
    date_joined = models.DateTimeField(auto_now_add=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []  # noqa: RUF012 — Django reads this class attribute

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


class SignInLinkRequest(models.Model):
    """One request for an emailed sign-in link, kept to throttle them (``accounts.email_signin``).

    Recorded whether or not the email belongs to an account, so the throttle says nothing about
    who has one.
    """

    email = models.CharField(max_length=254)
    address = models.CharField(max_length=64, blank=True)
    requested_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["email", "requested_at"])]

    def __str__(self) -> str:
        return f"Sign-in link asked for {self.email}"
