"""The JSON API described in OpenAPI 3.1, its record schemas read from datapackage.json."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from advocacy.records.dataset import SCHEMA_FILE
from advocacy.records.schema import Field, load_resources

# Which schema each data file's rows appear as in the API, and fields the API leaves out.
SCHEMAS = {
    "treaties": "Instrument",
    "rulings": "Ruling",
    "cases": "Case",
    "figures": "Figure",
    "chambers": "Chamber",
}
LEFT_OUT = {"cases": {"public"}}  # always true in the API: restricted cases are never served
# Kept as the text the data file gives (see countries.models.Figure), so it is served as text.
AS_TEXT = {("figures", "value")}
TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean", "date": "string"}
Json = dict[str, Any]


def openapi_document(schema_dir: Path, version: str) -> Json:
    """Describe every API path and the records they return."""
    schemas: Json = {
        SCHEMAS[r.name]: _record(r.name, r.fields, LEFT_OUT.get(r.name, set()))
        for r in load_resources(schema_dir / SCHEMA_FILE)
        if r.name in SCHEMAS  # the country record's tables; /api/v1/report is not described yet
    }
    schemas.update(_shapes())
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Extradition and transnational repression toolkit: public record API",
            "version": version,
            "description": "Read-only JSON: the countries with data and each country's public record. "
            "Restricted case reports are never served. Responses carry an ETag; send it back in "
            "If-None-Match to get 304 Not Modified while the data version is unchanged.",
            "license": {"name": "CC-BY-4.0 (data)", "identifier": "CC-BY-4.0"},
        },
        "servers": [{"url": "/api/v1"}],
        "paths": {"/countries": _countries_path(), "/countries/{code}": _country_path()},
        "components": {"schemas": schemas, "headers": _headers()},
    }


def _record(name: str, fields: tuple[Field, ...], left_out: set[str]) -> Json:
    properties = {}
    for field in fields:
        if field.name in left_out:
            continue
        kind = "string" if (name, field.name) in AS_TEXT else TYPES.get(field.type, "string")
        schema: Json = {"type": kind if field.required else [kind, "null"], "description": field.description}
        if field.enum:
            schema["enum"] = list(field.enum) + ([] if field.required else [None])
        properties[field.name] = schema
    return {"type": "object", "properties": properties, "required": list(properties)}


def _shapes() -> Json:
    ref = _ref
    return {
        "CountrySummary": _object(
            code={"type": "string"}, name={"type": "string"}, badges=_list({"type": "string"})
        ),
        "CountryIndex": _object(data_version=_nullable("string"), countries=_list(ref("CountrySummary"))),
        "Reason": _object(
            code={"type": "string"},
            date=_nullable("string"),
            verified={"type": "boolean"},
            source=_nullable("string"),
        ),
        "Action": _object(id={"type": "string"}, chamber=_nullable("string"), reason=ref("Reason")),
        "Country": _object(
            code={"type": "string"},
            name={"type": "string"},
            data_version=_nullable("string"),
            last_verified=_nullable("string"),
            badges=_list({"type": "string"}),
            instruments=_list(ref("Instrument")),
            rulings=_list(ref("Ruling")),
            cases=_list(ref("Case")),
            figures=_list(ref("Figure")),
            chambers=_list(ref("Chamber")),
            actions=_list(ref("Action")),
        ),
        "Error": _object(error={"type": "string"}, status={"type": "integer"}),
    }


def _countries_path() -> Json:
    return {
        "get": {
            "operationId": "listCountries",
            "summary": "Every country with data, with its status badges.",
            "responses": {"200": _ok("CountryIndex"), "304": {"description": "Not modified."}},
        }
    }


def _country_path() -> Json:
    code = {
        "name": "code",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "pattern": "^[A-Za-z]{2}$"},
    }
    return {
        "get": {
            "operationId": "getCountry",
            "summary": "One country's public record and the actions it recommends.",
            "parameters": [code],
            "responses": {
                "200": _ok("Country"),
                "304": {"description": "Not modified."},
                "404": {"description": "No data for this country.", "content": _json(_ref("Error"))},
            },
        }
    }


def _ok(schema: str) -> Json:
    headers = {name: {"$ref": f"#/components/headers/{name}"} for name in ("ETag", "Cache-Control")}
    return {"description": "OK", "headers": headers, "content": _json(_ref(schema))}


def _headers() -> Json:
    return {
        "ETag": {"description": "Changes with the data version.", "schema": {"type": "string"}},
        "Cache-Control": {
            "description": "How long the response may be reused.",
            "schema": {"type": "string"},
        },
    }


def _json(schema: Json) -> Json:
    return {"application/json": {"schema": schema}}


def _object(**properties: Json) -> Json:
    return {"type": "object", "properties": properties, "required": list(properties)}


def _list(items: Json) -> Json:
    return {"type": "array", "items": items}


def _nullable(kind: str) -> Json:
    return {"type": [kind, "null"]}


def _ref(name: str) -> Json:
    return {"$ref": f"#/components/schemas/{name}"}
