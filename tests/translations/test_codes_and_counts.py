"""One spelling of locale codes (URLs and accounts "zh-Hans", folders "zh_Hans"), and the
dashboard counting only the templates a locale is expected to have."""

from __future__ import annotations

import csv

import pytest
from sqlalchemy import select

from advocacy.accounts.models import User
from advocacy.core.extensions import db
from advocacy.core.i18n import folder_name, negotiate, url_tag
from advocacy.core.settings import PROJECT_ROOT
from advocacy.translations.dashboard import dashboard, expected_templates
from tests.helpers import PASSWORD, csrf_token, sign_in

TEMPLATES = PROJECT_ROOT / "templates" / "letters"
NAMES = sorted(path.stem for path in (TEMPLATES / "en").glob("*.txt"))
GENERAL = [name for name in NAMES if not name.startswith("pq-") or name == "pq-cover"]
with (PROJECT_ROOT / "data" / "chambers.csv").open(encoding="utf-8") as handle:
    CHAMBERS = {row["id"]: row["languages"].split() for row in csv.DictReader(handle)}


@pytest.mark.parametrize(
    ("written", "tag", "folder"),
    [
        ("zh_Hans", "zh-Hans", "zh_Hans"),
        ("zh-Hans", "zh-Hans", "zh_Hans"),
        ("zh-hant", "zh-Hant", "zh_Hant"),
        ("ug", "ug", "ug"),
        ("pt_BR", "pt-BR", "pt_BR"),
        ("fr", "fr", "fr"),
    ],
)
def test_a_locale_has_one_url_spelling_and_one_folder_spelling(written, tag, folder):
    assert (url_tag(written), folder_name(written)) == (tag, folder)


@pytest.mark.parametrize(
    ("accept", "lands_on"),
    [
        ("yue", "zh-Hant"),
        ("yue-HK", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-TW", "zh-Hant"),
        ("zh-MO", "zh-Hant"),
        ("zh-Hant", "zh-Hant"),
        ("zh-CN", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh", "zh-Hans"),
        ("yue-Hans", "zh-Hans"),
        ("ug-CN", "ug"),
        ("xx", "en"),
    ],
)
def test_accept_language_lands_on_the_script_its_readers_read(accept, lands_on):
    assert negotiate([accept]) == lands_on


def test_the_workspace_takes_the_url_spelling_and_redirects_the_other(app, people):
    client = app.test_client()
    assert sign_in(client, people["admin"]).status_code == 302
    assert client.get("/translate/zh-Hans/sanctions").status_code == 200
    moved = client.get("/translate/zh_Hans/sanctions?x=1")
    assert (moved.status_code, moved.location) == (308, "/translate/zh-Hans/sanctions?x=1")
    preview = client.post("/translate/zh_Hans/sanctions/preview", data={"csrf_token": csrf_token(client)})
    assert (preview.status_code, preview.location) == (308, "/translate/zh-Hans/sanctions/preview")
    assert 'href="/translate/zh-Hans/sanctions"' in client.get("/translate/?show=all").get_data(as_text=True)


@pytest.mark.parametrize("written", ["zh_Hans", "zh-Hans"])
def test_an_account_given_either_spelling_edits_the_locale(app, written):
    runner = app.test_cli_runner()
    args = ["users", "create", "--email", "zh@example.org", "--name", "Zh", "--role", "translator"]
    made = runner.invoke(args=[*args, "--edit-locales", written], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert made.exit_code == 0, made.output
    with app.app_context():
        assert db.session.scalar(select(User.edit_locales).where(User.email == "zh@example.org")) == "zh-Hans"
    client = app.test_client()
    assert sign_in(client, "zh@example.org").status_code == 302
    assert client.get("/translate/zh-Hans/sanctions").status_code == 200
    assert client.get("/translate/zh-Hant/sanctions").status_code == 403


# locale -> chamber questions it is expected to have (besides the general letters and pq-cover)
EXPECTED_QUESTIONS = [
    ("fr", {"pq-fr-assemblee", "pq-fr-senat", "pq-be-chamber", "pq-ca-commons", "pq-ch-federal-assembly",
            "pq-eu-parliament"}),
    ("de", {"pq-de-bundestag", "pq-at-nationalrat", "pq-be-chamber", "pq-ch-federal-assembly",
            "pq-eu-parliament"}),
    ("sv", {"pq-se-riksdag", "pq-fi-eduskunta", "pq-eu-parliament"}),
    ("nb", {"pq-no-storting"}),
    ("ja", {"pq-jp-sangiin", "pq-jp-shugiin"}),
    ("zh_Hans", set()),
    ("zh_Hant", set()),
    ("ug", set()),
]  # fmt: skip


@pytest.mark.parametrize(("locale", "questions"), EXPECTED_QUESTIONS)
def test_a_locale_expects_the_general_letters_and_its_chambers_questions(locale, questions):
    expected = expected_templates(NAMES, CHAMBERS, locale)
    assert set(expected) == set(GENERAL) | questions


def test_a_question_to_a_chamber_the_data_does_not_know_stays_expected():
    names = ["pq-xx-unknown", "sanctions"]
    assert expected_templates(names, CHAMBERS, "fr") == names


def test_the_french_dashboard_counts_only_what_french_needs(app, people):
    with app.app_context():
        board = dashboard(db.session, TEMPLATES, PROJECT_ROOT / "translations")
    french = board.expected["fr"]
    assert "pq-de-bundestag" not in french and "pq-fr-senat" in french and french[-1] == "interface"
    assert sum(board.counts["fr"].values()) == len(french) < len(board.rows)
    assert not board.cells[("pq-de-bundestag", "fr")].expected
    assert board.cells[("pq-fr-senat", "fr")].expected
    approved = [name for name in french[:-1] if board.cells[(name, "fr")].status == "approved"]
    share = board.catalogs["fr"].share
    assert board.percent["fr"] == pytest.approx(round(100 * (len(approved) + share) / len(french), 1))
    assert board.counts["fr"]["missing"] == sum(
        1 for name in french if board.cells[(name, "fr")].status == "missing"
    )
