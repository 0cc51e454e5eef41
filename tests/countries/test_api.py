"""The read-only JSON endpoints: public fields only."""

from __future__ import annotations


def test_index_lists_countries_with_badges(client):
    data = client.get("/api/v1/countries").get_json()
    codes = {c["code"]: c for c in data["countries"]}
    assert codes["FR"]["badges"][0] == "treaty-in-force"
    assert codes["FR"]["name"] == "France"
    assert data["data_version"]


def test_country_record(client):
    data = client.get("/api/v1/countries/FR").get_json()
    treaty = next(i for i in data["instruments"] if i["id"] == "fr-extradition")
    assert treaty["in_force"] == "2015-07-17"
    assert treaty["source_title"] and treaty["confidence"] in {"high", "medium", "low"}
    first = data["actions"][0]
    assert first["id"] == "suspend-extradition-treaty"
    assert first["reason"] == {
        "code": "treaty-in-force",
        "date": "2015-07-17",
        "verified": True,
        "source": None,
    }


def test_restricted_cases_never_in_json(client, site):
    from advocacy.core.extensions import db
    from advocacy.countries.models import Case

    with site.app_context():
        restricted = [
            (c.country, c.id, c.summary) for c in db.session.query(Case).filter(Case.public.is_(False))
        ]
    assert restricted
    for country, case_id, summary in restricted:
        response = client.get(f"/api/v1/countries/{country}")
        if response.status_code == 404:
            continue  # a country with only restricted cases is not listed at all
        data = response.get_json()
        assert case_id not in {c["id"] for c in data["cases"]}
        assert summary not in response.get_data(as_text=True)
        assert all("public" not in c for c in data["cases"])


def test_unknown_country_json_404(client):
    response = client.get("/api/v1/countries/ZZ")
    assert response.status_code == 404
    assert response.get_json() == {"error": "Not Found", "status": 404}
