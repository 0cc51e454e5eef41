"""Keeping translations current: outdated sources, the dashboard, catalogs, and `advocacy templates`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advocacy.core.extensions import db
from advocacy.letters.served import served_template
from advocacy.letters.template import load_template, parse_template
from advocacy.translations.revisions import (
    approve,
    dashboard,
    editor_state,
    preview_draft,
)
from tests.translations.revising import TRANSLATIONS, french, person, rows, save


def change_english(root: Path, name: str = "sanctions") -> None:
    path = root / "en" / f"{name}.txt"
    path.write_text(
        path.read_text(encoding="utf-8").replace("I would be grateful", "I would be most grateful")
    )


def test_the_preview_renders_an_unsaved_draft_with_a_countrys_data(app, letters):
    subject, body = french(letters)
    with app.app_context():
        rendered, findings = preview_draft(db.session, letters, "sanctions", "fr", subject, body)
        assert findings == [] and rendered.locale == "fr"
        assert "d'avance" in rendered.body and "Lyon" in rendered.body
        cover = load_template(letters, "fr", "pq-cover")
        german, _ = preview_draft(
            db.session, letters, "pq-cover", "fr", cover.subject, cover.body, country="DE"
        )
        assert "Bundestag" in german.subject  # the chosen country's chamber
        broken, findings = preview_draft(db.session, letters, "sanctions", "fr", subject, body + "{% if x %}")
        assert broken is None and [f.code for f in findings] == ["syntax"]
        assert rows() == []  # nothing saved


def test_a_changed_english_template_marks_its_translations_outdated(app, people, letters):
    with app.app_context():
        board = dashboard(db.session, letters, TRANSLATIONS)
        assert board.cells[("sanctions", "fr")].status == "draft"  # the bundled file, not reviewed
        assert board.cells[("sanctions", "it")].status == "missing"
        save(letters, locale="de")  # a database revision, following today's English
        change_english(letters)
        board = dashboard(db.session, letters, TRANSLATIONS)
        for locale in ("fr", "de", "zh_Hans"):
            assert board.cells[("sanctions", locale)].status == "outdated", locale
        assert board.cells[("suspend-hk-agreement", "fr")].status == "draft"


def test_the_dashboard_counts_states_per_locale(app, people, letters):
    with app.app_context():
        board = dashboard(db.session, letters, TRANSLATIONS)
        assert board.rows[-1] == "interface" and "sanctions" in board.rows
        assert board.locales[:3] == ["fr", "de", "es"] and "it" in board.locales and "en" not in board.locales
        assert board.cells[("interface", "fr")].status == "draft"  # complete, but its header says unreviewed
        assert board.cells[("interface", "it")].status == "missing"
        assert board.catalogs["fr"].share > 0.9
        before = board.percent["fr"]
        submitted = save(letters, submit=True).revision
        assert (
            dashboard(db.session, letters, TRANSLATIONS).cells[("sanctions", "fr")].status
            == "awaiting-review"
        )
        approve(db.session, person("reviewer"), submitted.id)
        board = dashboard(db.session, letters, TRANSLATIONS)
        cell = board.cells[("sanctions", "fr")]
        assert (cell.status, cell.revision_id) == ("approved", submitted.id)
        assert board.percent["fr"] == pytest.approx(before + 100 / len(board.expected["fr"]), abs=0.1)
        for locale in board.locales:
            assert sum(board.counts[locale].values()) == len(board.expected[locale])
        assert board.counts["fr"]["approved"] == 1


def test_a_fuzzy_catalog_entry_makes_the_interface_outdated(app, tmp_path, letters):
    catalog = tmp_path / "po" / "fr" / "LC_MESSAGES"
    catalog.mkdir(parents=True)
    (catalog / "messages.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\nmsgid "One"\nmsgstr "Un"\n\n'
        '#, fuzzy\nmsgid "Two"\nmsgstr "Deux"\n\nmsgid "Three"\nmsgstr ""\n',
        encoding="utf-8",
    )
    with app.app_context():
        board = dashboard(db.session, letters, tmp_path / "po")
    stats = board.catalogs["fr"]
    assert (stats.total, stats.translated, stats.fuzzy, stats.untranslated) == (3, 1, 1, 1)
    assert board.cells[("interface", "fr")].status == "outdated"


def test_init_keeps_the_english_texts_so_the_next_change_shows_as_a_diff(app, letters):
    change_english(letters)  # as a deploy would: the English sources seen at `init` are the old ones
    with app.app_context():
        state = editor_state(db.session, letters, "sanctions", "fr")
        assert state.outdated and state.diff_known and state.diff


def test_the_editor_shows_what_changed_in_the_source(app, people, letters):
    with app.app_context():
        fresh = editor_state(db.session, letters, "sanctions", "fr")
        db.session.commit()
        assert fresh.current.body == load_template(letters, "fr", "sanctions").body
        assert fresh.diff == [] and not fresh.outdated and fresh.history == []
        assert fresh.sample_country == "FR" and fresh.sample["country"]["name"] == "France"
        change_english(letters)
        state = editor_state(db.session, letters, "sanctions", "fr")
        assert state.outdated and state.diff_known
        assert any(line.startswith("-") and "I would be grateful to know" in line for line in state.diff)
        assert any(line.startswith("+") and "I would be most grateful to know" in line for line in state.diff)
        question = editor_state(db.session, letters, "pq-eu-parliament", "fr")
        assert question.limits is not None and question.limits.words == 200


def test_import_reports_and_keeps_newer_database_work(app, people, letters, runner):
    result = runner.invoke(args=["templates", "import"])
    assert result.exit_code == 0, result.output
    assert re.search(r"Imported [1-9]\d+ template\(s\); \d+ unchanged; 0 skipped; 0 with", result.output)
    assert "Imported 0 template(s)" in runner.invoke(args=["templates", "import"]).output
    with app.app_context():
        save(letters)  # a person's work after the import
    path = letters / "fr" / "sanctions.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("par avance", "sincèrement"))
    result = runner.invoke(args=["templates", "import"])
    assert result.exit_code == 0, result.output
    assert "Skipped fr/sanctions: the database has newer work" in result.output
    assert re.search(r"Imported 0 template\(s\); \d+ unchanged; 1 skipped", result.output)
    with app.app_context():
        assert "d'avance" in served_template(db.session, letters, "sanctions", "fr").template.body
    forced = runner.invoke(args=["templates", "import", "--force"])
    assert "Imported 1 template(s)" in forced.output
    with app.app_context():
        assert "sincèrement" in served_template(db.session, letters, "sanctions", "fr").template.body


def test_export_writes_the_approved_revisions_as_files(app, people, letters, runner, tmp_path):
    with app.app_context():
        submitted = save(letters, submit=True).revision
        approve(db.session, person("reviewer"), submitted.id)
        db.session.commit()
        expected = submitted.body
    out = tmp_path / "out"
    result = runner.invoke(args=["templates", "export", "--dir", str(out)])
    assert result.exit_code == 0, result.output
    assert "Exported 1 approved translation(s)" in result.output
    written = parse_template((out / "fr" / "sanctions.txt").read_text(encoding="utf-8"), "sanctions", "fr")
    assert written.review == "approved" and written.body == expected
    assert written.translated_from == load_template(letters, "en", "sanctions").revision
    again = runner.invoke(args=["templates", "export", "--dir", str(out)])
    assert "Exported 0 approved translation(s)" in again.output
    imported = runner.invoke(args=["templates", "import", "--dir", str(out)])
    assert "Imported 0 template(s); 1 unchanged" in imported.output


def test_status_prints_the_counts_per_locale(runner):
    result = runner.invoke(args=["templates", "status"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "awaiting-review" in lines[0] and "approved %" in lines[0]
    assert any(line.split()[0] == "zh_Hans" for line in lines[1:])
