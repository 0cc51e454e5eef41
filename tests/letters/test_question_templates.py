"""Written-question templates: one per chamber, in the chamber's languages, rendered with the real data."""

from __future__ import annotations

import csv
import re
from types import SimpleNamespace

import pytest
from babel.messages.pofile import read_po

from advocacy.core.extensions import db
from advocacy.core.settings import PROJECT_ROOT
from advocacy.countries.repository import countries_with_data, load_dossier
from advocacy.letters.context import FIGURE_ALIASES, build_context
from advocacy.letters.service import letter_context, letter_people
from advocacy.letters.template import load_template, render_letter, template_path, template_structure
from tests.helpers import DATA_DIR

TEMPLATES = PROJECT_ROOT / "templates" / "letters"
# Irish and Māori: English serves those chambers.
SKIPPED_LANGUAGES = {"ga", "mi"}
# The European Parliament's question is offered in these languages only, not all 24.
EU_LANGUAGES = {"en", "de", "fr", "es", "nl", "pl", "sv", "it"}
# The interface's locales: each has a covering letter even without a chamber in its language.
UI_LOCALES = {"fr", "de", "es", "nl", "pl", "sv", "zh_Hans", "zh_Hant", "ug"}
QUESTION_MARKS = "?？؟"
LIMITS = {"eu-parliament": {"words": 200, "questions": 3}, "de-bundestag": {"questions": 2}}
# The longest group name in the European Parliament, as a chamber's list may give it.
LONG_GROUP = "Group of the European People's Party (Christian Democrats)"


def _chambers() -> list[dict[str, str]]:
    with (DATA_DIR / "chambers.csv").open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["written_questions"] == "true"]


CHAMBERS = _chambers()


def expected_languages(chamber: dict[str, str]) -> set[str]:
    """The locales a chamber's question must exist in: English plus the chamber's own languages."""
    languages = (set(chamber["languages"].split()) - SKIPPED_LANGUAGES) | {"en"}
    return languages & EU_LANGUAGES if chamber["id"] == "eu-parliament" else languages


def question_locales(chamber_id: str) -> list[str]:
    """The locale folders that hold this chamber's question."""
    return sorted(p.parent.name for p in TEMPLATES.glob(f"*/pq-{chamber_id}.txt"))


def count_questions(text: str) -> int:
    return sum(text.count(mark) for mark in QUESTION_MARKS)


def test_thirty_five_chambers_take_written_questions():
    assert len(CHAMBERS) == 35


@pytest.mark.parametrize("chamber", CHAMBERS, ids=lambda c: c["id"])
def test_every_chamber_has_its_question_in_its_languages(chamber):
    name = f"pq-{chamber['id']}"
    for locale in sorted(expected_languages(chamber)):
        assert template_path(TEMPLATES, locale, name).exists(), f"{locale}/{name}.txt is missing"
    source = load_template(TEMPLATES, "en", name)
    assert (source.kind, source.review, source.translated_from) == ("question", "source", None)


def test_every_question_language_has_a_covering_letter():
    folders = {p.parent.name for p in TEMPLATES.glob("*/pq-*.txt") if p.stem != "pq-cover"}
    for locale in sorted(folders | UI_LOCALES | {"en"}):
        cover = load_template(TEMPLATES, locale, "pq-cover")
        assert cover.locale == locale, f"{locale}/pq-cover.txt is missing"
        assert cover.kind == "letter"


QUESTION_TRANSLATIONS = sorted(
    (p.parent.name, p.stem) for p in TEMPLATES.glob("*/pq-*.txt") if p.parent.name != "en"
)


@pytest.mark.parametrize(("locale", "name"), QUESTION_TRANSLATIONS, ids="/".join)
def test_translations_keep_the_source_structure(locale, name):
    translation = load_template(TEMPLATES, locale, name)
    source = load_template(TEMPLATES, "en", name)
    assert translation.locale == locale
    assert translation.kind == source.kind
    assert translation.review in {"not-reviewed", "approved"}
    assert translation.translated_from == source.revision, f"{locale}/{name} follows an older source"
    assert template_structure(translation) == template_structure(source)


def _check(rendered, where) -> None:
    assert rendered.subject.strip() and rendered.body.strip(), where
    for text in (rendered.subject, rendered.body):
        assert "None" not in text, (where, text)
        assert "  " not in text, (where, text)


