"""Demo studies."""

from __future__ import annotations


def build_studies(district, rng) -> None:
    """Nothing yet."""
