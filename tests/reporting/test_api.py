"""The where-to-report JSON API: every public field, grouped as the page groups them."""

from __future__ import annotations


def test_a_countrys_channels_as_json(client):
    response = client.get("/api/v1/report/fr")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    data = response.get_json()
    assert data["code"] == "FR" and data["name"] == "France" and data["verdict"] == "not-dedicated"
    assert data["eu_member"] is True and data["data_version"]
    assert [c["id"] for c in data["emergency"]] == ["fr-17-112-114"]
    assert all(c["emergency_only"] for c in data["emergency"])
    assert [c["id"] for c in data["channels"]] == ["fr-dgsi"]
    dgsi = data["channels"][0]
    assert dgsi["web"] is None and dgsi["not_shown"] == "web" and dgsi["source_date"] == "2025-01-09"
    assert {"source_url", "source_title", "confidence", "verified", "as_of", "languages"} <= set(dgsi)
    assert [c["id"] for c in data["international"]][-1] == "eu-protectdefenders"
    assert "sd-pilot-reporting-guide" in [r["id"] for r in data["asking"]]
    assert "fr-gap" in [g["id"] for g in data["gaps"]]


def test_the_verdicts(client):
    verdicts = {
        code: client.get(f"/api/v1/report/{code}").get_json()["verdict"] for code in ("AU", "US", "GB", "IT")
    }
    assert verdicts == {"AU": "dedicated", "US": "dedicated", "GB": "not-dedicated", "IT": "nothing-national"}


def test_the_international_channels_and_the_countries_with_data(client):
    data = client.get("/api/v1/report/").get_json()
    assert [c["id"] for c in data["international"]] == [
        "int-un-special-procedures", "int-interpol-ccf", "int-safeguard-defenders",
    ]  # fmt: skip
    assert {"AU", "US", "IT", "TW"} <= set(data["countries"]) and "INT" not in data["countries"]


def test_unknown_codes_are_not_found(client):
    assert client.get("/api/v1/report/ZZ").status_code == 404
    assert client.get("/api/v1/report/INT").status_code == 404
