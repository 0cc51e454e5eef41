"""The one letter path (advocacy.letters.service): prepare once, render per people, one to_bytes."""

from __future__ import annotations

import datetime
import subprocess
from dataclasses import replace
from email.parser import BytesParser
from email.policy import strict
from pathlib import Path

import pytest
from sqlalchemy import event

from advocacy.briefings.content import build_briefing
from advocacy.core.extensions import db
from advocacy.core.settings import PROJECT_ROOT
from advocacy.core.workers import WorkerPool
from advocacy.letters.merge import Merger
from advocacy.letters.outputs import full_text
from advocacy.letters.people import Person
from advocacy.letters.questions import pick_language
from advocacy.letters.service import QUESTION, UnknownLetter, letter_people, prepare, to_bytes
from advocacy.letters.template import load_template
from advocacy.translations.sample import sample_context, sample_people
from advocacy.translations.store import add_from_file
from tests.letters.test_compose import START, csrf
from tests.letters.test_question_compose import FR_QUESTION, edited, preview

ROOT = PROJECT_ROOT / "templates" / "letters"
ACTION = "suspend-extradition-treaty"
# Three campaigners who typed different things: every branch about the people is taken.
WRITERS = [
    {"sender_name": "Ada Example", "sender_town": "Lyon", "recipient_name": "Jean Dupont",
     "recipient_email": "jean.dupont@example.org"},
    {"sender_name": "Bo Li"},
    {"sender_name": "Zoë Brontë", "sender_town": "Paris", "recipient_name": "Marie Curie",
     "recipient_title": "Députée", "recipient_address": "1 rue de l'Université\n75007 Paris",
     "personal": "My cousin was pressed to return."},
]  # fmt: skip


def typed(writer: dict[str, str]) -> dict[str, str]:
    """Fill in what a campaigner left empty, as the composer's form sends it."""
    names = ("sender_town", "recipient_name", "recipient_title", "recipient_address", "recipient_email")
    return {name: "" for name in names} | {"personal": ""} | writer


def web_downloads(client, writer: dict[str, str], locale: str) -> dict[str, bytes]:
    """Compose through real HTTP, change nothing, and download the text and the e-mail."""
    token = csrf(client.get(START).get_data(as_text=True))
    html = client.post(START, data={"csrf_token": token, "letter_locale": locale, **writer})
    fields = edited(html.get_data(as_text=True))
    return {
        kind: client.post(f"/en/letters/download/{kind}", data=fields).get_data() for kind in ("txt", "eml")
    }


def pdf_text(pdf: bytes, folder: Path) -> str:
    path = folder / "letter.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("locale", ["en", "fr", "zh_Hans"])
def test_one_prepare_renders_what_the_web_composer_downloads(site, locale):
    client = site.test_client()
    with site.app_context():
        prepared = prepare(db.session, ROOT, "FR", ACTION, locale)
        for writer in WRITERS:
            people = letter_people(**typed(writer))
            letter = prepared.render(people).finished(people)
            web = web_downloads(client, writer, locale)
            assert to_bytes(letter, "txt") == web["txt"], writer
            mine, theirs = (
                BytesParser(policy=strict).parsebytes(eml) for eml in (to_bytes(letter, "eml"), web["eml"])
            )
            for header in ("Subject", "From", "To", "X-Unsent"):
                assert mine[header] == theirs[header], (writer, header)
            assert mine.get_content() == theirs.get_content()
            assert mine.get_content().replace("\r\n", "\n") == full_text(letter)  # SMTP line ends


class Statements:
    """Record the SQL an engine runs while in use, to show what reads the database."""

    def __init__(self, engine) -> None:
        self.engine, self.seen = engine, []

    def __enter__(self) -> list[str]:
        event.listen(self.engine, "before_cursor_execute", self.record)
        return self.seen

    def __exit__(self, *exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self.record)

    def record(self, connection, cursor, statement, *rest) -> None:
        self.seen.append(statement)


def test_render_reads_nothing_from_the_database(site):
    """The merge's speed: the country, texts and facts are read by prepare(), never per row."""
    with site.app_context():
        prepared = prepare(db.session, ROOT, "FR", ACTION, "fr")
        with Statements(db.engine) as statements:
            letters = [prepared.render(letter_people(**typed(writer))) for writer in WRITERS]
        assert statements == []
    assert "17 juillet 2015" in letters[0].letter.body and "Lyon" in letters[0].letter.body
    assert "My cousin was pressed to return." in letters[2].letter.body
    assert "My cousin" not in letters[0].letter.body


def test_the_merge_prepares_each_language_once(site):
    with site.app_context():
        merger = Merger(ROOT, "FR", ACTION)
        merger.check("en")
        rows = [Person(number=n, line=n + 1, locale="en", sender_name=f"Person {n}") for n in range(1, 4)]
        with Statements(db.engine) as statements:
            english = [merger.letter(person) for person in rows]
        assert statements == [] and {letter.locale for letter in english} == {"en"}
        french = Person(number=4, line=5, locale="fr", sender_name="Ada Example")
        with Statements(db.engine) as statements:
            first = merger.letter(french)
        assert statements, "a new language is prepared when first met"
        with Statements(db.engine) as statements:
            again = merger.letter(french)
        assert statements == [] and again == first and first.locale == "fr"
    assert [letter.sender_name for letter in english] == ["Person 1", "Person 2", "Person 3"]


