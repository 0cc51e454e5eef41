"""The API's OpenAPI description: valid by an independent validator, and true of real answers."""

from __future__ import annotations

import jsonschema
from openapi_spec_validator import validate

from tests.changes.editing import edit


def test_the_document_validates(app):
    document = app.test_client().get("/api/v1/openapi.json").get_json()
    validate(document)  # raises on any error
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {"/countries", "/countries/{code}"}


def answers(client, document: dict, path: str, url: str, status: str = "200") -> None:
    """Check a real answer against the schema the document gives for it."""
    response = client.get(url)
    assert str(response.status_code) == status, url
    schema = document["paths"][path]["get"]["responses"][status]["content"]["application/json"]["schema"]
    validator = jsonschema.Draft202012Validator({**schema, "components": document["components"]})
    validator.validate(response.get_json())


def test_real_answers_match_the_document(app):
    client = app.test_client()
    document = client.get("/api/v1/openapi.json").get_json()
    answers(client, document, "/countries", "/api/v1/countries")
    codes = [c["code"] for c in client.get("/api/v1/countries").get_json()["countries"]]
    for code in codes:
        answers(client, document, "/countries/{code}", f"/api/v1/countries/{code}")
    answers(client, document, "/countries/{code}", "/api/v1/countries/ZZ", "404")
    case = document["components"]["schemas"]["Case"]["properties"]
    assert "public" not in case and case["summary"]["description"]


def test_the_document_would_catch_a_wrong_answer(app):
    client = app.test_client()
    document = client.get("/api/v1/openapi.json").get_json()
    schema = {"$ref": "#/components/schemas/Instrument", "components": document["components"]}
    treaty = client.get("/api/v1/countries/FR").get_json()["instruments"][0]
    jsonschema.Draft202012Validator(schema).validate(treaty)
    for wrong in ({**treaty, "verified": "yes"}, {k: v for k, v in treaty.items() if k != "status"}):
        assert list(jsonschema.Draft202012Validator(schema).iter_errors(wrong))


def test_api_answers_carry_etags_and_cache_headers(app, staff):
    client = app.test_client()
    for url in ("/api/v1/countries", "/api/v1/countries/AU", "/api/v1/openapi.json"):
        first = client.get(url)
        assert first.headers["ETag"] and first.headers["Cache-Control"] == "public, max-age=300", url
        again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and again.headers["Cache-Control"] == "public, max-age=300", url
    etag = client.get("/api/v1/countries/AU").headers["ETag"]
    edit(staff, "treaties", "au-extradition", notes="Checked again.")
    assert client.get("/api/v1/countries/AU", headers={"If-None-Match": etag}).status_code == 200
