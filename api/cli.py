"""The `dossier` command: run the API, migrate, load the demo, write the OpenAPI document."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import click

from api import config


def database_url() -> str:
    """DATABASE_URL, or the URL of the embedded server (started if needed)."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    from api import embedded

    data_dir = config.from_env()["DOSSIER_DATA_DIR"]
    click.echo(f"DATABASE_URL is not set: using the embedded PostgreSQL server in {data_dir} "
               "(DOSSIER_DATA_DIR to change).", err=True)
    return embedded.start(data_dir)


def _connect(url: str):
    import psycopg

    from api.db import connect_kwargs

    return psycopg.connect(url, **connect_kwargs(60_000))


def port_in_use(host: str, port: int) -> bool:
    """True when something already listens on host:port."""
    import socket

    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


@click.group()
@click.version_option(package_name="dossier", message="dossier %(version)s")
def main() -> None:
    """Dossier: a REST API for structured news-article metadata."""


@main.command()
def migrate() -> None:
    """Apply pending database migrations (safe to run twice)."""
    from api.migrations import migrate as apply

    applied = apply(database_url())
    names = f": {', '.join(applied)}" if applied else ""
    click.echo(f"applied {len(applied)} migration(s){names}")


@main.command("load-demo")
def load_demo_command() -> None:
    """Load the demo article and its metadata (skipped if already present)."""
    from api.demo import load_demo
    from api.migrations import migrate as apply

    url = database_url()
    apply(url)
    with _connect(url) as conn:
        article_id = load_demo(conn)
    click.echo(f"demo article stored with id {article_id}" if article_id else "demo already loaded")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=2, show_default=True, type=int, help="gunicorn workers.")
@click.option("--threads", default=8, show_default=True, type=int,
              help="Request threads per worker (gunicorn.conf.py: threaded workers).")
@click.option("--demo/--no-demo", default=True, show_default=True,
              help="Load the demo article when the database has no articles.")
@click.option("--extraction-workers", default=1, show_default=True, type=int,
              help="`dossier worker` processes started beside the server (0: none).")
