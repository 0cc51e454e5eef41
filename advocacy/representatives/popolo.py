"""Read an EveryPolitician-style Popolo JSON file into representatives' rows, all or nothing.

The rows and the checks are those of `advocacy.representatives.rows` (CSV shares them);
problems carry a JSON path such as `persons[3].email`.
"""

from __future__ import annotations

import json
from typing import Any, cast

from advocacy.representatives.rows import (
    DEFAULT_FORM_OF_ADDRESS,
    GENDER_FORMS,
    Problem,
    RepresentativesError,
    Row,
    check_record,
    decode_text,
)


def parse_popolo(text: str | bytes) -> list[Row]:
    """Read an EveryPolitician-style Popolo file: the members of its legislature.

    A person is imported when they have a membership of an organization classified
    `legislature`. When the file has legislative periods (`events` classified
    `legislative period`), only memberships of the latest one count; when some of the
    memberships are open (no `end_date`), only those count. The constituency is the
    membership's area, the party its `on_behalf_of_id` organization (or the person's
    membership of an organization classified `party`).
    """
    text = decode_text(text)
    if not text.strip():
        raise RepresentativesError([Problem("file is empty")])
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        problem = Problem(
            f"not valid JSON: {error.msg}", line=error.lineno, column=f"character {error.colno}"
        )
        raise RepresentativesError([problem]) from None
    except (ValueError, RecursionError) as error:
        raise RepresentativesError([Problem(f"not valid JSON: {error}")]) from None
    return _Popolo(document).rows()


