"""What a reporting-mechanism letter may cite, and the migration that holds the rows."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from advocacy.core.extensions import db
from advocacy.reporting.facts import reporting_facts

TABLES = {"report_channel", "report_guidance", "report_recommendation"}


@pytest.fixture
def app(small_app):
    return small_app


def test_the_letter_facts_cite_who_asked_for_a_dedicated_channel(app):
    with app.app_context():
        gb = reporting_facts(db.session, "GB")
        fr = reporting_facts(db.session, "FR")
        au = reporting_facts(db.session, "AU")
    assert gb["dedicated"] is False and gb["channel_count"] == 1
    assert [r["id"] for r in gb["asking"]] == ["gb-jchr-report", "sd-pilot-reporting-guide"]
    jchr = gb["asking"][0]
    assert jchr["national"] and jchr["verified"] and jchr["date"] == "2025"
    assert "a dedicated reporting line" in jchr["statement"]
    # France: no national call in the data; the EU-wide opinion is unverified and says so.
    assert [(r["id"], r["verified"]) for r in fr["asking"]] == [
        ("sd-pilot-reporting-guide", True), ("nl-eu-opinion", False),
    ]  # fmt: skip
    assert au["dedicated"] is True


def test_the_migration_adds_and_removes_the_reporting_tables(app):
    from flask_migrate import downgrade, upgrade

    with app.app_context():
        directory = app.extensions["migrate"].directory
        assert set(inspect(db.engine).get_table_names()) >= TABLES
        downgrade(directory=directory, revision="0008")
        assert not TABLES & set(inspect(db.engine).get_table_names())
        upgrade(directory=directory)
        assert set(inspect(db.engine).get_table_names()) >= TABLES


def test_the_migration_matches_the_models(app):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with app.app_context(), db.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert [d for d in diffs if "report_" in repr(d)] == []


def render_reporting_letter(app, code: str, locale: str) -> str:
    """Render the reporting-mechanism letter with the country's facts and its reporting facts."""
    from advocacy.core.settings import PROJECT_ROOT
    from advocacy.countries.repository import load_dossier
    from advocacy.letters.service import fitting_facts, letter_people
    from advocacy.letters.template import load_template

    template = load_template(PROJECT_ROOT / "templates" / "letters", locale, "reporting-mechanism")
    with app.app_context():
        facts = fitting_facts(db.session, load_dossier(db.session, code), "reporting-mechanism", locale)
        # The reporting facts come with the letter's own facts (letters.service.letter_context).
        return facts.render(template, letter_people(sender_name="Ada Example")).body


def test_the_letter_cites_who_asked_for_a_channel_from_the_data(app):
    body = render_reporting_letter(app, "GB", "en")
    assert (
        "As far as we know, there is no channel here dedicated to reporting transnational repression, and "
        'others have called for one: Joint Committee on Human Rights (UK Parliament), "Transnational '
        'repression in the UK" (7th Report, HL Paper 160) (2025); Safeguard Defenders, Transnational '
        "repression: pilot reporting guide."
    ) in body
    # An unverified call is given with its source; Australia, which has a dedicated channel, gets none.
    french = render_reporting_letter(app, "FR", "en")
    assert "(May 2024), according to Joop (bnnvara.nl) (not verified)." in french
    assert "others have called for one" not in render_reporting_letter(app, "AU", "en")


@pytest.mark.parametrize("locale", ["fr", "zh_Hans", "ug"])
def test_the_translations_cite_the_same_calls(app, locale):
    body = render_reporting_letter(app, "GB", locale)
    assert "Joint Committee on Human Rights (UK Parliament)" in body and "Safeguard Defenders" in body


def test_the_composer_letter_cites_the_calls(app):
    """Through the web composer, as a campaigner gets it."""
    from tests.letters.composing import csrf

    client = app.test_client()
    url = "/en/countries/GB/write/reporting-mechanism"
    token = csrf(client.get(url).get_data(as_text=True))
    page = client.post(url, data={"csrf_token": token, "sender_name": "Ada Example", "letter_locale": "en"})
    assert page.status_code == 200
    assert "others have called for one: Joint Committee on Human Rights" in page.get_data(as_text=True)
