"""Bulk writes whose rows are prepared before the transaction, so that the transaction itself is short.

Django's ``bulk_create`` and ``bulk_update`` turn each value into SQL parameters inside the call, that
is inside the caller's transaction: for a 120,000-row roster that is most of a minute during which
every other writer waits. Here the parameters are computed first (:func:`insert_rows`,
:func:`update_rows` — plain tuples, adapted for the database by each field as Django would), and the
transaction only runs the prepared statements (:meth:`Prepared.execute`), a few seconds for the
same roster.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection, models

BATCH = 5000


def _fields(model: type[models.Model], names: Sequence[str] | None) -> list[models.Field]:
    concrete = [field for field in model._meta.concrete_fields if not field.primary_key]
    if names is None:
        return concrete
    by_name = {field.name: field for field in concrete}
    return [by_name[name] for name in names]


def _values(fields: list[models.Field], instance: models.Model, *, add: bool) -> tuple:
    """The instance's values as the database takes them (``auto_now`` fields stamped, as ``save`` does)."""
    return tuple(field.get_db_prep_save(field.pre_save(instance, add), connection) for field in fields)


@dataclass
class Prepared:
    """A statement and its rows of parameters, run by :meth:`execute` (inside the caller's transaction)."""

    sql: str
    rows: list[tuple]

    def execute(self) -> int:
        with connection.cursor() as cursor:
            for start in range(0, len(self.rows), BATCH):
                cursor.executemany(self.sql, self.rows[start : start + BATCH])
        return len(self.rows)


def insert_statement(model: type[models.Model]) -> tuple[str, list[str]]:
    """The INSERT of ``model``'s rows, and the names of its fields in the order of the parameters."""
    fields = _fields(model, None)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608 — names from the model
    return sql, [field.name for field in fields]


def db_value(model: type[models.Model], name: str, value: object) -> object:
    """``value`` of the field ``name`` as the database takes it (e.g. a Decimal for a DecimalField)."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field.get_db_prep_save(value, connection)


def insert_rows(model: type[models.Model], instances: Iterable[models.Model]) -> Prepared:
    """An INSERT of ``instances`` (unsaved; their primary keys are left to the database)."""
    sql, _ = insert_statement(model)
    fields = _fields(model, None)
    return Prepared(sql, [_values(fields, instance, add=True) for instance in instances])


def update_rows(model: type[models.Model], instances: Iterable[models.Model], names: Sequence[str]) -> Prepared:
    """An UPDATE of the fields ``names`` of saved ``instances``, by primary key."""
    fields = _fields(model, names)
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"  # noqa: S608
    return Prepared(sql, [(*_values(fields, instance, add=False), instance.pk) for instance in instances])
