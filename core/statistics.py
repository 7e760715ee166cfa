"""Keep SQLite's query planner informed about how big the tables are.

Without statistics SQLite guesses that ``district_id = ?`` picks out about ten rows, so on a district
with 250,000 action items it walks a whole index instead of looking up the few ids a search found
(tens of milliseconds against a few). ``ANALYZE`` with a sampling limit refreshes the statistics in
well under a second at that size. PostgreSQL needs nothing: its autovacuum analyzes tables itself.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections

#: Index entries sampled per index: enough for the planner, cheap at any size (see SQLite's analysis_limit).
ANALYSIS_LIMIT = 1000


def refresh_query_statistics(using: str = DEFAULT_DB_ALIAS) -> str:
    """Refresh the planner's statistics on SQLite (hourly, see ``CoreConfig``; also after the demo is built)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return "not needed: the database analyzes its tables itself"
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")
    return "analyzed"
