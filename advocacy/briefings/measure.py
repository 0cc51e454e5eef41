"""How wide a line of text prints, from the installed fonts' advance widths (fontTools).

Used to size a chart's margin for its category labels. Each character takes the advance of
the first family of the stack that has it, as Pango's fallback would; shaping (Arabic joining,
kerning) is left out, so the result is close, not exact: the margin keeps a few points spare.
Fonts are found through fontconfig and read once per process.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Sequence
from functools import cache

_lock = threading.Lock()
FALLBACK_EM = 0.6  # a character no font of the stack has (or no fontconfig): an average width
WIDE_EM = 1.0  # Han, kana and hangul: every CJK family draws them one em wide


@cache
def _advances(family: str) -> tuple[dict[int, float], bool]:
    """Map code point to advance in em for a family; and whether it is a CJK family."""
    cjk = "CJK" in family
    if cjk:
        return {}, True  # a whole-em font: no need to read 20 MB of glyphs
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return {}, False
    try:
        found = subprocess.run(  # noqa: S603 - a fixed command; the family is one of ours
            [fc_match, "-f", "%{file}|%{index}", family],
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout
        from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

        path, _, index = found.partition("|")
        font = TTFont(path, lazy=True, fontNumber=int(index or 0))
        per_em = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        cmap = font.getBestCmap()
        return {code: metrics[name][0] / per_em for code, name in cmap.items()}, False
    except (OSError, subprocess.SubprocessError, ValueError, KeyError):
        return {}, False


def _is_wide(code: int) -> bool:
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFF60
    )


def text_width(text: str, size: float, stack: Sequence[str]) -> float:
    """The width of text at `size` points set in the first family of `stack` that has each character."""
    with _lock:
        tables = [_advances(family) for family in stack]
    total = 0.0
    for char in text:
        code = ord(char)
        for advances, cjk in tables:
            if cjk and _is_wide(code):
                total += WIDE_EM
                break
            if code in advances:
                total += advances[code]
                break
        else:
            total += WIDE_EM if _is_wide(code) else FALLBACK_EM
    return total * size
