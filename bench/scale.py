"""Scale benchmark: is each endpoint as fast over a million articles as over ten thousand,
and how close is the API to a raw WSGI app running the same SELECT?

    python -m bench.scale --articles 1000000 [--small 10000] [--database-url URL]
                          [--duration 5] [--rounds 3] [--plans docs/query-plans-pg18.md]

Builds (or reuses) two generated databases (bench/dataset.py) on the embedded PostgreSQL
(data in bench/.out/pg18) or, with --database-url, on that server; applies pending
migrations; serves each with gunicorn the way `dossier run` does (gunicorn.conf.py; rate
limit and access log off, public reads) plus the floor app (bench/floor.py) with the same
settings; then runs wrk (`-t2 -c16`, random ids and cursors per request) against every
endpoint for `--duration` seconds, interleaving sizes and endpoints, `--rounds` times after
one warm-up round. Prints p50/p99 (the median over rounds), req/s, the 1M ÷ 10k ratio of
each p50, and a last line

    scale: worst_1m_ratio=… item_vs_floor=… list_vs_floor=…

(the vs_floor figures are req/s of the API ÷ req/s of the floor, on the large database).
With --plans it writes EXPLAIN (ANALYZE, BUFFERS) of each list query on the large database.
Bounded: a fixed number of wrk runs of fixed duration; loopback only.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urlencode

import psycopg
import requests

from api.config import PROJECT_ROOT
from bench import dataset
from bench.serving import free_port

OUT = PROJECT_ROOT / "bench" / ".out"
# Search terms: a common word (in about a fifth of the articles) and a rarer one (about 3 %).
COMMON_WORD = "injury"
RARE_WORD = "rannu"
SAMPLES = 2000

WRK_SCRIPT = r"""
local paths = {}
for line in io.lines(os.getenv("SCALE_PATHS")) do paths[#paths + 1] = line end
math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  io.write(string.format("SCALE %d %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


@dataclass
class Result:
    p50: list[float] = field(default_factory=list)
    p99: list[float] = field(default_factory=list)
    rps: list[float] = field(default_factory=list)
    errors: int = 0


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)



def _serve(module: str, url: str) -> tuple[subprocess.Popen, str]:
    """gunicorn with the project's gunicorn.conf.py, as `dossier run` starts it."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "DOSSIER_PUBLIC_READ": "true",
           "DOSSIER_RATE_LIMIT_ENABLED": "false", "DOSSIER_ACCESS_LOG": "false"}
    command = [sys.executable, "-m", "gunicorn", "--config",
               str(PROJECT_ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}", module]
    server = subprocess.Popen(command, env=env, cwd=PROJECT_ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    probe = "/item/1" if module.startswith("bench.floor") else "/health"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if requests.get(base + probe, timeout=10).status_code < 500:
                return server, base
        except requests.RequestException:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.2)
    server.kill()
    raise SystemExit(f"scale: {module} did not start on {base}")


def _sample(url: str, base: str, articles: int) -> dict[str, list[str]]:
    """Request paths per endpoint: random ids, random deep cursors, fixed search words."""
    rng = random.Random(articles)
    ids = [rng.randint(1, articles) for _ in range(SAMPLES)]
    people = [rng.randint(1, dataset.PEOPLE) for _ in range(SAMPLES)]
    cursors = _deep_cursors(base, articles, rng)
    with psycopg.connect(url) as conn:
        low = conn.execute("SELECT min(value), max(value) FROM financial_figures "
                           "WHERE currency = 'USD'").fetchone()
        names = [r[0] for r in conn.execute(
            "SELECT split_part(name, ' ', 2) FROM people WHERE id = ANY(%s)",
            [people[:200]]).fetchall()]
    lo, hi = float(low[0]), float(low[1])
    values = [int(lo + (hi - lo) * rng.random()) for _ in range(SAMPLES)]
    return {
        "GET /v1/articles/{id}": [f"/v1/articles/{i}" for i in ids],
        "GET /v1/articles?limit=20": ["/v1/articles?limit=20"],
        "same, deep cursor": [f"/v1/articles?limit=20&{c}" for c in cursors],
        f"GET /v1/articles?q={COMMON_WORD}": [f"/v1/articles?q={COMMON_WORD}&limit=20"],
        f"GET /v1/articles?q={RARE_WORD}": [f"/v1/articles?q={RARE_WORD}&limit=20"],
        f"GET /v1/search?q={COMMON_WORD}": [f"/v1/search?q={COMMON_WORD}&limit=20"],
        "GET /v1/articles?published_from=day": [
            "/v1/articles?limit=20&" + _day(dataset.START_AT + dataset.STEP * i) for i in ids],
        "GET /v1/people/{id}/co-mentions": [f"/v1/people/{p}/co-mentions?limit=20"
                                             for p in people],
        "GET /v1/people?q=name": [f"/v1/people?q={n}&limit=20" for n in names],
        "GET /v1/people/{id}/quotes": [f"/v1/people/{p}/quotes?limit=20" for p in people],
        "GET /v1/financial-figures?sort=value": [
            f"/v1/financial-figures?currency=USD&sort=value&min_value={v}&limit=20"
            for v in values],
        "floor: item": [f"/item/{i}" for i in ids],
        "floor: list": ["/list"],
    }


def _day(start: datetime) -> str:
    """The query string of the articles published in the 24 hours from `start`."""
    return urlencode({"published_from": start.isoformat(),
                      "published_to": (start + timedelta(days=1)).isoformat()})


def _deep_cursors(base: str, articles: int, rng: random.Random) -> list[str]:
    """Query strings (filter and next_cursor) of pages that start deep in the list."""
    cursors = []
    first = dataset.START_AT
    for _ in range(50):
        index = rng.randint(articles // 4, articles - 100)
        before = first + dataset.STEP * index
        body = requests.get(f"{base}/v1/articles", timeout=60, params={
            "limit": 20, "published_to": before.isoformat()}).json()
        if body.get("next_cursor"):
            cursors.append(f"published_to={quote(before.isoformat())}&cursor={body['next_cursor']}")
    return cursors


def _wrk(base: str, paths: list[str], duration: float, args: argparse.Namespace,
         script: Path, workdir: Path) -> tuple[float, float, float, int]:
    listing = workdir / "paths.txt"
    listing.write_text("\n".join(paths) + "\n")
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{max(1, round(duration))}s",
               "--timeout", "10s", "-s", str(script), base]
    out = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60,
                         env={**os.environ, "SCALE_PATHS": str(listing)}).stdout
    line = next((ln for ln in out.splitlines() if ln.startswith("SCALE ")), None)
    if line is None:
        raise SystemExit(f"scale: wrk gave no result:\n{out}")
    count, micros, p50, p99, status_errors, socket_errors = map(int, line.split()[1:])
    return p50 / 1000, p99 / 1000, count / (micros / 1e6), status_errors + socket_errors


def _embedded_url(folder: Path) -> str:
    from api import embedded

    return embedded.start(folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--database-url", help="a PostgreSQL server (default: embedded)")
    parser.add_argument("--prefix", default="dossier_bench", help="database name prefix")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--plans", type=Path, help="write EXPLAIN of the list queries here")
    parser.add_argument("--only", help="comma-separated endpoint name fragments")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("scale: wrk is needed (apt-get install wrk)")

    from api.migrations import migrate

    server_url = args.database_url or _embedded_url(OUT / "pg18")
    sizes = (args.small, args.articles)
    urls = {}
    for size in sizes:
        urls[size] = dataset.ensure(server_url, size, args.prefix)
        applied = migrate(urls[size])
        if applied:
            _log(f"scale: migrations {', '.join(applied)} applied to {size:,}")
            with psycopg.connect(urls[size], autocommit=True) as conn:
                conn.execute("ANALYZE")
    if args.plans:
        from bench import plans

        plans.write(urls[args.articles], args.plans, args.articles)
        _log(f"scale: plans written to {args.plans}")

    servers = []
    bases: dict[tuple[int, str], str] = {}
    try:
        for size in sizes:
            for kind, module in (("api", "api.wsgi:app"), ("floor", "bench.floor:app")):
                server, base = _serve(module, urls[size])
                servers.append(server)
                bases[(size, kind)] = base
        paths = {size: _sample(urls[size], bases[(size, "api")], size) for size in sizes}
        names = list(paths[sizes[0]])
        if args.only:
            wanted = [w.strip() for w in args.only.split(",")]
            names = [n for n in names if any(w in n for w in wanted)]
        results = {(size, name): Result() for size in sizes for name in names}
        with tempfile.TemporaryDirectory(prefix="dossier-scale-") as tmp:
            workdir = Path(tmp)
            script = workdir / "scale.lua"
            script.write_text(WRK_SCRIPT)
            total = (args.rounds + 1) * len(sizes) * len(names)
            done = 0
            for round_no in range(args.rounds + 1):
                warmup = round_no == 0
                order = [(size, name) for name in names for size in sizes]
                random.Random(round_no).shuffle(order)
                for size, name in order:
                    base = bases[(size, "floor" if name.startswith("floor") else "api")]
                    duration = min(2.0, args.duration) if warmup else args.duration
                    p50, p99, rps, errors = _wrk(base, paths[size][name], duration, args,
                                                 script, workdir)
                    done += 1
                    label = "warm-up" if warmup else f"round {round_no}"
                    _log(f"scale: [{done}/{total}] {label} {size:>9,} {name:<40} "
                         f"p50 {p50:8.2f} ms  p99 {p99:8.2f} ms  {rps:8.0f} req/s"
                         + (f"  {errors} errors" if errors else ""))
                    if not warmup:
                        result = results[(size, name)]
                        result.p50.append(p50)
                        result.p99.append(p99)
                        result.rps.append(rps)
                        result.errors += errors
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()
    report(results, names, sizes)
    return 0


def report(results: dict[tuple[int, str], Result], names: list[str],
           sizes: tuple[int, int]) -> None:
    small, large = sizes
    med = statistics.median
    print(f"\n| endpoint | p50 {small:,} | p99 {small:,} | p50 {large:,} | p99 {large:,} "
          f"| req/s {large:,} | p50 ratio |")
    print("|---|---|---|---|---|---|---|")
    ratios = []
    for name in names:
        a, b = results[(small, name)], results[(large, name)]
        ratio = med(b.p50) / med(a.p50)
        if not name.startswith("floor"):
            ratios.append(ratio)
        errors = a.errors + b.errors
        print(f"| `{name}` | {med(a.p50):.2f} ms | {med(a.p99):.2f} ms | {med(b.p50):.2f} ms "
              f"| {med(b.p99):.2f} ms | {med(b.rps):,.0f} | {ratio:.2f}"
              + (f" ({errors} errors)" if errors else "") + " |")

    def versus(api_name: str, floor_name: str) -> str:
        if (large, api_name) not in results or (large, floor_name) not in results:
            return "n/a"
        return f"{med(results[(large, api_name)].rps) / med(results[(large, floor_name)].rps):.2f}"

    worst = f"{max(ratios):.2f}" if ratios else "n/a"
    print(f"\nscale: worst_1m_ratio={worst} "
          f"item_vs_floor={versus('GET /v1/articles/{id}', 'floor: item')} "
          f"list_vs_floor={versus('GET /v1/articles?limit=20', 'floor: list')}")


if __name__ == "__main__":
    sys.exit(main())
