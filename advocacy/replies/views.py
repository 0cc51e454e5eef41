"""Reply codes on the finished letter's page, and the pages where a reply is reported.

Every page here is answered with no-store; a code travels in a URL only in the link the
campaigner keeps (/<lang>/reply/<code>), which the logs never see (advocacy.replies.logs).
"""

from __future__ import annotations

import datetime

from babel.numbers import format_percent
from flask import Flask, current_app, g, render_template, request
from flask_wtf.csrf import CSRFError

from advocacy.core.extensions import db
from advocacy.core.formatting import formatting_locale
from advocacy.core.i18n import DEFAULT_TAG, LOCALES
from advocacy.core.web import localized_blueprint
from advocacy.countries.repository import load_dossier
from advocacy.letters import views_send
from advocacy.letters.forms import LetterForm
from advocacy.letters.web import never_store, question_fits
from advocacy.replies import rates, service, views_staff
from advocacy.replies.codes import grouped, normalize
from advocacy.replies.forms import UNKNOWN_CODE, CodeForm, ReportForm
from advocacy.replies.logs import hide_reply_codes
from advocacy.replies.models import ReplyCode
from advocacy.replies.web import origin_of, reply_stamp

bp = localized_blueprint("replies", __name__)
bp.after_request(never_store)


def register(app: Flask) -> None:
    """Attach the reply pages, the staff figures, the rates for the public pages, and the log filter."""
    app.register_blueprint(bp)
    app.register_blueprint(views_staff.bp)
    hide_reply_codes(app.logger)
    app.extensions.setdefault("advocacy_page_stamps", []).append(reply_stamp)
    app.jinja_env.globals["reply_rates"] = public_rates
    app.jinja_env.globals["reply_threshold"] = rates.THRESHOLD
    app.jinja_env.globals["percent"] = _percent


def _percent(share: int) -> str:
    """A whole percentage in the page's locale ("50 %", "٥٠٪" ...)."""
    return format_percent(share / 100, locale=formatting_locale(LOCALES[g.get("lang", DEFAULT_TAG)]))


def public_rates(chambers: list[str]) -> dict[str, list[rates.Rate]]:
    """The figures a country page shows for its chambers (over the threshold only)."""
    return {
        "chambers": rates.chamber_rates(db.session, chambers),
        "members": rates.member_rates(db.session, chambers),
    }


@bp.post("/letters/reply-code")
def issue() -> str | tuple[str, int]:
    """Give the finished letter a reply code, and show the finished page again with it."""
    form = LetterForm()
    sound = form.validate_on_submit() and question_fits(form)  # checked even when the token expired:
    if g.get("token_expired") or not sound:  # an unsound letter goes back to editing, never a 500
        return views_send.finished(form), 400
    dossier = load_dossier(db.session, form.country.data or "")
    origin = origin_of(form, dossier, request.form.get("count_token", ""))
    if origin is None:
        return views_send.finished(form), 400
    code = service.issue(db.session, current_app.config["SECRET_KEY"], origin, datetime.date.today())
    return views_send.finished(form, reply_code=code)


@bp.errorhandler(CSRFError)
def _expired(error: CSRFError) -> tuple[str, int]:
    """An expired token: the page shown again (the finished letter, or the code form), nothing done."""
    g.token_expired = True
    if request.endpoint == "replies.issue":
        return issue()[0], 400
    return render_template("replies/enter.html", form=CodeForm(), expired=True), 400


@bp.route("/reply", methods=["GET", "POST"])
def enter() -> str | tuple[str, int]:
    """Type a reply code (posted, so it stays out of addresses and logs)."""
    form = CodeForm()
    if request.method == "GET":
        return render_template("replies/enter.html", form=form)
    return _report_page(form.code.data or "")


@bp.get("/reply/<path:code>")
def by_link(code: str) -> str | tuple[str, int]:
    """The link given with the code."""
    return _report_page(code, status=404)


def _report_page(code: str, status: int = 400) -> str | tuple[str, int]:
    """The report form for a code still open; the same refusal for any other code, whatever it is."""
    row = service.find(db.session, current_app.config["SECRET_KEY"], code, datetime.date.today())
    if row is None:
        form = CodeForm(formdata=None, data={"code": code[:60]})
        form.code.errors = [UNKNOWN_CODE]
        return render_template("replies/enter.html", form=form), status
    earlier = {"replied": row.replied or None, "took": row.took or None, "stance": row.stance or None}
    form = ReportForm(formdata=None, data={"code": code, **earlier})
    return _show_report(form, row)


def _show_report(form: ReportForm, row: ReplyCode) -> str:
    return render_template(
        "replies/report.html", form=form, row=row, open_until=service.open_until(row.week),
        dossier=load_dossier(db.session, row.country),
    )  # fmt: skip


@bp.post("/reply/report")
def report() -> str | tuple[str, int]:
    """Keep the code's report, replacing an earlier one."""
    form = ReportForm()
    row = service.find(
        db.session, current_app.config["SECRET_KEY"], form.code.data or "", datetime.date.today()
    )
    if row is None:
        return _report_page(form.code.data or "")
    if not form.validate():
        return _show_report(form, row), 400
    corrected = bool(row.replied)
    service.record(db.session, row, form.answer())
    return render_template(
        "replies/thanks.html", row=row, corrected=corrected, open_until=service.open_until(row.week),
        code=grouped(normalize(form.code.data or "") or ""),  # as it was given, however it was typed
    )  # fmt: skip
