"""Time rendering the public pages with the page cache off (what a data import costs).

.venv/bin/python bench/render_pages.py --repeat 50
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time

from advocacy import create_app

PAGES = ["/en/", "/en/countries/FR", "/zh-Hans/countries/FR", "/ug/countries/FR", "/api/v1/countries/US"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as instance:
        app = create_app(
            {
                "INSTANCE_PATH": instance,
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance}/bench.sqlite",
                "PAGE_CACHE": False,
            }
        )
        assert app.test_cli_runner().invoke(args=["init"]).exit_code == 0
        client = app.test_client()
        print(f"uncached render, Flask test client, SQLite; median of {args.repeat} (warm)")
        for page in PAGES:
            client.get(page)
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                assert client.get(page).status_code == 200
                times.append((time.perf_counter() - started) * 1000)
            print(f"{page:<28} median {statistics.median(times):6.1f} ms   max {max(times):6.1f} ms")


if __name__ == "__main__":
    main()
