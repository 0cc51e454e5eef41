"""Letter PDFs printed for real and read back page by page: the ending kept together, the question apart."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from advocacy.core.workers import WorkerPool
from advocacy.letters.outputs import Letter
from advocacy.letters.pdf import letter_html, letter_pdf

LAST = "The last paragraph asks you to act. " * 5 + "Please act now."


@pytest.fixture(scope="module")
def pool():
    workers = WorkerPool(size=2, timeout=60, memory_mb=1024, preload=["advocacy.pdf.render"])
    yield workers
    workers.close()


def pages(pdf: bytes, tmp_path: Path) -> list[str]:
    """Read a PDF back with poppler: each page's words, one space apart."""
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def letter(lines: int) -> Letter:
    """A letter of `lines` one-line paragraphs, then a last paragraph of several lines."""
    body = "\n\n".join([f"Paragraph {n} of the letter." for n in range(lines)] + [LAST])
    return Letter("en", "Suspend the treaty", body, "Ada Example", "Lyon", "Jean Dupont")


def test_the_closing_and_signature_stay_with_the_last_paragraph(pool, tmp_path):
    """Move the page break through the end of the letter a line at a time."""
    printed = {n: pages(letter_pdf(letter(n), pool=pool), tmp_path) for n in range(12, 21)}
    broken = 0
    for n, found in printed.items():
        ending = [i for i, page in enumerate(found) if "Yours sincerely," in page]
        assert len(ending) == 1, (n, found)
        page = found[ending[0]]
        assert "Ada Example" in page.split("Yours sincerely,")[1], (n, "the signature left alone")
        assert "Please act now." in page, (n, "the closing left alone")
        if len(found) > 1:
            broken += 1
            assert "Paragraph" in found[0]
    # The range must cross the page break, or the test shows nothing.
    assert 0 < broken < len(printed)


def test_the_question_has_a_heading_a_box_and_an_end(pool, tmp_path):
    asked = Letter("zh_Hans", "请提出书面质询", "第一段。", "张三", "", "", question="问题一？\n\n问题二？")
    html = letter_html(asked)
    assert '<section class="question"' in html and '<div class="question-text">' in html
    found = pages(letter_pdf(asked, pool=pool), tmp_path)
    assert len(found) == 2 and "此致" in found[0] and "张三" in found[0]
    assert found[1].startswith("书面质询草案") and "问题一？" in found[1]
    assert found[1].index("问题二？") < found[1].index("草案到此结束")
    assert "问题" not in found[0]
