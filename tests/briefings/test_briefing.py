"""Country briefings: content, charts, PDF in every locale (read back with poppler), route, CLI."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sqlalchemy import delete, func, select

from advocacy.briefings.charts import chart_html
from advocacy.briefings.content import build_briefing
from advocacy.briefings.model import Briefing, Chart, Panel
from advocacy.briefings.render import briefing_html, briefing_pdf
from advocacy.briefings.store import layout_version
from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES
from advocacy.core.settings import PROJECT_ROOT
from advocacy.core.workers import WorkerPool
from advocacy.countries.models import Case
from advocacy.pdf import ASSETS_DIR
from advocacy.pdf import RENDER_TASK as HTML_TO_PDF

LETTERS = PROJECT_ROOT / "templates" / "letters"
TRANSLATIONS = PROJECT_ROOT / "translations"
CODE = "FR"  # the most instruments and public cases in the bundled data, with a ruling
# The extradition treaty's entry into force (2015-07-17) as each locale writes it.
IN_FORCE = {
    "en": "17 July 2015",
    "fr": "17 juillet 2015",
    "de": "17. Juli 2015",
    "es": "17 de julio de 2015",
    "nl": "17 juli 2015",
    "pl": "17 lipca 2015",
    "sv": "17 juli 2015",
    "zh-Hans": "2015年7月17日",
    "zh-Hant": "2015年7月17日",
    "ug": "17-ئىيۇل، 2015",
}
FAMILIES = {tag: {"Noto-Sans"} for tag in LOCALES} | {
    "zh-Hans": {"Noto-Sans", "Noto-Sans-CJK-SC"},
    "zh-Hant": {"Noto-Sans", "Noto-Sans-CJK-TC"},
    "ug": {"Noto-Sans", "Noto-Naskh-Arabic"},
}
RESTRICTED = "Zephyrine Quillfeather-Ossington"
RESTRICTED_YEAR = 1987
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
NOTICE = "Some headings are in English: this language's translation is incomplete."


def read_back(pdf: bytes, folder: Path, *command: str) -> str:
    """Run a poppler command on the PDF and return what it prints (bidi controls removed)."""
    path = folder / "briefing.pdf"
    path.write_bytes(pdf)
    to_stdout = ["-"] if command[0] == "pdftotext" else []
    done = subprocess.run([*command, str(path), *to_stdout], capture_output=True, text=True, check=True)
    return BIDI_CONTROLS.sub("", done.stdout)


def make(session, tag: str, dirs: list[Path] | None = None) -> Briefing:
    found = build_briefing(
        session, CODE, tag, templates_root=LETTERS, translations_dirs=dirs or [TRANSLATIONS]
    )
    assert found is not None
    return found


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    pool = WorkerPool(size=2, timeout=180, memory_mb=1536, preload=["advocacy.briefings.render"])
    yield pool
    pool.close()


@pytest.fixture(scope="module")
def restricted(site) -> Iterator[str]:
    """A restricted case in the briefing's country, with a name found nowhere else."""
    with site.app_context():
        db.session.add(
            Case(
                id="fr-restricted-test", country=CODE, year=RESTRICTED_YEAR, method="family-pressure",
                outcome="returned", target_group=RESTRICTED, person=RESTRICTED, public=False,
                summary=f"{RESTRICTED} was returned.", source_url=None, source_title=f"{RESTRICTED} file",
                confidence="high", verified=True, as_of="2026-01-01",
            )
        )  # fmt: skip
        db.session.commit()
    yield RESTRICTED
    with site.app_context():
        db.session.execute(delete(Case).where(Case.id == "fr-restricted-test"))
        db.session.commit()


@pytest.fixture(scope="module")
def briefings(site, restricted, pool) -> dict[str, tuple[Briefing, bytes]]:
    """FR's briefing in every locale: the content model and the printed PDF."""
    with site.app_context():
        models = {tag: make(db.session, tag) for tag in LOCALES}
    with ThreadPoolExecutor(max_workers=pool.size) as printers:
        pdfs = printers.map(lambda model: briefing_pdf(model, pool=pool), models.values())
        return {tag: (models[tag], pdf) for tag, pdf in zip(models, pdfs, strict=True)}


@pytest.mark.parametrize("tag", LOCALES)
def test_instrument_dates_come_back_in_the_locale(briefings, tag: str, tmp_path: Path) -> None:
    text = read_back(briefings[tag][1], tmp_path, "pdftotext")
    if tag == "ug":
        # pdftotext reorders right-to-left lines visually: look for the date's parts on one line.
        parts = re.findall(r"\w+", IN_FORCE[tag])
        assert any(all(part in line for part in parts) for line in text.splitlines())
    else:
        assert IN_FORCE[tag] in text
    model = briefings[tag][0]
    assert IN_FORCE[tag] in [row.in_force for row in model.instruments]
    assert model.country in text