def test_to_bytes_round_trips_every_format(site, tmp_path):
    with site.app_context():
        people = letter_people(**typed(WRITERS[2]))
        letter = prepare(db.session, ROOT, "FR", ACTION, "fr").render(people).finished(people)
    assert to_bytes(letter, "txt").decode("utf-8") == full_text(letter)
    message = BytesParser(policy=strict).parsebytes(to_bytes(letter, "eml"))
    assert message["Subject"] == letter.subject and message["X-Unsent"] == "1"
    assert message["From"] is None  # the mail program fills in the campaigner's own address
    assert message.get_content().replace("\r\n", "\n") == full_text(letter)  # SMTP line ends
    pool = WorkerPool(size=1, timeout=120, preload=["advocacy.pdf.render"])
    try:
        lines = ["Marie Curie", "Députée", "1 rue de l'Université", "75007 Paris"]
        pdf = to_bytes(letter, "pdf", recipient_lines=lines, pool=pool)
    finally:
        pool.close()
    assert pdf.startswith(b"%PDF-")
    text = " ".join(pdf_text(pdf, tmp_path).split())
    for expected in ("Zoë Brontë", "75007 Paris", "17 juillet 2015", "My cousin was pressed to return."):
        assert expected in text, expected
    with pytest.raises(ValueError, match="no letter format 'doc'"):
        to_bytes(letter, "doc")


def test_a_misfit_is_an_unknown_letter(site):
    with site.app_context():
        with pytest.raises(UnknownLetter, match="does not fit GB"):
            prepare(db.session, ROOT, "GB", ACTION, "en")
        with pytest.raises(UnknownLetter, match="no data for country 'ZZ'"):
            prepare(db.session, ROOT, "ZZ", "sanctions", "en")
        with pytest.raises(UnknownLetter, match="needs the chamber"):
            prepare(db.session, ROOT, "FR", QUESTION, "fr")
        with pytest.raises(UnknownLetter, match="no written-question procedure in 'de-bundestag'"):
            prepare(db.session, ROOT, "FR", QUESTION, "fr", "de-bundestag")
        with pytest.raises(UnknownLetter, match="no question for 'fr-assemblee' in 'zh_Hans'"):
            prepare(db.session, ROOT, "FR", QUESTION, "zh_Hans", "fr-assemblee")


def test_a_question_comes_with_its_covering_letter_as_the_composer_shows_it(site):
    with site.app_context():
        prepared = prepare(db.session, ROOT, "FR", QUESTION, "fr", "fr-assemblee")
        people = letter_people(sender_name="Ada Example", sender_town="Lyon", recipient_name="Jeanne Dupont")
        composed = prepared.render(people)
    assert composed.question is not None and composed.locale == "fr"
    assert composed.question.body.startswith("Jeanne Dupont attire l'attention")
    assert prepared.facts.limits is not None and prepared.facts.chamber.id == "fr-assemblee"
    client = site.test_client()
    web = edited(preview(client, FR_QUESTION, letter_locale="fr", recipient_name="Jeanne Dupont"))
    assert web["question"].strip() == composed.question.body.strip()
    letter = composed.finished(people, chamber="fr-assemblee")
    assert letter.question == composed.question.body
    assert to_bytes(letter, "txt") == client.post("/en/letters/download/txt", data=web).get_data()


def test_the_briefing_drafts_the_same_question(site):
    today = datetime.date(2026, 1, 5)
    with site.app_context():
        briefing = build_briefing(
            db.session, "FR", "fr", templates_root=ROOT, translations_dirs=[PROJECT_ROOT / "translations"],
            today=today,
        )  # fmt: skip
        expected = prepare(db.session, ROOT, "FR", QUESTION, "fr", "fr-assemblee").render(
            letter_people(today=today)
        )
    assert briefing.question is not None and expected.question is not None
    assert (briefing.question.subject, briefing.question.body) == (
        expected.question.subject,
        expected.question.body,
    )


def test_the_translation_preview_renders_with_the_letters_facts(site):
    with site.app_context():
        sample = sample_context(db.session, "sanctions", "fr", "FR")
        people = sample_people("fr")  # the sample's people, its personal paragraph in French
        served = prepare(db.session, ROOT, "FR", "sanctions", "fr").render(people).letter
    template = load_template(ROOT, "fr", "sanctions")
    assert sample.country == "FR"
    assert sample.render(template).body == served.body and sample.render(template).subject == served.subject


def test_one_language_picker_with_the_callers_fallback():
    offered = ["fr", "nl", "de", "en"]
    assert pick_language(offered, "nl_BE") == "nl"  # the base language
    assert pick_language(offered, "zh_Hans") == "fr"  # the composer: the chamber's own first
    assert pick_language(offered, "zh_Hans", fallback="en") == "en"  # the briefing: English
    assert pick_language(["fr"], "zh_Hans", fallback="en") == "fr"  # a fallback not offered is skipped
    assert pick_language(["de", "de_CH"], "de_CH") == "de_CH"  # the exact language before its base
    assert pick_language([], "fr", fallback="en") is None


def test_the_served_text_falls_back_draft_then_english(app):
    people = letter_people(sender_name="Ada Example")
    with app.app_context():
        italian = prepare(db.session, ROOT, "FR", "sanctions", "it").render(people)
        assert (italian.letter.locale, italian.review) == ("en", "english")
        french = load_template(ROOT, "fr", "sanctions")
        subject = "Brouillon : suspendre {{ country.name }}"
        add_from_file(db.session, replace(french, subject=subject, review="not-reviewed"))
        db.session.commit()
        pending = prepare(db.session, ROOT, "FR", "sanctions", "fr").render(people)
    assert (pending.letter.locale, pending.review) == ("fr", "not-reviewed")
    assert pending.letter.subject == "Brouillon : suspendre France"
