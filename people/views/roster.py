"""Placeholder: being written."""


def roster_upload(request, *args, **kwargs):
    raise NotImplementedError


def roster_preview(request, *args, **kwargs):
    raise NotImplementedError


def roster_export(request, *args, **kwargs):
    raise NotImplementedError
