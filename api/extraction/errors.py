"""Exceptions raised by the extraction engine."""


class ExtractionError(ValueError):
    """The input is not usable article text (empty, binary, too long)."""
