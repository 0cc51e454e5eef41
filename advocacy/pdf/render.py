"""Render caller-built HTML to a tagged PDF (PDF/UA-1) that uses bundled assets only.

Meant to run in a worker process (advocacy.core.workers): it keeps one FontConfiguration per
process, because building one costs more than rendering a one-page letter.
"""

from __future__ import annotations

import atexit
import gc
import logging
import re
import threading
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration

from advocacy.pdf.fetcher import BASE_URL, AssetFetcher, AssetRefused

PDF_VARIANT = "pdf/ua-1"
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_WEASYPRINT_LOGGERS = ("weasyprint", "weasyprint.progress")

_font_config: FontConfiguration | None = None
# WeasyPrint does not promise that a FontConfiguration may be shared between threads.
_render_lock = threading.Lock()


def _withhold(value: object) -> object:
    # Numbers become 0, not "…", so "%d" still formats; a code point is a typed character too.
    return 0 if isinstance(value, int | float) else "…"


class MissingGlyphs(ValueError):
    """Text that no installed font can draw, which would print as empty boxes."""


class _WithholdDetails(logging.Filter):
    """Keep WeasyPrint's message templates but blank their arguments (URLs, text, CSS)."""

    missing_glyphs = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith(".notdef glyph rendered"):
            self.missing_glyphs += 1
        if isinstance(record.args, Mapping):
            record.args = {key: _withhold(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(_withhold(value) for value in record.args)
        record.exc_info = record.exc_text = None  # exception texts quote the document too
        return True


_log_filter = _WithholdDetails()


def _setup() -> FontConfiguration:
    """Create this process's font configuration and quieten WeasyPrint's logs, once."""
    global _font_config
    if _font_config is None:
        for name in _WEASYPRINT_LOGGERS:
            logging.getLogger(name).addFilter(_log_filter)
        _font_config = FontConfiguration()
        atexit.register(_release_fonts)
    return _font_config


def _release_fonts() -> None:
    """Free the font configuration while Pango is still loaded."""
    # Left to interpreter shutdown, cffi may unload Pango before the font map's finaliser
    # runs, and the process dies with SIGSEGV on exit.
    global _font_config
    _font_config = None
    gc.collect()


# A bundled stylesheet linked exactly like this is parsed once per process (see _stylesheets).
_LINK = re.compile(r'<link rel="stylesheet" href="([A-Za-z0-9_-]{1,40}\.css)">')
_parsed: dict[tuple[str, str, str], CSS] = {}


def _parsed_sheet(name: str, assets_dir: str, font_config: FontConfiguration) -> CSS | None:
    """The bundled stylesheet parsed, or None to leave it linked (refused, missing, or !important)."""
    fetcher = AssetFetcher(assets_dir)
    try:
        text = fetcher.fetch(name).read().decode("utf-8")  # the fetcher's checks: no symlink out, no missing
    except (AssetRefused, OSError, UnicodeDecodeError):
        return None  # left linked: WeasyPrint fetches it through the fetcher, which refuses it as before
    if "!important" in text:
        return None  # would outrank style attributes as a user stylesheet
    key = (assets_dir, name, text)  # a changed file is parsed again
    if key not in _parsed:
        if len(_parsed) >= 32:
            _parsed.clear()
        _parsed[key] = CSS(string=text, base_url=BASE_URL, url_fetcher=fetcher, font_config=font_config)
    return _parsed[key]


def render_options() -> dict[str, Any]:
    """Options every render takes (what is kept between documents)."""
    return {}


def _stylesheets(html: str, assets_dir: str, font_config: FontConfiguration) -> tuple[str, list[CSS]]:
    """Take the bundled stylesheets the HTML links out of it, and return them parsed (once per process).

    A linked stylesheet was fetched and parsed again for every document. Given to render()
    as user stylesheets they cascade exactly as they did: the documents have no other author
    styles but `style` attributes, which still win, and none of the stylesheets uses !important.
    """
    sheets = []
    for name in _LINK.findall(html):
        sheet = _parsed_sheet(name, assets_dir, font_config)
        if sheet is not None:
            sheets.append(sheet)
            html = html.replace(f'<link rel="stylesheet" href="{name}">', "", 1)
    return html, sheets


def _normalise_lang(tag: str) -> str:
    return tag.strip().replace("_", "-").casefold()


def _check(html: HTML, title: str, lang: str) -> None:
    """Refuse a document whose <html lang> differs from lang, or an empty title."""
    declared = html.etree_element.get("lang")
    if not declared or _normalise_lang(declared) != _normalise_lang(lang):
        raise ValueError(f"<html lang> must be {lang!r}, found {declared!r}")
    if not title.strip():
        raise ValueError("a PDF/UA document needs a title")


def _keep_link(link: tuple[str, Any, Any, Any]) -> bool:
    link_type, target = link[0], link[1]
    if link_type == "external":
        try:
            return urlsplit(target).scheme.lower() in LINK_SCHEMES
        except ValueError:
            return False
    return link_type == "internal"  # "attachment" would embed a file


def _drop_attachments_and_odd_links(document: Document) -> None:
    """Drop attached files and links to anything but the web and e-mail: letters need neither."""
    document.metadata.attachments = []
    for page in document.pages:
        page.links = [link for link in page.links if _keep_link(link)]


def html_to_pdf(
    html: str, *, assets_dir: str, title: str, lang: str, allow_missing_glyphs: bool = False
) -> bytes:
    """Render html to PDF/UA-1 bytes, fetching nothing but files under assets_dir."""
    with _render_lock:
        font_config = _setup()
        html, stylesheets = _stylesheets(html, assets_dir, font_config)
        source = HTML(string=html, base_url=BASE_URL, url_fetcher=AssetFetcher(assets_dir))
        _check(source, title, lang)
        _log_filter.missing_glyphs = 0
        document = source.render(
            font_config=font_config, pdf_variant=PDF_VARIANT, stylesheets=stylesheets, **render_options()
        )
        _drop_attachments_and_odd_links(document)
        document.metadata.title = title
        pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    # A missing font, or one Pango could not load under the memory cap, prints as empty boxes.
    if _log_filter.missing_glyphs and not allow_missing_glyphs:
        raise MissingGlyphs(f"{_log_filter.missing_glyphs} characters have no glyph in the installed fonts")
    return pdf
