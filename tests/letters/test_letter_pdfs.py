"""Every letter and question template, printed for real and read back.

For each templates/letters/<locale>/<name>.txt (found when tests are collected, so new
templates are checked without editing this file): compose it from the bundled data for a
country it applies to, lay it out (letter_html), print it through a worker pool
(letter_pdf), then read the PDF back with poppler and pikepdf. Each locale's documents are
printed together, in parallel, the first time one of them is asked for.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from sqlalchemy import select

from advocacy.core import settings as config
from advocacy.core.extensions import db
from advocacy.core.workers import WorkerPool
from advocacy.countries.models import Chamber
from advocacy.countries.repository import Dossier, countries_with_data, load_dossier
from advocacy.letters.outputs import Letter
from advocacy.letters.pdf import letter_html, letter_pdf
from advocacy.letters.questions import COVER_TEMPLATE, QUESTION_PREFIX
from advocacy.letters.service import letter_context, letter_people, prepare
from advocacy.letters.template import RenderedLetter, load_template, render_letter

# The folder the app reads (ADVOCACY_LETTERS_DIR overrides it, for the app and for this list).
ROOT = Path(
    config.from_environment().get("LETTER_TEMPLATES_DIR") or config.PROJECT_ROOT / "templates" / "letters"
)
TEMPLATES = sorted((path.parent.name, path.stem) for path in ROOT.glob("*/*.txt"))
PEOPLE = {"sender_name": "Jane Doe", "sender_town": "Lyon", "recipient_name": "Alex Martin"}

# The Noto Sans CJK family that draws Han characters (and kana, hangul) in each language;
# anything else with Han characters (a Chinese name quoted in a letter) gets Simplified Chinese.
CJK_FAMILY = {
    "zh_Hans": "Noto-Sans-CJK-SC",
    "zh_Hant": "Noto-Sans-CJK-TC",
    "ja": "Noto-Sans-CJK-JP",
    "ko": "Noto-Sans-CJK-KR",
}
CJK_CHARACTERS = re.compile(
    "[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)
ARABIC_CHARACTERS = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
# Bidi controls, joiners and soft hyphens: invisible, and extracted (or not) at poppler's whim.
INVISIBLE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
LIST_NUMBER = re.compile(r"^\d+[.)]\s")  # "1. To ask ..." in a written question
HYPHEN = re.compile("[-\u2010\u2011]")
PAGE_NUMBER = re.compile(r"^\s*\d+ ?/ ?\d+\s*$", re.MULTILINE)
# In a right-to-left letter: an Arabic-script word, or a run of other letters and digits
# (a Latin word, a number, a Chinese word). Punctuation and spaces separate them.
_ARABIC_LETTER = "(?:(?![\u060c\u061b\u061f\u066a-\u066d\u06d4])[\u0600-\u06ff\u0750-\u077f])"
ARABIC_WORD = re.compile(f"{_ARABIC_LETTER}+")
OTHER_WORD = re.compile(f"(?:(?!{_ARABIC_LETTER})[^\\W_])+")
# What in a PDF can run code, open something or carry a file.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/EmbeddedFiles", "/EmbeddedFile", "/AA", "/RichMedia"}
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToE", "/GoToR", "/Rendition"}


@dataclass
class Printed:
    """One template's letter, its HTML and PDF, or why it could not be made."""

    letter: Letter | None = None
    body: str = ""  # the template's own text: the letter's body, or the question it carries
    html: str = ""
    pdf: bytes = b""
    error: str = ""


class NoData(LookupError):
    """A chamber whose countries have no facts in the data, so no page offers its question."""

    def __init__(self, chamber: Chamber) -> None:
        super().__init__(
            f"{chamber.id} serves {chamber.serves}, which has no facts in data/: no page offers it"
        )
        self.chamber = chamber


