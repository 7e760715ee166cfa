"""A full-text index for the lists' search box (description and plain owner name, any part of a word).

- SQLite: an FTS5 table with the trigram tokenizer over the items table, kept in step by triggers.
  (A later migration that rebuilds ``actions_actionitem`` on SQLite drops these triggers: the search
  tests would fail, and this migration's SQL must then be run again.)
- PostgreSQL: trigram GIN indexes (``pg_trgm``) on the same upper-cased expressions Django's
  ``icontains`` compares, so the search filter needs no special SQL there.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE actions_item_search USING fts5(
        description, owner_name, content='actions_actionitem', content_rowid='id', tokenize='trigram'
    )""",
    """CREATE TRIGGER actions_item_search_insert AFTER INSERT ON actions_actionitem BEGIN
        INSERT INTO actions_item_search(rowid, description, owner_name)
        VALUES (new.id, new.description, new.owner_name);
    END""",
    """CREATE TRIGGER actions_item_search_delete AFTER DELETE ON actions_actionitem BEGIN
        INSERT INTO actions_item_search(actions_item_search, rowid, description, owner_name)
        VALUES ('delete', old.id, old.description, old.owner_name);
    END""",
    """CREATE TRIGGER actions_item_search_update AFTER UPDATE OF description, owner_name ON actions_actionitem BEGIN
        INSERT INTO actions_item_search(actions_item_search, rowid, description, owner_name)
        VALUES ('delete', old.id, old.description, old.owner_name);
        INSERT INTO actions_item_search(rowid, description, owner_name)
        VALUES (new.id, new.description, new.owner_name);
    END""",
    "INSERT INTO actions_item_search(actions_item_search) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS actions_item_search_insert",
    "DROP TRIGGER IF EXISTS actions_item_search_delete",
    "DROP TRIGGER IF EXISTS actions_item_search_update",
    "DROP TABLE IF EXISTS actions_item_search",
]
POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX actions_item_description_trgm ON actions_actionitem USING gin (UPPER(description) gin_trgm_ops)",
    "CREATE INDEX actions_item_owner_name_trgm ON actions_actionitem USING gin (UPPER(owner_name) gin_trgm_ops)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS actions_item_description_trgm",
    "DROP INDEX IF EXISTS actions_item_owner_name_trgm",
]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("actions", "0006_list_sort_keys")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        )
    ]
