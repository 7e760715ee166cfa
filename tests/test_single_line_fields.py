"""Every one-line text field of every form refuses line breaks (core.fields.SingleLineFields).

The forms are found by importing every module of the project's apps, so a new form with a one-line
field fails ``test_every_form_with_a_one_line_field_refuses_line_breaks`` until it uses the mixin.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from conftest import client_for
from core.fields import ONE_LINE, SingleLineFields, is_single_line
from tests.forms import form_values


def project_forms() -> list[type[forms.BaseForm]]:
    """Every form class defined in the project's apps (their modules imported, tests left out)."""
    root = Path(settings.BASE_DIR)
    names = {config.name for config in apps.get_app_configs() if Path(config.path).parent == root}
    for name in names:
        package = importlib.import_module(name)
        for module in pkgutil.walk_packages(package.__path__, f"{name}."):
            if ".tests" in module.name or ".migrations" in module.name or module.name.endswith(".demo"):
                continue
            importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    return sorted(
        {cls for cls in subclasses(forms.BaseForm) if cls.__module__.split(".")[0] in names},
        key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
    )


def test_every_form_with_a_one_line_field_refuses_line_breaks():
    missing = [
        f"{cls.__module__}.{cls.__qualname__}.{name}"
        for cls in project_forms()
        for name, field in getattr(cls, "base_fields", {}).items()
        if is_single_line(field) and not issubclass(cls, SingleLineFields)
    ]
    assert not missing, f"Mix core.fields.SingleLineFields into these forms: {missing}"
    assert len(project_forms()) > 20  # the search found the forms


def test_a_series_title_with_a_line_break_is_refused_beside_the_field_and_nothing_is_created(personas):
    from checkins.models import Series

    client = client_for(personas.principal)
    url = reverse("checkins:series_new")
    data = form_values(client.get(url))
    data.update(
        title="Adams check-in\nBcc: everyone@example.org",
        school=str(personas.school_a.pk),
        participants=[str(personas.principal.pk), str(personas.counselor_a.pk)],
        first_date="2026-09-08",
        first_time="15:30",
        cadence="monthly",
        location="Room 12",
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert 'id="id_title_error"' in response.text
    assert ONE_LINE in response.text
    assert not Series.objects.filter(district=personas.district).exists()


@pytest.mark.parametrize("text", ["Cedar\nHigh", "Cedar\r\nHigh", "Cedar\u2028High"])
def test_a_school_name_with_any_line_break_is_refused(personas, text):
    client = client_for(personas.admin)
    response = client.post(reverse("people:school_new"), {"name": text, "level": "high", "enrollment": 900})
    assert response.status_code == 200
    assert ONE_LINE in response.text
