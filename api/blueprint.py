"""flask-smorest Blueprint with optional If-Match.

Every item view uses `@blp.etag`. GET returns an ETag; PATCH and DELETE compare `If-Match`
with the record's current ETag (412 on a stale one). If-Match is optional: a client that
does not send it gets "last write wins", one that sends it gets safe concurrent edits.
Views call `check_etag` while holding a row lock, so of concurrent writers with the same
ETag exactly one wins.
"""

from __future__ import annotations

from flask import request
from flask_smorest import Blueprint as SmorestBlueprint
from webargs.flaskparser import FlaskParser


class StrictParser(FlaskParser):
    """Leaves unknown-field handling to the schemas (StrictSchema raises), so that an unknown
    query parameter is a 422 naming it rather than silently ignored."""

    DEFAULT_UNKNOWN_BY_LOCATION: dict = {}


class Blueprint(SmorestBlueprint):
    ARGUMENTS_PARSER = StrictParser()

    def _check_precondition(self) -> None:
        """If-Match is optional (no 428)."""

    def check_etag(self, etag_data, etag_schema=None) -> None:  # type: ignore[override]
        if request.if_match:
            super().check_etag(etag_data, etag_schema)
        else:
            from flask_smorest.etag import _get_etag_ctx

            _get_etag_ctx()["etag_checked"] = True

    def _prepare_etag_doc(self, doc, doc_info, **kwargs):  # type: ignore[override]
        doc = super()._prepare_etag_doc(doc, doc_info, **kwargs)
        doc.get("responses", {}).pop(428, None)
        return doc
