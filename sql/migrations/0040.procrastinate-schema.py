"""The task queue's tables and functions: procrastinate's schema, as the pinned version ships it.

Workers and the web processes share these through the one database (nothing else to run).
Upgrading procrastinate past a version that changes its schema takes a new migration that
applies the library's own migration files for that step (procrastinate/sql/migrations).
"""

from procrastinate.schema import SchemaManager
from yoyo import step

__depends__ = {"0022.position-indexes"}

steps = [step(SchemaManager.get_schema())]
