"""Every URL with bad numbers and odd text in its path, its query and its form fields: never a 500.

For each URL pattern (the access matrix's list, so a new page is covered without changing this
file) the page is first requested normally while the names of the query and form parameters the
view reads are recorded; then each of those parameters, and each number in the path, is given a
23-digit number, a negative one, a word, a huge exponent and a line break. The answer may be the
page, a message, a redirect, 400, 403 or 404 — anything but a server error.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from django import forms
from django.http import QueryDict
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import Personas, client_for
from core.fields import IdsChoiceField
from tests.access import ADMIN, LEADER, LOGGED_IN, PUBLIC, STAFF, SUPERUSER
from tests.test_access_matrix import RULES, Rule

HUGE = "9" * 23
BAD_VALUES = (HUGE, "-1", "abc", "1e400", "1\n2")
BAD_POSTED = (HUGE, "-1", "abc")


@contextlib.contextmanager
def recording_reads() -> Iterator[set[str]]:
    """Names read from any QueryDict (request.GET, request.POST) while the block runs."""
    names: set[str] = set()
    originals = {name: getattr(QueryDict, name) for name in ("__getitem__", "get", "getlist", "__contains__")}

    def wrap(name):
        original = originals[name]

        def recorded(self, key, *args, **kwargs):
            if isinstance(key, str):
                names.add(key)
            return original(self, key, *args, **kwargs)

        return recorded

    for name in originals:
        setattr(QueryDict, name, wrap(name))
    try:
        yield names
    finally:
        for name, original in originals.items():
            setattr(QueryDict, name, original)


def _patterns(resolver: URLResolver | None = None, namespace: str = "") -> dict[str, URLPattern]:
    resolver = resolver or get_resolver()
    found: dict[str, URLPattern] = {}
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found.update(_patterns(pattern, inner))
        elif isinstance(pattern, URLPattern) and pattern.name:
            found[f"{namespace}{pattern.name}"] = pattern
    return found


PATTERNS = _patterns()


def who_for(rule: Rule, personas: Personas):
    """The persona that may open the page: admins see every district page."""
    if rule.access == SUPERUSER:
        return personas.operator
    if rule.access in (STAFF, LEADER, ADMIN, LOGGED_IN, PUBLIC):
        return personas.admin
    raise AssertionError(rule.access)


def bad_path_kwargs(name: str, kwargs: dict) -> list[dict]:
    """The page's own keyword arguments with, in turn, each number made huge or each text odd."""
    converters = PATTERNS[name].pattern.converters
    variants = []
    for key in kwargs:
        converter = type(converters.get(key)).__name__
        if converter == "IntConverter":
            variants.append({**kwargs, key: int(HUGE)})
            variants.append({**kwargs, key: 0})
        elif converter in ("StringConverter", "SlugConverter"):
            variants.append({**kwargs, key: "x" * 300})
            variants.append({**kwargs, key: HUGE})
    return variants


def test_every_choice_of_several_rows_checks_its_ids_before_the_database():
    from tests.test_single_line_fields import project_forms

    unchecked = [
        f"{cls.__module__}.{cls.__qualname__}.{name}"
        for cls in project_forms()
        for name, field in getattr(cls, "base_fields", {}).items()
        if isinstance(field, forms.ModelMultipleChoiceField) and not isinstance(field, IdsChoiceField)
    ]
    assert not unchecked, f"Use core.fields.IdsChoiceField for: {unchecked}"


def _check(response, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"


@pytest.mark.parametrize("name", sorted(RULES))
def test_bad_values_in_the_path_query_and_form_never_give_a_server_error(personas, name):
    rule = RULES[name]
    client = client_for(who_for(rule, personas))
    kwargs = rule.kwargs(personas)
    url = reverse(name, kwargs=kwargs)
    with recording_reads() as read:
        if rule.post_only:
            _check(client.post(url), f"POST {url}")
        else:
            _check(client.get(url), f"GET {url}")
            _check(client.post(url), f"POST {url}")
    for key in sorted(read - {"csrfmiddlewaretoken"}):
        if not rule.post_only:
            for value in BAD_VALUES:
                _check(client.get(url, {key: value}), f"GET {url}?{key}={value!r}")
        for value in BAD_POSTED:
            _check(client.post(url, {key: value}), f"POST {url} {key}={value!r}")
    for bad in bad_path_kwargs(name, kwargs):
        bad_url = reverse(name, kwargs=bad)
        _check(client.post(bad_url) if rule.post_only else client.get(bad_url), f"{bad_url}")
