"""Every reason reads as a whole sentence in every locale, whatever the date's precision."""

from __future__ import annotations

import pytest

from advocacy import create_app
from advocacy.core.i18n import LOCALES
from advocacy.countries.labels import REASONS, reason_text
from advocacy.countries.rules import Reason

BASE_CODES = sorted({code.removesuffix("-partial").removesuffix("-undated") for code in REASONS})


@pytest.fixture(scope="module")
def request_context(tmp_path_factory):
    app = create_app({"TESTING": True, "INSTANCE_PATH": str(tmp_path_factory.mktemp("labels"))})
    with app.test_request_context():
        yield


@pytest.mark.parametrize("locale", sorted(set(LOCALES.values())))
@pytest.mark.parametrize("code", BASE_CODES)
@pytest.mark.parametrize("date", ["2017-03-28", "2017-03", "2017", None])
def test_reason_is_a_full_sentence(request_context, code, date, locale):
    text = reason_text(Reason(code, date=date), locale)
    assert "%(" not in text and " ." not in text and "  " not in text
    assert text.endswith((".", "。"))
    if date and "%(date)s" in str(REASONS[code]):
        assert "2017" in text


def test_partial_dates_read_naturally(request_context):
    assert reason_text(Reason("treaty-signed", date="2004-11"), "en") == (
        "The extradition treaty was signed in November 2004 but is not in force."
    )
    assert reason_text(Reason("treaty-signed", date="2017-05-13"), "en") == (
        "The extradition treaty was signed on 13 May 2017 but is not in force."
    )


def test_unverified_reason_cites_its_source(request_context):
    text = reason_text(Reason("treaty-in-force", date="2000", verified=False, source="A weak list"), "en")
    assert (
        text
        == "According to A weak list (not verified): The extradition treaty has been in force since 2000."
    )
