"""The gettext template lists every interface string; each locale's catalog translates all of them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from markupsafe import escape

from advocacy import create_app
from advocacy.core.i18n import LOCALES
from advocacy.core.settings import PROJECT_ROOT

EXTRACT = [
    "-F",
    "babel.cfg",
    "-k",
    "lazy_gettext",
    "-k",
    "_l",
    "--no-location",
    "--sort-output",
    "--omit-header",
]


def test_messages_pot_is_up_to_date(tmp_path):
    fresh = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    done = subprocess.run(
        [str(pybabel), "extract", *EXTRACT, "-o", str(fresh), "."],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    committed = (PROJECT_ROOT / "translations" / "messages.pot").read_text(encoding="utf-8")
    assert fresh.read_text(encoding="utf-8") == committed, (
        "translations/messages.pot is out of date: run "
        "pybabel extract " + " ".join(EXTRACT) + " -o translations/messages.pot ."
    )


# --- The catalogs: one per supported locale, complete, compiling, placeholders intact ---------------

TRANSLATIONS = PROJECT_ROOT / "translations"
CATALOG_LOCALES = sorted(set(LOCALES.values()) - {"en"})
UNREVIEWED = "Machine-assisted translation, not yet reviewed by a second translator."
# A printf-style conversion as Python's % operator reads it: %(name)s, %d, %%.
CONVERSION = re.compile(r"%(?:\((\w+)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?([diouxXeEfFgGcrsa%])")


def catalog_path(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def read_catalog(path: Path, locale: str | None = None):
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def placeholders(text: str) -> set[tuple[str | None, str]]:
    return {(name or None, kind) for name, kind in CONVERSION.findall(text) if kind != "%"}


def forms(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def test_every_supported_locale_has_a_catalog_and_nothing_else_does():
    found = sorted(p.parent.parent.name for p in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
    assert found == CATALOG_LOCALES


@pytest.mark.parametrize("locale", CATALOG_LOCALES)
def test_catalog_compiles(locale, tmp_path):
    pybabel = Path(sys.executable).parent / "pybabel"
    done = subprocess.run(
        [str(pybabel), "compile", "-i", str(catalog_path(locale)), "-o", str(tmp_path / "messages.mo"),
         "-l", locale, "--statistics"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "error" not in done.stderr.lower(), done.stderr
    assert (tmp_path / "messages.mo").stat().st_size > 0


@pytest.mark.parametrize("locale", CATALOG_LOCALES)
def test_catalog_passes_msgfmt_check(locale, tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt not installed (Debian package gettext)")
    done = subprocess.run(
        [msgfmt, "--check", "-o", str(tmp_path / "messages.mo"), str(catalog_path(locale))],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr, done.stderr


@pytest.mark.parametrize("locale", CATALOG_LOCALES)
def test_catalog_is_complete_current_and_marked_unreviewed(locale):
    template = read_catalog(TRANSLATIONS / "messages.pot")
    catalog = read_catalog(catalog_path(locale), locale)
    wanted = {m.id for m in template if m.id}
    have = {m.id for m in catalog if m.id}
    update = "run pybabel update -i translations/messages.pot -d translations, then translate"
    assert wanted - have == set(), f"msgids missing: {update}"
    assert have - wanted == set(), f"stale msgids: {update}"
    assert not catalog.fuzzy, "the header is marked fuzzy: pybabel compile would skip the catalog"
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, f"fuzzy (not compiled): {message.id!r}"
        assert len(forms(message)) == (catalog.num_plurals if message.pluralizable else 1), message.id
        assert all(text.strip() for text in forms(message)), f"untranslated: {message.id!r}"
    assert UNREVIEWED in catalog_path(locale).read_text(encoding="utf-8").split("msgid", 1)[0]


@pytest.mark.parametrize("locale", CATALOG_LOCALES)
def test_translations_keep_every_placeholder_and_add_no_markup(locale):
    for message in read_catalog(catalog_path(locale), locale):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set().union(*(placeholders(text) for text in ids))
        for text in forms(message):
            assert placeholders(text) == wanted, f"{message.id!r} -> {text!r}"
            if wanted:
                text % {name: 1 for name, _ in wanted}  # fills in as the code will
            else:
                assert "%" not in text, f"a bare % in {text!r} breaks `text % values`"
            if not any("<" in source for source in ids):
                assert "<" not in text and ">" not in text, f"markup added: {text!r}"


# --- The catalogs at work: pages in the locale of their URL ------------------------------------------


@pytest.fixture(scope="module")
def compiled(tmp_path_factory) -> Path:
    """The catalogs compiled afresh, so these tests do not depend on a prior `./dev` compile."""
    folder = tmp_path_factory.mktemp("translations")
    shutil.copytree(TRANSLATIONS, folder, dirs_exist_ok=True)
    pybabel = Path(sys.executable).parent / "pybabel"
    done = subprocess.run(
        [str(pybabel), "compile", "-d", str(folder)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture(scope="module")
def translated(compiled, tmp_path_factory):
    from tests.helpers import DATA_DIR

    folder = tmp_path_factory.mktemp("translated-site")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "INSTANCE_PATH": str(folder / "instance"),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'test.sqlite'}",
            "DATA_DIR": str(DATA_DIR),
            "BABEL_TRANSLATION_DIRECTORIES": str(compiled),
        }
    )
    result = app.test_cli_runner().invoke(args=["init"])
    assert result.exit_code == 0, result.output
    return app


def translation(tag: str, msgid: str) -> str:
    catalog = read_catalog(catalog_path(LOCALES[tag]), LOCALES[tag])
    text = catalog[msgid].string
    assert text and text != msgid
    return text


def shown(text: str, html: str) -> bool:
    """Whether text is on the page: escaped by Jinja, or as is (lazy strings count as markup)."""
    return str(escape(text)) in html or text in html


def test_the_app_reads_the_catalogs_where_they_are_kept_and_compiled(tmp_path):
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path), "CHECK_FONTS": False})
    assert app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";") == [str(TRANSLATIONS)]


@pytest.mark.parametrize("tag", ["fr", "de", "zh-Hans", "ug"])
def test_pages_are_in_the_locale_of_their_url(translated, tag):
    client = translated.test_client()
    index = client.get(f"/{tag}/").get_data(as_text=True)
    assert f"<h1>{escape(translation(tag, 'Where each country stands'))}</h1>" in index
    assert "Where each country stands" not in index
    assert f">{escape(translation(tag, 'Skip to content'))}</a>" in index
    country = client.get(f"/{tag}/countries/FR").get_data(as_text=True)
    assert f">{escape(translation(tag, 'Treaties and agreements'))}</h2>" in country
    assert "Treaties and agreements" not in country
    missing = client.get(f"/{tag}/countries/ZZ")
    assert missing.status_code == 404
    assert shown(translation(tag, "Page not found"), missing.get_data(as_text=True))


@pytest.mark.parametrize("tag", ["fr", "de", "zh-Hans", "ug"])
def test_composer_errors_are_in_the_locale_of_the_page(translated, tag):
    client = translated.test_client()
    url = f"/{tag}/countries/FR/write/suspend-extradition-treaty"
    form = client.get(url).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    fields = {"sender_name": "", "letter_locale": "en", "recipient_email": "not-an-address"}
    html = client.post(url, data={"csrf_token": token, **fields}).get_data(as_text=True)
    assert shown(translation(tag, "Please give your name."), html)
    assert shown(translation(tag, "This is not an e-mail address."), html)
    assert shown(translation(tag, "Please correct the following"), html)
    assert "Please give your name." not in html
