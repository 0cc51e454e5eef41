"""The translation workspace through real HTTP: dashboard, editor and checks, review, what campaigners get."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import func, select

from advocacy.core.extensions import db
from advocacy.translations.revisions import TemplateRevision
from tests.helpers import PASSWORD, change_settings, csrf_token, sign_in

NAME = "suspend-extradition-treaty"
EDITOR = f"/translate/fr/{NAME}"
ADDED = "Je tiens à ajouter cette phrase de vérification."


def signed_in(app, email: str):
    client = app.test_client()
    assert sign_in(client, email).status_code == 302
    return client


def field_value(html: str, name: str) -> str:
    """Read a text input's or textarea's value from a page."""
    area = re.search(rf'<textarea[^>]*name="{name}"[^>]*>\r?\n?(.*?)</textarea>', html, re.S)
    if area:
        return unescape(area.group(1))
    return unescape(re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html).group(1))


def current_text(client, url: str = EDITOR) -> tuple[str, str]:
    html = client.get(url).get_data(as_text=True)
    return field_value(html, "subject"), field_value(html, "body")


def post_editor(client, action: str, subject: str, body: str, url: str = EDITOR, **extra: str):
    data = {"csrf_token": csrf_token(client), "action": action, "subject": subject, "body": body}
    return client.post(url, data={"country": "FR", **data, **extra})


def with_sentence(body: str) -> str:
    """Add a sentence to the first paragraph, keeping structure and punctuation."""
    first, rest = body.split("\n\n", 1)
    return f"{first} {ADDED}\n\n{rest}"


def revision_count(app, **where) -> int:
    with app.app_context():
        query = select(func.count()).select_from(TemplateRevision).filter_by(name=NAME, locale="fr", **where)
        return db.session.scalar(query)


def latest(app) -> TemplateRevision:
    with app.app_context():
        query = (
            select(TemplateRevision).filter_by(name=NAME, locale="fr").order_by(TemplateRevision.id.desc())
        )
        found = db.session.scalars(query).first()
        db.session.expunge(found)
        return found


def test_dashboard_shows_status_text_and_links_to_editors(app, people):
    client = signed_in(app, people["translator"])
    html = client.get("/translate/").get_data(as_text=True)
    assert "<caption" in html and "Templates and interface strings by language" in html
    assert f'href="/translate/fr/{NAME}"' in html and f'href="/translate/de/{NAME}"' in html
    for label in ("Approved share", "Interface strings", "Missing"):
        assert label in html
    assert "(es)" not in html  # "my languages" by default: fr and de only
    everything = client.get("/translate/?show=all").get_data(as_text=True)
    assert "(es)" in everything and f'href="/translate/es/{NAME}"' not in everything  # no rights, no link
    cell = re.search(rf'<td class="status status-([a-z-]+)"><a href="/translate/fr/{NAME}">([^<]+)</a>', html)
    assert cell.group(1) in {"draft", "outdated"} and cell.group(2) in {"Draft", "Outdated"}


def test_dashboard_follows_a_submission(app, people):
    client = signed_in(app, people["translator"])
    subject, body = current_text(client)
    assert post_editor(client, "submit", subject, with_sentence(body)).status_code == 302
    html = client.get("/translate/").get_data(as_text=True)
    assert f'<a href="/translate/fr/{NAME}">Awaiting review</a>' in html


def test_editor_shows_source_and_translation_side_by_side_with_preview(app, people):
    client = signed_in(app, people["translator"])
    response = client.get(EDITOR)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "English source" in html and "has been in force since" in html  # the English text
    assert "Suspension du traité" in field_value(html, "subject")
    assert "Save draft" in html and "Submit for review" in html and "History" in html
    preview = html.split('id="preview-body"')[1].split("</div>")[0]
    assert "17 juillet 2015" in preview and "{{" not in preview  # France's treaty date, rendered in French


def test_preview_button_renders_the_draft_without_saving(app, people):
    client = signed_in(app, people["translator"])
    subject, body = current_text(client)
    before = revision_count(app)
    response = post_editor(client, "preview", subject, with_sentence(body))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert ADDED in html.split('id="preview-body"')[1].split("</div>")[0]
    assert revision_count(app) == before


def test_live_preview_route_answers_json(app, people):
    client = signed_in(app, people["translator"])
    subject, body = current_text(client)
    data = {
        "csrf_token": csrf_token(client),
        "subject": subject,
        "body": with_sentence(body),
        "country": "FR",
    }
    answer = client.post(f"{EDITOR}/preview", data=data).get_json()
    assert ADDED in answer["body"] and "17 juillet 2015" in answer["body"] and answer["error"] is None
    broken = client.post(f"{EDITOR}/preview", data={**data, "body": "{{ country.name }"}).get_json()
    assert broken["error"] and broken["body"] == ""
    assert client.post(f"{EDITOR}/preview", data={**data, "csrf_token": ""}).status_code == 400


def test_changed_placeholder_is_refused_with_the_reason(app, people):
    client = signed_in(app, people["translator"])
    subject, body = current_text(client)
    before = revision_count(app)
    response = post_editor(client, "save", subject, body.replace("{{ country.name }}", "{{ country.nom }}"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Not saved" in html and "Error (Placeholders)" in html and "{{ country.nom }}" in html
    assert revision_count(app) == before


def test_a_warning_blocks_until_a_reason_is_given(app, people):
    client = signed_in(app, people["translator"])
    subject, body = current_text(client)
    first, rest = body.split("\n\n", 1)
    unfinished = f"{first.removesuffix('.')}\n\n{rest}"  # the first paragraph loses its full stop
    assert unfinished != body
    before = revision_count(app)
    refused = post_editor(client, "save", subject, unfinished)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "Warning (Punctuation)" in html
    assert 'name="dismiss-end-punctuation"' in html
    assert revision_count(app) == before
    reason = "The closing line is a fragment in French usage."
    saved = post_editor(client, "save", subject, unfinished, **{"dismiss-end-punctuation": reason})
    assert saved.status_code == 302
    found = latest(app)
    assert (
        found.state == "draft"
        and reason in found.dismissed
        and found.body.startswith(first.removesuffix("."))
    )
    assert "Draft saved." in client.get(EDITOR).get_data(as_text=True)


def submit_for_review(app, people) -> int:
    client = signed_in(app, people["translator"])
    subject, body = current_text(client)
    assert post_editor(client, "submit", subject, with_sentence(body)).status_code == 302
    found = latest(app)
    assert found.state == "submitted"
    return found.id


def compose_in_french(app) -> str:
    """Preview a French letter to France as a campaigner would; return the page."""
    campaigner = app.test_client()
    start = f"/fr/countries/FR/write/{NAME}"
    token = csrf_token_in(campaigner.get(start).get_data(as_text=True))
    details = {"sender_name": "Ada", "letter_locale": "fr", "csrf_token": token}
    return campaigner.post(start, data=details).get_data(as_text=True)


def csrf_token_in(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


NOT_REVIEWED_NOTICE = 'class="notice" role="note"'


def test_second_translator_approves_and_the_composer_serves_it(app, people):
    revision_id = submit_for_review(app, people)
    waiting = compose_in_french(app)
    assert ADDED in waiting and NOT_REVIEWED_NOTICE in waiting  # served, marked as not reviewed
    reviewer = signed_in(app, people["reviewer"])
    queue = reviewer.get("/translate/review").get_data(as_text=True)
    assert f'href="/translate/review/{revision_id}"' in queue.split("Your own submissions")[0]
    page = reviewer.get(f"/translate/review/{revision_id}").get_data(as_text=True)
    assert ADDED in page and "English source" in page and ">Approve<" in page and ">Reject<" in page
    token = {"csrf_token": csrf_token(reviewer)}
    assert reviewer.post(f"/translate/review/{revision_id}/approve", data=token).status_code == 302
    approved = latest(app)
    assert approved.state == "approved" and approved.reviewed is not None
    letter = compose_in_french(app)
    assert ADDED in letter and NOT_REVIEWED_NOTICE not in letter


def test_author_cannot_approve_their_own_translation(app, people):
    revision_id = submit_for_review(app, people)
    author = signed_in(app, people["translator"])  # may approve fr, but wrote this one
    queue, own = author.get("/translate/review").get_data(as_text=True).split("Your own submissions")
    link = f'href="/translate/review/{revision_id}"'
    assert link not in queue and link in own
    response = author.post(
        f"/translate/review/{revision_id}/approve", data={"csrf_token": csrf_token(author)}
    )
    assert response.status_code == 403
    assert "you wrote this one" in response.get_data(as_text=True)
    assert latest(app).state == "submitted"


def test_reject_needs_a_note_and_the_author_sees_it(app, people):
    revision_id = submit_for_review(app, people)
    reviewer = signed_in(app, people["reviewer"])
    url = f"/translate/review/{revision_id}/reject"
    assert reviewer.post(url, data={"csrf_token": csrf_token(reviewer), "note": " "}).status_code == 400
    assert latest(app).state == "submitted"
    note = "Le deuxième paragraphe perd la date de signature."
    assert reviewer.post(url, data={"csrf_token": csrf_token(reviewer), "note": note}).status_code == 302
    assert latest(app).state == "rejected"
    assert note in signed_in(app, people["translator"]).get(EDITOR).get_data(as_text=True)


def test_locales_without_rights_are_refused(app, people):
    client = signed_in(app, people["reviewer"])  # edits fr only; approves fr and de
    assert client.get(f"/translate/es/{NAME}").status_code == 403
    assert client.get(f"/translate/fr/{NAME}").status_code == 200
    data = {"csrf_token": csrf_token(client), "action": "save", "subject": "S", "body": "B", "country": "FR"}
    assert client.post(f"/translate/es/{NAME}", data=data).status_code == 403
    assert client.get("/translate/fr/no-such-template").status_code == 404
    assert client.get(f"/translate/xx/{NAME}").status_code == 404


def test_uyghur_is_edited_right_to_left(app, people):
    from advocacy.accounts import models as accounts

    with app.app_context():
        accounts.create_user(
            db.session, "ug@example.org", "Ug", "translator", password=PASSWORD, edit_locales="ug"
        )
        db.session.commit()
    html = signed_in(app, "ug@example.org").get(f"/translate/ug/{NAME}").get_data(as_text=True)
    assert re.search(r'<textarea[^>]*dir="rtl"[^>]*name="body"', html)
    assert re.search(r'<textarea[^>]*lang="ug"', html)


@pytest.mark.parametrize("url", ["/translate/", EDITOR, "/translate/review"])
def test_pages_load_no_inline_script_or_style(app, people, url):
    html = signed_in(app, people["translator"]).get(url).get_data(as_text=True)
    assert "<script>" not in html and " style=" not in html and "<style" not in html


def test_a_changed_english_source_shows_as_outdated_with_its_diff(app, people, tmp_path):
    import shutil

    root = tmp_path / "letters"
    shutil.copytree(app.config["LETTER_TEMPLATES_DIR"], root)
    change_settings(app, letter_templates_dir=root)
    client = signed_in(app, people["translator"])
    subject, body = current_text(client)
    assert post_editor(client, "save", subject, with_sentence(body)).status_code == 302
    source = root / "en" / f"{NAME}.txt"
    source.write_text(source.read_text().replace("Please press for", "Please insist on"), encoding="utf-8")
    board = client.get("/translate/").get_data(as_text=True)
    assert f'<a href="/translate/fr/{NAME}">Outdated</a>' in board
    html = client.get(EDITOR).get_data(as_text=True)
    assert "What changed in the English source" in html
    assert re.search(r'class="diff-line diff-del">-subject: Please press for', html)
    assert re.search(r'class="diff-line diff-add">\+subject: Please insist on', html)


def test_a_chamber_language_outside_the_interface_can_be_given_and_edited(app):
    runner = app.test_cli_runner()
    args = ["users", "create", "--email", "it@example.org", "--name", "It", "--role", "translator"]
    made = runner.invoke(args=[*args, "--edit-locales", "it"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert made.exit_code == 0, made.output
    client = signed_in(app, "it@example.org")
    page = client.get("/translate/it/pq-cover")
    assert page.status_code == 200
    assert 'lang="it"' in page.get_data(as_text=True)
    assert client.get("/translate/fr/pq-cover").status_code == 403
