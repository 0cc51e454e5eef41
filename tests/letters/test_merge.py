"""`advocacy letters merge`: a people file in, one letter per row out (real PDFs read back)."""

from __future__ import annotations

import csv
import email
import io
import logging
import re
import subprocess
from email.policy import strict
from pathlib import Path

import pikepdf
import pytest
from sqlalchemy import select

from advocacy.core.extensions import db
from advocacy.letters.people import COLUMNS, output_name, read_people, slug
from advocacy.reports.models import CampaignCount

ACTION = ["--country", "FR", "--action", "suspend-extradition-treaty"]
LOCALES = ["en", "fr", "de", "zh_Hans", "zh_Hant", "ug"]


def people_csv(path: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> Path:
    columns = columns or ["sender_name", "sender_town", "recipient_name", "recipient_address"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def merge(runner, people: Path, out: Path, *extra: str):
    return runner.invoke(args=["letters", "merge", str(people), *ACTION, "-o", str(out), *extra])


def counts(app) -> dict[str, int]:
    with app.app_context():
        rows = db.session.scalars(select(CampaignCount).where(CampaignCount.country == "FR"))
        return {row.locale: row.count for row in rows if row.action == "suspend-extradition-treaty"}


def test_one_pdf_per_row_with_each_rows_names(runner, app, tmp_path):
    rows = [
        {"sender_name": "Ada Example", "sender_town": "Lyon", "recipient_name": "Jean Dupont",
         "recipient_address": "Assemblée nationale\n126 rue de l'Université\n75355 Paris"},
        {"sender_name": "Person 0002", "sender_town": "", "recipient_name": "", "recipient_address": ""},
        {"sender_name": "Zoë Brontë", "sender_town": "Arles", "recipient_name": "Marie Curie",
         "recipient_address": ""},
    ]  # fmt: skip
    people = people_csv(tmp_path / "people.csv", rows)
    out = tmp_path / "letters"
    result = merge(runner, people, out)
    assert result.exit_code == 0, result.output
    assert "Wrote 3 letter(s)" in result.output
    names = sorted(path.name for path in out.iterdir())
    assert names == ["0001-jean-dupont.pdf", "0002-person-0002.pdf", "0003-marie-curie.pdf"]
    first = pdf_text(out / names[0])
    assert "Ada Example" in first and "Jean Dupont" in first and "Dear Jean Dupont," in first
    assert "126 rue de l'Université" in first and "75355 Paris" in first  # the multi-line address
    assert "17 July 2015" in first  # the facts of the country, as in the single-letter command
    assert "Person 0002" in pdf_text(out / names[1]) and "Dear Member of Parliament," in pdf_text(
        out / names[1]
    )
    third = pdf_text(out / names[2])
    assert "Zoë Brontë" in third and "Marie Curie" in third and "Jean Dupont" not in third
    for path in out.iterdir():
        with pikepdf.open(path) as pdf:
            assert str(pdf.Root.Lang) == "en"
    assert counts(app) == {"en": 3}


def test_combined_pdf_has_every_letter_in_order_on_its_own_pages(runner, app, tmp_path):
    address = "Assemblée nationale\n126 rue de l'Université\n75355 Paris 07 SP"
    personal = "Ce sujet me concerne directement. " * 40  # long enough for a second page
    rows = [
        {"sender_name": f"Person {i:04d}", "recipient_name": f"Member {i:04d}", "recipient_address": address,
         "personal": personal}
        for i in range(1, 6)
    ]  # fmt: skip
    columns = ["sender_name", "recipient_name", "recipient_address", "personal"]
    people = people_csv(tmp_path / "people.csv", rows, columns)
    out = tmp_path / "out"
    result = merge(runner, people, out, "--combined", "--locale", "fr")
    assert result.exit_code == 0, result.output
    assert [path.name for path in out.iterdir()] == ["letters.pdf"]
    pages = pdf_text(out / "letters.pdf").split("\f")[:-1]
    with pikepdf.open(out / "letters.pdf") as pdf:
        assert len(pdf.pages) == len(pages)
        assert str(pdf.Root.Lang) == "fr"
    # A letter starts on a fresh page with its sender's name on the first line, in row order.
    first_lines = [page.strip().splitlines()[0].strip() for page in pages]
    starts = [index for index, line in enumerate(first_lines) if line.startswith("Person ")]
    assert [first_lines[index] for index in starts] == [f"Person {i:04d}" for i in range(1, 6)]
    assert all(f"Member {i:04d}" in pages[index] for i, index in enumerate(starts, start=1))
    # Each letter keeps its own page numbers ("1 / 2", "2 / 2"), not the combined file's.
    footers = [
        tuple(map(int, re.findall(r"^\s*(\d+) ?/ ?(\d+)\s*$", page, re.MULTILINE)[-1])) for page in pages
    ]
    for start, end in zip(starts, [*starts[1:], len(pages)], strict=True):
        length = end - start
        assert footers[start:end] == [(number, length) for number in range(1, length + 1)]
    assert len(pages) > 5  # French letters run to a second page, so the numbering is really per letter
    assert counts(app) == {"fr": 5}


def test_a_bad_row_stops_everything_and_is_reported_by_line_and_column(runner, app, tmp_path):
    rows = [  # cells left out are written empty
        {"sender_name": "Good One", "recipient_name": "A", "recipient_address": "1\n2\n3"},
        {"sender_name": "", "recipient_name": "B"},
        {"sender_name": "Long", "recipient_name": "x" * 100_000},
        {"sender_name": "Ev\u202eil", "recipient_name": "C"},
        {"sender_name": "Mail", "recipient_name": "D", "recipient_email": "not-an-address"},
        {"sender_name": "Line\nbreak", "recipient_name": "E"},
    ]
    columns = ["sender_name", "recipient_name", "recipient_email", "recipient_address"]
    people = people_csv(tmp_path / "people.csv", rows, columns)
    out = tmp_path / "out"
    result = merge(runner, people, out)
    assert result.exit_code == 1
    # The first row's address spans lines 2-4, so the rows after it start on lines 5, 6, ...
    assert f"{people}:5: sender_name: is required" in result.output
    assert f"{people}:6: recipient_name: is 100000 characters long; the limit is 120" in result.output
    assert f"{people}:7: sender_name: contains an invisible control or direction character (U+202E" in (
        result.output
    )
    assert f"{people}:8: recipient_email: is not an e-mail address" in result.output
    assert f"{people}:9: sender_name: must be on one line" in result.output
    assert "nothing was written" in result.output
    assert "x" * 200 not in result.output and "Ev\u202eil" not in result.output  # values are not echoed
    assert not out.exists()
    assert counts(app) == {}


def test_skip_bad_writes_the_good_rows(runner, app, tmp_path):
    rows = [
        {"sender_name": "Good One", "recipient_name": "Alice"},
        {"sender_name": "", "recipient_name": "Bob"},
        {"sender_name": "Good Two", "recipient_name": "Carol\u202e"},
        {"sender_name": "Good Three", "recipient_name": "Dan"},
    ]
    people = people_csv(tmp_path / "people.csv", rows, ["sender_name", "recipient_name"])
    out = tmp_path / "out"
    result = merge(runner, people, out, "--skip-bad")
    assert result.exit_code == 0, result.output
    assert f"{people}:3: sender_name: is required" in result.output
    assert f"{people}:4: recipient_name: contains an invisible" in result.output
    assert "skipped 2 bad row(s)" in result.output
    # Rows keep their numbers, so a rerun after fixing the file names the same files.
    assert sorted(path.name for path in out.iterdir()) == ["0001-alice.pdf", "0004-dan.pdf"]
    assert counts(app) == {"en": 2}


def test_text_and_eml_formats(runner, app, tmp_path):
    rows = [
        {"sender_name": "Ada Example", "recipient_name": "Jean Dupont", "recipient_email": "jd@example.org",
         "personal": "My own paragraph.", "locale": "fr"},
        {"sender_name": "Bo Example"},
    ]  # fmt: skip
    columns = ["sender_name", "recipient_name", "recipient_email", "personal", "locale"]
    people = people_csv(tmp_path / "people.csv", rows, columns)
    result = merge(runner, people, tmp_path / "txt", "--format", "txt")
    assert result.exit_code == 0, result.output
    french = (tmp_path / "txt" / "0001-jean-dupont.txt").read_text(encoding="utf-8")
    assert "My own paragraph." in french and french.rstrip().endswith("Ada Example")
    assert "17 juillet 2015" in french  # the row's locale overrides --locale
    english = (tmp_path / "txt" / "0002-bo-example.txt").read_text(encoding="utf-8")
    assert english.startswith("Dear Member of Parliament,") and "17 July 2015" in english

    result = merge(runner, people, tmp_path / "eml", "--format", "eml")
    assert result.exit_code == 0, result.output
    message = email.message_from_bytes(
        (tmp_path / "eml" / "0001-jean-dupont.eml").read_bytes(), policy=strict
    )
    assert message["To"] == "Jean Dupont <jd@example.org>"
    assert message["X-Unsent"] == "1"
    assert "My own paragraph." in message.get_content()
    assert counts(app) == {"fr": 2, "en": 2}

    result = merge(runner, people, tmp_path / "combined", "--format", "txt", "--combined")
    assert result.exit_code == 0, result.output
    combined = (tmp_path / "combined" / "letters.txt").read_text(encoding="utf-8")
    assert combined.split("\f\n") == [french, english]


def test_hostile_text_is_printed_as_text(runner, tmp_path):
    rows = [{"sender_name": "<script>alert(1)</script>", "recipient_name": "<b>Bold</b> & <i>co</i>"}]
    people = people_csv(tmp_path / "people.csv", rows, ["sender_name", "recipient_name"])
    result = merge(runner, people, tmp_path / "out")
    assert result.exit_code == 0, result.output
    (path,) = (tmp_path / "out").iterdir()
    assert path.name == "0001-b-bold-b-i-co-i.pdf"  # a slug, never a path from the input
    text = pdf_text(path)
    assert "<script>alert(1)</script>" in text
    assert "<b>Bold</b> & <i>co</i>" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"sender_name,nickname\nAda,Ace\n", "unknown column(s): nickname"),
        (b"recipient_name\nJean\n", "missing column(s): sender_name"),
        (b"sender_name\nAda\n\xff\xfeBo\n", "not UTF-8"),
        (b"sender_name,sender_name\nAda,Ada\n", "repeated column(s): sender_name"),
        (b"sender_name\n", "has a header but no rows"),
        (b'sender_name\n"Ada\n', "malformed CSV"),
    ],
)
def test_a_bad_file_is_refused_whole(runner, tmp_path, content, message):
    people = tmp_path / "people.csv"
    people.write_bytes(content)
    result = merge(runner, people, tmp_path / "out", "--skip-bad")
    assert result.exit_code == 1
    assert message in result.output
    assert not (tmp_path / "out").exists()


