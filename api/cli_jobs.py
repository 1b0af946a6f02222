"""`dossier jobs`: ingest jobs as a table, with a progress bar for each running one."""

from __future__ import annotations

import time

import click


def _bar(job: dict, width: int = 24) -> str:
    from tqdm import tqdm

    counts = job["counts"]
    done = counts["total"] - counts["pending"]
    return tqdm.format_meter(done, counts["total"], elapsed=_elapsed(job), ncols=60,
                             unit="article", bar_format="{bar:" + str(width) + "} "
                             "{n_fmt}/{total_fmt} {rate_fmt}")


def _elapsed(job: dict) -> float:
    from datetime import UTC, datetime

    if not job["started_at"]:
        return 0.0
    end = job["finished_at"] or datetime.now(UTC)
    return (end - job["started_at"]).total_seconds()


def _line(job: dict) -> str:
    counts = job["counts"]
    text = (f"{job['id']:>6}  {job['kind']:<9} {job['status']:<9} "
            f"{counts['total']:>6} total  {counts['stored']:>6} stored  "
            f"{counts['skipped']:>5} skipped  {counts['failed']:>5} failed  "
            f"{job['created_at']:%Y-%m-%d %H:%M:%S}")
    if job["status"] == "running":
        text += "  " + _bar(job)
    return text


def show_jobs(database_url: str, *, limit: int, status: str | None, watch: bool) -> None:
    """Print the newest `limit` jobs; with `watch`, follow the unfinished ones with tqdm
    bars until they finish."""
    import psycopg
    from tqdm import tqdm

    from api import queue
    from api.db import connect_kwargs
    from api.ingest_jobs import get_job, list_jobs, queue_health, stalled_warning

    with psycopg.connect(database_url, autocommit=True, **connect_kwargs(30_000)) as conn:
        rows = list_jobs(conn, status=status, after=None, limit=limit)
        if not rows:
            click.echo("no ingest jobs")
            return
        click.echo("    id  kind      status     counts")
        for job in rows:
            click.echo(_line(job))
        warning = stalled_warning(queue_health(conn, queue.warn_seconds(),
                                               queue.stalled_seconds()))
        if warning:
            click.echo(f"warning: {warning}", err=True)
        if not watch:
            return
        unfinished = [j for j in rows if j["status"] in ("queued", "running")]
        bars = {j["id"]: tqdm(total=j["counts"]["total"], desc=f"job {j['id']}",
                              unit="article") for j in unfinished}
        deadline = time.monotonic() + 24 * 3600
        while bars and time.monotonic() < deadline:
            for job_id, bar in list(bars.items()):
                job = get_job(conn, job_id)
                done = job["counts"]["total"] - job["counts"]["pending"]
                bar.update(done - bar.n)
                bar.set_postfix(stored=job["counts"]["stored"], failed=job["counts"]["failed"])
                if job["status"] not in ("queued", "running"):
                    bar.set_description(f"job {job_id} {job['status']}")
                    bar.close()
                    del bars[job_id]
            time.sleep(1)
