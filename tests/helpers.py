"""What tests share besides fixtures: the bundled data, accounts per role, signing in."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from advocacy.core.settings import PROJECT_ROOT

DATA_DIR = PROJECT_ROOT / "data"
# Real rows of DATA_DIR for a few countries (AE, AU, CY, DE, FR, GB), for tests needing no more.
SMALL_DATA_DIR = Path(__file__).resolve().parent / "data_small"

PASSWORD = "correct horse battery staple"
# One account per role (and a second translator, to approve the first one's work).
PEOPLE = {
    "admin": {"role": "admin"},
    "staff": {"role": "staff"},
    "translator": {"role": "translator", "edit_locales": "fr,de", "approve_locales": "fr"},
    "reviewer": {"role": "translator", "edit_locales": "fr", "approve_locales": "fr,de"},
}


@functools.cache
def password_hash() -> str:
    """PASSWORD hashed with the app's argon2id once per run (each hash takes a quarter second)."""
    from advocacy.accounts.rules import hash_password

    return hash_password(PASSWORD)


def add_people(app) -> dict[str, str]:
    """Create the PEOPLE accounts (password PASSWORD); return role name -> e-mail address."""
    from advocacy.accounts import models as accounts
    from advocacy.core.extensions import db

    emails = {}
    with app.app_context():
        for name, fields in PEOPLE.items():
            email = f"{name}@example.org"
            user = accounts.create_user(db.session, email, name.title(), **fields)
            user.password_hash = password_hash()
            emails[name] = email
        db.session.commit()
    return emails


def csrf_token(client) -> str:
    """Fetch a CSRF token for the client's session from the sign-in form."""
    page = client.get("/account/login").get_data(as_text=True)
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def sign_in(client, email: str, password: str = PASSWORD):
    """Sign a test client in through the real form; return the response."""
    return client.post(
        "/account/login", data={"email": email, "password": password, "csrf_token": csrf_token(client)}
    )


def change_settings(app, **changes) -> None:
    """Give a made app other settings (e.g. a copy of the template folder), as create_app would."""
    import dataclasses

    from advocacy.core.web import SETTINGS_KEY

    app.extensions[SETTINGS_KEY] = dataclasses.replace(app.extensions[SETTINGS_KEY], **changes)


def printed_briefing(app, client, url: str):
    """GET a public briefing URL once its current version is printed, as the queue would print it.

    The public route never prints (it answers 202 "being prepared", or serves the older version
    while the new one prints); tests that read the current PDF print it here first, through the
    same code the queue's task runs.
    """
    from advocacy.briefings import prints
    from advocacy.briefings.service import briefing_store, sources
    from advocacy.core.extensions import db
    from advocacy.core.web import SETTINGS_KEY

    _, tag, _, code, _ = url.split("/", 4)  # /<lang>/countries/<CODE>/briefing.pdf
    with app.app_context():
        settings = app.extensions[SETTINGS_KEY]
        prints.print_one(db.session, briefing_store(settings), code, tag, **sources(settings))
    return client.get(url)


def briefing_text(briefing, folder: Path) -> str:
    """Print a built briefing in a one-worker pool and read its PDF back as text (pdftotext)."""
    import subprocess

    from advocacy.briefings.render import briefing_pdf
    from advocacy.core.workers import WorkerPool

    pool = WorkerPool(size=1, timeout=180, memory_mb=1536, preload=["advocacy.briefings.render"])
    try:
        pdf = briefing_pdf(briefing, pool=pool)
    finally:
        pool.close()
    path = folder / "briefing.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
