"""Translators: the dashboard of every template and locale, and the editor with its preview."""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_percent
from flask import Flask, flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from advocacy.accounts.web import workspace_blueprint
from advocacy.core.extensions import db
from advocacy.core.i18n import LOCALES
from advocacy.letters.template import LetterTemplate
from advocacy.translations import isolated, revisions
from advocacy.translations.forms import EditorForm, PreviewForm, dismissed_reasons
from advocacy.translations.preview import country_choices, preview_countries, render_preview
from advocacy.translations.sample import sample_context
from advocacy.translations.tokens import html_tokens
from advocacy.translations.web import (
    canonical_locale_url,
    default_country,
    locale_dir,
    locale_label,
    may_approve,
    may_edit,
    people_names,
    require_template,
    rights_tag,
    run_checks,
    templates_root,
    translations_dir,
)

bp = workspace_blueprint("translate", __name__, "/translate", area="translate")
bp.before_request(canonical_locale_url)  # after the access check: zh_Hans -> zh-Hans


def register(app: Flask) -> None:
    """Attach the translation workspace: dashboard and editor here, review in views_review."""
    from advocacy.translations import views_review

    app.register_blueprint(bp)
    app.register_blueprint(views_review.bp)


STATUSES = {
    "missing": _l("Missing"),
    "outdated": _l("Outdated"),
    "draft": _l("Draft"),
    "awaiting-review": _l("Awaiting review"),
    "approved": _l("Approved"),
}
# What each check is called on the page (its code is for the form and the data, not for people).
CHECK_LABELS = {
    "syntax": _l("Template syntax"),
    "structure": _l("Placeholders"),
    "render": _l("Preview"),
    "too-long": _l("Length"),
    "unchanged": _l("Not translated"),
    "end-punctuation": _l("Punctuation"),
    "paragraphs": _l("Paragraphs"),
    "glossary": _l("Glossary term"),
}
STATES = {
    "draft": _l("Draft"),
    "submitted": _l("Awaiting review"),
    "approved": _l("Approved"),
    "rejected": _l("Rejected"),
}


@bp.app_template_global()
def translate_helpers() -> dict:
    """What the translation pages need besides their own values."""
    return {
        "status_label": lambda status: str(STATUSES.get(status, status)),
        "state_label": lambda state: str(STATES.get(state, state)),
        "locale_label": locale_label,
        "locale_dir": locale_dir,
        "tokens": html_tokens,
        "check_label": lambda code: str(CHECK_LABELS.get(code, code)),
        "lang_tag": lambda locale: locale.replace("_", "-"),
        "percent": lambda value: format_percent((value or 0) / 100, locale=LOCALES.get(g.lang, "en")),
    }


@bp.get("/")
def dashboard():
    """Show every template and the interface catalog by locale, each cell's status linking to its editor."""
    board = revisions.dashboard(db.session, templates_root(), translations_dir())
    db.session.commit()  # the English texts seen are kept, so later changes show as diffs
    mine = [locale for locale in board.locales if may_edit(locale) or may_approve(locale)]
    show = request.args.get("show") or ("mine" if mine else "all")
    locales = mine if show == "mine" else board.locales
    editable = {locale for locale in board.locales if may_edit(locale)}
    return render_template(
        "translations/dashboard.html", board=board, locales=locales, show=show, editable=editable
    )


@bp.route("/<locale>/<name>", methods=["GET", "POST"])
def editor(locale: str, name: str):
    """Translate a template beside its source: checks on save, a preview, the history."""
    require_template(locale, name)
    state = revisions.editor_state(db.session, templates_root(), name, locale)
    db.session.commit()  # the English text seen is kept, so later changes show as a diff
    form = EditorForm()
    form.subject.direction = form.body.direction = locale_dir(locale)  # tags as tokens in rtl
    codes = preview_countries(db.session, name)
    form.country.choices = country_choices(codes, LOCALES[g.lang])
    if not form.is_submitted():
        start = state.current or state.source
        form.subject.data, form.body.data = start.subject, start.body
        form.country.data = default_country(codes, locale)
    outcome = Outcome(200 if not form.is_submitted() else 400)
    if form.validate_on_submit():
        outcome = Outcome(200)
        if request.form.get("action") in {"save", "submit"}:
            outcome = save(form, name, locale)
            if outcome.saved:
                return redirect(url_for(".editor", locale=rights_tag(locale), name=name))
    draft = draft_template(state.source, locale, form)
    preview = render_preview(db.session, draft, form.country.data or (codes[0] if codes else ""))
    findings = outcome.findings if outcome.findings is not None else run_checks(state, draft)
    return render_template(
        "translations/editor.html",
        form=form,
        state=state,
        name=name,
        locale=locale,
        preview=preview,
        findings=findings,
        outcome=outcome,
        reasons=dismissed_reasons(request.form) if form.is_submitted() else {},
        people=people_names(state.history),
    ), outcome.status


@dataclass
class Outcome:
    """What became of a post to the editor."""

    status: int
    findings: list | None = None
    problem: str | None = None
    saved: bool = False


def save(form: EditorForm, name: str, locale: str) -> Outcome:
    """Save a draft or submit it; refused when a check fails or a warning lacks its reason."""
    session = db.session
    try:
        result = revisions.save_revision(
            session,
            current_user,
            name,
            locale,
            form.subject.data,
            normalise(form.body.data),
            dismissed=dismissed_reasons(request.form),
            submit=request.form["action"] == "submit",
            root=templates_root(),
        )
    except revisions.RevisionError as error:
        session.rollback()
        return Outcome(403, problem=str(error))
    if result.revision is None:
        session.rollback()
        return Outcome(422, findings=result.findings, problem=_("Not saved: see the checks below."))
    session.commit()
    flash(_("Submitted for review.") if result.revision.state == "submitted" else _("Draft saved."))
    return Outcome(302, saved=True)


@bp.post("/<locale>/<name>/preview")
def live_preview(locale: str, name: str):
    """Render and check the draft as the translator types (JSON for the page's script); nothing is saved."""
    require_template(locale, name)
    form = PreviewForm()
    if not form.validate_on_submit():
        return jsonify(error=_("The preview could not be made from this form.")), 400
    source = revisions.english(templates_root(), name)
    draft = LetterTemplate(
        name, locale, form.subject.data or "", source.kind, "not-reviewed", normalise(form.body.data)
    )
    preview = render_preview(db.session, draft, form.country.data)
    letter = preview.letter
    sample = sample_context(db.session, name, locale)  # the data the save is checked with
    findings = isolated.checks(source, draft, sample.context, sample.limits, _)
    checks = render_template(
        "translations/_checks.html", findings=findings, reasons=dismissed_reasons(request.form)
    )
    return jsonify(
        subject=letter.subject if letter else "",
        body=letter.body if letter else "",
        error=_("The preview failed: %(error)s", error=preview.error) if preview.error else None,
        checks=checks,
    )


def normalise(text: str | None) -> str:
    """Use the files' line endings, whatever the browser sent."""
    return (text or "").replace("\r\n", "\n")


def draft_template(source: LetterTemplate, locale: str, form: EditorForm) -> LetterTemplate:
    """Make a template of what is in the form, for the preview and the checks."""
    return LetterTemplate(
        source.name, locale, form.subject.data or "", source.kind, "not-reviewed", normalise(form.body.data)
    )
