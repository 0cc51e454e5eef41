"""Under gunicorn, the access log writes /reply/[code], never the code (advocacy.replies.logs)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from advocacy.core.extensions import db
from tests.replies.journey import finished, get_code

GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def gunicorn(app, tmp_path):
    """gunicorn serving the test app's database, writing its access log to a file."""
    if not GUNICORN.exists():
        pytest.skip("gunicorn is not installed")
    with app.app_context():
        url = db.engine.url.render_as_string(hide_password=False)
    port, log = free_port(), tmp_path / "access.log"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "test",
        "ADVOCACY_INSTANCE_PATH": str(tmp_path / "g"),
    }
    command = [str(GUNICORN), "-w", "1", "-b", f"127.0.0.1:{port}", "--access-logfile", str(log),
               "--error-logfile", str(tmp_path / "error.log"), "advocacy:create_app()"]  # fmt: skip
    server = subprocess.Popen(command, env=env, cwd=Path(__file__).resolve().parents[2])
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", log
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_gunicorns_access_log_hides_the_code(app, gunicorn):
    base, log = gunicorn
    client = app.test_client()
    code, _ = get_code(client, finished(client))
    assert 'name="replied"' in urlopen(f"{base}/en/reply/{code}").read().decode()
    with pytest.raises(HTTPError):
        urlopen(f"{base}/en/reply/{code.lower()}X")
    for _ in range(100):  # gunicorn writes each line after its response
        written = log.read_text(encoding="utf-8")
        if written.count("\n") >= 2:
            break
        time.sleep(0.1)
    assert written.count("/en/reply/[code]") == 2, written
    assert code not in written and code.lower() not in written
