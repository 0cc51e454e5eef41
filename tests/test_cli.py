"""The CLI through a real database: init, data check, import and export."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from advocacy.core.extensions import db
from advocacy.countries.models import RESOURCE_MODELS, Case, Instrument
from advocacy.records.dataset import current_version
from tests.helpers import DATA_DIR


def counts(app) -> dict[str, int]:
    with app.app_context():
        return {
            name: db.session.scalar(select(func.count()).select_from(m))
            for name, m in RESOURCE_MODELS.items()
        }


def test_init_loads_the_bundled_data(runner, app):
    loaded = counts(app)
    for name, model in RESOURCE_MODELS.items():
        with (DATA_DIR / f"{name}.csv").open(encoding="utf-8") as handle:
            assert loaded[name] == sum(1 for _ in csv.DictReader(handle)), model


def test_init_twice_changes_nothing(runner, app):
    with app.app_context():
        before = (current_version(db.session), counts(app))
    result = runner.invoke(args=["init"])
    assert result.exit_code == 0
    assert "nothing changed" in result.output
    with app.app_context():
        assert (current_version(db.session), counts(app)) == before


def test_export_then_import_gives_the_same_bytes(runner, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    assert runner.invoke(args=["data", "export", str(first)]).exit_code == 0
    assert runner.invoke(args=["data", "import", str(first)]).exit_code == 0
    assert runner.invoke(args=["data", "export", str(second)]).exit_code == 0
    for path in sorted(first.iterdir()):
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name


def test_shipped_files_are_canonical(runner, tmp_path):
    """The bundled files are exactly what export writes, so edits diff cleanly."""
    assert runner.invoke(args=["data", "export", str(tmp_path)]).exit_code == 0
    for path in sorted(DATA_DIR.glob("*.csv")):
        assert path.read_bytes() == (tmp_path / path.name).read_bytes(), path.name


def test_bad_import_leaves_the_database_untouched(runner, app, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(DATA_DIR, broken)
    cases = broken / "cases.csv"
    rows = list(csv.reader(cases.open(encoding="utf-8")))
    rows = rows[:3]  # fewer cases, which would show if anything were imported...
    rows[2][2] = "19x5"  # ...but line 3 is broken.
    with cases.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    with app.app_context():
        before = (current_version(db.session), counts(app))
    result = runner.invoke(args=["data", "import", str(broken)])
    assert result.exit_code == 1
    assert "cases.csv:3: year: '19x5' is not a whole number" in result.output
    assert "the database was not changed" in result.output
    with app.app_context():
        assert (current_version(db.session), counts(app)) == before


def test_good_import_replaces_and_changes_the_version(runner, app, tmp_path):
    edited = tmp_path / "edited"
    shutil.copytree(DATA_DIR, edited)
    path = edited / "treaties.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    fr = next(r for r in rows if r["id"] == "fr-extradition")
    fr["notes"] = "Edited in a test."
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with app.app_context():
        before = current_version(db.session)
    assert runner.invoke(args=["data", "import", str(edited)]).exit_code == 0
    with app.app_context():
        assert db.session.get(Instrument, "fr-extradition").notes == "Edited in a test."
        assert current_version(db.session) != before
        assert db.session.scalar(select(func.count()).select_from(Case)) > 0


def test_data_check_reports_and_fails(runner, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(DATA_DIR, broken)
    (broken / "figures.csv").write_bytes(b"")
    result = runner.invoke(args=["data", "check", str(broken)])
    assert result.exit_code == 1
    assert "figures.csv: file is empty" in result.output


def test_data_check_passes_the_shipped_data(runner):
    result = runner.invoke(args=["data", "check", str(DATA_DIR)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK:")


def test_console_script_checks_data_in_a_real_process():
    script = Path(sys.executable).parent / "advocacy"
    done = subprocess.run(
        [str(script), "data", "check", str(DATA_DIR)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "treaties" in done.stdout


def test_letter_command_writes_text_and_eml(runner, tmp_path):
    import email
    from email.policy import strict

    text_file, eml_file = tmp_path / "letter.txt", tmp_path / "letter.eml"
    args = ["letter", "--country", "FR", "--action", "suspend-extradition-treaty", "--to", "Jean Dupont",
            "--from", "Ada Example", "--town", "Lyon"]  # fmt: skip
    assert runner.invoke(args=[*args, "-o", str(text_file)]).exit_code == 0
    text = text_file.read_text(encoding="utf-8")
    assert (
        text.startswith("Dear Jean Dupont,")
        and "17 July 2015" in text
        and text.endswith("Ada Example\nLyon\n")
    )
    result = runner.invoke(args=[*args, "--to-email", "jd@example.org", "-o", str(eml_file)])
    assert result.exit_code == 0, result.output
    message = email.message_from_bytes(eml_file.read_bytes(), policy=strict)
    assert "extradition treaty" in message["Subject"]


def test_letter_command_refuses_an_action_that_does_not_fit(runner, tmp_path):
    args = ["letter", "--country", "GB", "--action", "suspend-extradition-treaty", "--from", "A"]
    result = runner.invoke(args=[*args, "-o", str(tmp_path / "x.txt")])
    assert result.exit_code == 1
    assert "does not fit GB" in result.output
    assert not (tmp_path / "x.txt").exists()


def test_letter_command_refuses_unknown_extension(runner, tmp_path):
    args = [
        "letter",
        "--country",
        "FR",
        "--action",
        "sanctions",
        "--from",
        "A",
        "-o",
        str(tmp_path / "x.doc"),
    ]
    result = runner.invoke(args=args)
    assert result.exit_code == 2
    assert "use a file name ending in" in result.output


def test_letter_command_writes_a_draft_question(runner, tmp_path):
    output = tmp_path / "question.txt"
    args = ["letter", "--country", "FR", "--action", "pq", "--chamber", "fr-assemblee", "--locale", "fr",
            "--to", "Jean Dupont", "--form-of-address", "masculine", "--from", "Ada Example",
            "-o", str(output)]  # fmt: skip
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    text = output.read_text(encoding="utf-8")
    assert text.startswith("Monsieur le Député,")
    assert "17 juillet 2015" in text and "Jean Dupont" in text
    assert "Je vous prie d'agréer, Monsieur le Député, l'expression" in text


def test_letter_command_needs_a_chamber_for_a_question(runner, tmp_path):
    args = ["letter", "--country", "FR", "--action", "pq", "--from", "A", "-o", str(tmp_path / "q.txt")]
    result = runner.invoke(args=args)
    assert result.exit_code == 2 and "needs --chamber" in result.output
    args = ["letter", "--country", "FR", "--action", "sanctions", "--locale", "xx", "--from", "A",
            "-o", str(tmp_path / "q.txt")]  # fmt: skip
    assert "no templates in 'xx'" in runner.invoke(args=args).output


def test_init_says_how_to_make_the_first_admin_until_there_is_one(runner, app):
    assert "advocacy users create" in runner.invoke(args=["init"]).output
    args = ["users", "create", "--email", "a@example.org", "--name", "A", "--role", "admin", "--invite"]
    assert runner.invoke(args=args).exit_code == 0
    assert "advocacy users create" not in runner.invoke(args=["init"]).output


def test_start_up_leaves_migrations_and_the_queue_unimported_until_used(app, runner, tmp_path) -> None:
    code = (
        "import sys; from advocacy import create_app; "
        f"create_app({{'INSTANCE_PATH': {str(tmp_path / 'i')!r}, 'CHECK_FONTS': False}}); "
        "heavy = ('alembic', 'flask_migrate', 'huey', 'redis', 'weasyprint'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=Path.cwd()
    )
    assert done.stdout.strip() == "[]"
    current = runner.invoke(args=["db", "current"])  # Flask-Migrate, set up when asked for
    assert current.exit_code == 0, current.output
    assert type(app.extensions["migrate"]).__name__ == "_MigrateConfig"
    assert "upgrade" in runner.invoke(args=["db", "--help"]).output
