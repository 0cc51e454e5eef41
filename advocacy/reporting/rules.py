"""The checks a reporting row must pass besides its schema, shared by import and staff editing.

Plain functions over a typed row (field name -> value), so `advocacy data check`, the staff
form and the tests apply exactly the same rules.
"""

from __future__ import annotations

from collections.abc import Mapping

# The data files of this feature (resource names in data/datapackage.json).
RESOURCES = ("channels", "guidance", "recommendations")
# Codes besides ISO countries that a reporting row may name: EU-level and international.
SCOPES = frozenset({"EU", "INT"})
EMERGENCY_KIND = "emergency-police"
CONTACTS = ("phone", "sms", "web", "email", "post")

Problem = tuple[str, str]  # (column, message)

NO_SOURCE = "cannot be true without a source address (source_url): a row without a source cannot be verified"
LOW = "cannot be true when confidence is low (verified means read in a reliable source)"
EMERGENCY_KIND_MESSAGE = (
    "an emergency-only number must have kind emergency-police, "
    "so that it is never shown as a reporting channel"
)
KIND_NOT_EMERGENCY = "kind emergency-police is for emergency-only numbers: set emergency_only to true"
EMERGENCY_DEDICATED = "an emergency-only number cannot be dedicated to transnational repression"
EMERGENCY_ANONYMOUS = "an emergency-only number is not a reporting channel: leave anonymous empty"
SCOPE_EMERGENCY = "EU-level and international rows cannot be emergency numbers"
NO_CONTACT = (
    "say how to reach it: a phone, sms, web, email or post value, "
    "or in not_shown the details the source did not show"
)
DEDICATED_NOT_ASSESSMENT = "only an assessment row says whether countries have a dedicated channel"


def row_problems(resource: str, row: Mapping[str, object]) -> list[Problem]:
    """Return what is wrong with a reporting row as a whole (nothing for other resources)."""
    if resource not in RESOURCES:
        return []
    problems = _source_problems(row)
    if resource == "channels":
        problems += _channel_problems(row)
    elif resource == "guidance" and row.get("dedicated") and row.get("kind") != "assessment":
        problems.append(("dedicated", DEDICATED_NOT_ASSESSMENT))
    return problems


def _source_problems(row: Mapping[str, object]) -> list[Problem]:
    """A verified row names where it was read, and that source is not weak."""
    if row.get("verified") is not True:
        return []
    if not row.get("source_url"):
        return [("verified", NO_SOURCE)]
    if row.get("confidence") == "low":
        return [("verified", LOW)]
    return []


def _channel_problems(row: Mapping[str, object]) -> list[Problem]:
    """An emergency number stays an emergency number; every channel says how to reach it."""
    problems: list[Problem] = []
    emergency, kind = row.get("emergency_only") is True, row.get("kind")
    if emergency and kind != EMERGENCY_KIND:
        problems.append(("kind", EMERGENCY_KIND_MESSAGE))
    if kind == EMERGENCY_KIND and not emergency:
        problems.append(("emergency_only", KIND_NOT_EMERGENCY))
    if emergency and row.get("dedicated") is True:
        problems.append(("dedicated", EMERGENCY_DEDICATED))
    if emergency and row.get("anonymous"):
        problems.append(("anonymous", EMERGENCY_ANONYMOUS))
    if emergency and row.get("country") in SCOPES:
        problems.append(("emergency_only", SCOPE_EMERGENCY))
    if not any(row.get(name) for name in (*CONTACTS, "not_shown")):
        problems.append(("phone", NO_CONTACT))
    return problems
