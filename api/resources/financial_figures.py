"""/v1/financial-figures: money amounts and percentages in articles, as exact decimals.

Also the sub-resource `/v1/articles/{id}/financial-figures`.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import url_for
from flask.views import MethodView
from psycopg import Connection

from api.blueprint import Blueprint, record_version
from api.data import financial_figures as data
from api.db import connection
from api.embeds import embed, versions
from api.errors import invalid, not_found, require
from api.pagination import paged_list
from api.resources.quotes import check_span
from schemas.common import page_schema
from schemas.embedded import FigureIncludeArgsSchema
from schemas.financial_figures import (
    FinancialFigureFilterArgsSchema,
    FinancialFigureListArgsSchema,
    FinancialFigureSchema,
)

blp = Blueprint(
    "financial_figures", __name__,
    description="Financial figures: money amounts and percentages, with what they measure.",
)

figure_create_schema = FinancialFigureSchema()
figure_update_schema = FinancialFigureSchema(partial=True, exclude=("article_id",))


def check_currency_param(conn: Connection, currency: str | None) -> None:
    if currency and not data.currency_exists(conn, currency):
        raise invalid("currency", f"'{currency}' is not an ISO 4217 currency code.")


def check_figure(
    conn: Connection, figure: dict, changed: Iterable[str], figure_id: int | None = None
) -> None:
    """Check the merged `figure` for the `changed` fields: article, currency, span, relation."""
    changed = set(changed)
    body_length = data.article_body_length(conn, figure["article_id"])
    if body_length is None:
        raise invalid("article_id", f"no article with id {figure['article_id']}.")
    currency = figure.get("currency")
    if figure["kind"] == "money" and not currency:
        raise invalid("currency", "money needs an ISO 4217 currency code.")
    if figure["kind"] == "percent" and currency:
        raise invalid("currency", "a percentage has no currency; send null.")
    if "currency" in changed:
        check_currency_param(conn, currency)
    if changed & {"start", "end"}:
        check_span(figure, body_length)
    related = figure.get("related_figure_id")
    if "related_figure_id" in changed and related is not None:
        if related == figure_id:
            raise invalid("related_figure_id", "a figure cannot be related to itself.")
        related_article = data.figure_article_id(conn, related)
        if related_article is None:
            raise invalid("related_figure_id", f"no financial figure with id {related}.")
        if related_article != figure["article_id"]:
            raise invalid("related_figure_id", "must be a figure in the same article.")


def list_page(args: dict, default_sort: str = "-created_at", **fixed: int):
    """One page of figures for the validated query `args` plus the `fixed` filters."""
    if (args.get("min_value") is not None and args.get("max_value") is not None
            and args["min_value"] > args["max_value"]):
        raise invalid("max_value", "must be at least min_value.")

    def check(conn: Connection) -> None:
        check_currency_param(conn, args.get("currency"))
        if "article_id" in fixed and data.article_body_length(conn, fixed["article_id"]) is None:
            raise not_found("article", fixed["article_id"])

    return paged_list(data.LISTING, args, schema=FinancialFigureSchema,
                      default=default_sort, fixed=fixed, check=check, embed=embed)


@blp.route("/financial-figures")
class FinancialFigureCollection(MethodView):
    @blp.arguments(FinancialFigureListArgsSchema, location="query")
    @blp.response(200, page_schema(FinancialFigureSchema))
    @blp.alt_response(400, response="BAD_REQUEST", description="A cursor that cannot be parsed.")
    def get(self, args: dict):
        """List financial figures, newest first, by kind, currency, value, article or entity."""
        return list_page(args)

    @blp.arguments(figure_create_schema)
    @blp.response(201, FinancialFigureSchema)
    def post(self, figure: dict):
        """Add a financial figure to an article (currency, span and relation are checked)."""
        with connection() as conn:
            check_figure(conn, figure, figure.keys())
            figure_id = data.insert_figure(conn, {**figure, "source": "manual"})
            row = data.get_figure(conn, figure_id)
        location = url_for("financial_figures.FinancialFigureItem", figure_id=figure_id)
        return row, 201, {"Location": location}


@blp.route("/financial-figures/<int:figure_id>")
class FinancialFigureItem(MethodView):
    @blp.etag
    @blp.arguments(FigureIncludeArgsSchema, location="query")
    @blp.response(200, FinancialFigureSchema)
    def get(self, args: dict, figure_id: int):
        """Get a financial figure, with `include=article` its article."""
        with connection(readonly=True) as conn:
            row = require(data.get_figure(conn, figure_id), "financial figure", figure_id)
            embed(conn, [row], args["include"])
        blp.set_etag(record_version(row, versions(row, args["include"])))
        return row

    @blp.etag
    @blp.arguments(figure_update_schema)
    @blp.response(200, FinancialFigureSchema)
    def patch(self, changes: dict, figure_id: int):
        """Update some fields of a financial figure (If-Match: 412 on a stale ETag)."""
        with connection() as conn:
            current = require(data.get_figure(conn, figure_id, lock=True), "financial figure",
                              figure_id)
            blp.check_etag(record_version(current, []))
            merged = {**current, **changes}
            check_figure(conn, merged, changes.keys(), figure_id)
            data.update_figure(conn, figure_id, merged)
            row = data.get_figure(conn, figure_id)
        blp.set_etag(record_version(row, []))
        return row

    @blp.etag
    @blp.response(204)
    def delete(self, figure_id: int):
        """Delete a financial figure (figures related to it lose the link)."""
        with connection() as conn:
            current = require(data.get_figure(conn, figure_id, lock=True), "financial figure",
                              figure_id)
            blp.check_etag(record_version(current, []))
            data.delete_figure(conn, figure_id)


@blp.route("/articles/<int:article_id>/financial-figures")
class ArticleFinancialFigures(MethodView):
    @blp.arguments(FinancialFigureFilterArgsSchema, location="query")
    @blp.response(200, page_schema(FinancialFigureSchema))
    @blp.alt_response(400, response="BAD_REQUEST", description="A cursor that cannot be parsed.")
    @blp.alt_response(404, response="NOT_FOUND", description="No such article.")
    def get(self, args: dict, article_id: int):
        """List the financial figures of an article, in order of appearance."""
        return list_page(args, "position", article_id=article_id)
