"""One confidence scale and one meaning of `verified`, applied to every sourced row.

The scale (stated once, in data/README.md):

- high: an official record was read (a court decision, statute or gazette, parliamentary
  record or rules, treaty series, a government, embassy or UN page, or an official legal
  database that publishes them);
- medium: a reliable secondary source (news outlet, state media) or an NGO;
- low: a weak or partial source, or none (`unsourced`).

`verified` is true only for a fact read in a published source that the row names (never
our own notes) with confidence above low. `advocacy data check`, the import and the staff
form refuse a row that breaks either rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

UNSOURCED = "unsourced"
# Our own files are not sources: a public page must never cite them.
INTERNAL_MARKERS = ("shared/reference", "team reference", "reference facts", "../shared", "seeds/")
# Hosts (or their parents) that publish official records.
OFFICIAL_HOSTS = (
    "un.org",
    "unodc.org",
    "europa.eu",
    "coe.int",
    "usoud.cz",
    "bailii.org",
    "dgsi.pt",
    "irishstatutebook.ie",
    "officielebekendmakingen.nl",
    "parlamento.pt",
    "leg.br",
    "senado.cl",
    "adilet.zan.kz",
    "legalinfo.mn",
    "lrs.lt",
    "kenyalaw.org",
    "theyworkforyou.com",
    "hellenicparliament.gr",
    "parliament.cy",
    "parliament.nz",
    "parlament.ch",
    "cdep.ro",
    "stortinget.no",
    "ft.dk",
    "oikeuskansleri.fi",
    "slov-lex.sk",
    "openjustice.be",
    "thuvienphapluat.vn",
    "usembassy-china.org.cn",
    "boe.es",
    "boe.vlex.es",
    "court.gov.cn",
)
# A host with one of these labels belongs to a government (gov.cn, pm.gov.au, sangiin.go.jp).
OFFICIAL_LABELS = frozenset({"gov", "gouv", "gob", "govt", "gv", "go", "gc"})
# Citations without an address that name an official record.
OFFICIAL_CITATIONS = (
    "treaty series",
    "legal notice",
    "statutory instrument",
    "hansard",
    "standing orders",
    "rules of procedure",
    "règlement",
    "reglamento",
    "regolamento",
    "regulamin",
    "erskine may",
    "ratification instrument",
    "senate session record",
    "l.n. ",
)
HOST = re.compile(r"(?:https?://)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)", re.IGNORECASE)

Problem = tuple[str, str]  # (column, message)

NOT_PUBLIC = (
    "names our own notes as a source: cite the public source they name, "
    "or write 'unsourced' (the row is then unverified and low)"
)
VERIFIED_UNSOURCED = "cannot be true without a published source: an unsourced row is unverified"
VERIFIED_LOW = "cannot be true when confidence is low (verified means read in a reliable source)"
UNSOURCED_NOT_LOW = "must be low for an unsourced row (the scale in data/README.md)"
HIGH_NOT_OFFICIAL = (
    "high means an official record was read (data/README.md), and no source of this row is one: "
    "use medium for news outlets and NGOs, or cite the official record"
)


def is_internal(text: str | None) -> bool:
    """Tell whether a citation names one of our own files instead of a public source."""
    lowered = (text or "").lower()
    return any(marker in lowered for marker in INTERNAL_MARKERS)


def is_unsourced(row: Mapping[str, object]) -> bool:
    """A row without a published source says so: source_title 'unsourced' (or 'unsourced: ...')."""
    return str(row.get("source_title") or "").strip().lower().startswith(UNSOURCED)


def _hosts(row: Mapping[str, object]) -> list[str]:
    text = f"{row.get('source_url') or ''} {row.get('source_title') or ''}"
    return [host.lower().removeprefix("www.") for host in HOST.findall(text)]


def _official_host(host: str) -> bool:
    if any(host == known or host.endswith("." + known) for known in OFFICIAL_HOSTS):
        return True
    return bool(OFFICIAL_LABELS.intersection(host.split(".")[:-1]))


def cites_official_record(row: Mapping[str, object]) -> bool:
    """Tell whether one of the row's sources is an official record (the scale's "high")."""
    if any(_official_host(host) for host in _hosts(row)):
        return True
    title = str(row.get("source_title") or "").lower()
    return any(marker in title for marker in OFFICIAL_CITATIONS)


def scale_problems(row: Mapping[str, object]) -> list[Problem]:
    """Return where a row breaks the confidence scale or the meaning of verified."""
    problems: list[Problem] = []
    if is_internal(str(row.get("source_title") or "")):
        problems.append(("source_title", NOT_PUBLIC))
    unsourced = is_unsourced(row)
    if unsourced and row.get("confidence") != "low":
        problems.append(("confidence", UNSOURCED_NOT_LOW))
    if row.get("verified") is True:
        if unsourced or is_internal(str(row.get("source_title") or "")):
            problems.append(("verified", VERIFIED_UNSOURCED))
        elif row.get("confidence") == "low":
            problems.append(("verified", VERIFIED_LOW))
    if row.get("confidence") == "high" and not cites_official_record(row):
        problems.append(("confidence", HIGH_NOT_OFFICIAL))
    return problems
