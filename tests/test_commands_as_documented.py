"""Commands as the README shows them: ``python manage.py …`` in a checkout set up by ``make run``
uses the development settings it remembers; without them (or with a secret set) it is production,
which refuses to start without SECRET_KEY."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from topoflicense.env import use_development_settings

ROOT = Path(settings.BASE_DIR)


def manage(checkout: Path, *args: str, python: str = sys.executable, **environment: str):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")}
    env.update({"PYTHONPATH": str(ROOT), **environment})
    return subprocess.run(
        [python, str(checkout / "manage.py"), *args], cwd=checkout, env=env, capture_output=True, text=True
    )


def a_checkout(tmp_path: Path, *, set_up: bool) -> Path:
    """manage.py in a directory of its own (the app itself comes from this checkout through PYTHONPATH)."""
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    if set_up:
        (tmp_path / "var").mkdir()
        (tmp_path / "var" / "development.env").write_text("# Written by `make run`\nDEBUG=true\n")
    return tmp_path


def test_a_command_in_a_checkout_set_up_by_make_run_uses_its_development_settings(tmp_path):
    done = manage(
        a_checkout(tmp_path, set_up=True), "shell", "-c", "from django.conf import settings; print(settings.DEBUG)"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "True"


def test_without_those_settings_a_command_still_refuses_to_start_without_a_secret(tmp_path):
    done = manage(a_checkout(tmp_path, set_up=False), "check")
    assert done.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in done.stderr


def test_a_production_environment_never_reads_the_development_file(tmp_path):
    checkout = a_checkout(tmp_path, set_up=True)
    done = manage(
        checkout, "shell", "-c", "from django.conf import settings; print(settings.DEBUG)", SECRET_KEY="s" * 50
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False"


def test_python_without_the_checkouts_packages_runs_the_command_with_them():
    # The interpreter the virtual environment was made from has no Django of its own: manage.py
    # re-runs itself with .venv/bin/python.
    base_python = Path(sys.base_prefix) / "bin" / "python3"
    assert (ROOT / ".venv" / "bin" / "python").exists()
    done = manage(ROOT, "check", python=str(base_python), SECRET_KEY="s" * 50, DEBUG="true")
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def test_the_development_file_fills_only_what_the_environment_does_not_set(tmp_path, monkeypatch):
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "development.env").write_text("DEBUG=true\nSITE_URL=http://127.0.0.1:9000\n# a comment\n")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DEBUG", raising=False)
    monkeypatch.setenv("SITE_URL", "http://127.0.0.1:8000")
    assert use_development_settings(str(tmp_path)) is True
    assert os.environ["DEBUG"] == "true"
    assert os.environ["SITE_URL"] == "http://127.0.0.1:8000"
    monkeypatch.setenv("SECRET_KEY", "set")
    monkeypatch.delenv("DEBUG")
    assert use_development_settings(str(tmp_path)) is False
    assert "DEBUG" not in os.environ
