"""Placeholder: being written."""


def tracker_export(request, *args, **kwargs):
    raise NotImplementedError


def tracker_import(request, *args, **kwargs):
    raise NotImplementedError


def tracker_import_preview(request, *args, **kwargs):
    raise NotImplementedError
