"""The Atom feeds: valid RFC 4287 read by an independent parser, stable ids, one per locale."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import feedparser

from tests.changes.editing import create_case, edit

ATOM = "{http://www.w3.org/2005/Atom}"


def parsed(client, url: str):
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/atom+xml", url
    feed = feedparser.parse(response.data)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    assert feed.version == "atom10"
    check_rfc4287(response.data)
    return feed


def check_rfc4287(data: bytes) -> None:
    """The elements RFC 4287 requires (section 4.1), once each, with RFC 3339 dates."""
    root = ET.fromstring(data)  # noqa: S314 (our own server's output, in a test)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    assert root.find(f"{ATOM}author/{ATOM}name").text
    dates = [root.find(f"{ATOM}updated").text]
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "content"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        dates.append(entry.find(f"{ATOM}updated").text)
    for date in dates:
        assert date.endswith("Z") and datetime.datetime.fromisoformat(date)


def test_an_edit_appears_in_both_feeds_with_its_source(app, staff, people):
    public = app.test_client()
    edit(staff, "treaties", "au-extradition", status="in-force", source_title="Gazette of Qwertania")
    for url in ("/en/changes.atom", "/en/countries/AU/changes.atom"):
        feed = parsed(public, url)
        assert feed.feed.id == f"http://localhost{url}"
        assert any(link.rel == "self" and link.href == feed.feed.id for link in feed.feed.links)
        entry = feed.entries[0]
        assert "au-extradition" in entry.title and "Australia" in entry.title
        content = entry.content[0]
        assert content.type == "text/html"
        assert "Gazette of Qwertania" in content.value and "Ratification withdrawn" in content.value
        assert entry.link.startswith(f"http://localhost{url.removesuffix('.atom')}#change-")
        assert people["staff"] not in str(feed)
        assert "Creative Commons Attribution 4.0" in feed.feed.rights  # from datapackage.json
    assert parsed(public, "/en/countries/FR/changes.atom").entries == []


def test_entry_ids_are_stable_unique_and_per_locale(app, staff):
    public = app.test_client()
    edit(staff, "treaties", "au-extradition", status="in-force")
    create_case(staff)
    first = [e.id for e in parsed(public, "/en/changes.atom").entries]
    assert len(first) == 2 and len(set(first)) == 2 and all(i.startswith("urn:uuid:") for i in first)
    edit(staff, "cases", "fr-1991-pub", outcome="not-returned")
    again = [e.id for e in parsed(public, "/en/changes.atom").entries]
    assert again[1:] == first  # a new change adds an entry; older ids do not move
    country = [e.id for e in parsed(public, "/en/countries/AU/changes.atom").entries]
    assert country == [first[1]]  # the same change has the same id in the country's feed
    uyghur = parsed(public, "/ug/changes.atom")
    assert uyghur.feed.language == "ug"
    assert not set(e.id for e in uyghur.entries) & set(again)
    assert uyghur.entries[0].title != parsed(public, "/en/changes.atom").entries[0].title


def test_feed_is_found_from_the_page_and_revalidates(app, staff):
    public = app.test_client()
    page = public.get("/ug/countries/AU/changes").get_data(as_text=True)
    assert '<link rel="alternate" type="application/atom+xml" href="/ug/countries/AU/changes.atom"' in page
    country = public.get("/ug/countries/AU").get_data(as_text=True)
    assert 'href="/ug/countries/AU/changes"' in country and 'href="/ug/countries/AU/changes.atom"' in country
    first = public.get("/ug/countries/AU/changes.atom")
    assert public.get(first.request.path, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    assert public.get("/en/countries/ZZ/changes.atom").status_code == 404
