"""The country briefing's "where to report" section: the same rows as the page, cited like every fact."""

from __future__ import annotations

import re
from pathlib import Path

from advocacy.briefings.content import build_briefing
from advocacy.briefings.render import briefing_html
from advocacy.core.extensions import db
from advocacy.core.settings import PROJECT_ROOT
from tests.helpers import briefing_text

LETTERS = PROJECT_ROOT / "templates" / "letters"
TRANSLATIONS = PROJECT_ROOT / "translations"


def make(site, code: str, tag: str = "en"):
    with site.app_context():
        found = build_briefing(
            db.session, code, tag, templates_root=LETTERS, translations_dirs=[TRANSLATIONS]
        )
    assert found is not None and found.report is not None
    return found


def test_france_has_its_emergency_number_apart_no_dedicated_channel_and_who_asked(site):
    briefing = make(site, "FR")
    report = briefing.report
    [emergency] = report.emergency
    assert emergency.contact == "17; 112; 114 (people with hearing or speech difficulties)"
    assert report.verdict.startswith("No channel dedicated to transnational repression was found for France.")
    [dgsi] = report.channels
    assert dgsi.body == "DGSI" and dgsi.contact == "How to reach it was not shown in the source."
    assert [text[:40] for text, _ in report.asking] == [
        "Safeguard Defenders, Transnational repre",
        "Opinion article (author not shown in the",
    ]
    assert "ProtectDefenders.eu (EU Human Rights Defenders mechanism)" in [
        c.body for c in report.international
    ]
    # Every line cites a source note that names the row's source.
    notes = {note.number: note for note in briefing.notes}
    assert notes[dgsi.note].title.startswith("DGSI (dgsi.interieur.gouv.fr)")
    assert [n.number for n in briefing.notes] == list(range(1, len(briefing.notes) + 1))


def test_australia_quotes_the_source_that_counts_it_as_dedicated(site):
    report = make(site, "AU").report
    assert report.verdict.startswith("Safeguard Defenders counts Australia among the very few countries")
    assert "very few countries have set up such dedicated channels" in report.dedicated_quote
    assert report.asking == ()
    assert "The sources we have read give no emergency number for Australia" in report.emergency_note


def test_the_section_is_printed_in_uyghur_right_to_left(site, tmp_path: Path):
    briefing = make(site, "IT", "ug")
    html = briefing_html(briefing)
    assert '<section class="report">' in html and '<html lang="ug" dir="rtl">' in html
    assert '<bdi dir="ltr" lang="en">urgent-action@ohchr.org</bdi>' in html
    text = briefing_text(briefing, tmp_path)
    assert "urgent-action@ohchr.org" in text and "69006" in re.sub(r"\s+", " ", text)
