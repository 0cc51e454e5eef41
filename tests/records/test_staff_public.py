"""What staff saves reaches the public side at once, except restricted cases, which never do."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from advocacy.core.extensions import db
from advocacy.records.dataset import current_version
from tests.helpers import printed_briefing
from tests.letters.composing import csrf, details, edited, preview
from tests.records.staff_forms import form_with_action, record_form

SECRET = "Quillon Marchbanks-Vey"  # a name found nowhere in the data
RESTRICTED = {
    "id": "fr-1991-restricted", "country": "FR", "year": "1991", "method": "deportation",
    "outcome": "returned", "target_group": f"{SECRET} family", "person": SECRET, "public": "false",
    "summary": f"{SECRET} was deported in 1991.", "source_url": "",
    "source_title": f"{SECRET} interview notes",
    "confidence": "medium", "verified": "true", "as_of": "2026-11-23",
}  # fmt: skip
LETTER = "/en/countries/FR/write/suspend-extradition-treaty"
QUESTION = "/en/countries/FR/question/fr-assemblee"


def pdf_text(pdf: bytes, folder: Path) -> str:
    path = folder / "briefing.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def unversioned(text: str) -> str:
    """Blank the data version that pages and briefings name (any edit gives a new one)."""
    return re.sub(r"\b[0-9a-f]{16}\b", "VERSION", text)


def without_version(response) -> dict:
    data = json.loads(response.get_data(as_text=True))
    data.pop("data_version")
    return data


def letter_text(client) -> dict[str, str]:
    token = csrf(client.get(LETTER).get_data(as_text=True))
    html = client.post(LETTER, data={"csrf_token": token, **details()}).get_data(as_text=True)
    return {k: v for k, v in edited(html).items() if k in ("subject", "body")}


def question_text(client) -> dict[str, str]:
    fields = edited(preview(client, QUESTION, letter_locale="fr", recipient_name="Jeanne Dupont"))
    return {k: v for k, v in fields.items() if k in ("subject", "body", "question")}


def public_outputs(client, folder: Path) -> dict:
    """Everything a campaigner can get about France, and the lists every country is counted in."""
    briefing = printed_briefing(client.application, client, "/en/countries/FR/briefing.pdf")
    assert briefing.status_code == 200
    return {
        "page": unversioned(client.get("/en/countries/FR").get_data(as_text=True)),
        "french page": unversioned(client.get("/fr/countries/FR").get_data(as_text=True)),
        "index": unversioned(client.get("/en/").get_data(as_text=True)),
        "api": without_version(client.get("/api/v1/countries/FR")),
        "api index": without_version(client.get("/api/v1/countries")),
        "iceland": (
            client.get("/en/countries/IS").status_code,
            client.get("/api/v1/countries/IS").status_code,
        ),
        "letter": letter_text(client),
        "question": question_text(client),
        "briefing": unversioned(pdf_text(briefing.data, folder)),
    }


def version(app) -> str | None:
    with app.app_context():
        return current_version(db.session)


def test_a_restricted_case_added_by_staff_reaches_no_public_output(app, staff, tmp_path):
    public = app.test_client()
    before, old_version = public_outputs(public, tmp_path), version(app)
    assert SECRET not in json.dumps(before, ensure_ascii=False)
    form = record_form(staff, "/staff/cases/new")
    assert staff.post("/staff/cases/new", data={**form, **RESTRICTED}).status_code == 302
    iceland = {**RESTRICTED, "id": "is-1991-restricted", "country": "IS"}
    assert staff.post("/staff/cases/new", data={**form, **iceland}).status_code == 302
    assert version(app) == old_version  # restricted rows are no part of the public data version
    other = "/staff/treaties/au-extradition"  # a public edit elsewhere, so nothing below comes from a cache
    assert staff.post(other, data={**record_form(staff, other), "notes": "Re-checked."}).status_code == 302
    assert version(app) != old_version
    after = public_outputs(public, tmp_path)
    for name in before:
        assert after[name] == before[name], f"the {name} changed"
    assert after["iceland"] == (404, 404)
    overview = staff.get("/staff/?country=FR").get_data(as_text=True)
    row = overview.split('href="/staff/cases/fr-1991-restricted"')[1].split("</tr>")[0]
    assert 'class="restricted">Restricted: staff only</strong>' in row
    page = staff.get("/staff/cases/fr-1991-restricted").get_data(as_text=True)
    assert "Staff only: this case never appears on public pages" in page


def test_staff_flip_a_case_between_public_and_restricted(app, staff, people):
    url = "/staff/cases/fr-2019-2"
    public = app.test_client()
    # The ruling (fr-2019-1) names him too, as the court's decision is public: look for the case.
    case = 'id="case-fr-2019-2"'
    assert case in public.get("/en/countries/FR").get_data(as_text=True)
    restrict = form_with_action(staff.get(url).get_data(as_text=True), f"{url}/public")
    assert restrict["public"] == "false"
    response = staff.post(f"{url}/public", data=restrict, follow_redirects=True)
    assert "The case is now restricted to staff." in response.get_data(as_text=True)
    assert case not in public.get("/en/countries/FR").get_data(as_text=True)
    assert '"fr-2019-2"' not in public.get("/api/v1/countries/FR").get_data(as_text=True)
    # The same button again, from the page as it was before: refused, nothing applied twice.
    again = staff.post(f"{url}/public", data=restrict, follow_redirects=True).get_data(as_text=True)
    assert "the case changed since you opened it" in again
    publish = form_with_action(response.get_data(as_text=True), f"{url}/public")
    assert publish["public"] == "true"
    assert staff.post(f"{url}/public", data=publish).status_code == 302
    assert case in public.get("/en/countries/FR").get_data(as_text=True)
    history = staff.get(f"{url}/history").get_data(as_text=True)
    assert history.count("<code>public</code>") == 2 and people["staff"] in history


def test_an_edit_shows_on_the_country_page_and_in_the_next_briefing(app, staff, tmp_path):
    token = "Cour d'appel de Nouméa Qvortrup"
    public = app.test_client()
    page = public.get("/en/countries/FR").get_data(as_text=True)
    first = printed_briefing(app, public, "/en/countries/FR/briefing.pdf")
    assert (
        first.status_code == 200
        and "Qvortrup" not in page
        and "Qvortrup" not in pdf_text(first.data, tmp_path)
    )
    url = "/staff/rulings/fr-2019-1"
    fields = record_form(staff, url)
    assert staff.post(url, data={**fields, "court": token}).status_code == 302
    assert "Cour d&#39;appel de Nouméa Qvortrup" in public.get("/en/countries/FR").get_data(as_text=True)
    second = printed_briefing(app, public, "/en/countries/FR/briefing.pdf")
    assert second.status_code == 200 and second.headers["ETag"] != first.headers["ETag"]
    assert "Qvortrup" in pdf_text(second.data, tmp_path)
