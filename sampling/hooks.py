"""What time sampling gives other apps (registered from ``SamplingConfig.ready``)."""

from __future__ import annotations


def register() -> None:
    """Nothing yet."""
