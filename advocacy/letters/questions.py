"""Written parliamentary questions: each chamber's limits, and checking a draft against them.

Only members can table a question, so a campaigner's product is a draft for their
representative with a covering note (template `pq-cover`). Limits come from
data/chambers.csv (shared/reference/parliaments.md): a word cap and a cap on
sub-questions where a chamber's rules set one (the European Parliament: 200 words,
3 sub-questions; the Bundestag's Schriftliche Frage: 2 sub-questions).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

QUESTION_PREFIX = "pq-"
COVER_TEMPLATE = "pq-cover"
# Chinese, Japanese and Korean ideographs and kana are counted one word each, since
# those scripts do not separate words with spaces; everything else by whitespace.
_IDEOGRAPH = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(f"[{_IDEOGRAPH}]|[^\\s{_IDEOGRAPH}]+")
# A sub-question is counted by its question mark: Latin, full-width and Arabic forms.
_QUESTION_MARK = re.compile("[?\uff1f\u061f]")
# Punctuation alone (a dash, a bullet) and list markers ("1.", "(b)") are not words.
_NOT_A_WORD = re.compile(r"^(?:[\W_]+|\(?(?:\d{1,2}|[a-z])[.)])$")


@dataclass(frozen=True)
class Limits:
    """A chamber's caps on a written question; None where its rules set none."""

    words: int | None = None
    subquestions: int | None = None


@dataclass(frozen=True)
class Count:
    """What a draft measures against its chamber's limits."""

    words: int
    subquestions: int
    limits: Limits

    @property
    def too_many_words(self) -> bool:
        return self.limits.words is not None and self.words > self.limits.words

    @property
    def too_many_subquestions(self) -> bool:
        return self.limits.subquestions is not None and self.subquestions > self.limits.subquestions

    @property
    def within_limits(self) -> bool:
        return not (self.too_many_words or self.too_many_subquestions)


def count_words(text: str) -> int:
    """Count words as a parliament's clerk would: by spaces, ideographs one by one."""
    return sum(1 for token in _WORD.findall(text) if not _NOT_A_WORD.match(token))


def count_subquestions(text: str) -> int:
    """Count the sub-questions in a draft, one per question mark."""
    return len(_QUESTION_MARK.findall(text))


def measure(text: str, limits: Limits) -> Count:
    """Measure a draft question against its chamber's limits."""
    return Count(count_words(text), count_subquestions(text), limits)


def question_template(chamber_id: str) -> str:
    """Name the template of a chamber's written question."""
    return f"{QUESTION_PREFIX}{chamber_id}"


def question_languages(root: Path, chamber_id: str, chamber_languages: Iterable[str]) -> list[str]:
    """List the languages a chamber's question is written in, the chamber's own first.

    A chamber's languages come from the data (e.g. `fr nl de` for Belgium); English is
    offered after them when the English source exists, so nobody is left without a draft.
    """
    name = question_template(chamber_id)
    languages = [lang for lang in chamber_languages if (root / lang / f"{name}.txt").exists()]
    if (root / "en" / f"{name}.txt").exists() and "en" not in languages:
        languages.append("en")
    return languages


def pick_language(offered: Sequence[str], wanted: str, *, fallback: str | None = None) -> str | None:
    """Pick the wanted language, else its base, else the fallback, else the first offered."""
    # The briefing passes English, which more of its readers share. The composer chooses by
    # the recipient's chamber instead (advocacy.letters.languages).
    candidates = (wanted, wanted.split("_")[0], *([fallback] if fallback else []))
    return next((lang for lang in candidates if lang in offered), offered[0] if offered else None)
