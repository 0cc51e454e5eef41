"""Template revisions in the database: saving with checks, review, what campaigners get, the CLI."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from advocacy.accounts.models import User
from advocacy.core.extensions import db
from advocacy.core.settings import PROJECT_ROOT
from advocacy.letters.template import load_template, parse_template
from advocacy.translations.revisions import (
    RevisionError,
    TemplateRevision,
    approve,
    dashboard,
    editor_state,
    preview_draft,
    reject,
    save_revision,
    served_template,
)
from tests.helpers import change_settings

TRANSLATIONS = PROJECT_ROOT / "translations"
# The bundled French letter with one phrase changed: no errors, no warnings.
REWORDED = ("Je vous remercie par avance", "Je vous remercie d'avance")


@pytest.fixture
def letters(app, tmp_path) -> Path:
    """A copy of the template files the app uses, so tests can change the English sources."""
    root = tmp_path / "letters"
    shutil.copytree(PROJECT_ROOT / "templates" / "letters", root)
    change_settings(app, letter_templates_dir=root)
    return root


def person(role: str) -> User:
    return db.session.scalar(select(User).where(User.email == f"{role}@example.org"))


def french(root: Path, name: str = "sanctions", locale: str = "fr") -> tuple[str, str]:
    """The bundled translation (French: reworded); other locales' texts are left as they are."""
    template = load_template(root, locale, name)
    return template.subject, template.body.replace(*REWORDED)


def save(root: Path, role: str = "translator", locale: str = "fr", submit: bool = False, **texts: str):
    subject, body = french(root, locale="fr" if locale in ("en", "es") else locale)
    result = save_revision(
        db.session, person(role), "sanctions", locale, texts.get("subject", subject), texts.get("body", body),
        dismissed=texts.get("dismissed", {}), submit=submit, root=root,
    )  # fmt: skip
    db.session.commit()
    return result


def rows(locale: str = "fr", name: str = "sanctions") -> list[TemplateRevision]:
    query = select(TemplateRevision).where(TemplateRevision.name == name, TemplateRevision.locale == locale)
    return list(db.session.scalars(query.order_by(TemplateRevision.id)))


def test_a_good_translation_is_saved_as_a_draft_after_the_file_it_replaces(app, people, letters):
    with app.app_context():
        result = save(letters)
        assert result.revision is not None and result.findings == []
        assert result.revision.state == "draft" and result.revision.author_id == person("translator").id
        assert result.revision.source_revision == load_template(letters, "en", "sanctions").revision
        history = rows()
        assert [r.author_id is None for r in history] == [True, False]  # the file, then the new work
        assert history[0].body == load_template(letters, "fr", "sanctions").body


def test_a_translation_with_a_changed_placeholder_is_refused(app, people, letters):
    with app.app_context():
        body = french(letters)[1]
        result = save(letters, body=body.replace("{{ sender.town }}", "{{ sender.city }}"))
        assert result.revision is None
        assert ("error", "structure") in [(f.level, f.code) for f in result.findings]
        assert "sender.city" in result.findings[0].message
        assert rows() == []


def test_warnings_need_a_reason_to_be_dismissed(app, people, letters):
    source = load_template(letters, "en", "sanctions")
    with app.app_context():
        copied = {"subject": source.subject, "body": source.body}
        refused = save(letters, **copied)
        assert refused.revision is None
        assert {f.code for f in refused.findings} == {"unchanged", "glossary"}
        blank = {"unchanged": "  ", "glossary": "the English name is kept"}
        assert save(letters, **copied, dismissed=blank).revision is None
        reasons = {"unchanged": "kept in English for now", "glossary": "the English name is kept"}
        saved = save(letters, **copied, dismissed=reasons).revision
        assert saved is not None and saved.dismissed_reasons == reasons


def test_only_people_with_rights_for_the_locale_may_save(app, people, letters):
    with app.app_context():
        with pytest.raises(RevisionError, match="may not edit the es"):
            save(letters, locale="es")
        with pytest.raises(RevisionError, match="English is the source"):
            save(letters, locale="en")
        with pytest.raises(RevisionError, match="no English template"):
            save_revision(
                db.session,
                person("translator"),
                "no-such",
                "fr",
                "s",
                "b",
                dismissed={},
                submit=False,
                root=letters,
            )
        assert save(letters, role="reviewer", locale="de").revision is not None  # approve rights let one edit


def test_approval_needs_a_second_person_with_approve_rights(app, people, letters):
    with app.app_context():
        draft = save(letters).revision
        with pytest.raises(RevisionError, match="submitted"):
            approve(db.session, person("reviewer"), draft.id)
        submitted = save(letters, submit=True).revision
        assert submitted.state == "submitted"
        with pytest.raises(RevisionError, match="second person"):
            approve(db.session, person("translator"), submitted.id)
        with pytest.raises(RevisionError, match="may not review"):
            approve(db.session, person("staff"), submitted.id)
        approved = approve(db.session, person("reviewer"), submitted.id)
        assert (approved.state, approved.reviewer_id) == ("approved", person("reviewer").id)
        assert approved.reviewed is not None
        with pytest.raises(RevisionError, match="submitted"):
            approve(db.session, person("reviewer"), submitted.id)