def test_existing_files_are_kept_unless_forced(runner, tmp_path):
    people = people_csv(tmp_path / "people.csv", [{"sender_name": "Ada"}], ["sender_name"])
    out = tmp_path / "out"
    out.mkdir()
    (out / "0001-ada.txt").write_text("mine")
    result = merge(runner, people, out, "--format", "txt")
    assert result.exit_code == 1
    assert "already exist" in result.output and "--force" in result.output
    assert (out / "0001-ada.txt").read_text() == "mine"
    result = merge(runner, people, out, "--format", "txt", "--force")
    assert result.exit_code == 0, result.output
    assert (out / "0001-ada.txt").read_text(encoding="utf-8").startswith("Dear Member of Parliament,")
    assert [path.name for path in out.iterdir()] == ["0001-ada.txt"]  # no temporary files left


def test_a_letter_the_renderer_fails_is_reported_and_the_rest_written(runner, app, tmp_path, monkeypatch):
    import advocacy.core.workers
    from advocacy.core.workers import RenderTimeout

    real_get_pool = advocacy.core.workers.get_pool

    class FlakyPool:
        def __init__(self, pool):
            self.pool = pool

        def run(self, target, html, **options):
            if "Person 0002" in html:
                raise RenderTimeout("advocacy.pdf.render:html_to_pdf stopped after 20 s: Person 0002")
            return self.pool.run(target, html, **options)

    monkeypatch.setattr(advocacy.core.workers, "get_pool", lambda **kw: FlakyPool(real_get_pool(**kw)))
    rows = [{"sender_name": f"Person {i:04d}"} for i in range(1, 4)]
    people = people_csv(tmp_path / "people.csv", rows, ["sender_name"])
    result = merge(runner, people, tmp_path / "out")
    assert result.exit_code == 1
    assert f"{people}:3: not written: the PDF took longer than the renderer's time limit" in result.output
    assert "Person 0002" not in result.output  # worker messages may quote the letter
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "0001-person-0001.pdf",
        "0003-person-0003.pdf",
    ]
    assert counts(app) == {"en": 2}


