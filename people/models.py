"""Districts, schools, staff, and the role and task catalogues.

Every row below a district carries its ``district`` so that one place
(``people.access``) can scope every query to the user's district.
"""

from __future__ import annotations

import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from core.models import SpreadsheetUpload


def time_zone_choices() -> list[tuple[str, str]]:
    names = sorted(
        n for n in zoneinfo.available_timezones() if n.startswith(("America/", "Pacific/", "US/")) or n == "UTC"
    )
    return [(n, n.replace("_", " ")) for n in names]


MIN_GROUP_SIZE_FLOOR = 5
"""No district may show figures of groups smaller than this (``docs/privacy.md``); a district may raise it."""


class District(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    time_zone = models.CharField(max_length=64, default="America/New_York")
    min_group_size = models.PositiveSmallIntegerField(
        "minimum group size",
        default=MIN_GROUP_SIZE_FLOOR,
        validators=[
            MinValueValidator(
                MIN_GROUP_SIZE_FLOOR,
                message=(
                    f"The minimum group size is at least {MIN_GROUP_SIZE_FLOOR}: in smaller groups one person's "
                    "answers could be picked out. You may raise it."
                ),
            )
        ],
        help_text=(
            f"Figures about groups smaller than this are hidden to protect privacy; at least {MIN_GROUP_SIZE_FLOOR}."
        ),
    )
    hours_per_fte = models.DecimalField(
        "hours per week for 1.0 FTE",
        max_digits=4,
        decimal_places=1,
        default=Decimal("40.0"),
        validators=[MinValueValidator(Decimal("1"))],
    )
    password_sign_in = models.BooleanField(
        "staff may sign in with a password",
        default=True,
        help_text="Turn off once single sign-on works: staff then sign in only with the district's accounts.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_group_size__gte=MIN_GROUP_SIZE_FLOOR), name="district_min_group_size_at_least_5"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class CatalogueQuerySet(models.QuerySet):
    def active(self):
        return self.filter(retired=False)


class Role(models.Model):
    """A staff role (school counselor, teacher…) with its recommended ratio.

    ``recommended_ratio`` is students per 1.0 FTE (e.g. 250 for school
    counselors, per ASCA); empty where no ratio applies.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="roles")
    name = models.CharField(max_length=120)
    short_name = models.CharField(max_length=40, blank=True, help_text="Used in column headings, e.g. LCSW.")
    is_mental_health = models.BooleanField(
        "provides dedicated mental health support",
        default=False,
    )
    recommended_ratio = models.PositiveIntegerField(
        "recommended students per FTE",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    ratio_source = models.CharField(max_length=120, blank=True, help_text="Where the ratio comes from, e.g. ASCA.")
    notes = models.TextField(
        blank=True,
        help_text="Notes from local agreements (e.g. collective bargaining) about what this role may take on.",
    )
    seed_key = models.SlugField(max_length=60, blank=True, editable=False)
    position = models.PositiveIntegerField(default=0)
    retired = models.BooleanField(default=False)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint("district", Lower("name"), name="role_name_unique_per_district"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name


class ServiceKind(models.TextChoices):
    DIRECT = "direct", "Direct student services"
    INDIRECT = "indirect", "Indirect student services"
    PROGRAM_SUPPORT = "program_support", "Program planning and school support"
    NON_COUNSELING = "non_counseling", "Non-counseling duties"


class TaskCategory(models.Model):
    """A task type (the reflection table's rows), e.g. "Assessment"."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="task_categories")
    name = models.CharField(max_length=160)
    service_kind = models.CharField(max_length=20, choices=ServiceKind.choices)
    seed_key = models.SlugField(max_length=60, blank=True, editable=False)
    position = models.PositiveIntegerField(default=0)
    retired = models.BooleanField(default=False)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "task categories"
        constraints = [
            models.UniqueConstraint("district", Lower("name"), name="category_name_unique_per_district"),
        ]

    def __str__(self) -> str:
        return self.name


class Task(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="tasks")
    category = models.ForeignKey(TaskCategory, on_delete=models.RESTRICT, related_name="tasks")
    name = models.CharField(max_length=300)
    seed_key = models.SlugField(max_length=60, blank=True, editable=False)
    position = models.PositiveIntegerField(default=0)
    retired = models.BooleanField(default=False)

    objects = CatalogueQuerySet.as_manager()

    class Meta:
        ordering = ["category__position", "position", "name"]
        constraints = [
            models.UniqueConstraint("category", Lower("name"), name="task_name_unique_per_category"),
        ]

    def __str__(self) -> str:
        return self.name


class SchoolLevel(models.TextChoices):
    ELEMENTARY = "elementary", "Elementary"
    MIDDLE = "middle", "Middle"
    HIGH = "high", "High"
    K8 = "k8", "K-8"
    K12 = "k12", "K-12"
    OTHER = "other", "Other"


class School(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="schools")
    name = models.CharField(max_length=200)
    level = models.CharField(max_length=20, choices=SchoolLevel.choices, default=SchoolLevel.ELEMENTARY)
    enrollment = models.PositiveIntegerField(default=0, help_text="Number of students enrolled.")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("district", Lower("name"), name="school_name_unique_per_district"),
        ]

    def __str__(self) -> str:
        return self.name


class Access(models.TextChoices):
    """Access levels inside a district, lowest first."""

    STAFF = "staff", "Staff"
    LEADER = "leader", "School leader"
    ADMIN = "admin", "District admin"


ACCESS_RANK = {Access.STAFF: 0, Access.LEADER: 1, Access.ADMIN: 2}


class StaffQuerySet(models.QuerySet):
    def mental_health(self):
        return self.filter(role__is_mental_health=True)

    def active(self):
        """People still working in the district (not deactivated)."""
        return self.filter(deactivated_at__isnull=True)

    def deactivated(self):
        return self.filter(deactivated_at__isnull=False)


class StaffMember(models.Model):
    """A person working in a district, with or without a login."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="staff")
    name = models.CharField(max_length=200)
    email = models.EmailField(max_length=254)
    role = models.ForeignKey(Role, on_delete=models.RESTRICT, related_name="staff")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_member",
    )
    can_log_in = models.BooleanField(default=False)
    access = models.CharField(max_length=10, choices=Access.choices, default=Access.STAFF)
    invited_at = models.DateTimeField(
        null=True, blank=True, help_text="When the last invitation to choose a password was emailed."
    )
    deactivated_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the person left the district: they cannot log in, get no email and keep their history.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StaffQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "staff member"
        constraints = [
            # An email names one person of a district. Another district may list the same address:
            # refusing it would tell that district the address exists elsewhere (docs/privacy.md).
            models.UniqueConstraint("district", Lower("email"), name="staff_email_unique_per_district_ci"),
        ]
        indexes = [
            models.Index(fields=["district", "name"]),
            # The people who log in, by name: the owner pickers of a district with 10,000 staff read only them.
            models.Index(fields=["district", "name"], condition=Q(can_log_in=True), name="staff_district_login_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def has_access(self, level: str) -> bool:
        return ACCESS_RANK[Access(self.access)] >= ACCESS_RANK[Access(level)]

    @property
    def is_active(self) -> bool:
        """Whether the person still works in the district (``people.leaving`` deactivates and reactivates)."""
        return self.deactivated_at is None


class Assignment(models.Model):
    """A staff member's FTE at one school. A person's FTEs add up to at most 1.0."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="assignments")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="assignments")
    fte = models.DecimalField("FTE", max_digits=3, decimal_places=2)

    class Meta:
        ordering = ["school__name"]
        constraints = [
            models.UniqueConstraint("staff", "school", name="assignment_unique_staff_school"),
            models.CheckConstraint(condition=Q(fte__gt=0) & Q(fte__lte=1), name="assignment_fte_range"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} at {self.school} ({self.fte} FTE)"


class Leadership(models.Model):
    """A school a school leader is given access to."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="leaderships")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="leaderships")

    class Meta:
        constraints = [
            models.UniqueConstraint("staff", "school", name="leadership_unique_staff_school"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} leads {self.school}"


class RosterUpload(SpreadsheetUpload):
    """An uploaded roster file on its way through the import (checked, confirmed, applied by the worker)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(StaffMember, on_delete=models.SET_NULL, null=True, related_name="+")
    deactivate_missing = models.BooleanField(
        default=False, help_text="Deactivate the district's people who are not in the file's staff sheet."
    )

    importer_path = "people.roster.importer.ROSTER"


class SchoolYear(models.Model):
    """A district's school year: its first and last day of school (see ``people.school_calendar``)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="school_years")
    first_day = models.DateField()
    last_day = models.DateField()

    class Meta:
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(condition=Q(last_day__gte=models.F("first_day")), name="school_year_in_order"),
            models.UniqueConstraint("district", "first_day", name="school_year_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.first_day:%B %-d, %Y} to {self.last_day:%B %-d, %Y}"


class Closure(models.Model):
    """Days without school inside a school year: a holiday or a break."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="closures")
    name = models.CharField(max_length=120)
    first_day = models.DateField()
    last_day = models.DateField()

    class Meta:
        ordering = ["first_day", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(last_day__gte=models.F("first_day")), name="closure_in_order"),
        ]

    def __str__(self) -> str:
        return self.name
