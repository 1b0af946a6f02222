"""Bulk ingest: read article files, extract in parallel worker processes, store each article.

Inputs: `.txt` files (title on the first line, the whole file is the body so that offsets
match the file), `.json` files (one record or a list of records), `.ndjson`/`.jsonl` files
(one record per line), and directories of them (recursively). A record has the fields of
`POST /v1/articles` (`title`, `body` — or `text` — and optionally `url`, `source`, `authors`,
`language`, `published_at`).

Idempotent: a record whose URL, or whose exact body, is already stored is skipped. A bad
record is reported with its file and line and the run carries on. Each article is stored
in its own transaction, with its extracted metadata or not at all.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marshmallow import ValidationError

SUFFIXES = {".txt", ".json", ".ndjson", ".jsonl"}


@dataclass
class Record:
    """One article to ingest, with where it came from."""

    origin: str
    values: dict[str, Any] | None = None
    error: str | None = None


@dataclass
class Summary:
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    failures: list[str] = field(default_factory=list)


def _load(origin: str, raw: Any) -> Record:
    from schemas.articles import ArticleSchema

    if not isinstance(raw, dict):
        return Record(origin, error="a record must be a JSON object")
    raw = dict(raw)
    if "text" in raw and "body" not in raw:
        raw["body"] = raw.pop("text")
    try:
        return Record(origin, values=ArticleSchema().load(raw))
    except ValidationError as error:
        return Record(origin, error=f"invalid record: {error.messages}")


def read_records(paths: list[Path]) -> Iterator[Record]:
    """Every record under `paths`, in a stable order, with its origin (`file:line`)."""
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES)
        else:
            files = [path]
        for file in files:
            yield from _read_file(file)


def _read_file(file: Path) -> Iterator[Record]:
    try:
        content = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        yield Record(str(file), error=f"cannot read: {error}")
        return
    if file.suffix == ".txt":
        title = content.strip().split("\n", 1)[0].strip()
        yield _load(f"{file}:1", {"title": title[:1000], "body": content})
    elif file.suffix == ".json":
        try:
            data = json.loads(content)
        except json.JSONDecodeError as error:
            yield Record(f"{file}:{error.lineno}", error=f"invalid JSON: {error.msg}")
            return
        for index, item in enumerate(data if isinstance(data, list) else [data]):
            yield _load(f"{file}[{index}]", item)
    else:
        for number, line in enumerate(content.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                yield Record(f"{file}:{number}", error=f"invalid JSON: {error.msg}")
                continue
            yield _load(f"{file}:{number}", item)


def _extract(values: dict) -> tuple[dict | None, str | None, str | None]:
    """Worker: (metadata, version, error)."""
    from api.ingest import MetadataError, extract_metadata

    try:
        metadata, version = extract_metadata(values["body"], values.get("language") or "en")
        return metadata, version, None
    except MetadataError as error:
        return None, None, f"{error.field}: {error.message}"


def _warm_up() -> None:
    from api.extraction.model import get_nlp

    get_nlp()


def ingest(database_url: str, paths: list[Path], *, workers: int | None = None,
           extract: bool = True, progress: bool = True) -> Summary:
    """Ingest every record under `paths`; return what was stored, skipped and failed."""
    import psycopg
    from psycopg import errors as pg_errors
    from tqdm import tqdm

    from api.data import articles
    from api.db import connect_kwargs
    from api.ingest import MetadataError, store_article

    summary = Summary()
    records = list(read_records(paths))
    workers = workers or os.cpu_count() or 1

    def fail(origin: str, message: str) -> None:
        summary.failed += 1
        summary.failures.append(f"{origin}: {message}")
        tqdm.write(f"failed {origin}: {message}")

    with psycopg.connect(database_url, **connect_kwargs(600_000)) as conn:
        todo: list[Record] = []
        seen: set[tuple] = set()
        for record in records:
            if record.error:
                fail(record.origin, record.error)
                continue
            values = record.values or {}
            key = (articles.canonical_url(values.get("url")), values["body"])
            if key in seen or articles.find_existing(conn, key[0], values["body"]) is not None:
                summary.skipped += 1
                continue
            seen.add(key)
            todo.append(record)
        conn.commit()
        bar = tqdm(total=len(todo), unit="article", disable=not progress, desc="ingest")
        context = multiprocessing.get_context("spawn")
        parallel = extract and bool(todo)
        with context.Pool(workers, initializer=_warm_up) if parallel else _NoPool() as pool:
            results = (
                pool.imap(_extract, [r.values for r in todo], chunksize=4) if parallel
                else ((None, None, None) for _ in todo)
            )
            for record, (metadata, version, error) in zip(todo, results, strict=True):
                bar.update()
                if error:
                    fail(record.origin, error)
                    continue
                try:
                    with conn.transaction():
                        store_article(conn, record.values, metadata,
                                      source="extracted" if extract else "manual",
                                      extractor_version=version)
                    conn.commit()
                    summary.stored += 1
                except pg_errors.UniqueViolation:
                    conn.rollback()
                    summary.skipped += 1
                except (MetadataError, psycopg.DataError, psycopg.IntegrityError) as err:
                    conn.rollback()
                    fail(record.origin, str(err).splitlines()[0])
        bar.close()
    return summary


class _NoPool:
    def __enter__(self) -> _NoPool:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def reextract_stale(database_url: str, *, progress: bool = True) -> tuple[int, int]:
    """Re-run extraction on articles extracted by an older extractor; return (done, failed)."""
    import psycopg
    from tqdm import tqdm

    from api import extraction
    from api.data import articles
    from api.db import connect_kwargs
    from api.ingest import MetadataError, extract_metadata, replace_extracted

    done = failed = 0
    with psycopg.connect(database_url, **connect_kwargs(600_000)) as conn:
        stale = articles.stale_article_ids(conn, extraction.EXTRACTOR_VERSION)
        conn.commit()
        for article_id in tqdm(stale, unit="article", disable=not progress, desc="reextract"):
            with conn.transaction():
                row = articles.get_article(conn, article_id, lock=True)
                if row is None:
                    continue
                try:
                    metadata, version = extract_metadata(row["body"], row["language"])
                except MetadataError as error:
                    tqdm.write(f"failed article {article_id}: {error}")
                    failed += 1
                    continue
                replace_extracted(conn, article_id, row["body"], metadata, version)
                done += 1
    return done, failed


def enqueue(database_url: str, paths: list[Path], *, extract: bool = True) -> tuple[list[int], int]:
    """Queue every record under `paths` as ingest jobs (of at most 1,000 articles) for the
    workers; return (job ids, records that could not be read)."""
    import psycopg
    from tqdm import tqdm

    from api.db import connect_kwargs
    from api.ingest_jobs import enqueue_articles
    from schemas.articles import ArticleSchema

    schema = ArticleSchema(only=("url", "title", "body", "source", "authors", "language",
                                 "published_at"))
    failed = 0
    payloads: list[dict] = []
    for record in tqdm(read_records(paths), unit="record", desc="read"):
        if record.error:
            failed += 1
            tqdm.write(f"failed {record.origin}: {record.error}")
            continue
        payloads.append({**schema.dump(record.values), "extract": extract})
    with psycopg.connect(database_url, **connect_kwargs(600_000)) as conn:
        job_ids = enqueue_articles(conn, payloads)
    return job_ids, failed


def enqueue_reextract(database_url: str) -> tuple[list[int], int]:
    """Queue re-extraction jobs for the articles extracted by an older extractor; return
    (job ids, articles queued)."""
    import psycopg

    from api import extraction
    from api.data import articles
    from api.db import connect_kwargs
    from api.ingest_jobs import MAX_BATCH, create_job

    with psycopg.connect(database_url, **connect_kwargs(600_000)) as conn:
        stale = articles.stale_article_ids(conn, extraction.EXTRACTOR_VERSION)
        job_ids = [
            create_job(conn, [{"article_id": i} for i in stale[start:start + MAX_BATCH]],
                       kind="reextract")[0]["id"]
            for start in range(0, len(stale), MAX_BATCH)
        ]
    return job_ids, len(stale)