def run(host: str, port: int, workers: int, threads: int, demo: bool,
        extraction_workers: int) -> None:
    """Migrate, load the demo data into an empty database, and serve the API with gunicorn
    and an extraction worker."""
    from api.data.articles import count_articles
    from api.demo import load_demo
    from api.migrations import migrate as apply

    if port_in_use(host, port):
        raise click.ClickException(
            f"port {port} on {host} is already in use (another `dossier run`?); "
            "choose another with --port (make run PORT=...)."
        )
    started = time.monotonic()
    url = database_url()
    apply(url)
    if demo:
        with _connect(url) as conn:
            if count_articles(conn) == 0:
                load_demo(conn)
    env = {**os.environ, "DATABASE_URL": url}
    if "DOSSIER_PUBLIC_READ" not in os.environ:
        # The local demo: anyone on this machine may read; writes still need a key.
        env["DOSSIER_PUBLIC_READ"] = "true"
        click.echo("reads are public for this local run (set DOSSIER_PUBLIC_READ=false to "
                   "require a read key); writes need a key.", err=True)
    command = [
        sys.executable, "-m", "gunicorn", "--config", str(config.PROJECT_ROOT / "gunicorn.conf.py"),
        "--bind", f"{host}:{port}", "--workers", str(workers), "--threads", str(threads),
        "api.wsgi:app",
    ]
    click.echo(f"database ready in {time.monotonic() - started:.1f}s; serving on "
               f"http://{host}:{port} (docs: http://{host}:{port}/docs)", err=True)
    click.echo("API keys: `dossier keys create --name NAME --scope read|write|admin` prints "
               "one; send it as 'Authorization: Bearer <key>'.", err=True)
    server = subprocess.Popen(command, env=env)
    children = [server]
    if extraction_workers > 0:
        click.echo(f"starting {extraction_workers} extraction worker process(es) "
                   "(`dossier worker`) for ingest jobs.", err=True)
        children.append(subprocess.Popen(
            [sys.executable, "-m", "api.cli", "worker", "--concurrency",
             str(extraction_workers)], env=env))

    def forward(signum, _frame):
        for child in children:
            if child.poll() is None:
                child.send_signal(signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    code = server.wait()
    for child in children[1:]:
        if child.poll() is None:
            child.terminate()
        try:
            child.wait(30)
        except subprocess.TimeoutExpired:
            child.kill()
    sys.exit(code)


@main.command()
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--workers", type=int, default=None, help="Extraction processes (default: CPUs).")
@click.option("--extract/--no-extract", default=True, show_default=True,
              help="Extract metadata, or store the articles only.")
@click.option("--async", "background", is_flag=True,
              help="Queue the articles as ingest jobs for `dossier worker` processes "
                   "(any host) instead of extracting here.")
def ingest(paths: tuple[Path, ...], workers: int | None, extract: bool,
           background: bool) -> None:
    """Ingest .txt, .json and .ndjson article files (or directories of them)."""
    from api.bulk_ingest import ingest as run_ingest
    from api.migrations import migrate as apply

    url = database_url()
    apply(url)
    if background:
        from api.bulk_ingest import enqueue

        job_ids, failed = enqueue(url, list(paths), extract=extract)
        click.echo(f"queued {len(job_ids)} ingest job(s): {', '.join(map(str, job_ids))}"
                   f"{f'; {failed} unreadable record(s)' if failed else ''}. Follow them "
                   "with `dossier jobs`.")
        if failed:
            sys.exit(1)
        return
    summary = run_ingest(url, list(paths), workers=workers, extract=extract)
    click.echo(f"stored {summary.stored}, skipped {summary.skipped} (already stored), "
               f"failed {summary.failed}")
    if summary.failed:
        sys.exit(1)


@main.command()
@click.option("--stale", is_flag=True, required=True,
              help="Re-extract articles extracted by an older extractor version.")
@click.option("--local", is_flag=True,
              help="Re-extract in this process instead of queueing jobs for the workers.")
def reextract(stale: bool, local: bool) -> None:
    """Bring extracted metadata up to date with the current extractor (queued as jobs for
    `dossier worker`, or `--local`)."""
    from api.bulk_ingest import enqueue_reextract, reextract_stale

    if local:
        done, failed = reextract_stale(database_url())
        click.echo(f"re-extracted {done} article(s), failed {failed}")
        return
    job_ids, count = enqueue_reextract(database_url())
    if not job_ids:
        click.echo("no stale article: nothing to re-extract")
        return
    click.echo(f"queued {count} article(s) in {len(job_ids)} re-extraction job(s): "
               f"{', '.join(map(str, job_ids))}. Follow them with `dossier jobs`.")


@main.command()
@click.option("--concurrency", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes (extraction is CPU-bound: about one per core).")
def worker(concurrency: int) -> None:
    """Run ingest jobs from the queue until SIGTERM (which finishes the current item)."""
    from api.migrations import migrate as apply
    from api.queue import run_workers

    url = database_url()
    apply(url)
    click.echo(f"extraction worker: {concurrency} process(es) on the shared queue; "
               "SIGTERM or Ctrl-C finishes the current item and stops.", err=True)
    sys.exit(run_workers(url, concurrency))


@main.command()
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 100))
@click.option("--status", type=click.Choice(["queued", "running", "done", "failed",
                                             "cancelled"]), default=None)
@click.option("--watch", is_flag=True,
              help="Show live progress bars until the running jobs finish.")
def jobs(limit: int, status: str | None, watch: bool) -> None:
    """List ingest jobs, newest first, with progress bars for running ones."""
    from api.cli_jobs import show_jobs

    show_jobs(database_url(), limit=limit, status=status, watch=watch)


@main.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
def evaluate(gold: tuple[str, ...]) -> None:
    """Score the extractor on gold files: precision, recall and F1 per type."""
    from api.extraction.evaluate import main as run_eval

    sys.exit(run_eval(list(gold)))


@main.command()
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              default=config.PROJECT_ROOT / "openapi.yaml", show_default=True)
def spec(output: Path) -> None:
    """Write the OpenAPI document generated from the code."""
    from api.spec import render_yaml

    output.write_text(render_yaml(), encoding="utf-8")
    click.echo(f"wrote {output}")


from api.cli_keys import keys  # noqa: E402 - the group is defined in its own module

main.add_command(keys)

if __name__ == "__main__":
    main()