def test_the_log_gets_counts_not_names(runner, tmp_path, caplog):
    rows = [{"sender_name": "Secret Sender", "recipient_name": "Secret Recipient"}]
    people = people_csv(tmp_path / "people.csv", rows, ["sender_name", "recipient_name"])
    with caplog.at_level(logging.DEBUG):
        assert merge(runner, people, tmp_path / "out", "--format", "txt").exit_code == 0
    assert any("1 written" in record.getMessage() for record in caplog.records)
    assert not any("Secret" in record.getMessage() for record in caplog.records)


def test_unknown_action_or_locale_is_refused_before_writing(runner, tmp_path):
    people = people_csv(tmp_path / "people.csv", [{"sender_name": "Ada"}], ["sender_name"])
    args = ["letters", "merge", str(people), "--country", "GB", "--action", "suspend-extradition-treaty"]
    result = runner.invoke(args=[*args, "-o", str(tmp_path / "out")])
    assert result.exit_code == 1 and "does not fit GB" in result.output
    result = merge(runner, people, tmp_path / "out", "--locale", "xx")
    assert result.exit_code == 2 and "no letters in 'xx'" in result.output
    assert not (tmp_path / "out").exists()


# --- The people file, without Flask ----------------------------------------------------------


def read(text: str | bytes, **options):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return read_people(raw, "p.csv", locales=LOCALES, default_locale=options.get("default", "en"))


