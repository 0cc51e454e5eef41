"""What the composer tests share: reading a form's token and fields, a letter's details, a preview."""

from __future__ import annotations

import re
from html import unescape


def csrf(html: str) -> str:
    """The page's CSRF token."""
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def hidden_fields(html: str) -> dict[str, str]:
    """The hidden fields of the finished letter's download form."""
    form = html.split('action="/en/letters/download/txt"')[1].split("</form>")[0]
    return {
        k: unescape(v) for k, v in re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', form)
    }


def details(**overrides: str) -> dict[str, str]:
    """A campaigner's details for the letter form."""
    return {"sender_name": "Ada Example", "sender_town": "Lyon", "recipient_name": "Jean Dupont",
            "recipient_email": "jean.dupont@example.org", "letter_locale": "en", **overrides}  # fmt: skip


def preview(client, url: str, **fields: str) -> str:
    """Post the question form at url with a sender; return the draft page."""
    token = csrf(client.get(url).get_data(as_text=True))
    data = {"csrf_token": token, "sender_name": "Ada Example", "sender_town": "Lyon", **fields}
    response = client.post(url, data=data)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def edited(html: str, **changes: str) -> dict[str, str]:
    """Take the preview's hidden fields and textareas, with the campaigner's edits."""
    fields = {
        k: unescape(v) for k, v in re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', html)
    }
    fields["subject"] = unescape(re.search(r'name="subject"[^>]*value="([^"]*)"', html).group(1))
    for name in ("body", "question"):
        found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>\n?(.*?)</textarea>', html, re.S)
        if found:
            fields[name] = unescape(found.group(1))
    return {**fields, "csrf_token": csrf(html), **changes}
