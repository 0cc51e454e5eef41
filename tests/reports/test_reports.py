"""Staff reports: campaign counts (totals, filters, CSV, chart) and who may see them."""

from __future__ import annotations

import csv
import datetime
import io
import re
import xml.etree.ElementTree as ET

import pytest
from sqlalchemy import update

from advocacy.accounts.models import User
from advocacy.core.extensions import db
from advocacy.reports.counts import CountFilter, CountRow, count_totals, csv_text, series
from advocacy.reports.models import CampaignCount
from tests.helpers import sign_in

# (day, country, action, chamber, locale, count): what the composer would have counted.
COUNTS = [
    ("2026-03-01", "FR", "suspend-extradition-treaty", "", "fr", 4),
    ("2026-03-01", "FR", "pq", "fr-assemblee", "fr", 1),
    ("2026-03-02", "DE", "sanctions", "", "de", 2),
    ("2026-03-04", "FR", "suspend-extradition-treaty", "", "en", 3),
    ("2026-03-10", "TH", "reporting-mechanism", "", "zh_Hans", 5),
    ("2025-12-31", "DE", "sanctions", "", "de", 7),
]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def staff(app, people):
    """A staff member's client, with the COUNTS stored."""
    with app.app_context():
        fields = ("day", "country", "action", "chamber", "locale", "count")
        db.session.add_all(CampaignCount(**dict(zip(fields, row, strict=True))) for row in COUNTS)
        db.session.commit()
    client = app.test_client()
    assert sign_in(client, people["staff"]).status_code == 302
    return client


def table(page: str, table_id: str) -> list[list[str]]:
    """The rows of the page's table with this id, as the text of their cells."""
    body = re.search(rf'<table id="{table_id}".*?<tbody>(.*?)</tbody>', page, re.S)
    assert body, f"no table {table_id}"
    rows = re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)
    cells = (re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in rows)
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in row] for row in cells]


# --- the domain functions ----------------------------------------------------------------------


def test_totals_add_up_per_country_action_locale_and_day(app, staff) -> None:
    with app.app_context():
        summed = count_totals(db.session, CountFilter())
        march = count_totals(db.session, CountFilter(start=datetime.date(2026, 3, 1), action="sanctions"))
    assert summed.total == 22
    assert summed.by_country == [("DE", 9), ("FR", 8), ("TH", 5)]  # largest first
    assert summed.by_action[0] == ("sanctions", 9) and ("pq", 1) in summed.by_action
    assert summed.by_locale == [("de", 9), ("fr", 5), ("zh_Hans", 5), ("en", 3)]  # ties by code
    assert summed.by_day == [
        ("2025-12-31", 7), ("2026-03-01", 5), ("2026-03-02", 2), ("2026-03-04", 3), ("2026-03-10", 5),
    ]  # fmt: skip
    assert (march.total, march.by_country, march.by_day) == (2, [("DE", 2)], [("2026-03-02", 2)])


def test_csv_has_a_header_and_a_line_per_row() -> None:
    text = csv_text([CountRow("2026-03-01", "FR", "pq", "fr", 2, chamber="eu-parliament")])
    assert text == "day,country,action,chamber,locale,count\n2026-03-01,FR,pq,eu-parliament,fr,2\n"


def test_the_series_fills_gaps_and_groups_long_periods() -> None:
    days = series([("2026-03-01", 5), ("2026-03-04", 3)])
    assert days.grain == "day"
    assert days.bars == [(datetime.date(2026, 3, d), c) for d, c in ((1, 5), (2, 0), (3, 0), (4, 3))]
    months = series(
        [("2026-03-01", 5), ("2026-03-20", 1)], datetime.date(2025, 11, 15), datetime.date(2026, 3, 31)
    )
    assert months.grain == "month"
    assert months.bars == [(datetime.date(2025, 11, 1), 0), (datetime.date(2025, 12, 1), 0),
                           (datetime.date(2026, 1, 1), 0), (datetime.date(2026, 2, 1), 0),
                           (datetime.date(2026, 3, 1), 6)]  # fmt: skip
    years = series([("2019-06-01", 1), ("2026-03-01", 2)])
    assert years.grain == "year" and len(years.bars) == 8 and years.bars[-1] == (datetime.date(2026, 1, 1), 2)
    assert series([]).bars == []


