"""The tracker's columns: the seed's five in the seed's order, then the app's extras.

A header cell matches a column ignoring case and surrounding or repeated spaces.
"""

from __future__ import annotations

CREATED = "Item creation date"
ACTION = "Action item"
STATUS = "Progress tracker"
OWNER = "Who is responsible?"
DUE = "When will it be done?"
OWNER_EMAIL = "Email of the person responsible"
SCHOOL = "School"
NOTES = "Notes"
COMPLETED = "Completed on"
ORIGIN = "Origin"

SEED_COLUMNS = (CREATED, ACTION, STATUS, OWNER, DUE)
# The owner's email tells apart two staff members with the same name (the seed's column holds a name).
EXTRA_COLUMNS = (OWNER_EMAIL, SCHOOL, NOTES, COMPLETED, ORIGIN)
ALL_COLUMNS = SEED_COLUMNS + EXTRA_COLUMNS

# The paper sheet's row of instructions under the headings starts like this in each column.
EXPLANATIONS = {
    CREATED: "insert the date the action item was created",
    ACTION: "write a brief description of the action",
    STATUS: "in pencil, write the action's status",
    OWNER: "write down the name of the person responsible",
    DUE: "write down the deadline",
}


def normalise(text: object) -> str:
    """Lower case, single spaces, no surrounding spaces: how header and status cells are compared."""
    return " ".join(str(text).split()).lower()


_BY_KEY = {normalise(column): column for column in ALL_COLUMNS}
# A header typed without the question marks is the same column.
_BY_KEY.update({normalise(column).rstrip("?"): column for column in ALL_COLUMNS})


def column_name(cell: object) -> str | None:
    """The column a header cell names, or ``None`` for a column the tracker does not know."""
    if cell is None:
        return None
    key = normalise(cell)
    return _BY_KEY.get(key) or _BY_KEY.get(key.rstrip("?"))


def is_explanation_row(cells) -> bool:
    """Whether a row is the paper sheet's instructions ("Insert the date the action item was created", …)."""
    hits = 0
    for column, start in EXPLANATIONS.items():
        value = cells.get(column)
        if isinstance(value, str) and normalise(value).startswith(start):
            hits += 1
    return hits >= 2


def is_header_row(cells) -> bool:
    """Whether a row repeats the headings (the paper tracker repeats them on every page)."""
    return all(isinstance(cells.get(c), str) and column_name(cells.get(c)) == c for c in (ACTION, STATUS))
