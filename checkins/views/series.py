"""Check-in series pages (being built)."""

from django.http import Http404, HttpRequest, HttpResponse


def _todo(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    raise Http404("Not built yet.")


series_list = series_new = series_detail = series_edit = series_send = series_cancel = _todo
series_response = occurrence_move = occurrence_cancel = _todo
calendar_subscription = calendar_rotate = calendar_feed = invitation_settings = _todo
