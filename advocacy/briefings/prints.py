"""Briefings printed ahead, in the background: which ones are missing, and printing one.

The public route never prints (advocacy.briefings.views): it serves the stored PDF, or the
newest older one while a new one is printed, or a page saying the briefing is being prepared.
The queue (advocacy.briefings.tasks_prints) runs `missing` at every consumer start and each
minute, so a data import, a staff edit, an approved question template, a new catalog or a
changed layout is followed by fresh prints of every affected briefing, and `print_one` for
each. Nothing here needs Flask.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from advocacy.briefings.service import current_version, stored_briefing
from advocacy.briefings.store import BriefingStore
from advocacy.core.i18n import LOCALES
from advocacy.countries.repository import countries_with_data
from advocacy.records.dataset import current_version as data_version

if TYPE_CHECKING:
    from advocacy.core.workers import WorkerPool

logger = logging.getLogger("advocacy.briefings.prints")


@dataclass(frozen=True)
class Wanted:
    """A briefing whose current version is not stored yet."""

    code: str
    locale: str
    version: str
    has_older: bool  # an older version is served meanwhile


def missing(
    session: Session,
    store: BriefingStore,
    *,
    templates_root: Path,
    translations_dirs: Sequence[str | Path],
    locales: Sequence[str] = tuple(LOCALES),
) -> list[Wanted]:
    """Every (country, locale) whose current version is not stored and has not failed, in print order.

    First the briefings readers would find missing altogether (they see the "being
    prepared" page), then those served in an older version meanwhile; within each, locale
    by locale in the interface's order (English first) and countries alphabetically. Files of
    countries without data any more are removed on the way.
    """
    codes = sorted(countries_with_data(session))
    store.prune(codes)
    data = data_version(session) or ""
    stored = store.listing()  # one look at the folder, not one per briefing
    found: list[Wanted] = []
    for locale in locales:
        version = current_version(
            session, data, locale, templates_root=templates_root, translations_dirs=translations_dirs
        )
        for code in codes:
            versions = stored.get((code, locale), set())
            if version in versions or (f"!{version}" in versions and store.failed(code, locale, version)):
                continue
            has_older = any(not v.startswith("!") for v in versions)
            found.append(Wanted(code, locale, version, has_older))
    return sorted(found, key=lambda wanted: wanted.has_older)  # stable: keeps the locale order


def print_one(
    session: Session,
    store: BriefingStore,
    code: str,
    locale: str,
    *,
    templates_root: Path,
    translations_dirs: Sequence[str | Path],
    pool: WorkerPool | None = None,
) -> bool:
    """Print a briefing's current version into the store unless it is there; False when there is no data.

    Raises advocacy.core.workers.WorkerError when printing fails.
    """
    stored = stored_briefing(
        session,
        store,
        code,
        locale,
        data_version=data_version(session) or "",
        templates_root=templates_root,
        translations_dirs=translations_dirs,
        pool=pool,
    )
    return stored is not None


def give_up(
    session: Session,
    store: BriefingStore,
    code: str,
    locale: str,
    *,
    templates_root: Path,
    translations_dirs: Sequence[str | Path],
) -> None:
    """Mark the current version as failed, so readers are told rather than kept waiting."""
    version = current_version(
        session,
        data_version(session) or "",
        locale,
        templates_root=templates_root,
        translations_dirs=translations_dirs,
    )
    store.mark_failed(code, locale, version)
    logger.error("briefing %s (%s) could not be printed; readers are told so", code, locale)
