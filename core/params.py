"""Reading numbers from addresses, query strings and form fields without trusting them.

A query parameter is whatever someone typed or pasted: ``?school=99999999999999999999999`` must
find nothing, not crash the database driver (SQLite refuses integers past 2**63 - 1 with an
OverflowError, a 500).
"""

from __future__ import annotations

# The largest id a database row can have (a 64-bit signed integer, Django's BigAutoField).
MAX_ID = 2**63 - 1


def parse_id(value: object) -> int | None:
    """A row's id (1 … ``MAX_ID``) from text, or ``None`` for anything else.

    >>> parse_id("12"), parse_id(" 7 "), parse_id(12)
    (12, 7, 12)
    >>> parse_id("-1"), parse_id("abc"), parse_id(""), parse_id(None), parse_id("9" * 23), parse_id("1.5")
    (None, None, None, None, None, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value or "").strip()
        if not text.isascii() or not text.isdigit() or len(text) > 19:
            return None
        number = int(text)
    return number if 1 <= number <= MAX_ID else None


def parse_ids(values: object) -> list[int]:
    """The valid ids among ``values`` (e.g. ``request.POST.getlist("participants")``), in order.

    >>> parse_ids(["3", "x", "9" * 23, "3", "5"])
    [3, 5]
    """
    found: list[int] = []
    for value in values if isinstance(values, list | tuple | set) else [values]:
        number = parse_id(value)
        if number is not None and number not in found:
            found.append(number)
    return found


def parse_int(value: object, default: int, *, low: int, high: int) -> int:
    """A whole number from text, kept between ``low`` and ``high``; ``default`` if it is not one.

    >>> parse_int("7", 1, low=1, high=10), parse_int("999", 1, low=1, high=10), parse_int("x", 4, low=1, high=10)
    (7, 10, 4)
    """
    text = str(value if value is not None else "").strip()
    sign = text[:1] if text[:1] in "+-" else ""
    digits = text[len(sign) :]
    if not digits.isascii() or not digits.isdigit() or len(digits) > 30:
        return default
    return max(low, min(high, int(sign + digits)))
