"""Reading a page's form the way a browser does, for tests that post it back."""

from __future__ import annotations

from html.parser import HTMLParser

from django.http import HttpResponse
from django.test import Client


class _FormValues(HTMLParser):
    """Collects what a browser would submit from the page's first POST form (no button values)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self.hidden: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._option_value: str | None = None
        self._done = False
        self._in_form = False

    def _add(self, name: str, value: str) -> None:
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "input" and found.get("type") == "hidden" and found.get("name"):
            self.hidden[found["name"]] = found.get("value", "")
        if tag == "form" and not self._done and found.get("method", "").lower() == "post":
            self._in_form = True
        if not self._in_form:
            return
        name = found.get("name", "")
        if tag == "input" and name and "disabled" not in found:
            kind = found.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in found:
                    self._add(name, found.get("value", "on"))
            elif kind not in ("submit", "button", "reset", "file", "image"):
                self._add(name, found.get("value", ""))
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, [])
        elif tag == "option" and self._select is not None and "selected" in found:
            self._option_value = found.get("value")
            if self._option_value is not None:
                self._add(self._select, self._option_value)
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self.values[self._textarea][-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._textarea is not None and self.values[self._textarea][-1].startswith("\n"):
                self.values[self._textarea][-1] = self.values[self._textarea][-1][1:]
            self._textarea = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True


def form_values(page: HttpResponse | str) -> dict[str, str | list[str]]:
    """What the main content's first POST form would submit as it stands (the CSRF token left out).

    A field with one value maps to that value, a multiple select or repeated checkbox to a list.
    """
    text = page if isinstance(page, str) else page.content.decode()
    parser = _FormValues()
    parser.feed(text[text.find("<main") :] if "<main" in text else text)
    parser.values.pop("csrfmiddlewaretoken", None)
    return {name: values[0] if len(values) == 1 else values for name, values in parser.values.items()}


def hidden_inputs(client: Client, url: str) -> dict[str, str]:
    """The hidden inputs of the page at ``url`` (e.g. a stale-edit snapshot ``seen``), by name."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    parser = _FormValues()
    parser.feed(response.content.decode())
    parser.hidden.pop("csrfmiddlewaretoken", None)
    return parser.hidden
