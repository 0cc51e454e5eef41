"""The data page: what is here, sourcing, licence, schema, citation; the version on every output."""

from __future__ import annotations

import html
import json
import subprocess

from advocacy.core.settings import PROJECT_ROOT
from tests.helpers import printed_briefing


def version(client) -> str:
    return client.get("/api/v1/countries").get_json()["data_version"]


def test_the_page_states_licence_schema_downloads_and_citation(app):
    client = app.test_client()
    text = html.unescape(client.get("/en/data").get_data(as_text=True))
    package = json.loads((PROJECT_ROOT / "tests/data_small/datapackage.json").read_text(encoding="utf-8"))
    licence = package["licenses"][0]
    assert f'<a href="{licence["path"]}" lang="en">{licence["title"]}</a>' in text
    for resource in package["resources"]:
        assert f"<caption><code>{resource['path']}</code></caption>" in text
        for field in resource["schema"]["fields"]:
            assert f"<code>{field['name']}</code>" in text and field["description"] in text
    citation = text.split('<p class="citation"><code lang="en" dir="ltr">')[1].split("</code>")[0]
    assert citation.startswith(package["title"]) and f"Data version {version(client)} (" in citation
    assert citation.endswith("CC-BY-4.0. http://localhost/en/data")
    assert client.get("/data/datapackage.json").get_json() == package
    assert "restricted" in text and 'href="/api/v1/openapi.json"' in text


def test_the_page_says_so_when_no_licence_is_stated(app, tmp_path):
    from tests.helpers import change_settings

    folder = tmp_path / "data"
    folder.mkdir()
    package = json.loads((app.extensions["advocacy_settings"].data_dir / "datapackage.json").read_text())
    package.pop("licenses")
    (folder / "datapackage.json").write_text(json.dumps(package))
    change_settings(app, data_dir=folder)
    text = app.test_client().get("/en/data").get_data(as_text=True)
    assert "No licence is stated for the data yet." in text and "no licence stated" in text


def test_pages_and_briefings_name_the_data_version(app, tmp_path):
    client = app.test_client()
    current = version(client)
    for url in ("/en/countries/FR", "/ug/countries/FR", "/en/changes", "/en/data"):
        page = client.get(url).get_data(as_text=True)
        assert f'<p class="data-version"><a href="/{url.split("/")[1]}/data">' in page
        assert current in page.split('class="data-version"')[1], url
    briefing = printed_briefing(client.application, client, "/en/countries/FR/briefing.pdf")
    assert briefing.status_code == 200
    (tmp_path / "b.pdf").write_bytes(briefing.data)
    text = subprocess.run(["pdftotext", str(tmp_path / "b.pdf"), "-"], capture_output=True, text=True).stdout
    assert f"Data version: {current}" in text
