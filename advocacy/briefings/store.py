"""Briefing PDFs kept on disk, one per (country, locale, data version, layout version).

A briefing depends on the data, on its layout (template, stylesheet, the code that builds
it), on the locale's catalog and on the written-question templates. `layout_version` hashes
all of those, so a data import, a new translation or a changed template makes a fresh PDF
while unchanged briefings are served from disk.

The store keeps the newest version of each (country, locale) only: the one being served
stays until its replacement is written whole (`latest` finds it while the new version is
printed in the background), then `put` removes it. A print that failed for good leaves a
`.failed` marker for its version, so the public route can say so instead of waiting.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from advocacy.briefings.render import LAYOUT_FILES
from advocacy.briefings.translate import catalog_files
from advocacy.core.files import TEMPORARY_PREFIX, atomic_write

CODE_DIR = Path(__file__).resolve().parent
MAX_REMEMBERED = 256
_SAFE_PART = re.compile(r"[A-Za-z0-9-]{1,20}")
_hashes: dict[tuple[tuple[str, int, int], ...], str] = {}
_hashes_lock = threading.Lock()
FAILURE_SECONDS = 3600  # a version that failed to print is tried again after this
STRAY_SECONDS = 3600  # a temporary file this old was left by a writer that died


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime > seconds
    except FileNotFoundError:
        return False


def _signature(paths: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """Name, modification time and size of each file: cheap to read on every request."""
    found = []
    for path in sorted(set(paths)):
        with contextlib.suppress(FileNotFoundError):
            stat = path.stat()
            found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


def layout_version(locale: str, translations_dirs: Iterable[str | Path], templates_root: Path) -> str:
    """Hash what a briefing in this locale is made of, besides the data."""
    paths = [
        *LAYOUT_FILES,
        *CODE_DIR.glob("*.py"),
        *catalog_files(locale, translations_dirs),
        *templates_root.glob("*/pq-*.txt"),
    ]
    signature = _signature(paths)
    with _hashes_lock:
        known = _hashes.get(signature)
    if known is not None:
        return known
    # Hashed by content, so that a deploy that only touches modification times keeps the PDFs.
    digest = hashlib.sha256()
    for name, _, _ in signature:
        digest.update(Path(name).name.encode() + b"\0")
        with contextlib.suppress(FileNotFoundError):
            digest.update(Path(name).read_bytes())
    version = digest.hexdigest()[:16]
    with _hashes_lock:
        if len(_hashes) >= MAX_REMEMBERED:
            _hashes.clear()  # files that keep changing (a translator at work) must not grow this forever
        _hashes[signature] = version
    return version


def briefing_version(data_version: str, layout: str) -> str:
    """Combine the data and layout versions into the version a stored briefing carries."""
    return hashlib.sha256(f"{data_version}\0{layout}".encode()).hexdigest()[:20]


@dataclass(frozen=True)
class StoredBriefing:
    """A briefing PDF on disk and the ETag it is served with."""

    path: Path
    etag: str


class BriefingStore:
    """A folder of briefing PDFs, written atomically; older versions are removed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._locks_lock = threading.Lock()

    def _path(self, code: str, locale: str, version: str) -> Path:
        for part in (code, locale, version):
            if not _SAFE_PART.fullmatch(part):
                raise ValueError(f"not a safe file name part: {part!r}")
        return self.root / f"{code}_{locale}_{version}.pdf"

    def get(self, code: str, locale: str, version: str) -> StoredBriefing | None:
        """Return the stored briefing of this version, if there is one."""
        path = self._path(code, locale, version)
        return StoredBriefing(path, version) if path.is_file() else None

    def latest(self, code: str, locale: str) -> StoredBriefing | None:
        """Return the newest stored briefing of any version (what to serve while a new one prints)."""
        self._path(code, locale, "x")  # checks the parts
        newest: tuple[int, Path] | None = None
        for path in self.root.glob(f"{code}_{locale}_*.pdf"):
            with contextlib.suppress(FileNotFoundError):
                found = (path.stat().st_mtime_ns, path)
                newest = found if newest is None or found > newest else newest
        if newest is None:
            return None
        return StoredBriefing(newest[1], newest[1].stem.rpartition("_")[2])

    def listing(self) -> dict[tuple[str, str], set[str]]:
        """Every stored version, and every version marked failed (as "!version"), by (country, locale)."""
        found: dict[tuple[str, str], set[str]] = {}
        with contextlib.suppress(FileNotFoundError):
            for entry in os.scandir(self.root):
                stem, dot, suffix = entry.name.rpartition(".")
                parts = stem.split("_")
                if dot and suffix in ("pdf", "failed") and len(parts) == 3:
                    mark = "" if suffix == "pdf" else "!"
                    found.setdefault((parts[0], parts[1]), set()).add(mark + parts[2])
        return found

    def mark_failed(self, code: str, locale: str, version: str) -> None:
        """Remember that this version could not be printed (until a print of it succeeds)."""
        atomic_write(self._path(code, locale, version).with_suffix(".failed"), b"")

    def failed(self, code: str, locale: str, version: str) -> bool:
        """Tell whether printing this version failed lately (a failure older than an hour is forgotten)."""
        marker = self._path(code, locale, version).with_suffix(".failed")
        if not marker.is_file():
            return False
        if _older_than(marker, FAILURE_SECONDS):
            self.forget_failure(code, locale, version)
            return False
        return True

    def forget_failure(self, code: str, locale: str, version: str) -> None:
        """Let a version that failed be tried again."""
        with contextlib.suppress(FileNotFoundError):
            self._path(code, locale, version).with_suffix(".failed").unlink()

    def prune(self, keep: Iterable[str]) -> int:
        """Remove the files of countries not in `keep` (no data any more) and stray files; return how many."""
        codes, removed = set(keep), 0
        for path in self.root.glob("*"):
            code = path.name.partition("_")[0]
            stray = path.name.startswith(TEMPORARY_PREFIX) and _older_than(path, STRAY_SECONDS)
            if stray or (path.suffix in (".pdf", ".failed") and code not in codes):
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                    removed += 1
        return removed

    def forget(self, codes: Iterable[str]) -> int:
        """Remove every stored briefing of these countries, in every locale; return how many files."""
        removed = 0
        for code in codes:
            self._path(code, "x", "x")  # checks the part
            for path in self.root.glob(f"{code}_*"):
                if path.suffix in (".pdf", ".failed"):
                    with contextlib.suppress(FileNotFoundError):
                        path.unlink()
                        removed += 1
        return removed

    def put(self, code: str, locale: str, version: str, pdf: bytes) -> StoredBriefing:
        """Store a briefing; readers see the old file or the whole new one, never a part."""
        path = self._path(code, locale, version)
        atomic_write(path, pdf)
        for old in self.root.glob(f"{code}_{locale}_*"):
            if old != path and old.suffix in (".pdf", ".failed"):
                with contextlib.suppress(FileNotFoundError):
                    old.unlink()  # a reader that has it open keeps reading it
        return StoredBriefing(path, version)

    @contextlib.contextmanager
    def lock(self, code: str, locale: str) -> Iterator[None]:
        """Hold while rendering, so that concurrent requests in this process render once."""
        with self._locks_lock:
            lock = self._locks.setdefault((code, locale), threading.Lock())
        with lock:
            yield
