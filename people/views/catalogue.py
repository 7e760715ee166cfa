"""Placeholder: being written."""


def catalogue(request, *args, **kwargs):
    raise NotImplementedError


def role_new(request, *args, **kwargs):
    raise NotImplementedError


def role_edit(request, *args, **kwargs):
    raise NotImplementedError


def role_move(request, *args, **kwargs):
    raise NotImplementedError


def role_retire(request, *args, **kwargs):
    raise NotImplementedError


def role_delete(request, *args, **kwargs):
    raise NotImplementedError


def category_new(request, *args, **kwargs):
    raise NotImplementedError


def category_edit(request, *args, **kwargs):
    raise NotImplementedError


def category_move(request, *args, **kwargs):
    raise NotImplementedError


def category_retire(request, *args, **kwargs):
    raise NotImplementedError


def category_delete(request, *args, **kwargs):
    raise NotImplementedError


def task_new(request, *args, **kwargs):
    raise NotImplementedError


def task_edit(request, *args, **kwargs):
    raise NotImplementedError


def task_move(request, *args, **kwargs):
    raise NotImplementedError


def task_retire(request, *args, **kwargs):
    raise NotImplementedError


def task_delete(request, *args, **kwargs):
    raise NotImplementedError
