"""The one exception extraction raises for a file it cannot read."""

from __future__ import annotations

REASONS = ("corrupt", "encrypted", "no_text", "empty", "unsupported", "too_large")


class ExtractionError(Exception):
    """A file that cannot be turned into text, with a machine-readable reason.

    ``reason`` is one of REASONS; ``message`` says what is wrong in plain words.
    """

    def __init__(self, reason: str, message: str):
        if reason not in REASONS:
            raise ValueError(f"unknown extraction failure reason: {reason!r}")
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message


def is_interruption(exc: BaseException) -> bool:
    """An exception that stops the work from outside (a time limit), not a fault of the file.

    Extractors turn unexpected exceptions from damaged files into ExtractionError,
    but must let these through: a caller's SIGALRM time limit raises them at any
    point inside pdfminer. TimeoutError subclasses qualify, and so does any class
    named "...Timeout" (ingest's FileTimeout).
    """
    return isinstance(exc, TimeoutError) or type(exc).__name__.lower().endswith("timeout")
