"""No translated interface string keeps an English key term the glossary renders in its locale."""

from __future__ import annotations

import re

import pytest

from advocacy.translations.catalog_terms import (
    RENDERED,
    GlossaryTerm,
    checked_terms,
    glossary_terms,
    kept_english,
)
from tests.translations.test_strings import CATALOG_LOCALES, catalog_path, forms, read_catalog

STATUSES = RENDERED | {"no source"}


def translations(locale: str) -> list[tuple[str, str]]:
    pairs = []
    for message in read_catalog(catalog_path(locale), locale):
        if message.id:
            msgid = message.id[0] if isinstance(message.id, tuple) else message.id
            pairs.extend((msgid, text) for text in forms(message))
    return pairs


@pytest.mark.parametrize("locale", CATALOG_LOCALES)
def test_no_translation_keeps_an_english_term_the_glossary_renders(locale):
    kept = kept_english(locale, translations(locale))
    assert kept == [], "\n".join(
        f"{k.english!r} kept in {k.translation!r} (msgid {k.msgid!r}); "
        f"the glossary's {locale} form of term {k.term.term}: {k.term.form!r}"
        for k in kept
    )


def test_the_term_file_covers_every_catalog_locale_and_term():
    terms = glossary_terms()
    assert {t.locale for t in terms} == set(CATALOG_LOCALES)
    numbers = sorted({t.term for t in terms})
    assert numbers == list(range(1, numbers[-1] + 1)), "terms are numbered as in the glossary"
    assert len(terms) == len(numbers) * len(CATALOG_LOCALES), "one row per term and locale"


def test_every_rendering_names_its_source_or_says_it_is_unreviewed():
    for row in glossary_terms():
        assert row.status in STATUSES, row
        if row.status in {"glossary", "found"}:
            assert row.form and row.source and row.confidence, row
        elif row.status == "interface choice":
            assert row.form and not row.source and row.confidence == "unreviewed", row
        else:
            assert not row.form and not row.source, row


def test_terms_the_glossary_keeps_in_english_are_allowed():
    # The Bundestag writes "Red Notice" in German; Spanish text keeps "Operation Sky Net".
    german = {t.term: t for t in checked_terms("de")}
    assert 11 not in german and 8 in german
    assert kept_english("de", [("x", "Jede Red Notice prüfen")]) == []
    assert 1 not in {t.term for t in checked_terms("es")}


def test_interface_choices_are_marked_unreviewed_in_the_catalogs():
    for term in glossary_terms():
        if term.status != "interface choice":
            continue
        text = catalog_path(term.locale).read_text(encoding="utf-8")
        if term.form in text:
            assert f"glossary term {term.term} (" in text, (term.locale, term.form)


# --- The check itself finds what it should ----------------------------------------------------------


def term(english: str, locale: str, form: str, status: str = "glossary") -> GlossaryTerm:
    return GlossaryTerm(1, "t", re.compile(english), locale, form, "src", "high", status, "")


@pytest.mark.parametrize(
    ("translation", "found"),
    [
        ("Extradition treaty: كۈچكە ئىگە", "Extradition treaty"),
        ("请议员提出 written question", "written question"),
        ("%(date)s تارىخىدىن باشلاپ NSC بىلەن", "NSC"),
        ("Zawiesić: extradition treaties", "extradition treaties"),
    ],
)
def test_an_english_term_left_in_a_translation_is_found(translation, found):
    terms = [
        term(r"(?i:\bextradition (?:treaty|treaties)\b)", "ug", "ئۆتكۈزۈپ بېرىش شەرتنامىسى"),
        term(r"(?i:\bwritten(?:[- ]parliamentary)? questions?\b)", "ug", "يازما سوئال"),
        term(r"(?i:\bnational supervisory commission\b)|\bNSC\b", "ug", "دۆلەتلىك نازارەت كومىتېتى"),
    ]
    kept = kept_english("ug", [("msgid", translation)], terms)
    assert [k.english for k in kept] == [found]


def test_placeholders_and_other_locales_and_unsourced_terms_are_not_findings():
    terms = [
        term(r"(?i:\bred notices?\b)", "ug", "قىزىل تاشلىق تۇتۇش بۇيرۇقى"),
        term(r"(?i:\bfox hunt\b)", "ug", "", status="no source"),
        term(r"(?i:\bnon-refoulement\b)", "fr", "non-refoulement"),
    ]
    pairs = [("a", "%(red_notice)s بۇيرۇقى"), ("b", "Fox Hunt (猎狐)"), ("c", "le non-refoulement")]
    assert kept_english("ug", pairs, terms) == []
    assert kept_english("fr", pairs, terms) == []
    assert [k.msgid for k in kept_english("ug", [("d", "a Red Notice")], terms)] == ["d"]