class Printer:
    """Compose and print a locale's templates together, on first use, and keep the results."""

    def __init__(self, site, pool: WorkerPool) -> None:
        self.site, self.pool = site, pool
        self.done: dict[tuple[str, str], Printed] = {}
        self.unreachable: dict[tuple[str, str], str] = {}  # templates printed that no page offers
        with site.app_context():
            session = db.session
            self.dossiers = {
                code: load_dossier(session, code) for code in sorted(countries_with_data(session))
            }
            self.chambers = {c.id: c for c in session.scalars(select(Chamber).order_by(Chamber.id))}

    def get(self, locale: str, name: str) -> Printed:
        if (locale, name) not in self.done:
            self._print_locale(locale)
        return self.done[(locale, name)]

    def _print_locale(self, locale: str) -> None:
        names = [n for loc, n in TEMPLATES if loc == locale]
        with self.site.app_context():
            batch = {name: self._compose(locale, name) for name in names}
        ready = {name: printed for name, printed in batch.items() if not printed.error}
        with ThreadPoolExecutor(max_workers=self.pool.size) as threads:
            futures = {
                name: threads.submit(letter_pdf, p.letter, pool=self.pool) for name, p in ready.items()
            }
        for name, future in futures.items():
            try:
                ready[name].pdf = future.result()
            except Exception as error:  # reported by the template's own test
                ready[name].error = f"printing failed: {type(error).__name__}: {error}"
        self.done.update({(locale, name): printed for name, printed in batch.items()})

    def _compose(self, locale: str, name: str) -> Printed:
        """A letter as the composer makes it; a question comes with its covering letter."""
        try:
            if not name.startswith(QUESTION_PREFIX):
                letter, own = self._letter(locale, name)
            elif name == COVER_TEMPLATE and self._reachable_question(locale) is None:
                letter, own = self._lone_cover(locale)
            else:
                letter, own = self._question(locale, name)
        except Exception as error:  # reported by the template's own test
            return Printed(error=f"composing failed: {type(error).__name__}: {error}")
        if own.locale != locale:
            return Printed(error=f"composed in {own.locale!r}, not {locale!r}")
        if letter.locale != locale:
            return Printed(error=f"the covering letter falls back to {letter.locale!r}: add "
                                 f"{locale}/{COVER_TEMPLATE}.txt")  # fmt: skip
        return Printed(letter, own.body, letter_html(letter))

    def _letter(self, locale: str, action: str) -> tuple[Letter, RenderedLetter]:
        """A letter for the first country (by code) whose dossier offers the action."""
        code = next(
            (c for c, d in self.dossiers.items() if d and any(a.id == action for a in d.actions)), None
        )
        if code is None:
            raise LookupError(f"no country in the data offers the action {action!r}")
        own = prepare(db.session, ROOT, code, action, locale).render(letter_people(**PEOPLE)).letter
        return Letter(own.locale, own.subject, own.body, **PEOPLE), own

    def _question(self, locale: str, name: str) -> tuple[Letter, RenderedLetter]:
        """A question's draft: its covering letter, with the question after it."""
        people = letter_people(**PEOPLE)
        try:
            chamber, code = self._reachable_question(locale) if name == COVER_TEMPLATE else self._reach(name)
        except NoData as missing:
            # No page offers it until the data has facts for the chamber's country: still prove
            # it prints, drafted as prepare() would, for that country without facts.
            self.unreachable[(locale, name)] = str(missing)
            chamber, code = missing.chamber, missing.chamber.serves.split()[0]
            dossier = Dossier(code, [], [], [], [], [missing.chamber])
            context = letter_context(db.session, dossier, locale, people, chamber.id)
            cover = render_letter(load_template(ROOT, locale, COVER_TEMPLATE), context)
            question = render_letter(load_template(ROOT, locale, name), context)
        else:
            draft = prepare(db.session, ROOT, code, "pq", locale, chamber.id).render(people)
            assert draft.question is not None
            cover, question = draft.letter, draft.question
        letter = Letter(cover.locale, cover.subject, cover.body, **PEOPLE, chamber=chamber.id,
                        question=question.body)  # fmt: skip
        return letter, cover if name == COVER_TEMPLATE else question

    def _lone_cover(self, locale: str) -> tuple[Letter, RenderedLetter]:
        """A covering letter in a language none of its questions people reach is in (zh_Hans, ug):
        printed by itself, for the first chamber and country an English question reaches."""
        chamber, code = self._reachable_question("en")
        people = letter_people(**PEOPLE)
        context = letter_context(db.session, self.dossiers[code], locale, people, chamber.id)
        own = render_letter(load_template(ROOT, locale, COVER_TEMPLATE), context)
        return Letter(own.locale, own.subject, own.body, **PEOPLE, chamber=chamber.id), own

    def _reachable_question(self, locale: str) -> tuple[Chamber, str] | None:
        """The first question in the locale that people reach: its chamber and a country."""
        for loc, name in TEMPLATES:
            if loc == locale and name.startswith(QUESTION_PREFIX) and name != COVER_TEMPLATE:
                try:
                    return self._reach(name)
                except LookupError:
                    continue
        return None

    def _reach(self, name: str) -> tuple[Chamber, str]:
        """A question's chamber, and a country in its `serves` that offers it (its own first)."""
        chamber = self.chambers.get(name.removeprefix(QUESTION_PREFIX))
        if chamber is None:
            raise LookupError(f"no chamber {name.removeprefix(QUESTION_PREFIX)!r} in data/chambers.csv")
        served = sorted(chamber.serves.split(), key=lambda c: c != chamber.country)
        for code in served:
            dossier = self.dossiers.get(code)
            if dossier and any(a.id == "pq" and a.chamber == chamber.id for a in dossier.actions):
                return chamber, code
        if not any(self.dossiers.get(code) for code in served):
            raise NoData(chamber)
        raise LookupError(f"no country served by {chamber.id} ({chamber.serves}) offers its question")


