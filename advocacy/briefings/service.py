"""One country briefing, from the database to PDF bytes or to a stored file (CLI, web, export jobs)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from sqlalchemy.orm import Session

from advocacy.briefings.content import build_briefing
from advocacy.briefings.render import briefing_pdf
from advocacy.briefings.store import BriefingStore, StoredBriefing, briefing_version, layout_version
from advocacy.core.i18n import LOCALES
from advocacy.core.settings import Settings

if TYPE_CHECKING:
    from advocacy.core.workers import WorkerPool

_stores: dict[Path, BriefingStore] = {}
_stores_lock = threading.Lock()


class Sources(TypedDict):
    """Where a briefing takes its question templates and interface catalogs from."""

    templates_root: Path
    translations_dirs: Sequence[str | Path]


def sources(settings: Settings) -> Sources:
    """Return the app's question templates and catalog folders, as the functions below take them."""
    return {"templates_root": settings.letter_templates_dir, "translations_dirs": settings.translations_dirs}


def briefing_store(settings: Settings) -> BriefingStore:
    """Return the app's stored briefings (under its instance folder), one store per folder."""
    # One object per folder in this process: its locks are what make concurrent requests,
    # CLI threads and queue workers print a briefing once.
    root = settings.briefings_dir
    with _stores_lock:
        return _stores.setdefault(root, BriefingStore(root))


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
        made_of: Sources = {"templates_root": templates_root, "translations_dirs": translations_dirs}
        pdf = render_briefing(session, code, locale, pool=pool, **made_of)
        return None if pdf is None else store.put(code, locale, version, pdf)
