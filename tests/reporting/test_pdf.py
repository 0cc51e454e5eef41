"""The one-page PDF of a country's report page: in the reader's language, read back with poppler."""

from __future__ import annotations

import re
import subprocess
from io import BytesIO
from pathlib import Path

import pikepdf
import pytest

from advocacy.core.i18n import LOCALES
from advocacy.countries.names import country_name

# Country -> what its PDF must hold in every language: contact details; and its verdict in English.
EXPECTED = {
    "AU": ["1800 123 400", "131 450", "hotline@nationalsecurity.gov.au"],
    "FR": ["17; 112; 114", "urgent-action@ohchr.org"],
    "IT": ["69006", "+353 (0) 1 21 00 489"],
}
VERDICT = {"AU": "counts", "FR": "No channel dedicated", "IT": "Nothing national has been verified"}
TAGS = ["en", "zh-Hans", "ug"]


def read_back(pdf: bytes, tmp_path: Path, tool: str) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    arguments = [tool, str(path)] if tool == "pdffonts" else [tool, str(path), "-"]
    return subprocess.run(arguments, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdfs(site) -> dict[tuple[str, str], bytes]:
    """Each expected country's PDF in each tested language, fetched once."""
    client = site.test_client()
    found = {}
    for code in EXPECTED:
        for tag in TAGS:
            response = client.get(f"/{tag}/report/{code}/report.pdf")
            assert response.status_code == 200 and response.mimetype == "application/pdf"
            assert response.headers["Cache-Control"] == "no-store" and "Set-Cookie" not in response.headers
            disposition = response.headers["Content-Disposition"]
            assert disposition == f'attachment; filename="where-to-report-{code}-{tag}.pdf"'
            found[(code, tag)] = response.data
    return found


@pytest.mark.parametrize("code", sorted(EXPECTED))
@pytest.mark.parametrize("tag", TAGS)
def test_one_page_in_the_readers_language_with_the_details(pdfs, code, tag, tmp_path):
    pdf = pdfs[(code, tag)]
    with pikepdf.open(BytesIO(pdf)) as document:
        assert len(document.pages) == 1
        assert str(document.Root.Lang) == tag and "/StructTreeRoot" in document.Root
    text = read_back(pdf, tmp_path, "pdftotext")
    # pdftotext mirrors brackets in right-to-left lines, "(0)" comes out ")0(": compare without them.
    squeezed = re.sub(r"[()]", "", " ".join(text.split()))
    for detail in EXPECTED[code] + ([VERDICT[code]] if tag == "en" else []):
        assert re.sub(r"[()]", "", detail) in squeezed, detail
    name = country_name(code, LOCALES[tag])
    assert name in squeezed  # the country in the reader's language (Uyghur drawn right to left)


def test_emergency_numbers_are_printed_apart(pdfs, tmp_path):
    text = " ".join(read_back(pdfs[("FR", "en")], tmp_path, "pdftotext").split())
    emergency, rest = text.split("Where to report in France")[0], text.split("Where to report in France")[1]
    assert "Only in immediate danger" in emergency and "17; 112; 114" in emergency
    assert "17; 112; 114" not in rest


@pytest.mark.parametrize("tag", TAGS)
def test_only_embedded_fonts(pdfs, tag, tmp_path):
    rows = read_back(pdfs[("AU", tag)], tmp_path, "pdffonts").splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)


def test_no_pdf_for_an_unknown_country(site):
    client = site.test_client()
    assert client.get("/en/report/ZZ/report.pdf").status_code == 404
    assert client.get("/en/report/fr/report.pdf").status_code == 404
