"""Interface wording for the data's codes, through gettext."""

from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from advocacy.core.formatting import format_partial_date
from advocacy.countries.rules import Action, Reason
from advocacy.records.confidence import is_unsourced

INSTRUMENTS = {
    "extradition-treaty": _l("Extradition treaty"),
    "hk-surrender-agreement": _l("Hong Kong surrender of fugitive offenders agreement"),
    "mlat": _l("Mutual legal assistance treaty"),
    "nsc-memorandum": _l("Cooperation memorandum with the National Supervisory Commission"),
    "police-cooperation": _l("Police cooperation arrangement"),
}
STATUSES = {
    "in-force": _l("In force"),
    "ratified": _l("Ratified; entry into force not found"),
    "signed": _l("Signed, not in force"),
    "signed-status-unknown": _l("Signed; whether ratified or in force not found"),
    "initialled": _l("Initialled, not signed"),
    "ratification-withdrawn": _l("Ratification withdrawn"),
    "not-ratified": _l("Not ratified"),
    "suspended": _l("Suspended"),
    "ended": _l("Ended"),
    "none": _l("None known"),
    "disputed": _l("Disputed"),
}
BADGES = {
    "treaty-in-force": _l("Extradition treaty in force"),
    "treaty-ratified": _l("Extradition treaty ratified; in force not known"),
    "treaty-status-unknown": _l("Extradition treaty signed; status not known"),
    "treaty-signed": _l("Extradition treaty signed, not in force"),
    "treaty-initialled": _l("Extradition treaty initialled"),
    "treaty-ratification-withdrawn": _l("Treaty ratification withdrawn"),
    "treaty-disputed": _l("Extradition treaty disputed"),
    "treaty-suspended": _l("Extradition treaty suspended"),
    "treaty-ended": _l("Extradition treaty ended"),
    "no-treaty": _l("No extradition treaty"),
    "treaty-unknown": _l("Extradition treaty: not known"),
    "hk-active": _l("Hong Kong agreement active"),
    "hk-suspended": _l("Hong Kong agreement suspended"),
    "hk-not-ratified": _l("Hong Kong agreement not ratified"),
    "nsc-cooperation": _l("Cooperates with the NSC"),
    "nsc-cooperation-ended": _l("NSC cooperation ended"),
    "police-cooperation": _l("Police cooperation arrangement with the PRC"),
}
ACTIONS = {
    "suspend-extradition-treaty": _l("Suspend the extradition treaty"),
    "do-not-ratify": _l("Do not ratify the extradition treaty"),
    "no-new-treaty": _l("Refuse a new treaty; scrutinise each extradition and Red Notice"),
    "suspend-hk-agreement": _l("Suspend the Hong Kong surrender agreement"),
    "end-nsc-cooperation": _l("End cooperation with the National Supervisory Commission"),
    "reporting-mechanism": _l("Set up a reporting mechanism for exiled communities"),
    "sanctions": _l("Targeted sanctions on responsible officials"),
    "pq": _l("Ask a written parliamentary question"),
}
# Reasons with a date use %(date)s; all are phrased as facts, and unverified ones
# are prefixed with their source by reason_text().
REASONS = {
    "treaty-in-force": _l("The extradition treaty has been in force since %(date)s."),
    "treaty-in-force-undated": _l("The extradition treaty is in force."),
    "treaty-signed": _l("The extradition treaty was signed on %(date)s but is not in force."),
    "treaty-signed-partial": _l("The extradition treaty was signed in %(date)s but is not in force."),
    "treaty-signed-undated": _l("An extradition treaty has been signed but is not in force."),
    "treaty-ratified": _l(
        "The country ratified the extradition treaty on %(date)s; whether it is in force was not found."
    ),
    "treaty-ratified-partial": _l(
        "The country ratified the extradition treaty in %(date)s; whether it is in force was not found."
    ),
    "treaty-ratified-undated": _l(
        "The country has ratified the extradition treaty; whether it is in force was not found."
    ),
    "no-treaty": _l("No extradition treaty with the PRC is known; extraditions are decided case by case."),
    "treaty-ratification-withdrawn": _l("The government withdrew ratification of the treaty on %(date)s."),
    "treaty-ratification-withdrawn-partial": _l(
        "The government withdrew ratification of the treaty in %(date)s."
    ),
    "treaty-ratification-withdrawn-undated": _l("The government withdrew ratification of the treaty."),
    "treaty-initialled": _l("A treaty text has been initialled but not signed."),
    "treaty-ended": _l("The extradition treaty ended on %(date)s."),
    "treaty-ended-partial": _l("The extradition treaty ended in %(date)s."),
    "treaty-ended-undated": _l("The extradition treaty has ended."),
    "hk-agreement-active": _l(
        "The surrender agreement with Hong Kong is in operation; no suspension is known."
    ),
    "nsc-cooperation": _l("A cooperation memorandum with the NSC has been in place since %(date)s."),
    "nsc-cooperation-undated": _l("A cooperation memorandum with China's anti-graft bodies is in place."),
    "written-question": _l("Its members can table written questions; ask yours to table one."),
    "always-reporting": _l("Exiled communities need a safe way to report harassment and pressure."),
    "always-sanctions": _l("Officials responsible for forced returns can be held to account."),
}
OUTCOMES = {
    "refused": _l("Extradition refused"),
    "granted": _l("Extradition granted"),
    "quashed": _l("Approval quashed"),
    "remanded": _l("Sent back for a new decision"),
    "violation-found": _l("Violation found"),
    "upheld": _l("Extradition upheld"),
    "other": _l("Other"),
    "returned": _l("Returned"),
    "not-returned": _l("Not returned"),
    "pending": _l("Pending"),
    "unknown": _l("Unknown"),
}
GROUNDS = {
    "human-rights": _l("Human-rights grounds"),
    "fair-trial": _l("Fair-trial grounds"),
    "health": _l("Health grounds"),
    "procedure": _l("Procedural grounds"),
    "not-stated": _l("Grounds not stated in our source"),
}
METHODS = {
    "family-pressure": _l("Pressure on family"),
    "agents-abroad": _l("Agents abroad"),
    "kidnapping-entrapment": _l("Kidnapping or entrapment"),
    "extradition-request": _l("Extradition request"),
    "interpol-red-notice": _l("INTERPOL Red Notice"),
    "deportation": _l("Deportation"),
    "other": _l("Other"),
}
CONFIDENCE = {"high": _l("high"), "medium": _l("medium"), "low": _l("low")}


def reason_key(reason: Reason) -> str:
    """Pick the REASONS entry that phrases a reason: dated, month or year only, or undated."""
    code = reason.code
    if reason.date is None and f"{code}-undated" in REASONS:
        return f"{code}-undated"
    if reason.date and reason.date.count("-") < 2 and f"{code}-partial" in REASONS:
        return f"{code}-partial"  # "in March 2017", not "on March 2017"
    return code


def reason_text(reason: Reason, locale: str) -> str:
    """Phrase a reason in the locale, citing the source when it is unverified."""
    text = str(REASONS[reason_key(reason)]) % {"date": format_partial_date(reason.date, locale)}
    if not reason.verified and reason.source and is_unsourced({"source_title": reason.source}):
        return gettext("Not verified, no published source: %(fact)s", fact=text)
    if not reason.verified and reason.source:
        return gettext("According to %(source)s (not verified): %(fact)s", source=reason.source, fact=text)
    return text


def action_title(action: Action) -> str:
    """Name an action in the current locale."""
    return str(ACTIONS[action.id])
