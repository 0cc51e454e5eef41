"""PDF rendering: real WeasyPrint, read back with poppler, qpdf and pikepdf."""

from __future__ import annotations

import logging
import re
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest

from advocacy.core.workers import WorkerPool
from advocacy.pdf import ASSETS_DIR, RENDER_TASK
from advocacy.pdf.fetcher import AssetFetcher, AssetRefused
from advocacy.pdf.fonts import check_fonts
from advocacy.pdf.render import MissingGlyphs, html_to_pdf
from advocacy.pdf.samples import SAMPLES, letter_html

LANGS = list(SAMPLES)
# Words that must come back out of each letter, and the font families each may use.
WORDS = {
    "en": ["Dear Member of Parliament", "extradition treaty", "Jane Doe"],
    "zh-Hans": ["尊敬的议员", "引渡条约", "Jane Doe"],
    "ug": ["ھۆرمەتلىك", "ۋەكىل", "شەرتنامىسىنى", "Jane Doe"],
}
FAMILIES = {
    "en": {"Noto-Sans"},
    "zh-Hans": {"Noto-Sans", "Noto-Sans-CJK-SC"},
    "ug": {"Noto-Sans", "Noto-Naskh-Arabic"},
}
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
PASSWD_MARKERS = (b"root:x:0", b"/bin/bash", b"nologin")
PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="


def render(html: str, lang: str = "en", assets_dir: str = ASSETS_DIR) -> bytes:
    return html_to_pdf(html, assets_dir=assets_dir, title="Test letter", lang=lang)


def page(body: str, head: str = "") -> str:
    return f'<!DOCTYPE html><html lang="en"><head>{head}</head><body><p>Hello.</p>{body}</body></html>'


