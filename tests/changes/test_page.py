"""The public changes page: staff edits appear with what was, what is and the source; nothing private."""

from __future__ import annotations

import html

from tests.changes.editing import CASE, SECRET, create_case, delete, edit, set_public

TREATY = "au-extradition"


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.get_data(as_text=True))


def entry(text: str, record_id: str) -> str:
    """The first change entry on a page about one record."""
    start = text.rindex("<article", 0, text.index(f'<span lang="en" dir="ltr">{record_id}</span>'))
    return text[start : text.index("</article>", start)]


def test_a_treaty_edit_shows_what_it_was_what_it_is_and_its_source(app, staff, people):
    public = app.test_client()
    assert TREATY not in page(public, "/en/changes")
    edit(
        staff,
        "treaties",
        TREATY,
        status="in-force",
        in_force="2017-03-01",
        source_title="Gazette of Qwertania",
    )
    for url in ("/en/changes", "/en/countries/AU/changes"):
        found = entry(page(public, url), TREATY)
        assert "Changed · Treaty or agreement" in found
        status = found.split('<th scope="row">Status</th>')[1].split("</tr>")[0]
        assert "Ratification withdrawn" in status and "In force" in status
        assert status.index("Ratification withdrawn") < status.index("In force")  # was, then is
        assert "1 March 2017" in found and "Gazette of Qwertania" in found
    text = page(public, "/en/changes")
    assert people["staff"] not in text and "Staff" not in text
    assert TREATY not in page(public, "/en/countries/FR/changes")
    assert "Gazette of Qwertania" in page(public, "/ug/countries/AU/changes")


def test_a_restricted_case_never_appears(app, staff):
    public = app.test_client()
    create_case(staff, id="fr-1991-secret", person=SECRET, public="false", summary=f"{SECRET} was deported.")
    edit(staff, "cases", "fr-1991-secret", outcome="not-returned")
    delete(staff, "cases", "fr-1991-secret")
    for url in (
        "/en/changes",
        "/en/countries/FR/changes",
        "/en/changes.atom",
        "/en/countries/FR/changes.atom",
    ):
        text = page(public, url)
        assert SECRET not in text and "fr-1991-secret" not in text, url


def test_a_case_made_restricted_disappears_from_past_entries(app, staff):
    public = app.test_client()
    create_case(staff)
    edit(staff, "cases", CASE["id"], outcome="not-returned")
    text = page(public, "/en/countries/FR/changes")
    assert text.count(f'dir="ltr">{CASE["id"]}</span>') == 2
    assert CASE["person"] in text and "Example Watch, annual report 1992" in text
    set_public(staff, CASE["id"], False)
    for url in (
        "/en/changes",
        "/en/countries/FR/changes",
        "/en/changes.atom",
        "/fr/countries/FR/changes.atom",
    ):
        text = page(public, url)
        assert CASE["id"] not in text and CASE["person"] not in text, url


def test_a_case_made_public_shows_only_what_it_is_now(app, staff):
    """What a case said while restricted (here, a name) stays unpublished when it is made public."""
    public = app.test_client()
    create_case(staff, id="fr-1991-later", person=SECRET, public="false")
    edit(staff, "cases", "fr-1991-later", person="unnamed")
    set_public(staff, "fr-1991-later", True)
    text = page(public, "/en/countries/FR/changes")
    found = entry(text, "fr-1991-later")
    assert "Made public · Case" in found and "unnamed" in found
    assert SECRET not in text and text.count('dir="ltr">fr-1991-later</span>') == 1


def test_a_deleted_public_record_shows_as_removed_with_its_last_values(app, staff):
    public = app.test_client()
    delete(staff, "rulings", "fr-2019-1")
    found = entry(page(public, "/en/countries/FR/changes"), "fr-2019-1")
    assert "Removed · Court ruling" in found and "—" in found


def test_the_page_is_conditional_and_unknown_countries_are_not_found(app, staff):
    public = app.test_client()
    first = public.get("/en/changes")
    assert first.headers["ETag"] and "max-age" in first.headers["Cache-Control"]
    assert public.get("/en/changes", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    edit(staff, "treaties", TREATY, notes="Checked again.")
    assert public.get("/en/changes", headers={"If-None-Match": first.headers["ETag"]}).status_code == 200
    assert public.get("/en/countries/ZZ/changes").status_code == 404
    assert public.get("/en/countries/au/changes").headers["Location"].endswith("/en/countries/AU/changes")


def test_older_changes_are_on_further_pages(app, staff, monkeypatch):
    from advocacy.changes import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    public = app.test_client()
    for title in ("First Gazette", "Second Gazette", "Third Gazette"):
        edit(staff, "treaties", TREATY, source_title=title)
    first = page(public, "/en/countries/AU/changes")
    assert first.count("<article") == 2 and "<td>Second Gazette</td><td>Third Gazette</td>" in first
    assert 'rel="next" href="/en/countries/AU/changes?page=2"' in first and 'rel="prev"' not in first
    second = page(public, "/en/countries/AU/changes?page=2")
    assert second.count("<article") == 1 and "<td>First Gazette</td>" in second and "Third" not in second
    assert 'rel="prev" href="/en/countries/AU/changes"' in second and 'rel="next"' not in second
    for url in ("/en/countries/AU/changes?page=3", "/en/changes?page=0", "/en/changes?page=99999999"):
        assert public.get(url).status_code == 404, url
