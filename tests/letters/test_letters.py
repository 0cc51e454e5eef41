"""Letter templates rendered with the real data: every fitting action, every country."""

from __future__ import annotations

import re

import pytest

from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES
from advocacy.core.sandbox import TemplateError
from advocacy.core.settings import PROJECT_ROOT
from advocacy.countries.repository import countries_with_data, load_dossier
from advocacy.letters.service import UnknownLetter, letter_people, prepare
from advocacy.letters.template import available_templates, load_template, parse_template

TEMPLATES = PROJECT_ROOT / "templates" / "letters"
LETTER_ACTIONS = [
    "suspend-extradition-treaty", "do-not-ratify", "no-new-treaty", "suspend-hk-agreement",
    "end-nsc-cooperation", "reporting-mechanism", "sanctions",
]  # fmt: skip
PEOPLE = letter_people(sender_name="Ada Example", sender_town="Lyon", recipient_name="Jean Dupont")


def test_every_action_has_an_english_template():
    assert set(LETTER_ACTIONS) <= set(available_templates(TEMPLATES, "en"))


def test_every_fitting_letter_renders_for_every_country(site):
    with site.app_context():
        rendered = 0
        for code in sorted(countries_with_data(db.session)):
            for action in load_dossier(db.session, code).actions:
                if action.id not in LETTER_ACTIONS:
                    continue
                letter = prepare(db.session, TEMPLATES, code, action.id, "en").render(PEOPLE).letter
                assert letter.subject and len(letter.body.split()) > 60, (code, action.id)
                assert "None" not in letter.body and "  " not in letter.body, (code, action.id, letter.body)
                rendered += 1
        assert rendered > 100


def test_facts_come_from_the_data(site):
    with site.app_context():
        letter = (
            prepare(db.session, TEMPLATES, "FR", "suspend-extradition-treaty", "en").render(PEOPLE).letter
        )
    assert "has been in force since 17 July 2015" in letter.body
    assert "signed on 20 March 2007" in letter.body
    assert "10,105" in letter.body
    assert (
        letter.subject == "Please press for the suspension of the extradition treaty between France and China"
    )
    assert "in Lyon" in letter.body


def test_unverified_fact_is_phrased_with_its_source(site):
    with site.app_context():
        letter = prepare(db.session, TEMPLATES, "CZ", "suspend-hk-agreement", "en").render(PEOPLE).letter
    assert re.search(r"According to .+?, the agreement", letter.body)
    assert "could not verify" in letter.body


def test_action_that_does_not_fit_is_refused(site):
    with site.app_context(), pytest.raises(UnknownLetter):
        prepare(db.session, TEMPLATES, "GB", "suspend-extradition-treaty", "en")


def test_missing_locale_falls_back_to_english():
    template = load_template(TEMPLATES, "xx", "sanctions")
    assert template.locale == "en"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("subject: x\nkind: letter\nreview: source\nbody without separator", "must end with a line '---'"),
        ("subject: x\nkind: memo\nreview: source\n---\nbody", "kind must be letter or question"),
        ("subject: x\nkind: letter\nreview: source\nauthor: me\n---\nbody", "unknown header line"),
        ("kind: letter\nreview: source\n---\nbody", "needs 'subject:'"),
    ],
)
def test_bad_headers_are_refused(text, message):
    with pytest.raises(TemplateError, match=message):
        parse_template(text, "x", "en")


TRANSLATED = sorted(p.name for p in TEMPLATES.iterdir() if p.is_dir() and p.name != "en")
# Letters exist in every interface locale; other folders hold written questions only.
LETTER_LOCALES = sorted(set(LOCALES.values()) - {"en"})


def test_every_interface_locale_has_every_letter():
    for locale in LETTER_LOCALES:
        assert set(LETTER_ACTIONS) <= set(available_templates(TEMPLATES, locale)), locale


@pytest.mark.parametrize("locale", TRANSLATED)
def test_translations_keep_the_source_structure(locale):
    from advocacy.letters.template import template_structure

    for name in available_templates(TEMPLATES, locale):
        translation = load_template(TEMPLATES, locale, name)
        source = load_template(TEMPLATES, "en", name)
        assert translation.locale == locale
        assert translation.review in {"not-reviewed", "approved"}, name
        assert translation.translated_from == source.revision, f"{locale}/{name} follows an older source"
        assert template_structure(translation) == template_structure(source), f"{locale}/{name}"


@pytest.mark.parametrize("locale", LETTER_LOCALES)
def test_translations_render_for_every_country(site, locale):
    with site.app_context():
        for code in sorted(countries_with_data(db.session)):
            for action in load_dossier(db.session, code).actions:
                if action.id in LETTER_ACTIONS:
                    letter = prepare(db.session, TEMPLATES, code, action.id, locale).render(PEOPLE).letter
                    assert letter.locale == locale and letter.body.strip(), (code, action.id)
