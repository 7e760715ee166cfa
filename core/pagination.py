"""One way to paginate a list page."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_PAGE = 50


def paginate(request: HttpRequest, queryset, per_page: int = PER_PAGE, *, count: int | None = None) -> Page:
    """The requested page of ``queryset``; a bad or out-of-range page number gives the nearest page.

    ``count``: how many rows ``queryset`` has, when the caller already counted them (saves a COUNT query).
    """
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count  # a cached_property: the given figure stands in for the COUNT query
    return paginator.get_page(request.GET.get("page"))


def query_without_page(request: HttpRequest) -> str:
    """The current query string minus ``page``, for pagination links that keep filters."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
