"""The role definition pages in the benchmark (bench/pages.py)."""

from __future__ import annotations

from bench.pages import PAGES, Page
from people.demo import COUNSELOR, DIRECTOR

# --- capability matrix and glossary ---
PAGES.extend(
    [
        Page("roles:matrix", None, DIRECTOR, label="roles:matrix (district admin)"),
        Page("roles:matrix", None, COUNSELOR, label="roles:matrix (counselor)"),
        Page("roles:matrix_print", None, DIRECTOR),
        Page("roles:matrix_template", None, DIRECTOR),
        Page("roles:glossary", None, DIRECTOR),
        Page("roles:training_new", None, DIRECTOR),
    ]
)
# --- shift plans ---
