"""Placeholder: being written."""


def school_list(request, *args, **kwargs):
    raise NotImplementedError


def school_new(request, *args, **kwargs):
    raise NotImplementedError


def school_detail(request, *args, **kwargs):
    raise NotImplementedError


def school_edit(request, *args, **kwargs):
    raise NotImplementedError


def school_delete(request, *args, **kwargs):
    raise NotImplementedError
