"""marshmallow schemas: one module per resource, plus `common` (pagination, errors)."""
