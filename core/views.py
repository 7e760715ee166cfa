"""Placeholder: being written."""


def home(request, *args, **kwargs):
    raise NotImplementedError


def district_list(request, *args, **kwargs):
    raise NotImplementedError


def district_new(request, *args, **kwargs):
    raise NotImplementedError
