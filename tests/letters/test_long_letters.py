"""Letters that would take seconds to print: too many lines is a clear error; long ones print apart."""

from __future__ import annotations

import re

import pytest

from advocacy.letters import pdf
from advocacy.letters.outputs import Letter
from advocacy.letters.people import LINES_MAX
from tests.letters.composing import csrf, details, edited

START = "/en/countries/FR/write/suspend-extradition-treaty"


def _preview(client) -> str:
    token = csrf(client.get(START).get_data(as_text=True))
    response = client.post(START, data={"csrf_token": token, **details()})
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize("field", ["body", "question"])
def test_a_letter_of_too_many_lines_is_refused_with_a_reason(client, monkeypatch, field: str) -> None:
    printed: list[Letter] = []
    monkeypatch.setattr(pdf, "letter_pdf", lambda letter, **kwargs: printed.append(letter) or b"%PDF")
    html = _preview(client)
    hostile = "a\n" * 6000
    fields = edited(html, **{field: hostile})
    finished = client.post("/en/letters/finish", data=fields)
    page = finished.get_data(as_text=True)
    assert finished.status_code == 400 and f"Please keep this under {LINES_MAX} lines." in page
    if field == "body":  # a letter's question is not shown to edit unless it is a written question
        assert re.search(r'aria-invalid="true"[^>]*name="body"|name="body"[^>]*aria-invalid="true"', page)
    download = client.post("/en/letters/download/pdf", data={**fields, "csrf_token": csrf(page)})
    assert download.status_code == 400 and printed == []  # never printed
    fine = edited(html, **{field: "a\n" * (LINES_MAX - 1)})
    assert client.post("/en/letters/finish", data=fine).status_code == 200


def test_long_letters_print_in_a_pool_of_their_own(monkeypatch) -> None:
    import advocacy.core.workers

    asked: list[dict] = []

    class Pool:
        def run(self, *args, **kwargs) -> bytes:
            return b"%PDF"

    def get_pool(**kwargs):
        asked.append(kwargs)
        return Pool()

    monkeypatch.setattr(advocacy.core.workers, "get_pool", get_pool)
    ordinary = Letter(locale="en", subject="S", body="Dear member,\n\n" + "Please act. " * 300)
    pdf.letter_pdf(ordinary)
    many_lines = Letter(locale="en", subject="S", body="a\n" * (pdf.LONG_LINES + 1))
    pdf.letter_pdf(many_lines)
    many_words = Letter(locale="en", subject="S", body="word " * 2000)
    pdf.letter_pdf(many_words)
    assert asked == [{}, {"size": 1, "name": pdf.LONG_POOL}, {"size": 1, "name": pdf.LONG_POOL}]
