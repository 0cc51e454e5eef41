"""Where a mail merge's letters go: a file per letter, or one combined file, written atomically.

Used by `advocacy letters merge` (advocacy.letters.cli).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from io import BytesIO
from pathlib import Path
from typing import Any

import click

from advocacy.core.files import atomic_write
from advocacy.letters.outputs import Letter
from advocacy.letters.people import Person

JOIN_GROUP = 100  # PDFs joined at once by --combined
# Letters carry people's names and addresses: readable by their owner only.
PRIVATE = 0o600
PAGE_BREAK = "\f\n"  # between letters in a combined text file: a form feed starts a new page


class Sink:
    """Where finished letters go: `targets` are the files it will write."""

    targets: list[Path]
    letters = 0  # letters written

    def add(self, person: Person, letter: Letter, data: bytes, count: Callable[[Letter], None]) -> None:
        raise NotImplementedError

    def close(self, count: Callable[[Letter], None]) -> None:
        """Write whatever is still held."""


class FileSink(Sink):
    """One file per letter, named after the row."""

    def __init__(self, targets: dict[Person, Path]) -> None:
        self.by_person = targets
        self.targets = list(targets.values())

    def add(self, person: Person, letter: Letter, data: bytes, count: Callable[[Letter], None]) -> None:
        atomic_write(self.by_person[person], data, mode=PRIVATE)
        count(letter)
        self.letters += 1


class CombinedSink(Sink):
    """All letters in one file, in row order, each starting on a new page."""

    def __init__(self, path: Path, fmt: str) -> None:
        self.path, self.fmt = path, fmt
        self.targets = [path]
        self.parts: dict[int, tuple[Letter, bytes]] = {}

    def add(self, person: Person, letter: Letter, data: bytes, count: Callable[[Letter], None]) -> None:
        self.parts[person.number] = (letter, data)

    def close(self, count: Callable[[Letter], None]) -> None:
        if not self.parts:
            return
        letters, documents = zip(*(self.parts[number] for number in sorted(self.parts)), strict=True)
        if self.fmt == "pdf":
            data = join_pdfs(documents, title=letters[0].subject, lang=letters[0].locale.replace("_", "-"))
        else:
            data = PAGE_BREAK.encode().join(documents)
        atomic_write(self.path, data, mode=PRIVATE)
        for letter in letters:
            count(letter)
        self.letters = len(letters)


def join_pdfs(documents: Iterable[bytes], *, title: str, lang: str) -> bytes:
    """Join PDFs page after page into one, with a title and language."""
    try:
        import pikepdf
    except ImportError:  # pragma: no cover - pikepdf is needed by --combined only
        raise click.ClickException("--combined needs pikepdf: pip install pikepdf") from None
    parts = list(documents)
    # qpdf reads a source's pages only when the result is saved, so every source stays open
    # (and parsed) till then: join in groups, then the groups, to keep memory flat.
    while len(parts) > JOIN_GROUP:
        parts = [_join(pikepdf, parts[i : i + JOIN_GROUP]) for i in range(0, len(parts), JOIN_GROUP)]
    return _join(pikepdf, parts, title=title, lang=lang)


def _join(pikepdf: Any, parts: list[bytes], title: str | None = None, lang: str | None = None) -> bytes:
    with contextlib.ExitStack() as stack:
        sources = [stack.enter_context(pikepdf.open(BytesIO(data))) for data in parts]
        combined = stack.enter_context(pikepdf.new())
        for source in sources:
            combined.pages.extend(source.pages)
        if lang:
            combined.Root.Lang = pikepdf.String(lang)
        if title:
            combined.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
            with combined.open_metadata(set_pikepdf_as_editor=False) as metadata:
                metadata["dc:title"] = title
        output = BytesIO()
        combined.save(output)
    return output.getvalue()
