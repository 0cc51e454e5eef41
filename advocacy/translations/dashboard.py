"""The translators' dashboard: each template and the interface catalog, per locale, by state."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from advocacy.core.i18n import LOCALES
from advocacy.countries.models import Chamber
from advocacy.letters.questions import COVER_TEMPLATE, QUESTION_PREFIX
from advocacy.letters.template import SOURCE_LOCALE, LetterTemplate
from advocacy.translations.store import TemplateRevision, file_template, record_sources

STATUSES = ("missing", "outdated", "draft", "awaiting-review", "approved")
INTERFACE = "interface"
_CELL_STATUS = {"draft": "draft", "rejected": "draft", "submitted": "awaiting-review", "approved": "approved"}


@dataclass
class Cell:
    """One template (or the catalog) in one locale."""

    status: str  # "missing" | "outdated" | "draft" | "awaiting-review" | "approved"
    revision_id: int | None = None
    expected: bool = True  # False: a chamber's question in a language that chamber does not work in


@dataclass(frozen=True)
class CatalogStats:
    """How complete a locale's interface catalog (.po) is."""

    total: int
    translated: int
    fuzzy: int
    untranslated: int
    reviewed: bool  # False when the catalog's header says no second translator reviewed it

    @property
    def share(self) -> float:
        return self.translated / self.total if self.total else 0.0


@dataclass
class Dashboard:
    """Rows (template names, then "interface") by locale columns, with counts and percentages."""

    locales: list[str]
    rows: list[str]
    cells: dict[tuple[str, str], Cell]
    counts: dict[str, dict[str, int]]
    percent: dict[str, float]  # approved expected templates, plus the catalog's translated share as one row
    catalogs: dict[str, CatalogStats | None] = field(default_factory=dict)
    expected: dict[str, list[str]] = field(default_factory=dict)  # rows counted per locale


def chamber_languages(session: Session) -> dict[str, list[str]]:
    """Each chamber's working languages (data/chambers.csv `languages`), by chamber id."""
    return {chamber.id: chamber.languages.split() for chamber in session.scalars(select(Chamber))}


def expected_templates(
    names: Iterable[str], languages: Mapping[str, Sequence[str]], locale: str
) -> list[str]:
    """The templates a locale is expected to have: every general one, and the questions of the
    chambers that work in its language ("zh_Hans" reads "zh"). A question to a chamber the data
    does not know stays expected, since nothing says otherwise."""
    language = locale.split("_")[0]
    expected = []
    for name in names:
        chamber = name.removeprefix(QUESTION_PREFIX) if name.startswith(QUESTION_PREFIX) else None
        works_in = languages.get(chamber) if chamber and name != COVER_TEMPLATE else None
        if works_in is None or language in works_in or locale in works_in:
            expected.append(name)
    return expected


def dashboard_locales(root: Path) -> list[str]:
    """Every locale with a template folder or an interface catalog, English excepted."""
    offered = [identifier for identifier in LOCALES.values() if identifier != SOURCE_LOCALE]
    folders = sorted(p.name for p in root.iterdir() if p.is_dir() and p.name != SOURCE_LOCALE)
    return offered + [name for name in folders if name not in offered]


def template_status(current_state: str | None, follows: str | None, source_revision: str) -> str:
    """Say where a translation stands, given its latest state and the English revision it follows."""
    if current_state is None:
        return "missing"
    if follows != source_revision:
        return "outdated"
    return _CELL_STATUS[current_state]


def dashboard(session: Session, root: Path, translations_dir: Path) -> Dashboard:
    """Build the dashboard from the database, the template files, the catalogs and the chambers."""
    sources = {source.name: source for source in record_sources(session, root)}
    names = list(sources)
    locales = dashboard_locales(root)
    cells = template_cells(session, root, sources, locales)
    catalogs = {locale: catalog_stats(translations_dir, locale) for locale in locales}
    for locale in locales:
        cells[(INTERFACE, locale)] = Cell(catalog_status(catalogs[locale]))
    languages = chamber_languages(session)
    expected = {locale: [*expected_templates(names, languages, locale), INTERFACE] for locale in locales}
    counts = {locale: {s: 0 for s in STATUSES} for locale in locales}
    percent = {}
    for locale in locales:
        for name in names:
            cells[(name, locale)].expected = name in expected[locale]
        for name in expected[locale]:
            counts[locale][cells[(name, locale)].status] += 1
        approved = sum(1 for name in expected[locale][:-1] if cells[(name, locale)].status == "approved")
        stats = catalogs[locale]
        share = approved + (stats.share if stats else 0.0)
        percent[locale] = round(100 * share / len(expected[locale]), 1)
    return Dashboard(locales, [*names, INTERFACE], cells, counts, percent, catalogs, expected)


def template_cells(
    session: Session, root: Path, sources: Mapping[str, LetterTemplate], locales: list[str]
) -> dict[tuple[str, str], Cell]:
    """Each template's cell per locale: its latest revision's state, else its file's."""
    latest: dict[tuple[str, str], TemplateRevision] = {}
    for revision in session.scalars(select(TemplateRevision).order_by(TemplateRevision.id)):
        latest[(revision.name, revision.locale)] = revision
    cells: dict[tuple[str, str], Cell] = {}
    for name, source in sources.items():
        for locale in locales:
            row = latest.get((name, locale))
            if row is not None:
                cells[(name, locale)] = Cell(
                    template_status(row.state, row.source_revision, source.revision), row.id
                )
                continue
            found = file_template(root, name, locale)
            state = None if found is None else ("approved" if found.review == "approved" else "draft")
            follows = found.translated_from if found else None
            cells[(name, locale)] = Cell(template_status(state, follows, source.revision))
    return cells


def catalog_stats(translations_dir: Path, locale: str) -> CatalogStats | None:
    """Count a locale's catalog messages: translated, fuzzy (outdated) and untranslated; None without one."""
    from babel.messages.pofile import read_po

    path = translations_dir / locale / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=None)
    counts: dict[str, int] = defaultdict(int)
    for message in catalog:
        if not message.id:
            continue  # the header
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.fuzzy:
            counts["fuzzy"] += 1
        elif all(strings):
            counts["translated"] += 1
        else:
            counts["untranslated"] += 1
    header = f"{catalog.header_comment}\n{catalog.last_translator}".lower()
    reviewed = "not yet reviewed" not in header and "unreviewed" not in header
    total = counts["translated"] + counts["fuzzy"] + counts["untranslated"]
    return CatalogStats(total, counts["translated"], counts["fuzzy"], counts["untranslated"], reviewed)


def catalog_status(stats: CatalogStats | None) -> str:
    """The catalog's cell: fuzzy entries make it outdated; gaps or no review leave it a draft."""
    if stats is None or stats.translated == 0:
        return "missing"
    if stats.fuzzy:
        return "outdated"
    if stats.untranslated or not stats.reviewed:
        return "draft"
    return "approved"
