"""Settings for the test suite: the real settings with fast, contained parts."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")

from topoflicense.settings import *  # noqa: E402,F403

# Argon2 is the production hasher (tested in accounts); tests log in thousands of times.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", "django.contrib.auth.hashers.Argon2PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_COOKIES = False
SESSION_COOKIE_SECURE = False
# Many tests travel days ahead with a logged-in client; tests/test_headers_and_sessions.py checks the
# production lifetime (12 hours without a request).
SESSION_COOKIE_AGE = 14 * 24 * 60 * 60
# A query-count test that builds a large district between its two requests may take minutes on a
# busy machine: a session renewal in between would add its writes to one side only. The renewal's
# own test sets the production interval.
SESSION_RENEW_SECONDS = 3 * 60 * 60
CSRF_COOKIE_SECURE = False
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
