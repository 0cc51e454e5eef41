"""Translators: review a colleague's submitted translation, then approve it or send it back."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from advocacy.accounts.web import workspace_blueprint
from advocacy.core.extensions import db
from advocacy.translations import revisions
from advocacy.translations.diffs import text_diff
from advocacy.translations.forms import ApproveForm, RejectForm
from advocacy.translations.preview import preview_countries, render_preview
from advocacy.translations.revisions import TemplateRevision
from advocacy.translations.web import (
    default_country,
    may_approve,
    may_edit,
    people_names,
    run_checks,
    templates_root,
)

bp = workspace_blueprint("review", __name__, "/translate", area="translate")


@bp.get("/review")
def review_list():
    """List the submitted translations this account may approve, and its own awaiting others."""
    submitted = db.session.scalars(
        select(TemplateRevision)
        .where(TemplateRevision.state == "submitted")
        .order_by(TemplateRevision.created, TemplateRevision.id)
    ).all()
    to_review = [r for r in submitted if may_approve(r.locale) and r.author_id != current_user.id]
    own = [r for r in submitted if r.author_id == current_user.id]
    return render_template(
        "translations/review_list.html",
        menu="translate.dashboard",
        to_review=to_review,
        own=own,
        superseded={r.id for r in [*to_review, *own] if revisions.superseded_by(db.session, r)},
        people=people_names(submitted),
    )


@bp.get("/review/<int:revision_id>")
def revision(revision_id: int):
    """Show a revision beside its source, with the changes and the checks, and the decision buttons."""
    return revision_page(readable(revision_id))


@bp.post("/review/<int:revision_id>/approve")
def approve(revision_id: int):
    """Approve a colleague's submitted translation: campaigners get it from now on."""
    found = readable(revision_id)
    form = ApproveForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        revisions.approve(db.session, current_user, found.id, despite_newer=bool(form.despite_newer.data))
    except revisions.Superseded as error:
        db.session.rollback()
        return revision_page(found, problem=str(error), status=409)
    except revisions.RevisionError as error:
        db.session.rollback()
        return revision_page(found, problem=str(error), status=403)
    db.session.commit()
    flash(_("Approved: campaigners now get this translation."))
    return redirect(url_for(".review_list"))


@bp.post("/review/<int:revision_id>/reject")
def reject(revision_id: int):
    """Send a submitted translation back to its author with a note."""
    found = readable(revision_id)
    form = RejectForm()
    if not form.validate_on_submit():
        return revision_page(found, reject_form=form, status=400)
    try:
        revisions.reject(db.session, current_user, found.id, form.note.data.strip())
    except revisions.RevisionError as error:
        db.session.rollback()
        return revision_page(found, problem=str(error), status=403)
    db.session.commit()
    flash(_("Sent back to its author with your note."))
    return redirect(url_for(".review_list"))


def readable(revision_id: int) -> TemplateRevision:
    """Find a revision in a locale this account works in (404 if none, 403 for another locale)."""
    found = db.session.get(TemplateRevision, revision_id) or abort(404)
    if not (may_edit(found.locale) or may_approve(found.locale)):
        abort(403)
    return found


def revision_page(
    found: TemplateRevision, *, problem: str | None = None, reject_form=None, status: int = 200
):
    """Render a revision for review (also to repeat a refused decision with its reason)."""
    state = revisions.editor_state(db.session, templates_root(), found.name, found.locale)
    draft = found.template
    approved = next((r for r in state.history if r.state == "approved" and r.id != found.id), None)
    codes = preview_countries(db.session, found.name)
    country = default_country(codes, found.locale) or ""
    decidable = (
        found.state == "submitted" and may_approve(found.locale) and found.author_id != current_user.id
    )
    return render_template(
        "translations/revision.html",
        menu="translate.dashboard",
        revision=found,
        state=state,
        draft=draft,
        approved=approved,
        changes=text_diff(approved.subject, approved.body, found.subject, found.body) if approved else None,
        newer=revisions.superseded_by(db.session, found),
        findings=run_checks(state, draft),
        preview=render_preview(db.session, draft, country),
        decidable=decidable,
        approve_form=ApproveForm(),
        reject_form=reject_form or RejectForm(formdata=None),
        problem=problem,
        people=people_names([found, *state.history]),
    ), status