@pytest.fixture(scope="module")
def pool():
    workers = WorkerPool(size=2, timeout=60, memory_mb=1024, preload=["advocacy.pdf.render"])
    yield workers
    workers.close()


@pytest.fixture(scope="module")
def printer(site, pool) -> Printer:
    assert Path(site.config["LETTER_TEMPLATES_DIR"]) == ROOT
    return Printer(site, pool)


def poppler(pdf: bytes, tmp_path: Path, command: str) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    args = [command, str(path), "-"] if command == "pdftotext" else [command, str(path)]
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=30).stdout


def squeeze(text: str) -> str:
    """Text without page numbers, invisible characters, hyphens or whitespace, in NFKC form.

    Lines break between ideographs and after hyphens, where the source has no space, and
    pdftotext puts a newline there; a hyphen that ends a line it drops ("e-seimas" comes
    out as "eseimas" when the line breaks after "e-").
    """
    text = PAGE_NUMBER.sub("", INVISIBLE.sub("", unicodedata.normalize("NFKC", text)))
    return "".join(HYPHEN.sub("", text).split())


def fact_line(body: str) -> str:
    """The body's first paragraph with a number from the data (a date, a figure), else its longest."""
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    numbered = [p for p in paragraphs if re.search(r"\d", LIST_NUMBER.sub("", p))]
    return numbered[0] if numbered else max(paragraphs, key=len)


def assert_printed(expected: str, text: str, locale: str, what: str) -> None:
    squeezed = squeeze(text)
    if locale != "ug":
        assert squeeze(expected) in squeezed, f"{what} not found in the PDF: {expected!r}"
        return
    # Right to left, poppler's order is not the source's: a Latin name, a date's digits, a
    # Chinese word and the punctuation around them come out where they sit on the line (the
    # date "20-دېكابىر، 2012" as "-20دېكابىر2012 ،"), and the letters of a word whose glyphs
    # ligate may come out of order ("چەتئەللەردىكى" as "چەتئەەللردىكى"). So check every word:
    # each Latin word, number and Chinese word as it is, and each Uyghur word by its letters.
    for word in OTHER_WORD.findall(expected):
        assert word in squeezed, f"{what}: {word!r} is not in the PDF"
    printed = unicodedata.normalize("NFKC", INVISIBLE.sub("", text))
    printed_words = {"".join(sorted(w)) for w in ARABIC_WORD.findall(printed)}
    for word in ARABIC_WORD.findall(unicodedata.normalize("NFKC", expected)):
        assert "".join(sorted(word)) in printed_words, f"{what}: {word!r} is not in the PDF"


