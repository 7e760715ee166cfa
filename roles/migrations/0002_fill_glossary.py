"""Fill the training glossary of every district that exists already (new districts: fill_glossary)."""

from django.db import migrations


def fill_existing(apps, schema_editor):
    # The seed's list is pure data (roles.glossary); adding only missing seed keys keeps this idempotent.
    from roles.glossary import SEED_TRAININGS

    District = apps.get_model("people", "District")
    Training = apps.get_model("roles", "Training")
    for district in District.objects.all():
        have = set(Training.objects.filter(district=district).values_list("seed_key", flat=True))
        taken = set(Training.objects.filter(district=district).values_list("audience", "name"))
        Training.objects.bulk_create(
            Training(
                district=district,
                name=seed.name,
                audience=str(seed.audience),
                format=seed.format,
                length=seed.length,
                hours=seed.hours,
                url=seed.url,
                seed_key=seed.key,
            )
            for seed in SEED_TRAININGS
            if seed.key not in have and (seed.audience, seed.name) not in taken
        )


class Migration(migrations.Migration):
    dependencies = [("roles", "0001_initial")]

    operations = [migrations.RunPython(fill_existing, migrations.RunPython.noop)]
