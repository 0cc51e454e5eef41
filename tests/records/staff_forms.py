"""Read a staff page's forms as a browser would submit them (helpers for the staff tests)."""

from __future__ import annotations

from html.parser import HTMLParser

from tests.helpers import sign_in


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append({"action": found.get("action", ""), "fields": {}})
            return
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        name = found.get("name")
        if tag == "input" and name and found.get("type") not in ("file", "submit"):
            if found.get("type") != "checkbox" or "checked" in found:
                fields[name] = found.get("value", "")
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select:
            if self._select not in fields or "selected" in found:
                fields[self._select] = found.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.forms[-1]["fields"][self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            fields = self.forms[-1]["fields"]
            value = fields[self._textarea]
            fields[self._textarea] = value[2:] if value.startswith("\r\n") else value.removeprefix("\n")
            self._textarea = None


def forms(html: str) -> list[dict]:
    """Every form on the page: its action and the values a browser would send."""
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def record_form(client, url: str) -> dict[str, str]:
    """The record form's values (the first form with a base field) on the page at url."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return next(f["fields"] for f in forms(response.get_data(as_text=True)) if "base" in f["fields"])


def form_with_action(html: str, action: str) -> dict[str, str]:
    return next(f["fields"] for f in forms(html) if f["action"] == action)


def signed_in(app, email: str):
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client
