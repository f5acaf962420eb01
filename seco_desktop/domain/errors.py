"""Errors raised by normalisation and validation.

Privacy rule: an error carries a message a person can act on and, for validation, the dotted path
of the field. It never carries the offending value, so exceptions, logs and crash reports stay free
of personal data.
"""

from __future__ import annotations

from dataclasses import dataclass


class InvalidValue(ValueError):
    """A single value could not be normalised; ``message`` says what is expected.

    The message must never contain the value that was entered.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one field. ``field`` is a dotted path such as ``"sponsor.dod_id"`` or
    ``"education[0].end_date"``; ``message`` is written for the person fixing the form."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationError(Exception):
    """A record failed validation; ``errors`` lists every problem found, not just the first."""

    def __init__(self, errors: tuple[FieldError, ...] | list[FieldError]) -> None:
        self.errors: tuple[FieldError, ...] = tuple(errors)
        super().__init__(self._summary())

    def _summary(self) -> str:
        count = len(self.errors)
        noun = "problem" if count == 1 else "problems"
        return f"{count} {noun}: " + "; ".join(str(e) for e in self.errors)

    def __str__(self) -> str:
        return self._summary()

    @property
    def fields(self) -> tuple[str, ...]:
        """The dotted paths of the fields in error, in order, without repeats."""
        return tuple(dict.fromkeys(e.field for e in self.errors))

    def messages_for(self, field: str) -> list[str]:
        """The messages for one field (for showing beside its widget)."""
        return [e.message for e in self.errors if e.field == field]
