from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import client_for
from people.models import Role
from tests.forms import hidden_inputs

URL = reverse("people:district_settings")


def settings_data(client, district, **changes):
    """The settings page's data as the browser posts it back (with its snapshots), plus ``changes``."""
    roles = list(Role.objects.filter(district=district).active())
    data = {
        "name": district.name,
        "time_zone": district.time_zone,
        "min_group_size": district.min_group_size,
        "hours_per_fte": district.hours_per_fte,
        "ratios-TOTAL_FORMS": len(roles),
        "ratios-INITIAL_FORMS": len(roles),
        "ratios-MIN_NUM_FORMS": 0,
        "ratios-MAX_NUM_FORMS": 1000,
    }
    for index, role in enumerate(roles):
        data[f"ratios-{index}-id"] = role.pk
        data[f"ratios-{index}-recommended_ratio"] = role.recommended_ratio or ""
        data[f"ratios-{index}-ratio_source"] = role.ratio_source
    data.update({name: value for name, value in hidden_inputs(client, URL).items() if name.endswith("seen")})
    data.update(changes)
    return data, roles


def test_the_admin_sees_the_settings_with_every_active_role(personas, as_admin):
    response = as_admin.get(URL)
    assert response.status_code == 200
    assert "Lincoln County Schools" in response.text
    assert "School psychologist" in response.text
    assert 'value="America/Chicago" selected' in response.text


@pytest.mark.parametrize("who", ["principal", "counselor_a"])
def test_only_admins_may_open_the_settings(personas, who):
    assert client_for(getattr(personas, who)).get(URL).status_code == 403
    assert client_for(getattr(personas, who)).post(URL, {}).status_code == 403


def test_the_admin_changes_settings_and_ratios(personas, as_admin):
    district = personas.district
    data, roles = settings_data(
        as_admin, district, name="Lincoln County Public Schools", time_zone="America/Denver", min_group_size=8
    )
    counselor_index = next(i for i, r in enumerate(roles) if r.seed_key == "school-counselor")
    data[f"ratios-{counselor_index}-recommended_ratio"] = 200
    data[f"ratios-{counselor_index}-ratio_source"] = "State guidance"
    response = as_admin.post(URL, data, follow=True)
    assert "District settings saved." in response.text
    district.refresh_from_db()
    assert (district.name, district.time_zone, district.min_group_size) == (
        "Lincoln County Public Schools",
        "America/Denver",
        8,
    )
    counselor = Role.objects.get(district=district, seed_key="school-counselor")
    assert (counselor.recommended_ratio, counselor.ratio_source) == (200, "State guidance")


def test_a_ratio_can_be_cleared(personas, as_admin):
    data, roles = settings_data(as_admin, personas.district)
    index = next(i for i, r in enumerate(roles) if r.seed_key == "school-nurse")
    data[f"ratios-{index}-recommended_ratio"] = ""
    as_admin.post(URL, data)
    assert Role.objects.get(district=personas.district, seed_key="school-nurse").recommended_ratio is None


def test_bad_values_are_refused_beside_their_fields(personas, as_admin):
    data, roles = settings_data(
        as_admin, personas.district, time_zone="Mars/Olympus", min_group_size=0, hours_per_fte=""
    )
    data["ratios-0-recommended_ratio"] = 0
    response = as_admin.post(URL, data)
    assert response.status_code == 200
    assert 'id="id_time_zone_error"' in response.text
    assert 'id="id_min_group_size_error"' in response.text
    assert 'id="id_hours_per_fte_error"' in response.text
    assert 'id="id_ratios-0-recommended_ratio_error"' in response.text
    personas.district.refresh_from_db()
    assert personas.district.min_group_size == 5
    assert personas.district.hours_per_fte == Decimal("40.0")


def test_a_role_of_another_district_cannot_be_changed_through_the_settings(personas, as_admin):
    data, roles = settings_data(as_admin, personas.district)
    stranger = Role.objects.get(district=personas.other_district, seed_key="school-counselor")
    data["ratios-0-id"] = stranger.pk
    data["ratios-0-recommended_ratio"] = 1
    as_admin.post(URL, data)
    stranger.refresh_from_db()
    assert stranger.recommended_ratio == 250


def test_retired_roles_are_not_on_the_settings_page(personas, as_admin):
    Role.objects.filter(district=personas.district, seed_key="teacher").update(retired=True)
    assert "Teacher" not in as_admin.get(URL).text.split("Recommended staffing ratios")[1]


def test_the_minimum_group_size_is_never_below_5_and_says_why_beside_the_field(personas, as_admin):
    data, _roles = settings_data(as_admin, personas.district, min_group_size=4)
    response = as_admin.post(URL, data)
    assert response.status_code == 200
    assert "The minimum group size is at least 5: in smaller groups one person" in response.text
    assert 'id="id_min_group_size_error"' in response.text
    personas.district.refresh_from_db()
    assert personas.district.min_group_size == 5


def test_a_district_may_raise_the_minimum_group_size(personas, as_admin):
    data, _roles = settings_data(as_admin, personas.district, min_group_size=7)
    as_admin.post(URL, data)
    personas.district.refresh_from_db()
    assert personas.district.min_group_size == 7


def test_the_database_refuses_a_minimum_group_size_below_5(personas):
    from django.db import IntegrityError, transaction

    from people.models import District

    with pytest.raises(IntegrityError), transaction.atomic():
        District.objects.filter(pk=personas.district.pk).update(min_group_size=1)
