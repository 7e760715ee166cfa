"""The one place that decides what a user may see and change.

Views never query tenant data directly by primary key: they call a helper
here, which returns the object only if it belongs to the user's district and
the user may see it. Anything else is a 404 — a user of another district
cannot even learn that a row exists. Too little access inside one's own
district is a 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django_htmx.middleware import HtmxDetails

from people.models import Access, District, School, StaffMember

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


def member_for(user: User | AnonymousUser) -> StaffMember | None:
    """The staff member a logged-in user is, with district and role loaded."""
    if not user.is_authenticated:
        return None
    try:
        member = (
            StaffMember.objects.select_related("district", "role")
            .only(
                "id",
                "name",
                "email",
                "access",
                "can_log_in",
                "deactivated_at",
                "district",
                "role",
                "user_id",
                "district__name",
                "district__slug",
                "district__time_zone",
                "district__min_group_size",
                "district__hours_per_fte",
                "role__name",
                "role__short_name",
                "role__is_mental_health",
            )
            .get(user=user)
        )
    except StaffMember.DoesNotExist:
        return None
    return member if member.can_log_in and member.is_active else None


LINKS_ENDED = Q(deactivated_at__isnull=False) | (
    Q(user__isnull=False) & (Q(can_log_in=False) | Q(user__is_active=False))
)
"""Staff whose personal links have ended (:func:`personal_links_end`), as a filter on ``StaffMember``."""

LINKS_ENDED_MESSAGE = (
    "This personal link no longer works: the access it was made for has ended. "
    "If you think this is a mistake, ask your district's Top of License administrator."
)


def personal_links_end(staff: StaffMember) -> bool:
    """Whether ``staff``'s personal links (calendar feed, poll and attendance answers) have ended.

    A personal link works only while its holder keeps the access it was made for. A person who was
    given a login and no longer has it — removed by an admin (``can_log_in`` off) or the account
    deactivated — loses every link at once: the link's page says so instead of acting. A person who
    never had a login (a teacher invited to a poll) keeps theirs, since the link is their only way
    in. Removal from a series or a poll ends that link too (their row goes), and a person who left
    the district (deactivated, ``people.leaving``) loses every link, login or not. ``LINKS_ENDED``
    is the same rule as a query filter.
    """
    if staff.deactivated_at is not None:
        return True
    if staff.user_id is None:
        return False
    return not staff.can_log_in or not staff.user.is_active  # type: ignore[union-attr]


def district_view(access: str = Access.STAFF) -> Callable:
    """Decorate a view that works inside the user's district.

    Anonymous users go to the login page; a superuser without a district goes
    to the district list; a member with less than ``access`` gets a 403.
    The view receives ``request.member`` and ``request.district``.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            member = request.member  # type: ignore[attr-defined]
            if member is None:
                if request.user.is_superuser:
                    return redirect("people:districts")
                raise PermissionDenied("Your account is not part of a district.")
            if not member.has_access(access):
                raise PermissionDenied("Your access level does not allow this page.")
            return view(request, *args, **kwargs)

        wrapper.required_access = access  # type: ignore[attr-defined]
        return wrapper

    return decorator


def superuser_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_superuser:
            raise PermissionDenied("Only operators of this deployment manage districts.")
        return view(request, *args, **kwargs)

    return wrapper


class DistrictRequest(HttpRequest):
    """A request to a view behind ``district_view``: it always has a member and a district."""

    member: StaffMember
    district: District
    htmx: HtmxDetails


M = TypeVar("M", bound=Model)


def in_district(queryset: QuerySet[M], district: District, pk: Any) -> M:
    """Fetch one row of ``queryset`` in ``district`` or raise 404."""
    try:
        return queryset.get(district=district, pk=pk)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Not found.") from exc


def require_admin(member: StaffMember) -> None:
    if not member.has_access(Access.ADMIN):
        raise PermissionDenied("Only district admins can change this.")


def led_school_ids(member: StaffMember) -> set[int]:
    """Schools a member leads; every school of the district for an admin."""
    if member.has_access(Access.ADMIN):
        return set(School.objects.filter(district_id=member.district_id).values_list("id", flat=True))
    if member.has_access(Access.LEADER):
        return set(member.leaderships.values_list("school_id", flat=True))
    return set()


def can_lead_school(member: StaffMember, school: School) -> bool:
    if school.district_id != member.district_id:
        return False
    if member.has_access(Access.ADMIN):
        return True
    return member.has_access(Access.LEADER) and member.leaderships.filter(school=school).exists()
