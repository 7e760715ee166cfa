"""Every URL of the app, checked against every persona.

Anonymous visitors are sent to log in; a member of another district gets a
404 for anything of Lincoln County; a member with too little access gets a
403; a member with enough access gets the page. A new URL pattern fails
``test_every_url_pattern_has_an_access_rule`` until it is given a rule here
or in its app's ``tests/access_rules.py``, so no page can skip this check.
"""

from __future__ import annotations

import importlib
import uuid

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts import email_signin
from conftest import Personas, client_for
from people.models import RosterUpload
from tests.access import ADMIN, LEADER, LOGGED_IN, PUBLIC, STAFF, SUPERUSER, Rule

# Django's own admin is guarded by is_staff and checked separately below.
EXCLUDED_NAMESPACES = {"admin"}


def _upload(p: Personas) -> dict:
    upload = RosterUpload.objects.create(
        district=p.district, token=uuid.uuid4(), filename="roster.csv", content=b"Name,Email\n", uploaded_by=p.admin
    )
    return {"token": upload.token}


def school(p: Personas) -> dict:
    return {"pk": p.school_a.pk}


def staff(p: Personas) -> dict:
    return {"pk": p.counselor_a.pk}


def role(p: Personas) -> dict:
    return {"pk": p.district.roles.get(seed_key="teacher").pk}


def category(p: Personas) -> dict:
    return {"pk": p.district.task_categories.get(seed_key="other").pk}


def task(p: Personas) -> dict:
    return {"pk": p.district.tasks.get(seed_key="screening").pk}


RULES: dict[str, Rule] = {
    "accounts:login": Rule(PUBLIC),
    "accounts:logout": Rule(PUBLIC, post_only=True),
    "accounts:password_reset": Rule(PUBLIC),
    "accounts:password_reset_done": Rule(PUBLIC),
    "accounts:password_reset_confirm": Rule(PUBLIC, kwargs=lambda p: {"uidb64": "MQ", "token": "bad-token"}),
    "accounts:password_reset_complete": Rule(PUBLIC),
    "accounts:email_link": Rule(PUBLIC),
    "accounts:email_link_sign_in": Rule(
        PUBLIC, kwargs=lambda p: {"token": email_signin.make_token(p.counselor_a.user)}
    ),
    "accounts:invitation": Rule(PUBLIC, kwargs=lambda p: {"uidb64": "MQ", "token": "bad-token"}),
    "accounts:password_change": Rule(LOGGED_IN),
    "accounts:password_change_done": Rule(LOGGED_IN),
    "home:home": Rule(STAFF),
    "home:setup": Rule(ADMIN),
    "people:districts": Rule(SUPERUSER),
    "people:district_new": Rule(SUPERUSER),
    "people:district_settings": Rule(ADMIN),
    "people:undelivered_email": Rule(ADMIN),
    "people:undelivered_email_all": Rule(SUPERUSER),
    "people:ratios": Rule(LEADER),
    "people:school_list": Rule(STAFF),
    "people:school_new": Rule(ADMIN),
    "people:school_detail": Rule(STAFF, kwargs=school, tenant_object=True),
    "people:school_edit": Rule(ADMIN, kwargs=school, tenant_object=True),
    "people:school_delete": Rule(ADMIN, kwargs=school, tenant_object=True),
    "people:staff_list": Rule(STAFF),
    "people:staff_new": Rule(ADMIN),
    "people:staff_detail": Rule(STAFF, kwargs=staff, tenant_object=True),
    "people:staff_edit": Rule(ADMIN, kwargs=staff, tenant_object=True),
    "people:staff_invite": Rule(ADMIN, kwargs=staff, tenant_object=True, post_only=True),
    "people:staff_invite_many": Rule(ADMIN, post_only=True),
    "people:people_search": Rule(STAFF),
    "people:catalogue": Rule(STAFF),
    "people:role_new": Rule(ADMIN),
    "people:role_edit": Rule(ADMIN, kwargs=role, tenant_object=True),
    "people:role_move": Rule(ADMIN, kwargs=role, tenant_object=True, post_only=True),
    "people:role_retire": Rule(ADMIN, kwargs=role, tenant_object=True, post_only=True),
    "people:role_delete": Rule(ADMIN, kwargs=role, tenant_object=True),
    "people:category_new": Rule(ADMIN),
    "people:category_edit": Rule(ADMIN, kwargs=category, tenant_object=True),
    "people:category_move": Rule(ADMIN, kwargs=category, tenant_object=True, post_only=True),
    "people:category_retire": Rule(ADMIN, kwargs=category, tenant_object=True, post_only=True),
    "people:category_delete": Rule(ADMIN, kwargs=category, tenant_object=True),
    "people:task_new": Rule(ADMIN),
    "people:task_edit": Rule(ADMIN, kwargs=task, tenant_object=True),
    "people:task_move": Rule(ADMIN, kwargs=task, tenant_object=True, post_only=True),
    "people:task_retire": Rule(ADMIN, kwargs=task, tenant_object=True, post_only=True),
    "people:task_delete": Rule(ADMIN, kwargs=task, tenant_object=True),
    "people:roster_import": Rule(ADMIN),
    "people:roster_preview": Rule(ADMIN, kwargs=_upload, tenant_object=True),
    "people:roster_export": Rule(ADMIN, kwargs=lambda p: {"fmt": "csv"}),
}


