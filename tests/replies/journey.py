"""What the reply tests share: a finished letter (with a member chosen from the list), its code."""

from __future__ import annotations

import re
from html import unescape

from advocacy.core.settings import PROJECT_ROOT
from tests.letters.composing import csrf, details, edited

START = "/en/countries/FR/write/suspend-extradition-treaty"
MEP = "eu-parliament:sample-person-1"  # Avery Example, in the fictional sample list
SAMPLES = PROJECT_ROOT / "data" / "samples"


def import_members(app) -> None:
    result = app.test_cli_runner().invoke(
        args=["reps", "import", str(SAMPLES / "representatives-eu-parliament.popolo.json"), "--chamber",
              "eu-parliament"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output


def finished(client, *, choose: str = "", url: str = START, lang: str = "en", **typed: str) -> str:
    """Compose a letter (choosing a listed member when asked), finish it; return the finished page."""
    page = client.get(url.replace("/en/", f"/{lang}/")).get_data(as_text=True)
    fields = {"csrf_token": csrf(page), **details(**typed)}
    if choose:
        chosen = client.post(url, data={**fields, "choose": choose}).get_data(as_text=True)
        assert f'name="recipient_id" value="{choose}"' in chosen  # the chooser carries the choice
        fields |= inputs(chosen, "compose-form") | typed  # what was typed after choosing wins
    html = client.post(url, data=fields).get_data(as_text=True)
    response = client.post(f"/{lang}/letters/finish", data=edited(html))
    assert response.status_code == 200
    return response.get_data(as_text=True)


def inputs(html: str, form_id: str) -> dict[str, str]:
    """A form's inputs (text and hidden) and selected options, as the browser would post them."""
    form = html.split(f'id="{form_id}"')[1].split("</form>")[0]
    found = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and value and 'type="radio"' not in tag:
            found[name.group(1)] = unescape(value.group(1))
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option selected value="([^"]*)"', body)
        if chosen:
            found[name] = unescape(chosen.group(1))
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>\n?(.*?)</textarea>', form, re.S):
        found[name] = unescape(body)
    return found


def get_code(client, page: str, lang: str = "en") -> tuple[str, str]:
    """Press "Get a code" on a finished page; return the code and the page that shows it."""
    response = client.post(f"/{lang}/letters/reply-code", data=inputs(page, "reply-code-form"))
    assert response.status_code == 200, response.status_code
    html = response.get_data(as_text=True)
    return re.search(r'id="reply-code-value">([^<]+)<', html).group(1), html


def report(client, code: str, **answer: str):
    """Send a report for a code through its page's form."""
    page = client.get(f"/en/reply/{code}").get_data(as_text=True)
    return client.post("/en/reply/report", data={"csrf_token": csrf(page), "code": code, **answer})
