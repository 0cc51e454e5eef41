"""Interface wording for where-to-report codes, through gettext."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

CHANNEL_KINDS = {
    "emergency-police": _l("Emergency number: only in immediate danger"),
    "police": _l("Police (not an emergency number)"),
    "national-security-line": _l("National security line"),
    "intelligence-service": _l("Intelligence or security service"),
    "ministry": _l("Ministry"),
    "anonymous-crime-line": _l("Anonymous crime line"),
    "eu-mechanism": _l("EU mechanism"),
    "un": _l("United Nations"),
    "interpol-files": _l("INTERPOL's files (Red Notices)"),
    "ngo": _l("Non-governmental organisation"),
}
GUIDANCE_KINDS = {
    "guidance": _l("Government guidance"),
    "commitment": _l("Government commitment"),
    "reaction": _l("Government reaction"),
    "assessment": _l("Assessment"),
    "gap": _l("Not found in the sources read"),
}
RECOMMENDATION_KINDS = {
    "bill": _l("Bill"),
    "amendment": _l("Amendment"),
    "parliament": _l("Parliament"),
    "testimony": _l("Testimony"),
    "audit": _l("Audit"),
    "commission": _l("Commission of inquiry"),
    "party": _l("Political party"),
    "opinion": _l("Opinion article"),
    "study": _l("Study"),
    "ngo": _l("Non-governmental organisation"),
    "un": _l("United Nations"),
    "intergovernmental": _l("Intergovernmental body"),
}
ASKS = {
    "reporting-channel": _l("Asks for a dedicated reporting channel"),
    "related": _l("Asks for related protection, not a reporting channel"),
    "unverified": _l("Whether it asks for a reporting channel was not verified"),
}
ANONYMOUS = {
    "yes": _l("Accepted, the source says"),
    "no": _l("Not accepted, the source says"),
}
DEDICATED = {
    "yes": _l("Has a dedicated channel, the source says"),
    "no": _l("Has no dedicated channel, the source says"),
}
CONTACTS = {
    "phone": _l("Telephone"),
    "sms": _l("Text message (SMS)"),
    "web": _l("Web"),
    "email": _l("E-mail"),
    "post": _l("Post"),
}
# The same, inside a sentence ("the source mentions a telephone number and an e-mail address").
CONTACT_WORDS = {
    "phone": _l("telephone number"),
    "sms": _l("text-message number"),
    "web": _l("web address"),
    "email": _l("e-mail address"),
    "post": _l("postal address"),
}