class _Popolo:
    """One Popolo document being read; collects problems as it goes."""

    def __init__(self, document: Any) -> None:
        self.problems: list[Problem] = []
        if not isinstance(document, dict):
            raise RepresentativesError(
                [Problem("must be a JSON object with persons and memberships", path="$")]
            )
        self.document = document

    def problem(self, path: str, message: str) -> None:
        self.problems.append(Problem(message, path=path))

    def rows(self) -> list[Row]:
        persons = self.objects("persons", required=True)
        memberships = self.objects("memberships", required=True)
        organizations = self.objects("organizations")
        areas = self.objects("areas")
        events = self.objects("events")
        people = self.index(persons)
        orgs = self.index(organizations)
        area_names = self.names(self.index(areas))
        org_names = self.names(orgs)
        legislatures = {key for key, (_, org) in orgs.items() if org.get("classification") == "legislature"}
        if not legislatures and not self.problems:
            self.problem("organizations", "no organization is classified 'legislature'")
        seats = self.seats(memberships, legislatures, people, events)
        parties = self.party_memberships(memberships, orgs)

        result: list[Row] = []
        for person_id, (path, person) in people.items():
            if person_id not in seats:
                continue
            values, paths = self.person_values(path, person)
            seat_path, seat = seats[person_id]
            values["constituency"] = self.lookup(seat_path, seat, "area_id", area_names, "area")
            if seat.get("on_behalf_of_id") is None and person_id in parties:
                party_path, party = parties[person_id]
                values["party"] = self.lookup(party_path, party, "organization_id", org_names, "party")
            else:
                values["party"] = self.lookup(seat_path, seat, "on_behalf_of_id", org_names, "organization")
            row, errors = check_record(values)
            for field, message in errors.items():
                self.problem(paths.get(field, f"{path}.{field}"), message)
            result.append(row)
        if not result and not self.problems:
            self.problem("memberships", "no person has a membership of the legislature")
        if self.problems:
            raise RepresentativesError(self.problems)
        return result

    # Structure ----------------------------------------------------------------------

    def objects(self, key: str, required: bool = False) -> list[tuple[str, dict]]:
        """The list under a top-level key as (path, object) pairs; report what is not."""
        value = self.document.get(key)
        if value is None:
            if required:
                self.problem(key, "is missing")
            return []
        if not isinstance(value, list):
            self.problem(key, "must be a list")
            return []
        items = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                items.append((f"{key}[{index}]", item))
            else:
                self.problem(f"{key}[{index}]", "must be an object")
        return items

    def index(self, items: list[tuple[str, dict]]) -> dict[str, tuple[str, dict]]:
        """Objects by their id, reporting a missing, non-text or repeated id."""
        found: dict[str, tuple[str, dict]] = {}
        for path, item in items:
            key = item.get("id")
            if not isinstance(key, str) or not key.strip():
                self.problem(f"{path}.id", "is required" if key in (None, "") else "must be text")
            elif key in found:
                self.problem(f"{path}.id", f"duplicate id '{key}' (first at {found[key][0]})")
            else:
                found[key] = (path, item)
        return found

    @staticmethod
    def names(objects: dict[str, tuple[str, dict]]) -> dict[str, tuple[str, Any]]:
        """Each object's name by id, with the object's path."""
        return {key: (path, obj.get("name")) for key, (path, obj) in objects.items()}

    def lookup(self, path: str, membership: dict, key: str, table: dict, kind: str) -> Any:
        """The name of the object a membership refers to, or None; report a dangling reference."""
        ref = membership.get(key)
        if ref is None or ref == "":
            return None
        if not isinstance(ref, str):
            self.problem(f"{path}.{key}", "must be text")
            return None
        if ref not in table:
            self.problem(f"{path}.{key}", f"unknown {kind} '{ref}'")
            return None
        target_path, name = table[ref]
        if not isinstance(name, str):
            self.problem(f"{target_path}.name", "must be text")
            return None
        return name

    # Memberships --------------------------------------------------------------------

    def seats(
        self,
        memberships: list[tuple[str, dict]],
        legislatures: set[str],
        people: dict[str, tuple[str, dict]],
        events: list[tuple[str, dict]],
    ) -> dict[str, tuple[str, dict]]:
        """Each person's current membership of the legislature."""
        seats = [(path, m) for path, m in memberships if _text(m.get("organization_id")) in legislatures]
        for path, membership in seats:
            person_id = membership.get("person_id")
            if not isinstance(person_id, str):
                self.problem(f"{path}.person_id", "is required" if person_id is None else "must be text")
            elif person_id not in people:
                self.problem(f"{path}.person_id", f"unknown person '{person_id}'")
            for key in ("start_date", "end_date", "legislative_period_id"):
                if membership.get(key) is not None and not isinstance(membership[key], str):
                    self.problem(f"{path}.{key}", "must be text")
        seats = [(p, m) for p, m in seats if isinstance(m.get("person_id"), str) and m["person_id"] in people]
        seats = [
            (p, m) for p, m in seats if all(_is_text_or_none(m.get(k)) for k in ("start_date", "end_date"))
        ]
        period = self.latest_period(events)
        if period and any(m.get("legislative_period_id") == period for _, m in seats):
            seats = [(p, m) for p, m in seats if m.get("legislative_period_id") == period]
        if any(not m.get("end_date") for _, m in seats):
            seats = [(p, m) for p, m in seats if not m.get("end_date")]
        current: dict[str, tuple[str, dict]] = {}
        for path, membership in sorted(seats, key=lambda item: item[1].get("start_date") or ""):
            current[membership["person_id"]] = (path, membership)  # the latest start wins
        return current

    @staticmethod
    def latest_period(events: list[tuple[str, dict]]) -> str | None:
        periods = [
            e for _, e in events
            if e.get("classification") == "legislative period"
            and isinstance(e.get("id"), str) and _is_text_or_none(e.get("start_date"))
        ]  # fmt: skip
        if not periods:
            return None
        return max(periods, key=lambda e: e.get("start_date") or "")["id"]

    @staticmethod
    def party_memberships(
        memberships: list[tuple[str, dict]], orgs: dict[str, tuple[str, dict]]
    ) -> dict[str, tuple[str, dict]]:
        """A person's open membership of an organization classified `party`, if any."""
        parties = {key for key, (_, org) in orgs.items() if org.get("classification") == "party"}
        found: dict[str, tuple[str, dict]] = {}
        for path, membership in memberships:
            person_id = membership.get("person_id")
            in_party = isinstance(person_id, str) and _text(membership.get("organization_id")) in parties
            if in_party and (not membership.get("end_date") or person_id not in found):
                found[cast(str, person_id)] = (path, membership)  # in_party: a str
        return found

    # Persons ------------------------------------------------------------------------

    def person_values(self, path: str, person: dict) -> tuple[dict[str, Any], dict[str, str]]:
        """A person's own fields, and where each came from when not `persons[i].<field>`."""
        values: dict[str, Any] = {key: person.get(key) for key in ("id", "name", "given_name", "family_name")}
        paths: dict[str, str] = {"form_of_address": f"{path}.gender"}
        values["form_of_address"] = self.form_of_address(path, person.get("gender"))
        values["email"] = person.get("email")
        values["postal_address"] = None
        for index, detail in enumerate(self.sub_list(path, person, "contact_details")):
            kind = detail.get("type")
            for field, wanted in (("email", "email"), ("postal_address", "address")):
                if kind == wanted and values[field] in (None, ""):
                    values[field] = detail.get("value")
                    paths[field] = f"{path}.contact_details[{index}].value"
        sources = self.sub_list(path, person, "sources")
        values["source_url"] = sources[0].get("url") if sources else None
        paths["source_url"] = f"{path}.sources[0].url"
        values["as_of"] = None
        return values, paths

    def sub_list(self, path: str, person: dict, key: str) -> list[dict]:
        value = person.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(f"{path}.{key}", "must be a list")
            return []
        items = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                items.append(item)
            else:
                self.problem(f"{path}.{key}[{index}]", "must be an object")
                items.append({})
        return items

    def form_of_address(self, path: str, gender: Any) -> str:
        if gender is not None and not isinstance(gender, str):
            self.problem(f"{path}.gender", "must be text")
            return DEFAULT_FORM_OF_ADDRESS
        return GENDER_FORMS.get((gender or "").strip().casefold(), DEFAULT_FORM_OF_ADDRESS)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _is_text_or_none(value: Any) -> bool:
    return value is None or isinstance(value, str)
