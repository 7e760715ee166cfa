"""A meeting's place is its own only when it differs from the series'; empty follows the series.

Meeting rows used to copy the series' place when they were made (by the hourly job, a visit to
the meeting page), so a later change of the series' place left them behind. Rows whose place is
the series' place are emptied, so they follow it again.
"""

from django.db import migrations, models
from django.db.models import F


def follow_series(apps, schema_editor):
    Meeting = apps.get_model("checkins", "Meeting")
    Meeting.objects.filter(location=F("series__location")).exclude(location="").update(location="")


class Migration(migrations.Migration):
    dependencies = [
        ("checkins", "0002_restrict_within_district"),
    ]

    operations = [
        migrations.AlterField(
            model_name="meeting",
            name="location",
            field=models.CharField(blank=True, help_text="Its own place; empty: the series' place.", max_length=300),
        ),
        migrations.RunPython(follow_series, migrations.RunPython.noop),
    ]