@pytest.mark.parametrize("tag", LOCALES)
def test_chart_labels_are_text(briefings, tag: str, tmp_path: Path) -> None:
    model, pdf = briefings[tag]
    text = read_back(pdf, tmp_path, "pdftotext")
    method_chart = next(chart for chart in model.charts if chart.key == "method")
    assert method_chart.panels[1].title in text  # "World: all public cases" is only in charts
    for label, count in method_chart.panels[1].bars:
        assert label in text and str(count) in text


@pytest.mark.parametrize("tag", LOCALES)
def test_only_bundled_fonts_all_embedded(briefings, tag: str, tmp_path: Path) -> None:
    rows = read_back(briefings[tag][1], tmp_path, "pdffonts").splitlines()[2:]
    families = set()
    for row in rows:
        assert row.split()[-5] == "yes", row
        families.add(re.sub(r"-(Bold|Italic|Regular)$", "", row.split()[0].split("+")[-1]))
    assert families == FAMILIES[tag]


@pytest.mark.parametrize("tag", LOCALES)
def test_pdf_ua_no_attachments_sensible_length(briefings, tag: str, tmp_path: Path) -> None:
    model, pdf = briefings[tag]
    with pikepdf.open(BytesIO(pdf)) as document:
        assert 4 <= len(document.pages) <= 12
        assert "/StructTreeRoot" in document.Root and str(document.Root.Lang) == tag
        assert "/EmbeddedFiles" not in document.Root.get("/Names", {})
        annotations = [a for page in document.pages for a in page.obj.get("/Annots", [])]
        assert all(a.get("/Subtype") != "/FileAttachment" for a in annotations)
        assert document.open_metadata()["dc:title"] == model.title
    assert "0 embedded files" in read_back(pdf, tmp_path, "pdfdetach", "-list")
    text = read_back(pdf, tmp_path, "pdftotext")
    assert re.search(r"\b2 ?/ ?\d+\b", text)  # page numbers, "2 / 6"


def test_uyghur_is_right_to_left_and_chinese_uses_its_own_han_fonts(briefings) -> None:
    html = briefing_html(briefings["ug"][0])
    assert '<html lang="ug" dir="rtl">' in html
    assert '<html lang="zh-Hant" dir="ltr">' in briefing_html(briefings["zh-Hant"][0])


@pytest.mark.parametrize("tag", LOCALES)
def test_restricted_case_never_appears(site, briefings, restricted: str, tag: str, tmp_path: Path) -> None:
    model, pdf = briefings[tag]
    text = read_back(pdf, tmp_path, "pdftotext")
    assert restricted not in text and restricted.encode() not in pdf
    assert str(RESTRICTED_YEAR) not in text
    with site.app_context():
        public = db.session.scalar(select(func.count()).where(Case.country == CODE, Case.public.is_(True)))
        everywhere = db.session.scalar(select(func.count()).select_from(Case).where(Case.public.is_(True)))
    assert model.case_count == len(model.cases) == public
    for chart in model.charts:
        assert sum(count for _, count in chart.panels[0].bars) == public
        assert sum(count for _, count in chart.panels[1].bars) == everywhere
        assert str(RESTRICTED_YEAR) not in [label for label, _ in chart.panels[0].bars]


def test_the_draft_question_is_the_countrys_own_chamber(briefings) -> None:
    question = briefings["fr"][0].question
    assert question is not None and question.chamber == "Assemblée nationale"
    if (LETTERS / "fr" / "pq-fr-assemblee.txt").exists():
        reviewed = "review: approved" in (LETTERS / "fr" / "pq-fr-assemblee.txt").read_text(encoding="utf-8")
        # A draft no second translator reviewed says so (advocacy.letters.served.served_template).
        assert question.lang == "fr" and (
            not question.notice if reviewed else "pas encore été relue" in question.notice
        )
    else:
        assert question.lang == "en" and question.notice
    chinese = briefings["zh-Hans"][0].question
    assert chinese is not None and chinese.lang == "en" and chinese.notice  # no Chinese draft: English


def test_english_and_a_complete_catalog_have_no_fallback_notice(briefings, tmp_path: Path) -> None:
    # An incomplete catalog's notice: test_a_partial_catalog_counts_what_is_missing.
    assert briefings["en"][0].fallback_notice == "" and briefings["en"][0].untranslated == 0
    assert NOTICE not in read_back(briefings["en"][1], tmp_path, "pdftotext")
    french = briefings["fr"][0]
    assert french.untranslated == 0, "no compiled French catalog: run pybabel compile -d translations"
    assert french.fallback_notice == "" and NOTICE not in read_back(briefings["fr"][1], tmp_path, "pdftotext")


def compile_catalog(folder: Path, locale: str, translate) -> Path:
    """Compile messages.pot into a catalog whose translations translate() gives."""
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    for message in catalog:
        if message.id:
            if isinstance(message.id, tuple):
                message.string = tuple(translate(message.id[min(i, 1)]) for i in range(2))
            else:
                message.string = translate(message.id)
    target = folder / locale / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "messages.mo").open("wb") as handle:
        write_mo(handle, catalog)
    return folder


