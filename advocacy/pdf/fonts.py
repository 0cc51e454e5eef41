"""Check that the fonts and libraries PDF rendering depends on are installed."""

from __future__ import annotations

import ctypes.util
import shutil
import subprocess
from functools import cache

# The families assets/letter.css names, and the Debian package that installs each: Noto Sans
# draws Latin, Greek and Cyrillic; one Noto Sans CJK family per Han region (Simplified and
# Traditional Chinese, Japanese, Korean); Noto Naskh Arabic draws Arabic script (Uyghur).
FAMILY_PACKAGES = {
    "Noto Sans": "fonts-noto-core",
    "Noto Sans CJK SC": "fonts-noto-cjk",
    "Noto Sans CJK TC": "fonts-noto-cjk",
    "Noto Sans CJK JP": "fonts-noto-cjk",
    "Noto Sans CJK KR": "fonts-noto-cjk",
    "Noto Naskh Arabic": "fonts-noto-core",
}
REQUIRED_FAMILIES = tuple(FAMILY_PACKAGES)
FONT_PACKAGES = "fonts-noto-core fonts-noto-cjk"
DEBIAN_PACKAGES = f"{FONT_PACKAGES} libharfbuzz-subset0"
# Languages Noto Sans must draw by itself: without it the CJK fonts (which have Greek and
# Cyrillic glyphs too) or DejaVu would step in. Greek, and Cyrillic through Bulgarian.
NOTO_SANS_LANGUAGES = {"el": "Greek", "bg": "Cyrillic"}


def _fc_list(pattern: str) -> str:
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise FileNotFoundError("fc-list is missing (Debian package fontconfig)")
    return subprocess.run(  # noqa: S603 - a fixed command, no input from anyone
        [fc_list, pattern, "family"], capture_output=True, text=True, check=True, timeout=30
    ).stdout


def _families(listing: str) -> set[str]:
    # One font a line; a font with several names lists them separated by commas.
    return {name.strip() for line in listing.splitlines() for name in line.split(",") if name.strip()}


def installed_families() -> set[str]:
    """Return every family name fontconfig knows, localised names included."""
    return _families(_fc_list(":"))


def families_for_language(lang: str) -> set[str]:
    """Return the families fontconfig says cover a language's alphabet (e.g. "el")."""
    return _families(_fc_list(f":lang={lang}"))


def font_problems() -> list[str]:
    """Return the missing families, and scripts Noto Sans cannot draw by itself."""
    try:
        families = installed_families()
    except (OSError, subprocess.SubprocessError) as exc:
        return [f"cannot list fonts: {exc}"]
    problems = [
        f"font family {family!r} is missing (install {package})"
        for family, package in FAMILY_PACKAGES.items()
        if family not in families
    ]
    if "Noto Sans" in families:
        try:
            problems += [
                f"font family 'Noto Sans' cannot draw {script} ({lang}) (install fonts-noto-core)"
                for lang, script in NOTO_SANS_LANGUAGES.items()
                if "Noto Sans" not in families_for_language(lang)
            ]
        except (OSError, subprocess.SubprocessError) as exc:
            problems.append(f"cannot list fonts: {exc}")
    return problems


def harfbuzz_problems() -> list[str]:
    """Return a problem when HarfBuzz's subsetter is missing."""
    # Without it WeasyPrint embeds fonts the slow way: 11 s for a Chinese letter.
    if ctypes.util.find_library("harfbuzz-subset") is None:
        return ["libharfbuzz-subset is missing (install libharfbuzz-subset0)"]
    return []


def check_fonts() -> list[str]:
    """Return the problems that would make PDFs fall back to other fonts or render slowly."""
    return font_problems() + harfbuzz_problems()


def run_checks() -> dict[str, list[str]]:
    """Run each check by name ("fonts", "harfbuzz-subset"): its problems, empty when fine."""
    return {"fonts": font_problems(), "harfbuzz-subset": harfbuzz_problems()}


@cache
def checks_once() -> dict[str, tuple[str, ...]]:
    """run_checks(), once per process: at start, and before each PDF download.

    Installing fonts needs a restart to be noticed; `checks_once.cache_clear()` forgets.
    """
    return {name: tuple(problems) for name, problems in run_checks().items()}
