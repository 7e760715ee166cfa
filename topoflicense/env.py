"""Typed helpers for reading settings from environment variables.

Each helper raises ``ImproperlyConfigured`` on a value it cannot read, so a
typo in a deployment fails loudly at start-up instead of silently using a
default.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [part.strip() for part in raw.split(",") if part.strip()]


DEVELOPMENT_ENV_FILE = "var/development.env"


def read_env_file(path: str) -> dict[str, str]:
    """``NAME=value`` lines of a file (``#`` comments and blank lines skipped; no quoting rules)."""
    values: dict[str, str] = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def use_development_settings(base_dir: str) -> bool:
    """Commands in a checkout set up by ``make run`` use its development settings.

    ``make run`` writes ``var/development.env`` (``DEBUG=true`` and the like). When ``SECRET_KEY``
    is not set, ``manage.py`` reads that file, so ``python manage.py import_roster …`` works there as
    the README shows it. A production environment always sets ``SECRET_KEY``, so the file is never
    read there, and a process without either still refuses to start. Variables already set win.
    Returns whether the file was used.
    """
    path = os.path.join(base_dir, DEVELOPMENT_ENV_FILE)
    if os.environ.get("SECRET_KEY") or not os.path.isfile(path):
        return False
    for name, value in read_env_file(path).items():
        os.environ.setdefault(name, value)
    return True
