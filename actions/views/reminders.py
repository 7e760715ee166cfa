"""Reminder pages: each person's reminder choices, and the district's digest time (admins)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.timezone import now

from actions.models import ReminderPreference, TrackerSettings
from actions.reminders import next_digest_at, save_reminder_choices, save_tracker_settings, tracker_settings_for
from actions.services import reminder_preference
from people.access import DistrictRequest, district_view
from people.models import Access


class ReminderChoicesForm(forms.ModelForm):
    class Meta:
        model = ReminderPreference
        fields = ["weekly_digest", "assignment_emails"]
        help_texts = {
            "weekly_digest": "Once a week: your open items that are overdue or due in the next seven days.",
            "assignment_emails": "When someone else makes you responsible for an item.",
        }


class TrackerSettingsForm(forms.ModelForm):
    digest_hour = forms.IntegerField(
        label="Hour (0–23)",
        min_value=0,
        max_value=23,
        help_text="On the 24-hour clock, in the district's time zone: 7 is 7:00 am, 15 is 3:00 pm.",
    )

    class Meta:
        model = TrackerSettings
        fields = ["digest_weekday", "digest_hour"]
        labels = {"digest_weekday": "Day of the week"}


@district_view()
def reminder_preferences(request: DistrictRequest) -> HttpResponse:
    pref = reminder_preference(request.member)
    form = ReminderChoicesForm(request.POST or None, instance=pref)
    if request.method == "POST" and form.is_valid():
        save_reminder_choices(request.member, **form.cleaned_data)
        messages.success(request, "Your reminder choices are saved.")
        return redirect("actions:reminders")
    return render(request, "actions/reminders/preferences.html", {"form": form})


@district_view(access=Access.ADMIN)
def tracker_settings(request: DistrictRequest) -> HttpResponse:
    district = request.district
    form = TrackerSettingsForm(request.POST or None, instance=tracker_settings_for(district))
    if request.method == "POST" and form.is_valid():
        save_tracker_settings(form.save(commit=False))
        messages.success(request, "The weekly digest time is saved.")
        return redirect("actions:tracker_settings")
    row = form.instance if not form.errors else tracker_settings_for(district)
    context = {"form": form, "time_zone": district.time_zone, "next_digest": next_digest_at(row, district.zone, now())}
    return render(request, "actions/reminders/tracker_settings.html", context)
