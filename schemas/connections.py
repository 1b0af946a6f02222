"""How people and organizations connect: the articles naming them, who appears with them,
and their mentions over time. Shared by /v1/people and /v1/organizations."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from schemas.common import StrictSchema


class MergeSchema(StrictSchema):
    """The record to merge into this one; it is deleted."""

    duplicate_id = fields.Integer(
        required=True, validate=validate.Range(min=1, max=2**63 - 1),
        metadata={"description": "Id of the duplicate record.", "example": 2},
    )


class EntityArticleSchema(StrictSchema):
    """An article naming a person or an organization."""

    id = fields.Integer(dump_only=True)
    url = fields.String(dump_only=True, allow_none=True)
    title = fields.String(dump_only=True)
    source = fields.String(dump_only=True, allow_none=True)
    published_at = fields.AwareDateTime(dump_only=True, allow_none=True)
    mentions = fields.Integer(dump_only=True, metadata={
        "description": "How often the article names them."})


class CoMentionSchema(StrictSchema):
    """A person or organization named in the same articles."""

    type = fields.String(dump_only=True, validate=validate.OneOf(("person", "organization")))
    id = fields.Integer(dump_only=True)
    name = fields.String(dump_only=True)
    articles = fields.Integer(dump_only=True, metadata={
        "description": "Number of articles naming both."})


class TimelineArgsSchema(StrictSchema):
    """Granularity and date range of a person's or organization's timeline."""

    interval = fields.String(
        load_default="month", validate=validate.OneOf(("day", "week", "month")),
        metadata={"description": "Period length: `day`, `week` (starting on Monday) or "
                  "`month`.", "example": "month"},
    )
    date_from = fields.Date(
        data_key="from", load_default=None,
        metadata={"description": "Only articles dated on or after this day (UTC).",
                  "example": "2015-01-01"},
    )
    date_to = fields.Date(
        data_key="to", load_default=None,
        metadata={"description": "Only articles dated on or before this day (UTC).",
                  "example": "2015-12-31"},
    )

    @validates_schema
    def _range(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ValidationError("Must not be before 'from'.", "to")


class TimelinePointSchema(StrictSchema):
    """Activity in one period (by the article's publication date, else its creation date)."""

    period_start = fields.Date(dump_only=True, metadata={"example": "2015-03-01"})
    mentions = fields.Integer(dump_only=True)
    quotes = fields.Integer(dump_only=True, metadata={"description": "Quotes they spoke."})
    articles = fields.Integer(dump_only=True, metadata={
        "description": "Articles naming or quoting them."})


class TimelineSchema(StrictSchema):
    """A timeline: every period with activity, oldest first (not paginated)."""

    interval = fields.String(dump_only=True)
    data = fields.List(fields.Nested(TimelinePointSchema), dump_only=True)
