"""Placeholder: being written."""


def reminder_preferences(request, *args, **kwargs):
    raise NotImplementedError


def tracker_settings(request, *args, **kwargs):
    raise NotImplementedError
