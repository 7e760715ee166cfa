"""Placeholder: being written."""


def staff_list(request, *args, **kwargs):
    raise NotImplementedError


def staff_new(request, *args, **kwargs):
    raise NotImplementedError


def staff_detail(request, *args, **kwargs):
    raise NotImplementedError


def staff_edit(request, *args, **kwargs):
    raise NotImplementedError
