"""Template revisions: saving with checks, review, and what campaigners, briefings and merges get."""

from __future__ import annotations

import re

import pytest

from advocacy.core.extensions import db
from advocacy.letters.served import served_template
from advocacy.letters.template import load_template
from advocacy.translations.revisions import (
    RevisionError,
    approve,
    dashboard,
    reject,
    save_revision,
)
from tests.translations.revising import TRANSLATIONS, french, person, rows, save


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