@pytest.mark.parametrize("chamber", CHAMBERS, ids=lambda c: c["id"])
def test_questions_render_for_every_country_the_chamber_serves(site, chamber):
    name = f"pq-{chamber['id']}"
    limits = LIMITS.get(chamber["id"], {})
    with site.app_context():
        codes = sorted(set(chamber["serves"].split()) & countries_with_data(db.session))
        for code in codes:
            dossier = load_dossier(db.session, code)
            for locale in question_locales(chamber["id"]):
                template = load_template(TEMPLATES, locale, name)
                for recipient, group in (("", ""), ("Jean Dupont", ""), ("Jean Dupont", LONG_GROUP)):
                    people = letter_people(
                        sender_town="Lyon", recipient_name=recipient, recipient_group=group
                    )
                    context = letter_context(db.session, dossier, locale, people, chamber["id"])
                    rendered = render_letter(template, context)
                    where = (chamber["id"], code, locale)
                    _check(rendered, where)
                    assert (recipient or "[") in rendered.body, where
                    if "words" in limits:
                        assert len(rendered.body.split()) <= limits["words"], (where, rendered.body)
                    if "questions" in limits:
                        assert count_questions(rendered.body) <= limits["questions"], (where, rendered.body)


def test_eu_and_bundestag_questions_are_rendered_for_their_countries(site):
    """The limits above are only worth something if the countries they cover have data."""
    with site.app_context():
        have = countries_with_data(db.session)
    served = {c["id"]: set(c["serves"].split()) & have for c in CHAMBERS}
    assert len(served["eu-parliament"]) >= 20
    assert served["de-bundestag"] == {"DE"}


def test_covering_letters_render_in_every_locale(site):
    locales = sorted(p.parent.name for p in TEMPLATES.glob("*/pq-cover.txt"))
    with site.app_context():
        dossier = load_dossier(db.session, "FR")
        for locale in locales:
            template = load_template(TEMPLATES, locale, "pq-cover")
            for chamber, town, personal in (("fr-senat", "Lyon", "I care about this."), (None, "", "")):
                people = letter_people(sender_town=town, personal=personal)
                context = letter_context(db.session, dossier, locale, people, chamber)
                rendered = render_letter(template, context)
                _check(rendered, (locale, chamber))
                assert (personal or "") in rendered.body
                assert (chamber is None) or senate_name(locale) in rendered.body, locale


def letter_chamber_name(locale: str, chamber_id: str, name: str) -> str:
    """A chamber's name in a letter's language: its catalog's (read from the .po) where it has one."""
    path = PROJECT_ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return name
    with path.open("rb") as handle:
        return next(m.string for m in read_po(handle, locale=locale) if m.context == chamber_id)


def senate_name(locale: str) -> str:
    return letter_chamber_name(locale, "fr-senat", "Sénat")


# A bracket a template opens around a value that ends with its own: "(Rule 144, Annex III))".
DOUBLED_CLOSE = re.compile(r"[)）]\s*[)）]")


@pytest.mark.parametrize("code, chamber", [("FR", "eu-parliament"), ("NL", "nl-tweede-kamer")])
def test_covering_letters_name_the_chamber_and_procedure_without_doubled_brackets(site, code, chamber):
    """The procedure ("... (Rule 144, Annex III)") and some names carry brackets of their own."""
    with site.app_context():
        dossier = load_dossier(db.session, code)
        found = next(c for c in dossier.chambers if c.id == chamber)
        for locale in question_locales(chamber):
            people = letter_people(sender_town="Lyon")
            context = letter_context(db.session, dossier, locale, people, chamber)
            rendered = render_letter(load_template(TEMPLATES, locale, "pq-cover"), context)
            name = letter_chamber_name(locale, chamber, found.name)
            assert found.procedure in rendered.body and name in rendered.subject, locale
            assert not DOUBLED_CLOSE.search(rendered.subject + rendered.body), (locale, rendered.body)