def _app_rules() -> dict[str, Rule]:
    """Rules declared by apps in ``<app>/tests/access_rules.py``."""
    collected: dict[str, Rule] = {}
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.tests.access_rules")
        except ModuleNotFoundError as exc:
            if exc.name not in (f"{config.name}.tests", f"{config.name}.tests.access_rules"):
                raise
            continue
        collected.update(module.RULES)
    return collected


RULES.update(_app_rules())
RANK = {STAFF: 0, LEADER: 1, ADMIN: 2}


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    resolver = resolver or get_resolver()
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in EXCLUDED_NAMESPACES:
                continue
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_pattern_has_an_access_rule():
    missing = url_names() - set(RULES)
    assert not missing, f"Give these URLs an access rule in {__name__}: {sorted(missing)}"
    stale = set(RULES) - url_names()
    assert not stale, f"Rules for URLs that no longer exist: {sorted(stale)}"


def _request(client, url: str, rule: Rule):
    return client.post(url) if rule.post_only else client.get(url)


@pytest.mark.parametrize("name", sorted(RULES))
def test_anonymous_visitors_are_sent_to_log_in(personas, client, name):
    rule = RULES[name]
    url = reverse(name, kwargs=rule.kwargs(personas))
    response = _request(client, url, rule)
    if rule.access == PUBLIC:
        assert response.status_code in (200, 302), response.status_code
        return
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", sorted(n for n, r in RULES.items() if r.access in RANK))
def test_each_persona_gets_what_their_access_allows(personas, name):
    rule = RULES[name]
    url = reverse(name, kwargs=rule.kwargs(personas))
    for person, level in (
        (personas.counselor_a, STAFF),
        (personas.principal, LEADER),
        (personas.admin, ADMIN),
    ):
        response = _request(client_for(person), url, rule)
        if RANK[level] < RANK[rule.access]:
            assert response.status_code == 403, f"{person} ({level}) on {name}: {response.status_code}"
        else:
            assert response.status_code in (200, 302), f"{person} ({level}) on {name}: {response.status_code}"


@pytest.mark.parametrize("name", sorted(n for n, r in RULES.items() if r.tenant_object))
def test_another_district_cannot_reach_lincoln_county_objects(personas, name):
    rule = RULES[name]
    url = reverse(name, kwargs=rule.kwargs(personas))
    response = _request(client_for(personas.other_admin), url, rule)
    assert response.status_code == 404


@pytest.mark.parametrize("name", sorted(n for n, r in RULES.items() if r.access in RANK and not r.post_only))
def test_another_districts_admin_never_sees_lincoln_county_names(personas, name):
    rule = RULES[name]
    url = reverse(name, kwargs=rule.kwargs(personas))
    response = client_for(personas.other_admin).get(url)
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    body = raw.decode(errors="replace")
    for secret in ("Lincoln County", "Adams Elementary", "Casey Counselor", "casey@lincoln.example.org"):
        assert secret not in body, f"{name} shows {secret!r} to another district"


@pytest.mark.parametrize("name", sorted(n for n, r in RULES.items() if r.access == SUPERUSER))
def test_district_management_is_for_operators_only(personas, name):
    url = reverse(name)
    assert client_for(personas.admin).get(url).status_code == 403
    assert client_for(personas.operator).get(url).status_code == 200


def test_a_staff_member_without_login_cannot_log_in(personas, client):
    assert personas.no_login.user is None
    response = client.post(
        reverse("accounts:login"),
        {"username": personas.no_login.email, "password": "correct horse battery staple"},
    )
    assert response.status_code == 200  # the form again, with an error
    assert "_auth_user_id" not in client.session


def test_the_admin_site_is_closed_to_district_users(personas):
    response = client_for(personas.admin).get("/operator/admin/")
    assert response.status_code == 302
    assert "/operator/admin/login/" in response["Location"]
