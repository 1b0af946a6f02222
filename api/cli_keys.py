"""`dossier keys`: create, list and revoke API keys (see api/data/api_keys.py)."""

from __future__ import annotations

import sys

import click

from api.data.api_keys import SCOPES


def _connection():
    from api.cli import _connect, database_url
    from api.migrations import migrate

    url = database_url()
    migrate(url)
    return _connect(url)


def _when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%SZ") if value else "-"


@click.group()
def keys() -> None:
    """Manage API keys (`Authorization: Bearer <key>`)."""


@keys.command("create")
@click.option("--name", required=True, help="Who or what the key is for.")
@click.option("--scope", type=click.Choice(SCOPES), default="read", show_default=True,
              help="read: GET only; write: also POST/PATCH/DELETE; admin: everything.")
def create(name: str, scope: str) -> None:
    """Create a key and print it (it is shown only this once; only its hash is stored)."""
    from api.data.api_keys import create_key

    name = name.strip()
    if not 1 <= len(name) <= 200:
        raise click.BadParameter("must be 1-200 characters", param_hint="--name")
    with _connection() as conn:
        new = create_key(conn, name, scope)
    row = new.record
    click.echo(f"created key {row['id']} ({row['prefix']}, scope {row['scope']}) for "
               f"{row['name']!r}; store it now, it is not shown again:", err=True)
    click.echo(new.key)


@keys.command("list")
def list_() -> None:
    """List keys: id, name, prefix, scope, created, last used, revoked (never the keys)."""
    from api.data.api_keys import list_keys

    with _connection() as conn:
        rows = list_keys(conn)
    header = ("id", "name", "prefix", "scope", "created", "last used", "revoked")
    table = [header] + [
        (str(r["id"]), r["name"], r["prefix"], r["scope"], _when(r["created_at"]),
         _when(r["last_used_at"]), _when(r["revoked_at"]))
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths,
                                                                        strict=True)).rstrip())


@keys.command("revoke")
@click.argument("key_id", type=int)
def revoke(key_id: int) -> None:
    """Revoke a key by id: requests with it get 401 from now on."""
    from api.data.api_keys import revoke_key

    with _connection() as conn:
        row = revoke_key(conn, key_id)
    if row is None:
        click.echo(f"no key with id {key_id}", err=True)
        sys.exit(1)
    click.echo(f"revoked key {row['id']} ({row['prefix']}, {row['name']!r})")
