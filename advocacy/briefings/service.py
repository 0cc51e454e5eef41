"""One country briefing, from the database to PDF bytes or to a stored file (CLI, web, export jobs)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from advocacy.briefings.content import build_briefing
from advocacy.briefings.render import briefing_pdf
from advocacy.briefings.store import BriefingStore, StoredBriefing, briefing_version, layout_version
from advocacy.core.i18n import LOCALES

if TYPE_CHECKING:
    from advocacy.core.workers import WorkerPool


def render_briefing(
    session: Session,
    code: str,
    locale: str,
    *,
    templates_root: Path,
    translations_dirs: Sequence[str | Path],
    pool: WorkerPool | None = None,
) -> bytes | None:
    """Print a country's briefing in a locale (URL tag); None when there is no data for it."""
    briefing = build_briefing(
        session, code, locale, templates_root=templates_root, translations_dirs=translations_dirs
    )
    return None if briefing is None else briefing_pdf(briefing, pool=pool)


def current_version(
    session: Session,
    data_version: str,
    locale: str,
    *,
    templates_root: Path,
    translations_dirs: Sequence[str | Path],
) -> str:
    """The version a briefing in this locale would carry now.

    Besides the data and the layout files it follows the template revisions in the
    database, so a newly approved translation of the draft question makes a fresh briefing.
    """
    from advocacy.translations.revisions import templates_version

    layout = layout_version(LOCALES[locale], translations_dirs, templates_root)
    return briefing_version(f"{data_version}\0{templates_version(session)}", layout)


def stored_briefing(
    session: Session,
    store: BriefingStore,
    code: str,
    locale: str,
    *,
    data_version: str,
    templates_root: Path,
    translations_dirs: Sequence[str | Path],
    pool: WorkerPool | None = None,
) -> StoredBriefing | None:
    """Return the stored briefing for the current versions, printing it first if needed.

    None when there is no data for the country. Raises advocacy.core.workers.WorkerError when
    printing fails; nothing is stored then.
    """
    version = current_version(
        session, data_version, locale, templates_root=templates_root, translations_dirs=translations_dirs
    )
    found = store.get(code, locale, version)
    if found is not None:
        return found
    with store.lock(code, locale):
        found = store.get(code, locale, version)  # printed by another request meanwhile
        if found is not None:
            return found
        settings: dict[str, Any] = {"templates_root": templates_root, "translations_dirs": translations_dirs}
        pdf = render_briefing(session, code, locale, pool=pool, **settings)
        return None if pdf is None else store.put(code, locale, version, pdf)
