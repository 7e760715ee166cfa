"""Two admins editing the same set-up record: the second save, based on an old copy, is refused
with what changed meanwhile, keeps the second admin's input, and goes through once checked."""

from django.urls import reverse

from conftest import client_for
from people.models import Access, District, Role, School, StaffMember, TaskCategory
from tests import factories
from tests.forms import form_values

SETTINGS = reverse("people:district_settings")


def second_admin(personas):
    return factories.make_staff(
        personas.district, "Sky Second", role_key="administrator", email="sky@lincoln.example.org", access=Access.ADMIN
    )


def test_a_stale_settings_edit_is_refused_with_what_changed_and_goes_through_the_second_time(personas, as_admin):
    other = client_for(second_admin(personas))
    mine = form_values(as_admin.get(SETTINGS))
    theirs = form_values(other.get(SETTINGS))

    theirs["name"] = "Lincoln County Public Schools"
    assert other.post(SETTINGS, theirs).status_code == 302

    mine["min_group_size"] = "8"
    refused = as_admin.post(SETTINGS, mine)
    assert refused.status_code == 200
    assert "Someone else changed the district settings while you were editing it" in refused.text
    assert "Name</strong>: Lincoln County Schools → Lincoln County Public Schools" in refused.text
    district = District.objects.get(pk=personas.district.pk)
    assert (district.name, district.min_group_size) == ("Lincoln County Public Schools", 5)

    # The page keeps my change and shows their new name in the field I had not touched.
    again = form_values(refused)
    assert (again["name"], again["min_group_size"]) == ("Lincoln County Public Schools", "8")
    assert as_admin.post(SETTINGS, again).status_code == 302
    district.refresh_from_db()
    assert (district.name, district.min_group_size) == ("Lincoln County Public Schools", 8)


def test_a_field_both_admins_changed_keeps_the_second_admins_value_for_them_to_check(personas, as_admin):
    other = client_for(second_admin(personas))
    mine, theirs = form_values(as_admin.get(SETTINGS)), form_values(other.get(SETTINGS))
    theirs["hours_per_fte"] = "37.5"
    other.post(SETTINGS, theirs)
    mine["hours_per_fte"] = "35"
    refused = as_admin.post(SETTINGS, mine)
    assert "Hours per week for 1.0 FTE</strong>: 40 → 37.5" in refused.text
    assert form_values(refused)["hours_per_fte"] == "35"


def test_a_stale_ratio_is_refused_naming_its_role(personas, as_admin):
    other = client_for(second_admin(personas))
    mine, theirs = form_values(as_admin.get(SETTINGS)), form_values(other.get(SETTINGS))
    roles = list(Role.objects.filter(district=personas.district).active())
    index = next(i for i, r in enumerate(roles) if r.seed_key == "school-counselor")
    theirs[f"ratios-{index}-recommended_ratio"] = "200"
    other.post(SETTINGS, theirs)
    mine[f"ratios-{index}-ratio_source"] = "State guidance"
    refused = as_admin.post(SETTINGS, mine)
    assert "School counselor: Students per FTE</strong>: 250 → 200" in refused.text
    counselor = Role.objects.get(pk=roles[index].pk)
    assert (counselor.recommended_ratio, counselor.ratio_source) == (200, "ASCA")
    as_admin.post(SETTINGS, form_values(refused))
    counselor.refresh_from_db()
    assert (counselor.recommended_ratio, counselor.ratio_source) == (200, "State guidance")


def test_a_change_to_a_ratio_row_i_did_not_edit_does_not_stop_my_save(personas, as_admin):
    other = client_for(second_admin(personas))
    mine, theirs = form_values(as_admin.get(SETTINGS)), form_values(other.get(SETTINGS))
    theirs["ratios-0-ratio_source"] = "Their source"
    other.post(SETTINGS, theirs)
    mine["min_group_size"] = "6"
    assert as_admin.post(SETTINGS, mine).status_code == 302
    first = Role.objects.filter(district=personas.district).active().first()
    assert first.ratio_source == "Their source"
    assert District.objects.get(pk=personas.district.pk).min_group_size == 6


def test_an_altered_or_missing_snapshot_is_a_message_not_a_save(personas, as_admin):
    data = form_values(as_admin.get(SETTINGS))
    data["name"] = "Changed"
    for seen in ("not-a-token", None):
        posted = {**data, "seen": seen} if seen else {k: v for k, v in data.items() if k != "seen"}
        response = as_admin.post(SETTINGS, posted)
        assert response.status_code == 200
        assert "This page is out of date. Open it again and redo your changes." in response.text
    assert District.objects.get(pk=personas.district.pk).name == "Lincoln County Schools"


def test_a_stale_school_edit_is_refused(personas, as_admin):
    url = reverse("people:school_edit", args=[personas.school_a.pk])
    other = client_for(second_admin(personas))
    mine, theirs = form_values(as_admin.get(url)), form_values(other.get(url))
    theirs["enrollment"] = "650"
    assert other.post(url, theirs).status_code == 302
    mine["level"] = "k8"
    refused = as_admin.post(url, mine)
    assert "Enrollment</strong>: 600 → 650" in refused.text
    assert School.objects.get(pk=personas.school_a.pk).level == "elementary"
    assert as_admin.post(url, form_values(refused)).status_code == 302
    school = School.objects.get(pk=personas.school_a.pk)
    assert (school.level, school.enrollment) == ("k8", 650)


def test_a_stale_staff_edit_is_refused_and_its_role_is_named(personas, as_admin):
    url = reverse("people:staff_edit", args=[personas.counselor_a.pk])
    other = client_for(second_admin(personas))
    mine, theirs = form_values(as_admin.get(url)), form_values(other.get(url))
    social_worker = factories.role(personas.district, "lcsw")
    theirs["role"] = str(social_worker.pk)
    assert other.post(url, theirs).status_code == 302
    mine["name"] = "Casey C. Counselor"
    refused = as_admin.post(url, mine)
    assert f"Role</strong>: School counselor → {social_worker.name}" in refused.text
    assert StaffMember.objects.get(pk=personas.counselor_a.pk).name == "Casey Counselor"
    assert as_admin.post(url, form_values(refused)).status_code == 302
    staff = StaffMember.objects.get(pk=personas.counselor_a.pk)
    assert (staff.name, staff.role_id) == ("Casey C. Counselor", social_worker.pk)


def test_a_stale_catalogue_edit_is_refused(personas, as_admin):
    category = TaskCategory.objects.get(district=personas.district, seed_key="assessment")
    url = reverse("people:category_edit", args=[category.pk])
    other = client_for(second_admin(personas))
    mine, theirs = form_values(as_admin.get(url)), form_values(other.get(url))
    theirs["name"] = "Assessments"
    other.post(url, theirs)
    mine["service_kind"] = "indirect"
    refused = as_admin.post(url, mine)
    assert "Name</strong>: Assessment → Assessments" in refused.text
    assert TaskCategory.objects.get(pk=category.pk).service_kind != "indirect"
