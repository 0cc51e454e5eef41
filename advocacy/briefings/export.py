"""Briefings as files for an export: one PDF per country and locale, written atomically, and a zip.

Used by `advocacy briefings export` (straight to a folder) and by export jobs on the task
queue (advocacy.briefings.jobs). Every file is written to a temporary name, flushed to disk
and renamed, so a reader or a consumer killed mid-write never leaves a partial file under
the final name.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from advocacy.briefings.service import stored_briefing
from advocacy.briefings.store import BriefingStore
from advocacy.core.files import atomic_file, atomic_write
from advocacy.core.i18n import LOCALES
from advocacy.countries.repository import countries_with_data
from advocacy.records.dataset import current_version

if TYPE_CHECKING:
    from advocacy.core.workers import WorkerPool

# Renderer pool for exports: a briefing is bigger than a letter, so more time and memory.
RENDER_TIMEOUT = 60.0
RENDER_MEMORY_MB = 1536
PRELOAD = ("advocacy.briefings.render", "advocacy.briefings.charts", "advocacy.pdf.render")
FAILURES_NAME = "FAILURES.txt"
CHECKSUMS_NAME = "SHA256SUMS"


class NoBriefing(Exception):
    """The country has no data (any more): there is no briefing to print."""


class IncompletePdf(Exception):
    """The printed file does not look like a whole PDF."""


@dataclass(frozen=True)
class Written:
    """A briefing written into an export folder."""

    path: Path
    checksum: str  # SHA-256, hex
    size: int


@dataclass(frozen=True)
class Failure:
    """A briefing that could not be printed, and why."""

    country: str
    locale: str
    error: str
    attempts: int = 1


def export_pool(size: int) -> WorkerPool:
    """This process's renderer pool for exports, with `size` workers."""
    from advocacy.core.workers import get_pool

    return get_pool(size=size, timeout=RENDER_TIMEOUT, memory_mb=RENDER_MEMORY_MB, preload=PRELOAD)


def warm_up(pool: WorkerPool) -> None:
    """Start every worker of the pool now (interpreter, WeasyPrint, fonts), not on the first briefing."""
    with ThreadPoolExecutor(max_workers=pool.size) as starters:
        list(starters.map(lambda _: pool.run("os:getpid"), range(pool.size)))


def file_name(code: str, locale: str) -> str:
    """The file a briefing has in an export: FR-zh-Hans.pdf."""
    return f"{code}-{locale}.pdf"


def parse_locales(values: Iterable[str]) -> list[str]:
    """URL tags (zh-Hans) or Babel identifiers (zh_Hans), checked, in order, without repeats."""
    by_identifier = {identifier.casefold(): tag for tag, identifier in LOCALES.items()}
    tags: list[str] = []
    for value in values:
        tag = by_identifier.get(value.strip().replace("-", "_").casefold())
        if tag is None:
            raise ValueError(f"unknown locale {value.strip()!r}: choose from {', '.join(LOCALES)}")
        if tag not in tags:
            tags.append(tag)
    if not tags:
        raise ValueError("choose at least one locale")
    return tags


def export_countries(session: Session, only: Iterable[str] | None = None) -> list[str]:
    """Every country with data, sorted; or those of `only` that have data."""
    codes = countries_with_data(session)
    if only is not None:
        codes &= {code.strip().upper() for code in only}
    return sorted(codes)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def looks_whole(pdf: bytes) -> bool:
    """A PDF header and an end-of-file marker: a truncated file has no trailer."""
    return pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-1024:]


def print_document(
    session: Session,
    store: BriefingStore,
    code: str,
    locale: str,
    folder: Path,
    *,
    templates_root: Path,
    translations_dirs: Sequence[str | Path],
    pool: WorkerPool | None = None,
) -> Written:
    """Print (or take from the store) a country's briefing and write it into the folder.

    Raises NoBriefing when the country has no data, advocacy.core.workers.WorkerError when
    printing fails, IncompletePdf when the result is not a whole PDF.
    """
    stored = stored_briefing(
        session,
        store,
        code,
        locale,
        data_version=current_version(session) or "",
        templates_root=templates_root,
        translations_dirs=translations_dirs,
        pool=pool,
    )
    if stored is None:
        raise NoBriefing(f"no data for country {code}")
    pdf = stored.path.read_bytes()
    if not looks_whole(pdf):
        raise IncompletePdf(f"the printed briefing for {code} ({locale}) is not a whole PDF")
    path = folder / file_name(code, locale)
    atomic_write(path, pdf)
    return Written(path, sha256(pdf), len(pdf))


def describe(error: BaseException) -> str:
    """A one-line reason for a report: the error's type and message, shortened."""
    from advocacy.core.workers import TaskFailed

    # A TaskFailed reads "ValueError: ..." already: the renderer's own error, by name.
    text = str(error) if isinstance(error, TaskFailed) else f"{type(error).__name__}: {error}"
    return " ".join(text.split())[:500]


def failures_text(failures: Sequence[Failure]) -> str:
    """FAILURES.txt: one line per briefing that could not be printed."""
    lines = [f"{len(failures)} briefing(s) could not be printed and are not in this export:", ""]
    for failure in sorted(failures, key=lambda f: (f.country, f.locale)):
        tries = "1 attempt" if failure.attempts == 1 else f"{failure.attempts} attempts"
        lines.append(f"{file_name(failure.country, failure.locale)}\t{failure.error} ({tries})")
    return "\n".join(lines) + "\n"


def write_zip(target: Path, files: Sequence[tuple[str, Path, str]], failures: Sequence[Failure]) -> str:
    """Write the export's zip atomically and return its SHA-256.

    files: (name in the zip, path, expected SHA-256) each; a file that does not match its
    checksum is refused (ValueError) rather than zipped. The zip also holds SHA256SUMS
    and, when some briefings failed, FAILURES.txt.
    """
    sums = []
    with (
        atomic_file(target) as raw,
        zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive,
    ):
        for name, path, checksum in sorted(files):
            data = path.read_bytes()
            if sha256(data) != checksum:
                raise ValueError(f"{name} does not match its checksum")
            archive.writestr(name, data)
            sums.append(f"{checksum}  {name}\n")
        archive.writestr(CHECKSUMS_NAME, "".join(sums))
        if failures:
            archive.writestr(FAILURES_NAME, failures_text(failures))
    digest = hashlib.sha256()
    with target.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
