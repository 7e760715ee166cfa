"""Placeholder: being written."""


def settings_view(request, *args, **kwargs):
    raise NotImplementedError