@pytest.mark.parametrize("locale", sorted(EU_LANGUAGES))
def test_eu_question_names_the_members_group_when_it_is_known(site, locale):
    template = load_template(TEMPLATES, locale, "pq-eu-parliament")
    with site.app_context():
        dossier = load_dossier(db.session, "FR")
        for group in ("", LONG_GROUP):
            people = letter_people(recipient_name="Jean Dupont", recipient_group=group)
            context = letter_context(db.session, dossier, locale, people, "eu-parliament")
            member = next(
                line for line in render_letter(template, context).body.splitlines() if "Jean Dupont" in line
            )
            if group:
                assert member == f"Jean Dupont, {group}", locale  # no placeholder, no doubled bracket
            else:
                assert re.fullmatch(r"Jean Dupont \(\[[^\]]+\]\)", member), locale  # the placeholder stays


def test_french_assembly_question_cites_the_treaty_date_in_french(site):
    with site.app_context():
        people = letter_people(recipient_name="Jean Dupont")
        context = letter_context(db.session, load_dossier(db.session, "FR"), "fr", people, "fr-assemblee")
        rendered = render_letter(load_template(TEMPLATES, "fr", "pq-fr-assemblee"), context)
    assert rendered.locale == "fr"
    assert "17 juillet 2015" in rendered.body
    assert rendered.body.startswith("Jean Dupont attire l'attention du garde des Sceaux")


def test_bundestag_question_has_no_more_than_two_question_marks_in_any_branch():
    """Counts the marks in the template text of each branch, not only in the branches the data reaches."""
    for locale in question_locales("de-bundestag"):
        body = load_template(TEMPLATES, locale, "pq-de-bundestag").body
        assert count_questions(body) <= 2, locale


def _instrument(kind: str, status: str, verified: bool, signed: str | None, in_force: str | None):
    return SimpleNamespace(
        instrument=kind, status=status, signed=signed, in_force=in_force, suspended=None,
        suspended_by_counterpart=None, ended=None, verified=verified,
        source_title="An unverified source (example.org), 12 May 2020",
    )  # fmt: skip


TREATIES = [
    None,
    ("in-force", False, "2007-03-20", "2015-07-17"),
    ("in-force", True, None, None),
    ("signed", False, "2017", None),
    ("signed", True, None, None),
    ("none", True, None, None),
    ("initialled", True, None, None),
    ("ratification-withdrawn", True, "2007-09-06", None),
]
HK_STATUSES = [None, "in-force", "suspended"]


def _branches():
    """Each treaty status, each Hong Kong status with and without an NSC memorandum, figures or not,
    cases or not, a named member or not: twelve combinations, as build_context hands them over."""
    for i in range(12):
        treaty, hk, nsc = TREATIES[i % 8], HK_STATUSES[i % 3], i % 2 == 1
        instruments = []
        if treaty:
            instruments.append(_instrument("extradition-treaty", *treaty))
        if hk:
            instruments.append(_instrument("hk-surrender-agreement", hk, hk != "in-force", None, None))
        if nsc:
            instruments.append(_instrument("nsc-memorandum", "in-force", False, "2018-09-20", None))
        figures = [
            SimpleNamespace(id=figure_id, value="54", qualifier="exact", period_start="2014",
                            period_end="2022-02", verified=True, source_title="A report (2022)")
            for figure_id in FIGURE_ALIASES.values()
        ] if i % 3 else []  # fmt: skip
        people = letter_people(sender_town="Lyon", recipient_name="" if i % 4 < 2 else "Jean Dupont")
        cases = [SimpleNamespace(year=2020, method="", outcome="", person="")] * (3 if i % 5 else 0)
        yield {"instruments": instruments, "public_cases": cases, "figures": figures, "people": people}


@pytest.mark.parametrize(
    "path", sorted(TEMPLATES.glob("*/pq-*.txt")), ids=lambda p: f"{p.parent.name}/{p.stem}"
)
def test_every_branch_renders_even_where_no_country_has_data(path):
    """Switzerland, Norway and Slovakia have no facts yet, and the data changes: try the branches."""
    template = load_template(TEMPLATES, path.parent.name, path.stem)
    chamber = SimpleNamespace(id="xx-chamber", name="Chamber", procedure="Written question (rule 1)",
                              word_limit=None, subquestion_limit=None)  # fmt: skip
    for branch in _branches():
        context = build_context(code="FR", locale=template.locale, rulings=[], all_rulings=[],
                                chamber=chamber, **branch)  # fmt: skip
        _check(render_letter(template, context), (path.parent.name, path.stem))
