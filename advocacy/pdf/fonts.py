"""Check that the fonts and libraries PDF rendering depends on are installed."""

from __future__ import annotations

import ctypes.util
import shutil
import subprocess

# Latin, Simplified and Traditional Chinese, and Arabic script (Uyghur); see assets/letter.css.
REQUIRED_FAMILIES = ("Noto Sans", "Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Naskh Arabic")
DEBIAN_PACKAGES = "fonts-noto-core fonts-noto-cjk libharfbuzz-subset0"


def installed_families() -> set[str]:
    """Return every family name fontconfig knows, localised names included."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise FileNotFoundError("fc-list is missing (Debian package fontconfig)")
    listing = subprocess.run(  # noqa: S603 - a fixed command, no input from anyone
        [fc_list, ":", "family"], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    # One font a line; a font with several names lists them separated by commas.
    return {name.strip() for line in listing.splitlines() for name in line.split(",") if name.strip()}


def check_fonts() -> list[str]:
    """Return the problems that would make PDFs fall back to other fonts or render slowly."""
    problems = []
    try:
        families = installed_families()
    except (OSError, subprocess.SubprocessError) as exc:
        problems.append(f"cannot list fonts: {exc}")
    else:
        problems += [
            f"font family {family!r} is missing (install {DEBIAN_PACKAGES})"
            for family in REQUIRED_FAMILIES
            if family not in families
        ]
    # Without HarfBuzz's subsetter WeasyPrint embeds fonts the slow way: 11 s for a Chinese letter.
    if ctypes.util.find_library("harfbuzz-subset") is None:
        problems.append("libharfbuzz-subset is missing (install libharfbuzz-subset0)")
    return problems
