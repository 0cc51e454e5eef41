"""`advocacy templates import`: files pass the editor's checks, and cannot approve themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from advocacy.core.extensions import db
from advocacy.letters.template import load_template
from advocacy.translations.revisions import TemplateRevision
from tests.translations.revising import person


def file_text(body: str, review: str = "approved", kind: str = "letter", subject: str = "Sanctions") -> str:
    return f"subject: {subject}\nkind: {kind}\nreview: {review}\n---\n{body}"


def french_body(letters: Path) -> str:
    return load_template(letters, "fr", "sanctions").body


def write(folder: Path, text: str, locale: str = "fr", name: str = "sanctions") -> Path:
    (folder / locale).mkdir(parents=True, exist_ok=True)
    path = folder / locale / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def french_rows(app) -> list[TemplateRevision]:
    with app.app_context():
        query = select(TemplateRevision).where(TemplateRevision.locale == "fr")
        return list(db.session.scalars(query.order_by(TemplateRevision.id)))


# Each crafted body is refused whole (the checks' reason named); nothing of it reaches the database.
HOSTILE = {
    "syntax": ("{{ broken", "line"),
    "escape": ("{{ country.__class__.__mro__ }}", "fails to render"),
    "structure": ("Bonjour {{ nobody.knows }}.", ""),
    "repeat": ("{{ 'x' * 999999999 }}", "too long"),
    "range": ("{% for i in range(100000000) %}x{% endfor %}", "range"),
    "huge": ("x" * 200_000, "at most"),
    "nesting": ("{% if 1 %}" * 60 + "x" + "{% endif %}" * 60, ""),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_file_failing_the_editors_checks_is_not_imported(app, letters, runner, tmp_path, case):
    body, reason = HOSTILE[case]
    path = write(tmp_path, file_text(french_body(letters) + body))
    before = french_rows(app)
    result = runner.invoke(args=["templates", "import", "--dir", str(tmp_path)])
    assert result.exit_code == 1
    assert f"Not imported: {path}" in result.output and reason in result.output
    assert [row.id for row in french_rows(app)] == [row.id for row in before]


def test_a_file_of_another_kind_is_not_imported(app, letters, runner, tmp_path):
    write(tmp_path, file_text(french_body(letters), kind="question"))
    result = runner.invoke(args=["templates", "import", "--dir", str(tmp_path)])
    assert result.exit_code == 1 and "its kind is question" in result.output
    assert french_rows(app) == []


def test_a_file_marked_approved_awaits_review(app, letters, runner, tmp_path):
    write(tmp_path, file_text(french_body(letters).replace("par avance", "d'avance")))
    result = runner.invoke(args=["templates", "import", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Awaiting review fr/sanctions: the file says approved" in result.output
    (row,) = french_rows(app)
    assert row.state == "submitted" and row.reviewer_id is None


def test_an_admin_approves_an_import_by_name_and_is_recorded(app, people, letters, runner, tmp_path):
    write(tmp_path, file_text(french_body(letters).replace("par avance", "d'avance")))
    args = ["templates", "import", "--dir", str(tmp_path), "--approve-as", people["admin"]]
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    assert f"Approved fr/sanctions on import by {people['admin']}" in result.output
    (row,) = french_rows(app)
    with app.app_context():
        assert row.state == "approved" and row.reviewer_id == person("admin").id
    assert row.reviewed is not None and people["admin"] in row.note


@pytest.mark.parametrize("who", ["translator", "staff", "nobody"])
def test_only_an_active_admin_may_approve_an_import(app, people, letters, runner, tmp_path, who):
    write(tmp_path, file_text(french_body(letters).replace("par avance", "d'avance")))
    email = people.get(who, "nobody@example.org")
    result = runner.invoke(args=["templates", "import", "--dir", str(tmp_path), "--approve-as", email])
    assert result.exit_code != 0 and "is not an active admin account" in result.output
    assert french_rows(app) == []


def test_a_file_not_marked_approved_is_a_draft(app, letters, runner, tmp_path):
    write(tmp_path, file_text(french_body(letters).replace("par avance", "d'avance"), review="not-reviewed"))
    result = runner.invoke(args=["templates", "import", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert [row.state for row in french_rows(app)] == ["draft"]