# --- the page ---------------------------------------------------------------------------------


def test_the_counts_page_shows_every_row_and_the_totals(staff) -> None:
    page = staff.get("/staff/counts").get_data(as_text=True)
    assert "Total: 22 letters and questions." in page
    assert table(page, "per-country") == [["Germany", "9"], ["France", "8"], ["Thailand", "5"]]
    assert table(page, "per-locale") == [["German", "9"], ["French", "5"], ["Chinese (Simplified)", "5"],
                                         ["English", "3"]]  # fmt: skip
    assert ["Suspend the extradition treaty", "7"] in table(page, "per-action")
    assert table(page, "per-day")[0] == ["31 December 2025", "7"]
    rows = table(page, "rows")
    assert len(rows) == len(COUNTS)
    assert rows[-1] == ["10 March 2026", "Thailand", "Set up a reporting mechanism for exiled communities",
                        "", "Chinese (Simplified)", "5"]  # fmt: skip
    assert ["1 March 2026", "France", "Ask a written parliamentary question", "Assemblée nationale", "French",
            "1"] in rows  # fmt: skip
    # The menu marks this page's own link only (both report pages share a blueprint).
    assert '<a href="/staff/counts" aria-current="page">' in page
    assert '<a href="/staff/exports">' in page
    # The chart is an image from the same filter, with the table as its text alternative.
    assert re.search(r'<img src="/staff/counts/chart.svg" alt="[^"]+table', page)


def test_the_filters_narrow_the_counts(staff) -> None:
    period = staff.get("/staff/counts?start=2026-03-01&end=2026-03-04&junk=1").get_data(as_text=True)
    assert "Total: 10 letters and questions." in period
    assert table(period, "per-country") == [["France", "8"], ["Germany", "2"]]
    assert 'src="/staff/counts/chart.svg?start=2026-03-01&amp;end=2026-03-04"' in period
    one = staff.get("/staff/counts?country=FR&locale=fr&action=").get_data(as_text=True)
    assert "Total: 5 letters and questions." in one
    assert table(one, "per-action") == [
        ["Suspend the extradition treaty", "4"],
        ["Ask a written parliamentary question", "1"],
    ]
    assert '<option selected value="FR">France</option>' in one
    action = staff.get("/staff/counts?action=sanctions&end=2026-01-01").get_data(as_text=True)
    assert "Total: 7 letters and questions." in action
    nothing = staff.get("/staff/counts?country=GB").get_data(as_text=True)
    assert "Total: 0 letters" in nothing and "Nothing was counted for this filter." in nothing
    assert "<img" not in nothing


def test_questions_are_counted_and_filtered_per_chamber(app, staff) -> None:
    with app.app_context():
        question = {"country": "FR", "action": "pq", "chamber": "eu-parliament", "locale": "fr"}
        db.session.add(CampaignCount(day="2026-03-01", **question, count=2))
        db.session.commit()
    page = staff.get("/staff/counts").get_data(as_text=True)
    assert table(page, "per-chamber") == [["European Parliament", "2"], ["Assemblée nationale", "1"]]
    assert ["Ask a written parliamentary question", "3"] in table(page, "per-action")
    chamber = staff.get("/staff/counts?chamber=eu-parliament").get_data(as_text=True)
    assert "Total: 2 letters and questions." in chamber
    assert '<option selected value="eu-parliament">European Parliament</option>' in chamber
    rows = list(csv.DictReader(io.StringIO(staff.get("/staff/counts.csv?action=pq").get_data(as_text=True))))
    assert {(row["chamber"], row["count"]) for row in rows} == {("eu-parliament", "2"), ("fr-assemblee", "1")}
    letters = staff.get("/staff/counts?action=sanctions").get_data(as_text=True)
    assert 'id="per-chamber"' not in letters  # letters have no chamber