def test_rows_start_on_their_physical_line_and_cells_are_tidied():
    text = (
        "\ufeffsender_name,recipient_address,locale\r\n"
        'Ada,"line one\r\nline two",zh-hans\r\n'
        "\r\n"
        "  Bo  ,,\r\n"
        ",,\r\n"
    )
    people = read(text, default="fr")
    assert people.problems == [] and people.rows == 2
    ada, bo = people.people
    assert (ada.number, ada.line, ada.locale, ada.recipient_address) == (
        1,
        2,
        "zh_Hans",
        "line one\nline two",
    )
    assert (bo.number, bo.line, bo.sender_name, bo.locale) == (2, 5, "Bo", "fr")
    assert ada.recipient_lines == ["", "", "line one", "line two"]


def test_every_problem_is_listed():
    text = "sender_name,recipient_email,locale,personal\n,a@b,klingon,\nAda,,,\nBo,x@y.z,,\n"
    people = read(text + "Cy,,,too many,cells\n")
    assert [str(p) for p in people.problems] == [
        "p.csv:2: sender_name: is required",
        "p.csv:2: recipient_email: is not an e-mail address",
        "p.csv:2: locale: is not a language letters exist in (de, en, fr, ug, zh_Hans, zh_Hant)",
        "p.csv:5: has 5 cells, the header has 4",
    ]
    assert [person.sender_name for person in people.people] == ["Ada", "Bo"]
    assert people.bad_rows == 2 and people.readable


