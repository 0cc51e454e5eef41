"""The review queue: a submission a newer one supersedes is flagged and not approved by mistake;
each revision shows what it changes in the approved text, word by word."""

from __future__ import annotations

import pytest

from advocacy.core.extensions import db
from advocacy.translations.diffs import inline_diff, pieces
from advocacy.translations.revisions import Superseded, approve, superseded_by
from tests.helpers import csrf_token, sign_in
from tests.translations.revising import REWORDED, french, person, rows, save


@pytest.mark.parametrize(
    ("old", "new", "marked"),
    [
        ("Je vous remercie.", "Je vous salue.", "Je vous <del>remercie</del><ins>salue</ins>."),
        ("a <b> c", "a <i> c", "a &lt;<del>b</del><ins>i</ins>&gt; c"),
        ("请议员提出问题", "请议员提出书面问题", "请议员提出<ins>书面</ins>问题"),
        (
            "{% if x %}oui{% endif %}",
            "{% if x %}non{% endif %}",
            '<bdi dir="ltr" class="token-run"><span class="token">{% if x %}</span></bdi>'
            "<del>oui</del><ins>non</ins>"
            '<bdi dir="ltr" class="token-run"><span class="token">{% endif %}</span></bdi>',
        ),
        ("same", "same", "same"),
    ],
)
def test_the_diff_marks_words_removed_and_added_escaped(old, new, marked):
    assert str(inline_diff(old, new)) == marked


@pytest.mark.parametrize("text", ["{{ a.b|date }} et  trois\n\nmots", "请议员 提出", "بۇ {{ x }}، ئەمما"])
def test_the_pieces_join_back_into_the_text(text):
    assert "".join(pieces(text)) == text


def submitted_three(letters) -> tuple[int, int, int]:
    """An approved French revision, then two submitted after it (the second supersedes the first)."""
    first = save(letters, submit=True).revision.id
    approve(db.session, person("reviewer"), first)
    db.session.commit()
    body = french(letters)[1]
    older = save(
        letters,
        submit=True,
        body=body.replace(
            REWORDED[1],
            "Je vous remercie sincèrement d'avance",
        ),
    )
    newer = save(letters, submit=True, body=body.replace(REWORDED[1], "Merci d'avance"))
    return first, older.revision.id, newer.revision.id


def test_a_superseded_submission_is_refused_unless_the_reviewer_confirms(app, people, letters):
    with app.app_context():
        _, older, newer = submitted_three(letters)
        by_id = {r.id: r for r in rows()}
        assert superseded_by(db.session, by_id[older]).id == newer
        assert superseded_by(db.session, by_id[newer]) is None
        with pytest.raises(Superseded):
            approve(db.session, person("reviewer"), older)
        db.session.rollback()
        assert approve(db.session, person("reviewer"), older, despite_newer=True).state == "approved"


def test_the_queue_flags_it_and_the_page_asks_for_confirmation(app, people, letters):
    with app.app_context():
        first, older, newer = submitted_three(letters)
    client = app.test_client()
    assert sign_in(client, people["reviewer"]).status_code == 302
    queue = client.get("/translate/review").get_data(as_text=True)
    assert queue.count("Superseded by a newer revision") == 1
    assert (
        queue.index(f"/translate/review/{older}")
        < queue.index("Superseded")
        < queue.index(f"/translate/review/{newer}")
    )
    page = client.get(f"/translate/review/{older}").get_data(as_text=True)
    assert "Superseded:" in page and f'href="/translate/review/{newer}"' in page
    assert "remercie <ins>sincèrement </ins>d&#39;avance" in page  # against the approved text
    refused = client.post(f"/translate/review/{older}/approve", data={"csrf_token": csrf_token(client)})
    assert refused.status_code == 409
    assert "A newer revision of this translation exists" in refused.get_data(as_text=True)
    with app.app_context():
        assert {r.id: r.state for r in rows()}[older] == "submitted"
    confirmed = client.post(
        f"/translate/review/{older}/approve", data={"csrf_token": csrf_token(client), "despite_newer": "y"}
    )
    assert confirmed.status_code == 302
    newest = client.get(f"/translate/review/{newer}").get_data(as_text=True)
    assert "Superseded:" not in newest
    assert "<ins>Merci" in newest  # the newer one, against the older one now approved
    with app.app_context():
        states = {r.id: r.state for r in rows()}
        assert (states[first], states[older], states[newer]) == ("approved", "approved", "submitted")