def test_a_long_list_says_the_csv_has_the_rest(staff, monkeypatch) -> None:
    import advocacy.reports.views

    monkeypatch.setattr(advocacy.reports.views, "MOST_ROWS", 4)
    page = staff.get("/staff/counts").get_data(as_text=True)
    assert len(table(page, "rows")) == 4 and "Only the first 4 rows are listed here" in page
    assert "Total: 22 letters and questions." in page  # the totals count every row
    monkeypatch.setattr(advocacy.reports.views, "MOST_ROWS", len(COUNTS))
    assert "Only the first" not in staff.get("/staff/counts").get_data(as_text=True)


def test_a_wrong_period_is_explained_and_counts_nothing(staff) -> None:
    page = staff.get("/staff/counts?start=2026-03-04&end=2026-03-01").get_data(as_text=True)
    assert "The last day comes before the first." in page and "Correct the filter" in page
    assert 'aria-invalid="true"' in page and "Total:" not in page
    assert staff.get("/staff/counts?start=yesterday").status_code == 200
    assert staff.get("/staff/counts.csv?start=2026-03-04&end=2026-03-01").status_code == 400
    assert staff.get("/staff/counts/chart.svg?start=nope").status_code == 400


def test_the_filtered_counts_download_as_csv(staff) -> None:
    response = staff.get("/staff/counts.csv?start=2026-03-01&end=2026-03-31&country=FR")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert disposition == 'attachment; filename="campaign-counts-2026-03-01-2026-03-31.csv"'
    assert response.headers["Cache-Control"] == "private, no-store"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [tuple(row.values()) for row in rows] == [
        ("2026-03-01", "FR", "pq", "fr-assemblee", "fr", "1"),
        ("2026-03-01", "FR", "suspend-extradition-treaty", "", "fr", "4"),
        ("2026-03-04", "FR", "suspend-extradition-treaty", "", "en", "3"),
    ]
    assert list(rows[0]) == ["day", "country", "action", "chamber", "locale", "count"]
    everything = staff.get("/staff/counts.csv")
    assert everything.get_data(as_text=True).count("\n") == len(COUNTS) + 1
    assert 'filename="campaign-counts.csv"' in everything.headers["Content-Disposition"]


def test_the_chart_is_an_svg_with_its_labels_and_no_inline_styles(staff) -> None:
    response = staff.get("/staff/counts/chart.svg?start=2026-03-01&end=2026-03-10")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    svg = response.get_data(as_text=True)
    root = ET.fromstring(svg)  # noqa: S314 (our own output)  # well-formed XML
    words = [text.text for text in root.iter(f"{SVG}text")]
    assert root.find(f"{SVG}title").text == "Letters and questions per day"
    assert "Letters and questions per day" in words and "1 Mar" in words and "4 Mar" in words
    assert "5" in words  # a count on the axis
    # The site's CSP forbids inline styles: everything is a presentation attribute.
    assert "style=" not in svg and "<style" not in svg
    assert root.get("stroke-linecap") == "butt"
    assert any(element.get("fill") == "#0b4f8a" for element in root.iter())


def test_the_chart_speaks_the_interface_language_and_groups_by_month(app, staff) -> None:
    with app.app_context():
        db.session.execute(update(User).values(interface_locale="fr"))
        db.session.commit()
    svg = staff.get("/staff/counts/chart.svg?start=2025-11-01&end=2026-03-31").get_data(as_text=True)
    root = ET.fromstring(svg)  # noqa: S314 (our own output)
    words = [text.text for text in root.iter(f"{SVG}text")]
    assert "Letters and questions per month" in words or "Lettres et questions par mois" in words
    assert "déc. 2025" in words and "mars 2026" in words and "févr. 2026" in words  # an empty month too


def test_translators_and_visitors_cannot_see_the_counts(app, people) -> None:
    translator = app.test_client()
    sign_in(translator, people["translator"])
    visitor = app.test_client()
    for url in ("/staff/counts", "/staff/counts.csv", "/staff/counts/chart.svg", "/staff/exports"):
        assert translator.get(url).status_code == 403
        response = visitor.get(url)
        assert response.status_code == 302 and "/account/login" in response.headers["Location"]
    admin = app.test_client()
    sign_in(admin, people["admin"])
    assert admin.get("/staff/counts").status_code == 200
