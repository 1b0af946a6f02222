"""One Blueprint per resource, all under /v1: every module here with a `blp` is registered."""

from __future__ import annotations

import importlib
import pkgutil

from flask_smorest import Api


def register_blueprints(api: Api) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        blueprint = getattr(module, "blp", None)
        if blueprint is not None:
            api.register_blueprint(blueprint, url_prefix="/v1")
