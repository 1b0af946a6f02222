"""Bad input is rejected with a clear ExtractionError (a ValueError)."""

import pytest

from api.extraction import MAX_TEXT_CHARS, ExtractionError, extract


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_empty_text_is_rejected(text: str) -> None:
    with pytest.raises(ExtractionError, match="empty"):
        extract(text)


def test_nul_is_rejected() -> None:
    with pytest.raises(ExtractionError, match="NUL"):
        extract("Putin said hello.\x00")


def test_binary_garbage_is_rejected() -> None:
    junk = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\n\r\t") * 10 + "abc"
    with pytest.raises(ExtractionError, match="non-printable"):
        extract(junk)


def test_too_long_is_rejected() -> None:
    with pytest.raises(ExtractionError, match="too long"):
        extract("a" * (MAX_TEXT_CHARS + 1))


def test_non_str_is_rejected() -> None:
    with pytest.raises(ExtractionError):
        extract(b"bytes are not text")  # type: ignore[arg-type]


def test_error_is_a_value_error() -> None:
    assert issubclass(ExtractionError, ValueError)


def test_text_without_entities_gives_empty_result() -> None:
    result = extract("it rained all day and nobody went outside.")
    assert result.people == [] and result.quotes == [] and result.figures == []