def test_a_complete_catalog_is_used_without_a_request_and_drops_the_notice(site, tmp_path: Path) -> None:
    folder = compile_catalog(tmp_path, "fr", lambda msgid: f"[fr] {msgid}")
    with site.app_context():
        model = make(db.session, "fr", [folder])
    assert model.fallback_notice == "" and model.untranslated == 0 and not model.english
    assert model.text["rulings"] == "[fr] Court rulings"
    assert "[fr] Extradition treaty" in [row.name for row in model.instruments]
    html = briefing_html(model)
    assert "[fr] Court rulings" in html and "[fr] World: all public cases" in html and NOTICE not in html


def test_a_partial_catalog_counts_what_is_missing(site, tmp_path: Path) -> None:
    folder = compile_catalog(
        tmp_path, "de", lambda msgid: "Gerichtsurteile" if msgid == "Court rulings" else ""
    )
    with site.app_context():
        model = make(db.session, "de", [folder])
    assert model.text["rulings"] == "Gerichtsurteile"
    assert model.fallback_notice == NOTICE and model.untranslated > 10
    assert '<span lang="en" dir="ltr">Known cases</span>' in briefing_html(model)


def test_chart_words_are_shaped_text_in_uyghur_and_chinese(pool, tmp_path: Path) -> None:
    labels = {"ug": ("فرانسىيە", "چېگرادىن قوغلاش"), "zh-Hans": ("法国", "驱逐出境")}
    for tag, (country, method) in labels.items():
        chart = Chart("method", "t", "c", (Panel(country, ((method, 3), ("Other", 0)), "-"),))
        direction = "rtl" if tag == "ug" else "ltr"
        drawing = chart_html(chart, locale=LOCALES[tag], direction=direction)
        html = (
            f'<!doctype html><html lang="{tag}" dir="{direction}"><head><title>t</title>'
            f'<link rel="stylesheet" href="briefing.css"></head><body>{drawing}</body></html>'
        )
        pdf = pool.run(HTML_TO_PDF, html, assets_dir=ASSETS_DIR, title="t", lang=tag)
        text = read_back(pdf, tmp_path, "pdftotext")
        assert country in text and method in text  # whole words: joined, in reading order
        assert "<text" not in drawing  # no SVG text, which WeasyPrint draws letter by letter


def test_a_new_catalog_or_template_changes_the_layout_version(tmp_path: Path) -> None:
    letters = tmp_path / "letters"
    shutil.copytree(LETTERS, letters)
    before = layout_version("fr", [tmp_path / "translations"], letters)
    assert layout_version("fr", [tmp_path / "translations"], letters) == before
    compile_catalog(tmp_path / "translations", "fr", lambda msgid: msgid)
    with_catalog = layout_version("fr", [tmp_path / "translations"], letters)
    assert with_catalog != before
    assert layout_version("de", [tmp_path / "translations"], letters) != with_catalog
    question = letters / "en" / "pq-fr-assemblee.txt"
    question.write_text(question.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert layout_version("fr", [tmp_path / "translations"], letters) != with_catalog


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the briefings printed, printing a stand-in PDF instead."""
    from advocacy.briefings import service

    calls: list[str] = []

    def fake(briefing: Briefing, *, pool=None) -> bytes:
        calls.append(briefing.locale)
        return b"%PDF-1.7\n% stand-in for " + briefing.code.encode() + b"\n%%EOF\n"

    monkeypatch.setattr(service, "briefing_pdf", fake)
    return calls


def test_country_page_links_its_briefing(client) -> None:
    html = client.get("/zh-Hant/countries/FR").get_data(as_text=True)
    assert 'href="/zh-Hant/countries/FR/briefing.pdf"' in html


def test_cli_writes_a_briefing(site, printed, tmp_path: Path) -> None:
    runner = site.test_cli_runner()
    output = tmp_path / "fr.pdf"
    result = runner.invoke(args=["briefing", "--country", "fr", "--locale", "zh_Hans", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert output.read_bytes().startswith(b"%PDF") and printed == ["zh-Hans"]
    missing = runner.invoke(args=["briefing", "--country", "XX", "-o", str(tmp_path / "x.pdf")])
    assert missing.exit_code == 1 and "no data for country 'XX'" in missing.output
    wrong = runner.invoke(args=["briefing", "--country", "FR", "--locale", "tlh", "-o", str(output)])
    assert wrong.exit_code == 2 and "choose one of" in wrong.output


@pytest.mark.parametrize(
    ("tag", "parliament"), [("zh-Hans", "欧洲议会"), ("zh-Hant", "歐洲議會"), ("ug", "ياۋروپا پارلامېنتى")]
)
def test_chambers_are_named_in_the_briefing_language(
    briefings, tag: str, parliament: str, tmp_path: Path
) -> None:
    model, pdf = briefings[tag]
    titles = [row.title for row in model.actions if parliament in row.title]
    assert titles and not any("European Parliament" in row.title for row in model.actions)
    assert "European Parliament" not in (model.question.chamber if model.question else "")
    if tag != "ug":  # pdftotext reorders right-to-left lines
        assert parliament in read_back(pdf, tmp_path, "pdftotext")
