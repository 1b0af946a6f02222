"""One Blueprint per resource, all under /v1."""

from __future__ import annotations

from flask_smorest import Api


def register_blueprints(api: Api) -> None:
    from api.resources import articles

    for module in (articles,):
        api.register_blueprint(module.blp, url_prefix="/v1")
