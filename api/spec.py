"""The OpenAPI document generated from the code, rendered without a database."""

from __future__ import annotations

import yaml


def render_dict() -> dict:
    """The OpenAPI document as a dict (the app is built with a placeholder database URL;
    the pool connects lazily, so nothing is contacted)."""
    from api import create_app

    app = create_app({"DATABASE_URL": "postgresql://spec@localhost:1/spec", "DB_POOL_MIN": 0})
    with app.app_context():
        document = app.extensions["dossier.api"].spec.to_dict()
    app.extensions["dossier.db"].close()
    return document


class _DocumentDumper(yaml.SafeDumper):
    """Multi-line descriptions as `|` blocks, so the file reads like the docstrings."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_DocumentDumper.add_representer(str, _represent_str)


def render_yaml() -> str:
    return yaml.dump(render_dict(), Dumper=_DocumentDumper, sort_keys=False,
                     allow_unicode=True, width=100)
