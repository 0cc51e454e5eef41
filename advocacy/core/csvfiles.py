"""The one way we read CSV that people send us: strict UTF-8, strict quoting, line numbers kept.

Data files, representatives lists and mail-merge people files all come through here, so they
refuse the same damage with the same words, and every problem can name the line it is on.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator


class NotUtf8(ValueError):
    """The bytes are not UTF-8; says where they break and how to fix it."""

    def __init__(self, line: int, column: int, byte: int) -> None:
        super().__init__(f"not UTF-8: byte 0x{byte:02x} at character {column}; save the file as UTF-8")
        self.line = line


class MalformedCsv(ValueError):
    """The CSV syntax itself is broken (e.g. an unclosed quote) on this line."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line


def decode_utf8(raw: bytes) -> str:
    """Decode strict UTF-8 (a byte-order mark is tolerated), or raise NotUtf8 with its place."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise NotUtf8(line, column, raw[error.start]) from None


def records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (first line number, cells) for each non-blank CSV record; MalformedCsv on bad syntax."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    previous_end = 0
    try:
        for cells in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                yield start, cells
    except csv.Error as error:
        raise MalformedCsv(previous_end + 1, str(error)) from None
