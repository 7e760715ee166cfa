"""Placeholder: being written."""


def item_list(request, *args, **kwargs):
    raise NotImplementedError


def my_items(request, *args, **kwargs):
    raise NotImplementedError


def school_items(request, *args, **kwargs):
    raise NotImplementedError


def item_new(request, *args, **kwargs):
    raise NotImplementedError


def item_detail(request, *args, **kwargs):
    raise NotImplementedError


def item_edit(request, *args, **kwargs):
    raise NotImplementedError


def item_status(request, *args, **kwargs):
    raise NotImplementedError


def tracker_print(request, *args, **kwargs):
    raise NotImplementedError
