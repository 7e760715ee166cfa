"""Text that looks like a formula stays text, both ways.

A text cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is run as a
formula by spreadsheet programs ("CSV injection"): a staff name typed as ``=HYPERLINK(…)`` must not
become a live link in the admin's Excel. CSV exports write such text with a leading apostrophe —
the spreadsheet convention for "this is text" — and every import drops that apostrophe again, so a
file imports back unchanged. XLSX exports store it as a text cell marked the same way
(``quotePrefix``), which no program runs.

Text that itself starts with apostrophes before a formula sign gets one more, so that removing one
on import always gives the original back.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet program would read ``text`` (after any apostrophes) as a formula.

    >>> looks_like_formula("=1+2"), looks_like_formula("''-3"), looks_like_formula("O'Brien")
    (True, True, False)
    """
    return text.lstrip("'").startswith(FORMULA_STARTS)


def protect_formula(value: Any) -> Any:
    """``"=1+2"`` → ``"'=1+2"``; anything else unchanged.

    >>> protect_formula("=1+2"), protect_formula("'=1+2"), protect_formula("Adams Elementary"), protect_formula(0.5)
    ("'=1+2", "''=1+2", 'Adams Elementary', 0.5)
    """
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return value


def unprotect_formula(value: str) -> str:
    """Undo ``protect_formula``: ``"'=1+2"`` → ``"=1+2"``; other text unchanged.

    >>> unprotect_formula("'=1+2"), unprotect_formula("''=1+2"), unprotect_formula("'quoted'")
    ('=1+2', "'=1+2", "'quoted'")
    """
    if value.startswith("'") and looks_like_formula(value):
        return value[1:]
    return value