def test_approve_rights_are_per_locale(app, people, letters):
    with app.app_context():
        german = save(letters, role="reviewer", locale="de", submit=True).revision
        with pytest.raises(RevisionError, match="may not review the de"):
            approve(db.session, person("translator"), german.id)  # translator approves fr only


def test_a_rejection_needs_a_note_and_goes_back_to_the_author(app, people, letters):
    with app.app_context():
        submitted = save(letters, submit=True).revision
        with pytest.raises(RevisionError, match="needs a comment"):
            reject(db.session, person("reviewer"), submitted.id, "  ")
        rejected = reject(db.session, person("reviewer"), submitted.id, "Say « d'avance » less often.")
        assert (rejected.state, rejected.note) == ("rejected", "Say « d'avance » less often.")
        board = dashboard(db.session, letters, TRANSLATIONS)
        assert board.cells[("sanctions", "fr")].status == "draft"


def test_campaigners_get_approved_else_draft_with_notice_else_english(app, people, letters):
    with app.app_context():
        from_file = served_template(db.session, letters, "sanctions", "fr")
        assert from_file.notice == "not-reviewed" and "par avance" in from_file.template.body
        assert served_template(db.session, letters, "sanctions", "it").notice == "english"
        assert served_template(db.session, letters, "sanctions", "it").template.locale == "en"
        save(letters, submit=True)
        pending = served_template(db.session, letters, "sanctions", "fr")
        assert pending.notice == "not-reviewed" and "d'avance" in pending.template.body
        approve(db.session, person("reviewer"), rows()[-1].id)
        db.session.commit()
        save(letters, body=french(letters)[1].replace("d'avance", "vivement"))  # a newer draft
        served = served_template(db.session, letters, "sanctions", "fr")
        assert served.notice == "approved" and "d'avance" in served.template.body
        assert served.template.review == "approved"
        chinese = served_template(db.session, letters, "sanctions", "zh-Hans")  # a URL tag works too
        assert chinese.template.locale == "zh_Hans" and chinese.notice == "not-reviewed"


def test_an_approved_file_is_served_as_approved(app, letters):
    path = letters / "fr" / "sanctions.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("review: not-reviewed", "review: approved"))
    with app.app_context():
        assert served_template(db.session, letters, "sanctions", "fr").notice == "approved"


def compose_preview(client, locale: str) -> str:
    url = "/en/countries/FR/write/sanctions"
    token = re.search(
        r'name="csrf_token" type="hidden" value="([^"]+)"', client.get(url).get_data(as_text=True)
    )
    fields = {"sender_name": "Ada Example", "sender_town": "Lyon", "letter_locale": locale}
    response = client.post(url, data={"csrf_token": token.group(1), **fields})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_composer_serves_the_approved_text_without_the_notice(app, people, letters):
    client = app.test_client()
    before = compose_preview(client, "fr")
    assert "not yet been reviewed" in before and "par avance" in before
    with app.app_context():
        submitted = save(letters, submit=True).revision
        approve(db.session, person("reviewer"), submitted.id)
        db.session.commit()
    after = compose_preview(client, "fr")
    assert "d&#39;avance de me faire" in after or "d'avance de me faire" in after
    assert "not yet been reviewed" not in after


def test_the_composer_says_when_it_falls_back_to_english(app, letters):
    (letters / "fr" / "sanctions.txt").unlink()
    html = compose_preview(app.test_client(), "fr")
    assert "shown in English" in html and "targeted sanctions" in html


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
        assert board.percent["fr"] == pytest.approx(before + 100 / len(board.rows), abs=0.1)
        for locale in board.locales:
            assert sum(board.counts[locale].values()) == len(board.rows)
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


def test_a_newly_approved_question_changes_the_briefing(app, people, letters):
    from advocacy.briefings.content import build_briefing
    from advocacy.briefings.service import current_version

    settings = {"templates_root": letters, "translations_dirs": [TRANSLATIONS]}
    with app.app_context():
        before = build_briefing(db.session, "FR", "fr", **settings).question
        assert "pas encore été relue" in before.notice
        version = current_version(db.session, "data", "fr", **settings)
        save(letters)  # a letter, not a question: the briefing does not show it
        assert current_version(db.session, "data", "fr", **settings) == version
        current = load_template(letters, "fr", "pq-fr-assemblee")
        subject, body = current.subject, current.body.replace("attire l'attention", "appelle l'attention")
        saved = save_revision(
            db.session,
            person("translator"),
            "pq-fr-assemblee",
            "fr",
            subject,
            body,
            dismissed={},
            submit=True,
            root=letters,
        )
        assert saved.revision is not None, saved.findings
        approve(db.session, person("reviewer"), saved.revision.id)
        db.session.commit()
        assert current_version(db.session, "data", "fr", **settings) != version
        after = build_briefing(db.session, "FR", "fr", **settings).question
        assert "appelle l'attention" in after.body and after.notice == ""


def test_the_mail_merge_uses_the_approved_text_too(app, people, letters):
    from advocacy.letters.merge import Merger
    from advocacy.letters.people import Person

    with app.app_context():
        submitted = save(letters, submit=True).revision
        approve(db.session, person("reviewer"), submitted.id)
        db.session.commit()
        merger = Merger(letters, "FR", "sanctions")
        merger.check("fr")
        letter = merger.letter(Person(number=1, line=2, locale="fr", sender_name="Ada Example"))
        assert "d'avance de me faire" in letter.body
