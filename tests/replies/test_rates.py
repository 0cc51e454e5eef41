"""Response rates: shown on the country page, in the briefing and to staff only over the threshold."""

from __future__ import annotations

import csv
import io
import re
from html import unescape
from pathlib import Path

import pytest

from advocacy.briefings.content import build_briefing
from advocacy.briefings.render import briefing_html
from advocacy.core.extensions import db
from advocacy.core.settings import PROJECT_ROOT
from advocacy.replies.models import ReplyCode
from advocacy.replies.rates import THRESHOLD
from tests.helpers import add_people, briefing_text, sign_in

LETTERS = PROJECT_ROOT / "templates" / "letters"
TRANSLATIONS = PROJECT_ROOT / "translations"
AVERY = {"chamber": "eu-parliament", "member": "sample-person-1", "member_name": "Avery Example"}


def add_reports(app, n: int, *, replied: str = "yes", stance: str = "support", **where: str) -> None:
    """n reported codes (without digests, as after the correction window) about a chamber or member."""
    with app.app_context():
        for _ in range(n):
            fields = {"country": "FR", "action": "suspend-extradition-treaty", "week": "2026-W49", **where}
            took = "2" if replied != "not-yet" else ""
            stance = stance if replied != "not-yet" else ""
            db.session.add(ReplyCode(**fields, replied=replied, took=took, stance=stance, revision=1))
        db.session.commit()


def section(html: str) -> str:
    return unescape(html.split('id="replies"')[1].split("</section>")[0])


def table_rows(html: str, table: str) -> list[list[str]]:
    body = html.split(f'id="{table}"')[1].split("</table>")[0].split("<tbody>")[1]
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in body.split("</tr>")[:-1]]
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in row] for row in cells]


def test_no_figure_below_the_threshold_then_each_with_its_number_of_reports(app):
    client = app.test_client()
    add_reports(app, THRESHOLD - 1, chamber="fr-assemblee")
    add_reports(app, THRESHOLD - 1, **AVERY)
    page = section(client.get("/en/countries/FR").get_data(as_text=True))
    assert "Not enough reports yet to give a figure." in page and "<table" not in page
    assert f"at least {THRESHOLD} reports" in page
    add_reports(
        app, 1, chamber="fr-assemblee", replied="form-letter", stance="tabled"
    )  # now at the threshold
    page = section(client.get("/en/countries/FR").get_data(as_text=True))
    assert table_rows(page, "reply-chambers") == [
        ["Assemblée nationale", str(THRESHOLD), "100%", "10%", "90%", "10%", "0%"]
    ]
    assert 'id="reply-members"' not in page  # Avery's nine are still too few, and the EP's too
    add_reports(app, 1, replied="not-yet", **AVERY)
    page = section(client.get("/en/countries/FR").get_data(as_text=True))
    assert table_rows(page, "reply-members") == [
        ["European Parliament", "Avery Example", "10", "90%", "0%", "90%", "0%", "0%"]
    ]
    assert len(table_rows(page, "reply-chambers")) == 2
    # Germany shares the European Parliament, not the National Assembly.
    de = section(client.get("/en/countries/DE").get_data(as_text=True))
    assert [row[0] for row in table_rows(de, "reply-chambers")] == ["European Parliament"]


def test_the_briefing_shows_the_same_figures_over_the_threshold(app, tmp_path: Path):
    with app.app_context():
        before = build_briefing(
            db.session, "FR", "en", templates_root=LETTERS, translations_dirs=[TRANSLATIONS]
        )
    assert before.replies.chambers == () and "Not enough reports" in briefing_html(before)
    add_reports(app, THRESHOLD, chamber="fr-senat", replied="form-letter", stance="non-committal")
    add_reports(app, THRESHOLD - 1, chamber="fr-assemblee")
    with app.app_context():
        after = build_briefing(
            db.session, "FR", "ug", templates_root=LETTERS, translations_dirs=[TRANSLATIONS]
        )
    [senate] = after.replies.chambers
    assert (senate.chamber, senate.member, senate.reports) == ("Sénat", "", "10")
    html = briefing_html(after)
    assert '<section class="replies">' in html and '<html lang="ug" dir="rtl">' in html
    text = briefing_text(after, tmp_path)
    rates = text.split(after.replies.heading)[-1]
    assert "Sénat" in rates.split(after.replies.intro[:20])[-1]


@pytest.fixture
def staff(app):
    client = app.test_client()
    assert sign_in(client, add_people(app)["staff"]).status_code == 302
    return client


def test_staff_see_the_same_figures_and_a_csv(app, staff):
    add_reports(app, THRESHOLD, **AVERY)
    add_reports(app, 3, chamber="fr-assemblee")
    page = unescape(staff.get("/staff/counts/replies").get_data(as_text=True))
    assert table_rows(page, "reply-chambers") == [
        ["European Parliament", "10", "100%", "0%", "100%", "0%", "0%"]
    ]
    assert [row[:3] for row in table_rows(page, "reply-members")] == [
        ["European Parliament", "Avery Example", "10"]
    ]
    assert "3 reports are in no figure" in page
    assert "/staff/counts/replies" in staff.get("/staff/counts").get_data(as_text=True)
    response = staff.get("/staff/counts/replies.csv")
    assert response.headers["Content-Disposition"] == 'attachment; filename="reply-rates.csv"'
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [(r["chamber"], r["member"], r["reports"], r["answered"]) for r in rows] == [
        ("eu-parliament", "", "10", "10"),
        ("eu-parliament", "sample-person-1", "10", "10"),
    ]
