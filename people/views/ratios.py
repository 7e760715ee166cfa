"""Placeholder: being written."""


def ratios_view(request, *args, **kwargs):
    raise NotImplementedError