def test_the_form_limits_apply():
    long_personal = "p" * 3001
    people = read(f"sender_name,personal,recipient_address\nAda,{long_personal},\nBo,,{'a' * 600}\n")
    assert [str(p) for p in people.problems] == [
        "p.csv:2: personal: is 3001 characters long; the limit is 3000"
    ]
    assert COLUMNS[0] == "sender_name"


def test_slugs_and_names_are_safe():
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("Zoë Brontë-Łukasz") == "zoe-bronte-ukasz"
    assert slug("张伟") == ""
    assert slug("a" * 100) == "a" * 40
    (person,) = read("sender_name,recipient_name\n张伟,王芳\n").people
    assert output_name(person, 4, "pdf") == "0001-letter.pdf"
    (person,) = read("sender_name,recipient_name\nAda,\n").people
    assert output_name(person, 5, "eml") == "00001-ada.eml"


def test_line_numbers_survive_a_huge_field():
    text = "sender_name,personal\nAda," + "x" * 100_000 + "\nBo,\u202e\n"
    people = read(text)
    assert [(p.line, p.column) for p in people.problems] == [(2, "personal"), (3, "personal")]


def test_merge_letters_are_exactly_composes(app):
    """The merge prepares each language once; its letters must still be a one-off prepare()'s."""
    from advocacy.countries.repository import load_dossier
    from advocacy.letters.merge import Merger
    from advocacy.letters.people import Person
    from advocacy.letters.service import letter_people, prepare
    from advocacy.letters.template import available_languages

    fields = {
        "sender_name": "Ada Example", "sender_town": "Lyon", "recipient_name": "Jean Dupont",
        "recipient_title": "Député", "recipient_address": "1 rue X\n75007 Paris",
        "recipient_email": "jd@example.org", "personal": "A paragraph of my own.",
    }  # fmt: skip
    with app.app_context():
        root = Path(app.config["LETTER_TEMPLATES_DIR"])
        actions = [a.id for a in load_dossier(db.session, "FR").actions if a.id != "pq"]
        assert "suspend-extradition-treaty" in actions
        for action in actions:
            merger = Merger(root, "FR", action)
            merger.check("en")
            for locale in sorted(available_languages(root)):
                letter = merger.letter(Person(number=1, line=2, locale=locale, **fields))
                people = letter_people(**fields, today=merger.today)
                expected = prepare(db.session, root, "FR", action, locale).render(people).letter
                assert (letter.subject, letter.body, letter.locale) == (
                    expected.subject,
                    expected.body,
                    expected.locale,
                ), (action, locale)


def test_join_in_groups_keeps_every_page_in_order(monkeypatch):
    import advocacy.letters.merge_files
    from advocacy.letters.merge_files import join_pdfs

    def one_page(number: int) -> bytes:
        pdf = pikepdf.new()
        pdf.add_blank_page(page_size=(100 + number, 100))
        buffer = io.BytesIO()
        pdf.save(buffer)
        return buffer.getvalue()

    monkeypatch.setattr(advocacy.letters.merge_files, "JOIN_GROUP", 3)
    joined = join_pdfs([one_page(n) for n in range(10)], title="Letters", lang="fr")
    with pikepdf.open(io.BytesIO(joined)) as pdf:
        assert [float(page.MediaBox[2]) for page in pdf.pages] == [100.0 + n for n in range(10)]
        assert str(pdf.Root.Lang) == "fr"
        assert pdf.open_metadata()["dc:title"] == "Letters"