def tool(pdf: bytes, tmp_path: Path, *command: str) -> str:
    """Run a poppler or qpdf command on the PDF and return what it prints."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    to_stdout = ["-"] if command[0] == "pdftotext" else []
    done = subprocess.run([*command, str(path), *to_stdout], capture_output=True, text=True, check=True)
    return done.stdout


def all_bytes(pdf: bytes) -> bytes:
    """The file and every decoded stream in it, to search for leaked content."""
    with pikepdf.open(BytesIO(pdf)) as doc:
        streams = [obj.read_bytes() for obj in doc.objects if isinstance(obj, pikepdf.Stream)]
    return b"\n".join([pdf, *streams])


@pytest.fixture(scope="module")
def letters() -> dict[str, bytes]:
    return {lang: render(letter_html(lang), lang) for lang in LANGS}


def test_fonts_and_harfbuzz_subset_are_installed() -> None:
    assert check_fonts() == []


@pytest.mark.parametrize("lang", LANGS)
def test_text_comes_back_out(letters: dict[str, bytes], lang: str, tmp_path: Path) -> None:
    text = BIDI_CONTROLS.sub("", tool(letters[lang], tmp_path, "pdftotext"))
    for word in WORDS[lang]:
        assert word in text
    assert "1 / 1" in text or "1/1" in text  # the page number from letter.css


@pytest.mark.parametrize("lang", LANGS)
def test_fonts_are_embedded_and_only_noto(letters: dict[str, bytes], lang: str, tmp_path: Path) -> None:
    rows = tool(letters[lang], tmp_path, "pdffonts").splitlines()[2:]
    families = set()
    for row in rows:
        name, emb = row.split()[0], row.split()[-5]
        assert emb == "yes", row
        families.add(re.sub(r"-(Bold|Italic|Regular)$", "", name.split("+")[-1]))
    assert families == FAMILIES[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_tagged_pdf_ua(letters: dict[str, bytes], lang: str, tmp_path: Path) -> None:
    with pikepdf.open(BytesIO(letters[lang])) as doc:
        assert "/StructTreeRoot" in doc.Root
        assert doc.Root.MarkInfo.Marked
        assert str(doc.Root.Lang) == lang
        assert doc.Root.ViewerPreferences.DisplayDocTitle
        meta = doc.open_metadata()
        assert meta["pdfuaid:part"] == "1"
        assert meta["dc:title"] == "Test letter"
    assert "0 embedded files" in tool(letters[lang], tmp_path, "pdfdetach", "-list")
    assert "No syntax or stream encoding errors" in tool(letters[lang], tmp_path, "qpdf", "--check")


def test_lang_must_match() -> None:
    with pytest.raises(ValueError, match="lang"):
        render(letter_html("en"), "fr")
    with pytest.raises(ValueError, match="lang"):
        render("<p>No language</p>", "en")
    render(letter_html("zh-Hans"), "zh_hans")  # a Babel-style locale names the same language


def test_characters_no_font_has_fail_unless_allowed(caplog: pytest.LogCaptureFixture) -> None:
    # Plane 16 private use: no font has these (LibreOffice's OpenSymbol covers the BMP's E000 block).
    html = page("<p>Private use: \U0010fff0\U0010fff1</p>")
    with pytest.raises(MissingGlyphs, match="2 characters"):
        render(html)
    assert "\U0010fff0" not in caplog.text and "10FFF0" not in caplog.text
    pdf = html_to_pdf(html, assets_dir=ASSETS_DIR, title="t", lang="en", allow_missing_glyphs=True)
    assert pdf.startswith(b"%PDF")


def test_attachments_and_file_links_are_dropped(tmp_path: Path) -> None:
    body = (
        '<a rel="attachment" href="letter.css">css</a> <a href="file:///etc/passwd">local</a> '
        '<a href="https://example.org/source">source</a>'
    )
    pdf = render(page(body, '<link rel="attachment" href="asset:letter.css">'))
    assert "0 embedded files" in tool(pdf, tmp_path, "pdfdetach", "-list")
    with pikepdf.open(BytesIO(pdf)) as doc:
        annots = [a for p in doc.pages for a in p.obj.get("/Annots", [])]
        assert [str(a.A.URI) for a in annots] == ["https://example.org/source"]
    assert b"@page" not in all_bytes(pdf)


@pytest.mark.parametrize(
    "head, body",
    [
        ('<link rel="stylesheet" href="file:///etc/passwd">', ""),
        (
            '<link rel="attachment" href="file:///etc/passwd">',
            '<a rel="attachment" href="file:///etc/passwd">x</a>',
        ),
        ("", '<img src="file:///etc/passwd" alt="">'),
        ("", '<img src="asset:../../../../etc/passwd" alt="">'),
        ("<style>@import url(file:///etc/passwd); p { background: url(/etc/passwd) }</style>", ""),
        ('<base href="file:///etc/"><link rel="stylesheet" href="passwd">', ""),
        ("", '<object data="file:///etc/passwd" type="text/plain"></object>'),
        ("", '<svg width="10" height="10"><image href="file:///etc/passwd"/></svg>'),
    ],
)
def test_local_files_are_refused(head: str, body: str) -> None:
    pdf = render(page(body, head))
    assert not any(marker in all_bytes(pdf) for marker in PASSWD_MARKERS)


class _Server(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(302)
        self.send_header("Location", "file:///etc/passwd")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Server)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_network_and_redirects_are_refused(server: str) -> None:
    head = (
        f'<link rel="stylesheet" href="{server}/x.css"><link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
        f"<style>@font-face {{ font-family: Web; src: url({server}/font.woff2) }}</style>"
    )
    pdf = render(page(f'<img src="{server}/redirect.png" alt="">', head))
    assert _Server.hits == []  # refused before any connection
    assert not any(marker in all_bytes(pdf) for marker in PASSWD_MARKERS)


@pytest.fixture
def assets(tmp_path: Path) -> Path:
    folder = tmp_path / "assets"
    folder.mkdir()
    (folder / "mark.css").write_text('p::after { content: " ASSET-USED" }')
    secret = tmp_path / "secret.css"
    secret.write_text('p::after { content: " SECRET-LEAKED" }')
    (folder / "link.css").symlink_to(secret)
    return folder


def test_bundled_asset_is_used_and_symlink_out_is_refused(assets: Path, tmp_path: Path) -> None:
    for href, expected in [("mark.css", "ASSET-USED"), ("asset:mark.css", "ASSET-USED"), ("link.css", None)]:
        pdf = render(page("", f'<link rel="stylesheet" href="{href}">'), assets_dir=str(assets))
        text = tool(pdf, tmp_path, "pdftotext")
        assert "SECRET-LEAKED" not in text
        assert (expected in text) if expected else "ASSET-USED" not in text


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd", "http://127.0.0.1:9/x.css", "https://example.org/x.css", "ftp://x/y",
        "asset:../../etc/passwd", "asset:..%2F..%2Fetc%2Fpasswd", "asset:/etc/passwd",
        "asset:%2Fetc%2Fpasswd", "asset:sub/../../passwd",
        "../letter.css", "asset://host/letter.css", "//127.0.0.1/letter.css", "asset:missing.css",
        "asset:link.css", "data:text/css,p{}", "data:image/svg+xml,<svg/>", "data:image/png,<svg/>",
    ],
)  # fmt: skip
def test_fetcher_refuses(assets: Path, url: str) -> None:
    with pytest.raises(AssetRefused):
        AssetFetcher(assets).fetch(url)


def test_fetcher_serves_assets_and_raster_data_images(assets: Path) -> None:
    fetcher = AssetFetcher(assets)
    for url in ("asset:mark.css", "mark.css", "asset:./mark.css", "mark.css?v=1#x"):
        response = fetcher.fetch(url)
        assert b"ASSET-USED" in response.read()
        assert response.content_type == "text/css"
    assert fetcher.fetch(f"data:image/png;base64,{PNG_1X1}").read().startswith(b"\x89PNG")


def test_logs_withhold_urls_and_text(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    render(page("", '<link rel="stylesheet" href="file:///etc/passwd?Campaigner-Name">'))
    assert "refused a file: URL" in caplog.text
    assert "Campaigner-Name" not in caplog.text and "passwd" not in caplog.text


def test_renders_through_the_worker_pool() -> None:
    pool = WorkerPool(size=1, timeout=20, memory_mb=1024, preload=["advocacy.pdf.render"])
    try:
        pdf = pool.run(RENDER_TASK, letter_html("ug"), assets_dir=ASSETS_DIR, title="Letter", lang="ug")
    finally:
        pool.close()
    assert pdf.startswith(b"%PDF-1.7")


@pytest.fixture
def missing_font(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """fontconfig without Noto Sans CJK JP, as the font check sees it."""
    from advocacy.pdf import fonts

    installed = fonts.installed_families()
    fonts.checks_once.cache_clear()
    monkeypatch.setattr(fonts, "installed_families", lambda: installed - {"Noto Sans CJK JP"})
    yield "Noto Sans CJK JP"
    fonts.checks_once.cache_clear()  # the next test sees the real fonts again


def make_app(tmp_path: Path, **settings: object):
    from advocacy import create_app

    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    base = {"TESTING": True, "SECRET_KEY": "test", "INSTANCE_PATH": str(tmp_path / "instance")}
    return create_app({**base, "SQLALCHEMY_DATABASE_URI": database, **settings})


def test_a_missing_font_is_logged_at_start(missing_font: str, tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.WARNING)
    app = make_app(tmp_path)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        f"PDF letters: fonts check failed: font family {missing_font!r} is missing (install fonts-noto-cjk) "
        "(see `advocacy doctor`)"
    ]
    assert app.test_cli_runner().invoke(args=["init"]).exit_code == 0
    assert app.test_client().get("/en/").status_code == 200  # pages are served regardless


def test_fonts_are_checked_once_per_process_and_can_be_turned_off(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog
) -> None:
    from advocacy.pdf import fonts

    calls = []
    monkeypatch.setattr(fonts, "installed_families", lambda: calls.append(1) or set())
    fonts.checks_once.cache_clear()
    try:
        make_app(tmp_path, CHECK_FONTS=False)
        assert calls == [] and "PDF letters" not in caplog.text
        make_app(tmp_path)
        make_app(tmp_path)
        assert calls == [1]
        assert caplog.text.count("font family 'Noto Sans' is missing") == 2  # logged by each app
    finally:
        fonts.checks_once.cache_clear()


def test_doctor_reports_each_check_and_fails_on_a_missing_font(missing_font: str, tmp_path: Path) -> None:
    runner = make_app(tmp_path, CHECK_FONTS=False).test_cli_runner()
    result = runner.invoke(args=["doctor"])
    assert result.exit_code == 1
    assert f"FAIL  fonts: font family {missing_font!r} is missing (install fonts-noto-cjk)" in result.output
    assert "OK  harfbuzz-subset" in result.output


def test_doctor_fails_when_noto_sans_cannot_draw_greek(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from advocacy.pdf import fonts

    covering = fonts.families_for_language
    monkeypatch.setattr(
        fonts, "families_for_language", lambda lang: set() if lang == "el" else covering(lang)
    )
    result = make_app(tmp_path, CHECK_FONTS=False).test_cli_runner().invoke(args=["doctor"])
    assert result.exit_code == 1
    assert "font family 'Noto Sans' cannot draw Greek (el)" in result.output


def test_doctor_passes_with_the_fonts_installed(tmp_path: Path) -> None:
    result = make_app(tmp_path, CHECK_FONTS=False).test_cli_runner().invoke(args=["doctor"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK  fonts: Noto Sans, ")
