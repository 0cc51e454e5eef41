"""The gettext template must list every interface string (the check-strings step)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from advocacy.config import PROJECT_ROOT

EXTRACT = [
    "-F",
    "babel.cfg",
    "-k",
    "lazy_gettext",
    "-k",
    "_l",
    "--no-location",
    "--sort-output",
    "--omit-header",
]


def test_messages_pot_is_up_to_date(tmp_path):
    fresh = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    done = subprocess.run(
        [str(pybabel), "extract", *EXTRACT, "-o", str(fresh), "."],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    committed = (PROJECT_ROOT / "translations" / "messages.pot").read_text(encoding="utf-8")
    assert fresh.read_text(encoding="utf-8") == committed, (
        "translations/messages.pot is out of date: run "
        "pybabel extract " + " ".join(EXTRACT) + " -o translations/messages.pot ."
    )
