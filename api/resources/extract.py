"""/v1/extract: what the extractor finds in a text, without storing anything."""

from __future__ import annotations

from flask.views import MethodView

from api.blueprint import Blueprint
from api.errors import invalid
from schemas.extraction import ExtractionSchema, ExtractRequestSchema

blp = Blueprint("extract", __name__, description="Metadata extraction previews.")


@blp.route("/extract")
class Extract(MethodView):
    @blp.arguments(ExtractRequestSchema)
    @blp.response(200, ExtractionSchema)
    def post(self, body: dict):
        """Extract people, organizations, quotes and figures from a text (nothing is stored).

        The extraction runs within a CPU budget (`DOSSIER_EXTRACT_BUDGET_SECONDS`, 20 s by
        default); a text that needs more is answered 422 naming `text`.
        """
        from api import extraction
        from api.extraction import budget

        try:
            with budget.limit():
                result = extraction.extract(body["text"])
        except extraction.ExtractionError as error:
            raise invalid("text", str(error)) from None
        return result.to_dict()
