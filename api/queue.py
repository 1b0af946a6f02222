"""The task queue: procrastinate on the application's own PostgreSQL database.

procrastinate keeps its jobs in tables of the same database (created by migration 0040), so
the embedded server of the quick start serves it with nothing else to run, and workers on any
number of hosts share one queue by connecting to the same database. Web processes put jobs
on the queue inside their own transaction (`configure(connection=...)`), so a job row and its
queue jobs are committed together or not at all.

Workers (`dossier worker`):
- one extraction at a time per process (the work is CPU-bound: `--concurrency N` starts N
  processes, each loading the spaCy model once);
- SIGTERM or SIGINT: stop taking work, finish the current item, then hand the rest of its
  range back to the queue (retried at once, elsewhere) and exit; a second signal stops now;
- a worker killed outright leaves its queue job `doing`: every worker sends a heartbeat, and
  a periodic task retries the jobs of workers whose heartbeat is older than
  `DOSSIER_WORKER_STALLED_SECONDS` (procrastinate's stalled-jobs recipe);
- database errors (connection lost, serialization failures) are retried with exponential
  backoff, at most `MAX_DB_ATTEMPTS` times; bad input is not retried (the item fails with
  its message and the job goes on).

Settings (environment): `DOSSIER_WORKER_HEARTBEAT_SECONDS` (10),
`DOSSIER_WORKER_STALLED_SECONDS` (30), `DOSSIER_STALLED_CHECK_SECONDS` (10, how often stalled
jobs are looked for), `DOSSIER_QUEUE_WARN_SECONDS` (60: `/ready` and the job resource warn when
runnable work has waited longer).
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
from typing import Any

import procrastinate
import psycopg
from procrastinate.retry import BaseRetryStrategy, RetryDecision
from psycopg_pool import ConnectionPool, PoolTimeout

log = logging.getLogger("api.queue")

QUEUE = "extraction"
MAX_DB_ATTEMPTS = 8
MAX_BACKOFF_SECONDS = 300


def _seconds(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value not in (None, "") else default


def heartbeat_seconds() -> float:
    return _seconds("DOSSIER_WORKER_HEARTBEAT_SECONDS", 10)


def stalled_seconds() -> float:
    return _seconds("DOSSIER_WORKER_STALLED_SECONDS", 30)


def warn_seconds() -> float:
    return _seconds("DOSSIER_QUEUE_WARN_SECONDS", 60)


def _stalled_cron() -> str:
    every = max(1, min(59, int(_seconds("DOSSIER_STALLED_CHECK_SECONDS", 10))))
    return f"* * * * * */{every}"


class ExtractionRetry(BaseRetryStrategy):
    """Retry on database errors with exponential backoff (2, 4, 8 … s, at most 300 s), at once
    for a range a stopping worker handed back, never for anything else (bad input fails the
    item, not the queue job, so what reaches here is a bug and stays failed for a look)."""

    def get_retry_decision(self, *, exception: BaseException, job) -> RetryDecision | None:
        from api.ingest_jobs import WorkerStopping

        if isinstance(exception, WorkerStopping):
            return RetryDecision(retry_in={"seconds": 0})
        if isinstance(exception, psycopg.OperationalError | PoolTimeout
                      | psycopg.errors.SerializationFailure | psycopg.errors.DeadlockDetected):
            if job.attempts + 1 >= MAX_DB_ATTEMPTS:
                return None
            wait = min(2 ** (job.attempts + 1), MAX_BACKOFF_SECONDS)
            log.warning({"event": "queue_retry", "job": job.id, "attempt": job.attempts + 1,
                         "retry_in_s": wait, "error": str(exception).splitlines()[0]})
            return RetryDecision(retry_in={"seconds": wait})
        return None


app = procrastinate.App(connector=procrastinate.PsycopgConnector())


class _WorkerState:
    """What the tasks of this worker process share: a connection pool and the stop flag."""

    pool: ConnectionPool | None = None
    stopping = threading.Event()


state = _WorkerState()


@app.task(name="dossier.process_items", queue=QUEUE, retry=ExtractionRetry())
def process_items(job_id: int, first: int, last: int) -> int:
    """Store (and extract) the queued items [first, last) of ingest job `job_id`."""
    from api.ingest_jobs import process_range

    if state.pool is None:
        raise RuntimeError("process_items runs in a worker (dossier worker)")
    return process_range(state.pool, job_id, first, last, state.stopping)


@app.periodic(cron=_stalled_cron(), periodic_id="stalled")
@app.task(name="dossier.retry_stalled_jobs", queue=QUEUE, pass_context=True)
async def retry_stalled_jobs(context: procrastinate.JobContext, timestamp: int) -> int:
    """Put back on the queue the jobs of workers that stopped sending heartbeats."""
    stalled = await context.app.job_manager.get_stalled_jobs(
        seconds_since_heartbeat=stalled_seconds())
    for job in stalled:
        log.warning({"event": "queue_stalled_job_retried", "job": job.id,
                     "task": job.task_name, "args": job.task_kwargs})
        await context.app.job_manager.retry_job(job)
    return len(stalled)


def run_worker(database_url: str, *, name: str | None = None, wait: bool = True) -> None:
    """Run one worker in this process until SIGTERM/SIGINT (or, `wait=False`, until the
    queue is empty)."""
    from psycopg_pool import AsyncConnectionPool

    from api.db import connect_kwargs
    from api.extraction.model import get_nlp
    from api.logs import configure_access_log

    configure_access_log()
    logging.getLogger("procrastinate").setLevel(logging.WARNING)
    logging.getLogger("procrastinate").addHandler(logging.getLogger("api").handlers[0])
    get_nlp()  # the model, once per process, before the first job
    state.stopping.clear()
    state.pool = ConnectionPool(database_url, min_size=1, max_size=2, open=True,
                                kwargs=connect_kwargs(600_000), name="dossier-worker",
                                check=ConnectionPool.check_connection)

    async def main() -> None:
        queue_pool = AsyncConnectionPool(database_url, min_size=1, max_size=4, open=False,
                                         check=AsyncConnectionPool.check_connection)
        await queue_pool.open(wait=True)
        async with app.open_async(queue_pool):
            task = asyncio.create_task(app.run_worker_async(
                queues=[QUEUE], name=name, concurrency=1, wait=wait,
                install_signal_handlers=False, delete_jobs="successful",
                update_heartbeat_interval=heartbeat_seconds(),
                stalled_worker_timeout=stalled_seconds(),
            ))
            loop = asyncio.get_running_loop()

            def stop() -> None:
                if state.stopping.is_set():
                    log.warning({"event": "worker_stop_now"})
                else:
                    log.info({"event": "worker_stopping",
                              "detail": "finishing the current item"})
                state.stopping.set()
                task.cancel()

            for signum in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(signum, stop)
            log.info({"event": "worker_started", "pid": os.getpid(), "queue": QUEUE})
            try:
                await task
            except asyncio.CancelledError:
                pass
            finally:
                await queue_pool.close()

    try:
        asyncio.run(main())
    finally:
        state.pool.close()
        state.pool = None
        log.info({"event": "worker_stopped", "pid": os.getpid()})


def _child(database_url: str, name: str) -> None:
    """A worker process started by `run_workers`: dies with its parent (Linux)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    run_worker(database_url, name=name)


def run_workers(database_url: str, concurrency: int) -> int:
    """`concurrency` worker processes (one runs here when it is 1); SIGTERM/SIGINT is passed
    on to each, and this returns when all have stopped."""
    if concurrency <= 1:
        run_worker(database_url, name="worker-1")
        return 0
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    children: list[Any] = []
    for number in range(1, concurrency + 1):
        child = context.Process(target=_child, args=(database_url, f"worker-{number}"),
                                name=f"dossier-worker-{number}")
        child.start()
        children.append(child)

    def forward(signum, _frame) -> None:
        for child in children:
            if child.is_alive() and child.pid:
                os.kill(child.pid, signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    for child in children:
        child.join()
    return max((child.exitcode or 0) for child in children)
