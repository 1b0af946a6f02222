"""How people and organizations connect: the articles naming them, who appears with them,
and their mentions over time. Shared by /v1/people and /v1/organizations."""

from __future__ import annotations

from marshmallow import fields, validate

from schemas.common import StrictSchema, datetime_param


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
    """Granularity and range of a timeline."""

    interval = fields.String(
        load_default="month", validate=validate.OneOf(("day", "week", "month")),
        metadata={"description": "Period length (weeks start on Monday).", "example": "month"},
    )
    published_from = datetime_param("Only articles dated at or after this time.",
                                    "2015-01-01T00:00:00Z")
    published_to = datetime_param("Only articles dated before this time.",
                                  "2016-01-01T00:00:00Z")


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
