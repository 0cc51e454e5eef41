"""Load the app under gunicorn and measure the country page and JSON endpoint.

Prints requests per second, latency percentiles, errors and the server's peak
memory (sum of RSS over the master and workers), as the median of several runs.
The load comes from wrk (Debian package `wrk`, a C load generator) when it is
installed, otherwise from a Python asyncio client (which costs the server CPU).

    .venv/bin/python bench/http_load.py --clients 50 --seconds 30 --runs 3
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TARGETS = {"country page": "/en/countries/FR", "country JSON": "/api/v1/countries/FR", "index": "/en/"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_kib(pid: int) -> int:
    """Return the resident memory of a process and all its descendants, in KiB."""
    total = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                total += rss_kib(int(child))
    except (FileNotFoundError, ProcessLookupError):
        pass
    return total


class PeakMemory(threading.Thread):
    """Sample a process tree's RSS until stopped; keep the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0, True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, rss_kib(self.pid))
            time.sleep(0.1)


async def one_request(port: int, path: str) -> tuple[float, bool]:
    started = time.perf_counter()
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        status = await reader.readline()
        await reader.read()
        writer.close()
        ok = status.split()[1:2] == [b"200"]
    except OSError:
        ok = False
    return time.perf_counter() - started, ok


async def client(port: int, path: str, deadline: float, latencies: list[float], errors: list[int]) -> None:
    while time.perf_counter() < deadline:
        elapsed, ok = await one_request(port, path)
        latencies.append(elapsed)
        if not ok:
            errors.append(1)


async def load(port: int, path: str, clients: int, seconds: float) -> dict[str, float]:
    latencies: list[float] = []
    errors: list[int] = []
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()
    await asyncio.gather(*(client(port, path, deadline, latencies, errors) for _ in range(clients)))
    wall = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "rps": len(latencies) / wall,
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
        "errors": len(errors),
        "requests": len(latencies),
    }


def load_with_wrk(port: int, path: str, clients: int, seconds: float) -> dict[str, float]:
    script = Path(__file__).with_name("wrk_percentiles.lua")
    command = ["wrk", f"-t{min(2, clients)}", f"-c{clients}", f"-d{seconds:g}s", "-s", str(script)]
    done = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    requests, errors, wall, p50, p95, p99 = (float(x) for x in line.split()[1:])
    return {
        "rps": requests / wall,
        "p50": p50,
        "p95": p95,
        "p99": p99,
        "errors": errors,
        "requests": requests,
    }


def measure(port: int, path: str, clients: int, seconds: float, use_wrk: bool) -> dict[str, float]:
    if use_wrk:
        return load_with_wrk(port, path, clients, seconds)
    return asyncio.run(load(port, path, clients, seconds))


def start_server(port: int, args: argparse.Namespace, env: dict[str, str]) -> subprocess.Popen:
    command = [
        str(BIN / "gunicorn"),
        "-w",
        str(args.workers),
        "-k",
        args.worker_class,
        "--threads",
        str(args.threads),
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "advocacy:create_app()",
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--worker-class", default="gthread")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--python-client", action="store_true", help="use the asyncio client even if wrk exists"
    )
    args = parser.parse_args()
    use_wrk = bool(shutil.which("wrk")) and not args.python_client

    with tempfile.TemporaryDirectory() as instance:
        env = dict(os.environ, ADVOCACY_INSTANCE_PATH=instance)
        env.setdefault("DATABASE_URL", f"sqlite:///{instance}/bench.sqlite")
        subprocess.run([str(BIN / "advocacy"), "init"], env=env, check=True, capture_output=True)
        port = free_port()
        server = start_server(port, args, env)
        memory = PeakMemory(server.pid)
        memory.start()
        try:
            print(
                f"gunicorn, {args.workers} {args.worker_class} workers x {args.threads} threads; "
                f"load from {'wrk' if use_wrk else 'Python asyncio'}; {args.clients} concurrent clients for "
                f"{args.seconds:g} s; median of {args.runs} runs; db {env['DATABASE_URL'].split(':')[0]}"
            )
            print(f"{'target':<14} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
            for name, path in TARGETS.items():
                measure(port, path, 5, 1, use_wrk)  # warm up every worker
                runs = [measure(port, path, args.clients, args.seconds, use_wrk) for _ in range(args.runs)]
                median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                print(
                    f"{name:<14} {median['rps']:>8.0f} {median['p50']:>8.1f} {median['p95']:>8.1f} "
                    f"{median['p99']:>8.1f} {int(sum(r['errors'] for r in runs)):>7}"
                )
        finally:
            memory.running = False
            memory.join()
            server.terminate()
            server.wait(timeout=30)
        print(f"peak server memory (master + workers RSS): {memory.peak / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
