"""/v1/search: one query across articles, quotes, people and organizations."""

from __future__ import annotations

from flask.views import MethodView

from api import fulltext
from api.blueprint import Blueprint
from api.data import search as data
from api.pagination import paged_list
from schemas.common import page_schema
from schemas.search import SearchArgsSchema, SearchResultSchema

blp = Blueprint("search", __name__, description="Search across every kind of record.")

@blp.route("/search")
class Search(MethodView):
    @blp.arguments(SearchArgsSchema, location="query")
    @blp.response(200, page_schema(SearchResultSchema))
    @blp.alt_response(400, response="BAD_REQUEST", description="A cursor that cannot be parsed.")
    def get(self, args: dict):
        """Search articles, quotes, people and organizations; best match first."""
        args = dict(args)
        return paged_list(data.LISTING, args, schema=SearchResultSchema,
                          fixed=data.wanted(args.pop("types")),
                          check=fulltext.terms_check(args["q"]))
