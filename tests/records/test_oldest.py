"""Staff see which facts rest on the oldest (or undated) evidence first."""

from __future__ import annotations

import datetime

from advocacy.countries.evidence import age_in_years, oldest_first


def test_age_in_whole_years_at_the_precision_given():
    today = datetime.date(2026, 12, 8)
    assert age_in_years("2023-01", today) == 3
    assert age_in_years("2025-12-09", today) == 0
    assert age_in_years("2015", today) == 11
    assert age_in_years(None, today) is None


def test_undated_first_then_oldest():
    rows = [{"id": "b", "as_of": "2020-08"}, {"id": "a", "as_of": None}, {"id": "c", "as_of": "1998"}]
    assert [r["id"] for r in sorted(rows, key=oldest_first)] == ["a", "c", "b"]


def _ids(html: str, table: str) -> list[str]:
    section = html.split(f'id="{table}"')[1].split("</table>")[0]
    found = [part.split('"')[0] for part in section.split(f'href="/staff/{table}/')[1:]]
    return [i for i in found if not i.startswith("new")]


def test_staff_list_oldest_evidence_first(staff):
    usual = _ids(staff.get("/staff/").get_data(as_text=True), "treaties")
    oldest = _ids(staff.get("/staff/?order=oldest").get_data(as_text=True), "treaties")
    assert sorted(usual) == sorted(oldest) and usual == sorted(usual)
    assert oldest != usual
    html = staff.get("/staff/?order=oldest").get_data(as_text=True)
    assert "not known" in html  # undated evidence is said so, and listed first
    # Undated rows first (by id), then the oldest evidence: the small data's 2015 UAE row.
    dated = [i for i in oldest if i not in UNDATED]
    assert set(oldest[: len(UNDATED)]) == UNDATED and dated[0] == "ae-extradition"


UNDATED = {
    "au-hk-surrender", "au-nsc", "cy-extradition", "de-extradition", "fr-extradition", "fr-mlat",
    "gb-extradition",
}  # fmt: skip
