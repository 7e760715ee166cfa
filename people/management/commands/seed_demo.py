"""``python manage.py seed_demo``: load the demo districts (see ``people.demo``)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from people.demo import DEFAULT_SCHOOLS, DEFAULT_SEED, build_demo
from people.models import District, StaffMember


class Command(BaseCommand):
    help = "Create the Lakeview demo district (and a small second district) with staff and logins."

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=DEFAULT_SCHOOLS, help="Number of Lakeview schools.")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed: same seed, same demo.")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when any district already exists.")

    def handle(self, *args, schools: int, seed: int, if_empty: bool, **options):
        if if_empty and District.objects.exists():
            self.stdout.write("Districts already exist: the demo was not loaded again.")
            return
        if schools < 1:
            raise CommandError("--schools must be at least 1.")
        if District.objects.filter(slug__in=["lakeview", "riverside"]).exists():
            raise CommandError("The demo districts already exist. Use a fresh database, or --if-empty.")
        started = time.perf_counter()
        district = build_demo(schools=schools, seed=seed)
        staff = StaffMember.objects.filter(district=district)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {district.name}: {district.schools.count():,} schools, {staff.count():,} staff "
                f"({staff.mental_health().count():,} in mental health roles) "
                f"in {time.perf_counter() - started:.1f} s."
            )
        )
