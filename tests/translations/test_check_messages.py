"""Check messages in the translator's terms, the checks following the typing (JSON for the
page's script), and the preview of a locale with no country of its own."""

from __future__ import annotations

import pytest

from advocacy.core.extensions import db
from advocacy.letters.template import LetterTemplate
from advocacy.translations.checks import check_translation
from advocacy.translations.preview import preview_countries
from advocacy.translations.sample import SAMPLE_PERSONAL, preferred_countries
from tests.helpers import csrf_token, sign_in

ENGINE_WORDS = ("dict object", "has no attribute", "is undefined", "end-punctuation", "UndefinedError")


def letter(body: str, locale: str = "fr") -> LetterTemplate:
    return LetterTemplate("sanctions", locale, "Objet", "letter", "not-reviewed", body)


@pytest.mark.parametrize(
    ("source", "draft", "named"),
    [
        ("Dear {{ sender.town }}.", "Cher {{ sender.towne }}.", "{{ sender.towne }}"),
        ("Dear {{ sender.town }}.", "Cher {{ sendr.town }}.", "{{ sendr.town }}"),
        ("I live in {{ nowhere.town }}.", "J'habite {{ nowhere.town }}.", "{{ nowhere.town }}"),
    ],
)
def test_a_placeholder_the_data_lacks_is_named_as_typed(source, draft, named):
    context = {"sender": {"town": "Lyon"}}
    findings = check_translation(letter(source, "en"), letter(draft), context, None)
    errors = [f for f in findings if f.level == "error"]
    assert errors and any(named in f.message for f in errors)
    assert not any(word in f.message for f in findings for word in ENGINE_WORDS)


def test_a_paragraph_count_mismatch_says_what_differs():
    findings = check_translation(letter("One.\n\nTwo.", "en"), letter("Un. Deux."), {}, None)
    assert [(f.code, f.level) for f in findings] == [("paragraphs", "warning")]
    assert "1 paragraphs in translation but 2 in English" in findings[0].message


def test_uyghur_previews_where_the_uyghurs_cases_are(app):
    import collections
    import csv

    from advocacy.core.settings import PROJECT_ROOT

    with (PROJECT_ROOT / "data" / "cases.csv").open(encoding="utf-8") as handle:
        counted = collections.Counter(
            r["country"] for r in csv.DictReader(handle) if r["target_group"] == "Uyghur"
        )
    with app.app_context():
        preferred = preferred_countries(db.session, "ug")
        french = preferred_countries(db.session, "fr")
    assert preferred[0] == "CN"  # CLDR's territory for Uyghur; no dossier there, so the cases decide
    assert preferred[1:] == sorted(counted, key=lambda code: (-counted[code], code))
    assert french == ["FR"]


def test_the_uyghur_editor_previews_a_uyghur_paragraph_with_a_sensible_country(app, people):
    client = app.test_client()
    assert sign_in(client, people["admin"]).status_code == 302
    html = client.get("/translate/ug/do-not-ratify").get_data(as_text=True)
    assert SAMPLE_PERSONAL["ug"] in html
    with app.app_context():
        preferred = preferred_countries(db.session, "ug")
        codes = preview_countries(db.session, "do-not-ratify")
    chosen = next(code for code in preferred if code in codes)
    assert f'<option selected value="{chosen}">' in html


def test_the_live_answer_carries_the_checks(app, people):
    client = app.test_client()
    assert sign_in(client, people["translator"]).status_code == 302
    page = client.get("/translate/fr/sanctions").get_data(as_text=True)
    assert 'id="checks-live"' in page
    from tests.translations.test_translate_pages import field_value

    subject, body = field_value(page, "subject"), field_value(page, "body")
    data = {"csrf_token": csrf_token(client), "subject": subject, "country": "FR"}
    good = client.post("/translate/fr/sanctions/preview", data={**data, "body": body}).get_json()
    assert "The checks found nothing to fix." in good["checks"]
    typo = body.replace("{{ sender.town }}", "{{ sender.towne }}")
    bad = client.post("/translate/fr/sanctions/preview", data={**data, "body": typo}).get_json()
    assert "Error (Placeholders)" in bad["checks"] and "{{ sender.towne }}" in bad["checks"]
    assert not any(word in bad["checks"] for word in ENGINE_WORDS)
    unfinished = body.replace("position.", "position", 1)
    reason = {"dismiss-end-punctuation": "kept <as> is"}
    warned = client.post("/translate/fr/sanctions/preview", data={**data, "body": unfinished, **reason})
    checks = warned.get_json()["checks"]
    assert 'name="dismiss-end-punctuation"' in checks and 'value="kept &lt;as&gt; is"' in checks


def test_check_messages_follow_the_interface_language(app, people):
    from advocacy.accounts.models import User
    from advocacy.core.settings import PROJECT_ROOT
    from advocacy.letters.template import load_template

    with app.app_context():
        db.session.query(User).filter_by(email=people["translator"]).update({"interface_locale": "fr"})
        db.session.commit()
    client = app.test_client()
    assert sign_in(client, people["translator"]).status_code == 302
    english = load_template(PROJECT_ROOT / "templates" / "letters", "en", "sanctions")
    data = {
        "csrf_token": csrf_token(client),
        "subject": english.subject,
        "body": english.body,
        "country": "DE",
    }
    checks = client.post("/translate/de/sanctions/preview", data=data).get_json()["checks"]
    assert "La traduction est identique au texte source anglais." in checks
    assert "The translation is identical" not in checks
