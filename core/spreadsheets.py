"""Cell-level rules shared by every spreadsheet export and import.

A text cell that starts with ``=``, ``+``, ``-`` or ``@`` is run as a formula
by spreadsheet programs ("CSV injection"): a staff name typed as
``=HYPERLINK(…)`` must not become a live link in the admin's Excel. Exports
write such text with a leading apostrophe — the spreadsheet convention for
"this is text" — and imports drop that apostrophe again, so a file still
imports back unchanged.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def protect_formula(value: Any) -> Any:
    """``"=1+2"`` → ``"'=1+2"``; anything else unchanged.

    >>> protect_formula("=1+2"), protect_formula("Adams Elementary"), protect_formula(0.5)
    ("'=1+2", 'Adams Elementary', 0.5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unprotect_formula(value: str) -> str:
    """Undo ``protect_formula``: ``"'=1+2"`` → ``"=1+2"``; other text unchanged.

    >>> unprotect_formula("'=1+2"), unprotect_formula("'quoted'")
    ('=1+2', "'quoted'")
    """
    if value.startswith("'") and value[1:2] in FORMULA_STARTS and value[1:2]:
        return value[1:]
    return value