def expected_families(locale: str, text: str) -> set[str]:
    """Noto Sans always (Latin, Greek, Cyrillic, digits), plus the script families the text needs."""
    families = {"Noto-Sans"}
    if CJK_CHARACTERS.search(text):
        families.add(CJK_FAMILY.get(locale, "Noto-Sans-CJK-SC"))
    if ARABIC_CHARACTERS.search(text):
        families.add("Noto-Naskh-Arabic")
    return families


def params():
    return [pytest.param(locale, name, id=f"{locale}/{name}") for locale, name in TEMPLATES]


@pytest.mark.parametrize(("locale", "name"), params())
def test_letter_prints_with_the_right_fonts(printer: Printer, locale: str, name: str, tmp_path: Path) -> None:
    printed = printer.get(locale, name)
    if printed.error:
        pytest.fail(f"{locale}/{name}.txt: {printed.error}", pytrace=False)
    if (locale, name) in printer.unreachable:
        warnings.warn(f"{locale}/{name}.txt: {printer.unreachable[(locale, name)]}", stacklevel=1)
    letter, lang = printed.letter, locale.replace("_", "-")
    direction = "rtl" if locale == "ug" else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in printed.html

    text = poppler(printed.pdf, tmp_path, "pdftotext")
    assert_printed(letter.subject, text, locale, "the subject")
    assert_printed(fact_line(printed.body), text, locale, "the fact line")
    assert_printed(letter.sender_name, text, locale, "the signature")

    families = set()
    for row in poppler(printed.pdf, tmp_path, "pdffonts").splitlines()[2:]:
        name_column, emb, sub = row.split()[0], row.split()[-5], row.split()[-4]
        assert (emb, sub) == ("yes", "yes"), f"not embedded and subset: {row}"
        assert re.fullmatch(r"[A-Z]{6}\+\S+", name_column), f"no subset tag: {row}"
        families.add(re.sub(r"-(Bold|Italic|BoldItalic|Regular)$", "", name_column.split("+", 1)[1]))
    assert families == expected_families(locale, text), f"fonts in {locale}/{name}: {sorted(families)}"

    with pikepdf.open(BytesIO(printed.pdf)) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == lang
        assert not pdf.attachments
        names = pdf.Root.get("/Names", pikepdf.Dictionary())
        assert "/EmbeddedFiles" not in names and "/JavaScript" not in names
        open_action = pdf.Root.get("/OpenAction")  # a destination to show, at most
        assert open_action is None or isinstance(open_action, pikepdf.Array), open_action
        for obj in dictionaries(pdf):
            keys = set(obj.keys())
            assert not keys & ACTIVE_KEYS, f"active content: {sorted(keys & ACTIVE_KEYS)}"
            assert str(obj.get("/S", "")) not in ACTIVE_ACTIONS, f"action {obj.get('/S')}"
            assert str(obj.get("/Type", "")) != "/Filespec", "a file is attached"


def dictionaries(pdf: pikepdf.Pdf):
    """Every dictionary in the file, direct ones (an annotation's action) included."""
    seen: set[tuple[int, int]] = set()
    containers = (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)
    todo = [obj for obj in pdf.objects if isinstance(obj, containers)]
    while todo:
        obj = todo.pop()
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            yield obj
            todo.extend(value for _, value in obj.items() if isinstance(value, containers))
        elif isinstance(obj, pikepdf.Array):
            todo.extend(value for value in obj if isinstance(value, containers))
