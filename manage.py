#!/usr/bin/env python
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_in_the_checkouts_environment() -> None:
    """Run with the checkout's own Python (``.venv``, made by ``make run``) when Django is not importable."""
    venv_python = HERE / ".venv" / "bin" / "python"
    try:
        import django  # noqa: F401
    except ImportError:
        if venv_python.exists() and Path(sys.prefix).resolve() != (HERE / ".venv").resolve():
            os.execv(  # noqa: S606 — the same command, with the checkout's own Python
                str(venv_python), [str(venv_python), str(Path(__file__).resolve()), *sys.argv[1:]]
            )
        raise


if __name__ == "__main__":
    run_in_the_checkouts_environment()
    from topoflicense.env import use_development_settings

    use_development_settings(str(HERE))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "topoflicense.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
