"""Reply codes and reports through the Flask test client on a real database."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from sqlalchemy import select

from advocacy.core.extensions import db
from advocacy.replies import codes, service
from advocacy.replies.models import ReplyCode
from tests.letters.composing import csrf
from tests.replies.journey import MEP, finished, get_code, import_members, inputs, report

REFUSAL = "We cannot take a report for this code."


@pytest.fixture
def client(app):
    import_members(app)
    return app.test_client()


def rows(app) -> list[ReplyCode]:
    with app.app_context():
        return list(db.session.scalars(select(ReplyCode).order_by(ReplyCode.id)))


def test_a_code_names_the_letter_and_the_chosen_member_and_is_stored_as_a_digest(app, client):
    code, page = get_code(client, finished(client, choose=MEP, sender_name="Ada Example"))
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}", code)  # 100 bits, in groups
    assert f'href="http://localhost/en/reply/{code}"' in page
    assert "Your letter is ready" in page and 'id="letter-text"' in page  # the letter is still there
    [row] = rows(app)
    assert (row.country, row.action, row.chamber, row.member, row.member_name) == (
        "FR", "suspend-extradition-treaty", "eu-parliament", "sample-person-1", "Avery Example"
    )  # fmt: skip
    assert row.week == service.iso_week(datetime.date.today()) and row.replied == ""
    assert row.digest == codes.digest("test", codes.normalize(code)) and code not in repr(vars(row))


def test_the_letter_itself_carries_no_code(client):
    page = finished(client, choose=MEP)
    code, shown = get_code(client, page)
    download = client.post("/en/letters/download/txt", data=inputs(shown, "letter-state"))
    assert download.status_code == 200 and code not in download.get_data(as_text=True)
    assert "Avery Example" in download.get_data(as_text=True)


def test_a_member_typed_by_hand_or_renamed_is_not_recorded(app, client):
    get_code(client, finished(client, recipient_name="Avery Example", recipient_chamber="eu-parliament"))
    get_code(client, finished(client, choose=MEP, recipient_name="Someone Else"))
    assert [(r.chamber, r.member) for r in rows(app)] == [("eu-parliament", ""), ("eu-parliament", "")]


def test_a_forged_or_missing_token_gets_no_code(app, client):
    fields = inputs(finished(client), "reply-code-form")
    for token in ("forged", ""):
        assert client.post("/en/letters/reply-code", data=fields | {"count_token": token}).status_code == 400
    assert rows(app) == []


def test_a_code_reported_twice_keeps_one_report_the_correction(app, client):
    code, _ = get_code(client, finished(client, choose=MEP))
    first = report(client, code, replied="yes", took="2", stance="support")
    assert first.status_code == 200 and "Your report is kept." in first.get_data(as_text=True)
    again = client.get(f"/en/reply/{code}").get_data(as_text=True)
    assert "You have reported on this letter already." in again
    assert re.search(r'checked[^>]*value="support"|value="support"[^>]*checked', again)
    second = report(client, code.lower().replace("-", " "), replied="form-letter", took="4", stance="refuse")
    assert "Your report is corrected." in second.get_data(as_text=True)
    assert f'href="/en/reply/{code}"' in second.get_data(as_text=True)  # the link to correct it again
    [row] = rows(app)
    assert (row.replied, row.took, row.stance, row.revision) == ("form-letter", "4", "refuse", 2)


def test_a_report_needs_its_answers(app, client):
    code, _ = get_code(client, finished(client))
    response = report(client, code, replied="yes")
    assert response.status_code == 400
    assert "Please say how long it took." in unescape(response.get_data(as_text=True))
    assert report(client, code, replied="maybe").status_code == 400
    assert rows(app)[0].replied == ""
    # "Not yet" with a time ticked before changing one's mind: the time is not kept.
    assert report(client, code, replied="not-yet", took="2").status_code == 200
    assert [(r.replied, r.took) for r in rows(app)] == [("not-yet", "")]


def refusal(response, code: str) -> tuple[int, str]:
    """A refusal with the code it echoes taken out, to compare two refusals."""
    page = response.get_data(as_text=True).replace(code, "CODE")
    # The CSRF token is signed with the time, so two pages a second apart differ in it alone.
    return response.status_code, re.sub(r'name="csrf_token" type="hidden" value="[^"]+"', "TOKEN", page)


@pytest.mark.parametrize("malformed", ["nonsense", "Q7QM-2XHD-9PRF-T4WB", "Q7QM-2XHD-9PRF-T4WB-ZN6U", "a/b"])
def test_a_code_never_issued_is_refused_like_a_malformed_one(client, malformed):
    get_code(client, finished(client))  # a code exists, but not this one
    never = codes.new_code()
    token = csrf(client.get("/en/reply").get_data(as_text=True))
    by_link = [refusal(client.get(f"/en/reply/{code}"), code) for code in (never, malformed)]
    typed = [
        refusal(client.post("/en/reply", data={"csrf_token": token, "code": c}), c)
        for c in (never, malformed)
    ]
    assert by_link[0] == by_link[1] and by_link[0][0] == 404 and REFUSAL in by_link[0][1]
    assert typed[0] == typed[1] and typed[0][0] == 400 and REFUSAL in typed[0][1]
    sent = client.post("/en/reply/report", data={"csrf_token": token, "code": never, "replied": "yes"})
    assert refusal(sent, never) == typed[0]


def test_a_typed_code_opens_its_report(client):
    code, _ = get_code(client, finished(client))
    token = csrf(client.get("/en/reply").get_data(as_text=True))
    page = client.post("/en/reply", data={"csrf_token": token, "code": f"  {code.lower()} "})
    assert page.status_code == 200 and "Did they reply?" in page.get_data(as_text=True)
    assert 'name="replied"' in page.get_data(as_text=True)


def test_reply_pages_are_never_stored(client):
    code, _ = get_code(client, finished(client))
    for response in (client.get("/en/reply"), client.get(f"/en/reply/{code}"), client.get("/en/reply/x")):
        assert response.headers["Cache-Control"] == "no-store"


def test_three_months_after_the_week_of_issue_a_code_is_closed_and_forgotten(app):
    origin = service.Origin("FR", "suspend-extradition-treaty", "eu-parliament")
    issued = datetime.date(2026, 1, 7)  # a Wednesday
    with app.app_context():
        reported = service.issue(db.session, "test", origin, issued)
        silent = service.issue(db.session, "test", origin, issued)
        row = service.find(db.session, "test", reported, issued + datetime.timedelta(days=90))
        service.record(db.session, row, service.Answer("yes", "1", "support"))
        last = service.open_until("2026-W02")
        assert last - issued >= service.CORRECTABLE
        assert service.find(db.session, "test", reported, last) is not None
        assert service.find(db.session, "test", reported, last + datetime.timedelta(days=1)) is None
        service.forget_closed(db.session, last + datetime.timedelta(days=8))
        left = list(db.session.scalars(select(ReplyCode)))
        assert [(r.digest, r.replied) for r in left] == [(None, "yes")]  # the report stays, unlinkable
        assert service.find(db.session, "test", silent, issued) is None


def test_the_migration_matches_the_model(app):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with app.app_context(), db.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert [d for d in diffs if "reply_code" in repr(d)] == []


def test_an_expired_form_shows_the_finished_letter_again_and_issues_nothing(app, client):
    fields = inputs(finished(client), "reply-code-form")
    response = client.post("/en/letters/reply-code", data=fields | {"csrf_token": "expired"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'id="letter-text"' in page and 'id="reply-code-form"' in page
    assert rows(app) == []


def test_the_readme_states_the_threshold_and_what_is_stored():
    from advocacy.core.settings import PROJECT_ROOT
    from advocacy.replies.rates import THRESHOLD

    note = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8").split("### Privacy note")[1]
    assert f"**{THRESHOLD} reports**" in (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert f"at least {THRESHOLD} reports" in note and "HMAC-SHA256" in note and "no name" in note


@pytest.mark.parametrize("data", [{}, {"body": "x"}, {"letter_locale": "ug", "subject": "s"}])
def test_an_expired_token_with_an_unsound_letter_is_a_400_not_a_500(client, data):
    """Hypothesis found these: the finished page shown again must not build a letter it cannot."""
    response = client.post("/en/letters/reply-code", data=data)  # no token at all
    assert response.status_code == 400
