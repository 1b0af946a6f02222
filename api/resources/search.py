"""/v1/search: one query across articles, quotes, people and organizations."""

from __future__ import annotations

from flask.views import MethodView

from api.blueprint import Blueprint
from api.data import search as data
from api.db import connection
from api.pagination import decode_cursor, page
from schemas.common import page_schema
from schemas.search import SearchArgsSchema, SearchResultSchema

blp = Blueprint("search", __name__, description="Search across every kind of record.")

SORT = "rank"


@blp.route("/search")
class Search(MethodView):
    @blp.arguments(SearchArgsSchema, location="query")
    @blp.response(200, page_schema(SearchResultSchema))
    @blp.alt_response(400, response="BAD_REQUEST", description="Invalid cursor or sort.")
    def get(self, args: dict):
        """Search articles, quotes, people and organizations; best match first."""
        limit = args["limit"]
        after = decode_cursor(args["cursor"], SORT, data.KEY_CONVERTERS)
        with connection(readonly=True) as conn:
            rows = data.search(conn, args["q"], args["types"], limit=limit + 1, after=after)
        return page(rows, limit, SORT, data.sort_key)
