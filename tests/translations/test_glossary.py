# ruff: noqa: E501
"""The glossary check: every term of shared/reference/glossary.md per locale, with its source,
contested terms explained, and usable on any pair of strings (templates, interface, data)."""

from __future__ import annotations

import re

import pytest

from advocacy.translations.glossary import Rendering, glossary_findings, misses, terms

LOCALES = ("en", "fr", "de", "es", "nl", "pl", "sv", "zh_Hans", "zh_Hant", "ug")


# (locale, English, translated as established, translated otherwise, the term flagged)
TABLE = [
    ("zh_Hans", "They were persuaded to return.", "他们被“劝返”。", "他们被说服回国。", "persuaded-to-return"),
    ("zh_Hant", "They were persuaded to return.", "他們被「勸返」。", "他們被說服回國。", "persuaded-to-return"),
    ("fr", "Uyghurs abroad", "les Ouïghours à l'étranger", "les Uyghurs à l'étranger", "uyghur"),
    ("ug", "Uyghurs abroad", "چەتئەلدىكى ئۇيغۇرلار", "چەتئەلدىكى Uyghurs", "uyghur"),
    ("de", "the extradition treaty", "der Auslieferungsvertrag", "der Vertrag über Auslieferung", "extradition-treaty"),
    ("es", "an INTERPOL Red Notice", "una notificación roja", "un aviso rojo", "red-notice"),
    ("ug", "transnational repression", "دۆلەت ھالقىغان باستۇرۇش", "transnational repression", "transnational-repression"),
    ("ug", "the Sky Net campaign", "«Sky Net» (天网) ھەرىكىتى", "ئاسمان تورى ھەرىكىتى", "sky-net"),
    ("pl", "the National Supervisory Commission", "Państwowej Komisji Nadzoru", "Komitetu", "national-supervisory-commission"),
    ("sv", "a written question", "en skriftlig fråga", "en fråga", "written-question"),
    ("nl", "non-refoulement", "het non-refoulement principe", "het terugzendverbod", "non-refoulement"),
    ("zh_Hans", "the Ministry of Public Security", "公安部", "警察部", "ministry-of-public-security"),
    ("fr", "attempted involuntary return", "tentative de retour forcé", "tentative de retour", "involuntary-returns"),
]  # fmt: skip


@pytest.mark.parametrize(("locale", "english", "good", "bad", "term"), TABLE)
def test_each_term_is_checked_in_each_locale_it_has_a_source_for(locale, english, good, bad, term):
    assert misses(english, good, locale) == []
    assert [miss.term.id for miss in misses(english, bad, locale)] == [term]


@pytest.mark.parametrize(
    ("locale", "english"),
    [("ug", "the CCDI"), ("sv", "transnational repression"), ("pl", "the extradition treaty"), ("zh_Hans", "a written question")],
)  # fmt: skip
def test_a_locale_the_glossary_has_no_source_for_is_not_checked(locale, english):
    assert misses(english, "anything at all", locale) == []


def test_a_contested_term_is_explained_with_its_source():
    [finding] = glossary_findings("They were persuaded to return.", "他们被说服回国。", "zh_Hans")
    assert finding.level == "warning" and finding.code == "glossary"
    assert "劝返" in finding.message and "m.guancha.cn" in finding.message
    assert "Contested:" in finding.message and "euphemism" in finding.message
    [plain] = glossary_findings("the Ministry of Public Security", "警察部", "zh_Hans")
    assert "Contested:" not in plain.message


def test_the_check_runs_on_interface_strings_and_data_too():
    msgid, kept = "Extradition treaty: in force", "Extradition treaty: 已生效"
    assert [f.code for f in glossary_findings(msgid, kept, "zh_Hans")] == ["glossary"]
    assert glossary_findings(msgid, "引渡条约：已生效", "zh_Hans") == []
    court = "refused extradition over the risk of involuntary return"
    assert glossary_findings(court, "a refusé l'extradition vu le risque de rapatriement forcé", "fr") == []


def test_the_data_keeps_every_term_of_the_glossary_with_its_source():
    found = terms()
    assert len(found) == 18 and len({t.id for t in found}) == 18
    assert [t.number for t in found] == list(range(1, 19))
    for term in found:
        assert set(term.locales) == set(LOCALES), term.id
        assert term.english and term.title
        assert re.compile(term.english_pattern).search(term.title), term.id
        for locale, rendering in term.locales.items():
            if rendering.status == "no source":
                assert rendering.term is None and rendering.confidence == "no source", (term.id, locale)
            elif rendering.status == "interface choice":
                assert rendering.term and rendering.source is None, (term.id, locale)
                assert rendering.confidence == "unreviewed" and not rendering.accepted, (term.id, locale)
            else:
                assert rendering.status in {"glossary", "found"}, (term.id, locale)
                assert rendering.term and rendering.source and rendering.confidence, (term.id, locale)
            if rendering.accepted:  # the forms accepted include the term as the glossary read it
                assert rendering.status in {"glossary", "no source"}, (term.id, locale)
                read = (rendering.term or "").casefold().replace("’", "'")
                assert rendering.term is None or any(form.casefold() in read for form in rendering.accepted)
    contested = {t.id for t in found if t.contested}
    assert {"persuaded-to-return", "sky-net", "national-supervisory-commission", "red-notice"} <= contested


@pytest.mark.parametrize(
    ("locale", "english", "status"),
    [
        ("sv", "a mutual legal assistance treaty", "interface choice"),
        ("ug", "the extradition treaty", "interface choice"),
        ("pl", "the extradition treaty", "found"),
        ("zh_Hans", "a written question", "found"),
    ],
)
def test_renderings_the_glossary_has_no_source_for_are_never_template_warnings(locale, english, status):
    [term] = [t for t in terms() if re.search(t.english_pattern, english)]
    assert term.locales[locale].status == status and term.locales[locale].term
    assert misses(english, "anything at all", locale) == []
    assert glossary_findings(english, "anything at all", locale) == []


def test_a_rendering_is_checked_only_when_the_glossary_establishes_it():
    glossary_cell = Rendering("Skynet", "src", "medium", ("Skynet",), "glossary")
    chosen = Rendering("Skynet", None, "unreviewed", ("Skynet",), "interface choice")
    assert glossary_cell.checked and not chosen.checked
