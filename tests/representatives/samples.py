"""The fictional sample lists and helpers the representatives tests share."""

from __future__ import annotations

import json

import pytest

from advocacy.representatives.rows import FIELDS, RepresentativesError
from tests.helpers import DATA_DIR

SAMPLES = DATA_DIR / "samples"
GB_CSV = SAMPLES / "representatives-gb-commons.csv"
EU_POPOLO = SAMPLES / "representatives-eu-parliament.popolo.json"
HEADER = ",".join(FIELDS)


def problems_of(parse, data) -> list[str]:
    """The problems a parser reports for data it refuses."""
    with pytest.raises(RepresentativesError) as caught:
        parse(data)
    return [str(problem) for problem in caught.value.problems]


def popolo() -> dict:
    """The sample Popolo document."""
    return json.loads(EU_POPOLO.read_text(encoding="utf-8"))


def dumps(document: dict) -> str:
    """A Popolo document as the JSON text a file would hold."""
    return json.dumps(document, ensure_ascii=False, indent=1)
