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
