"""The errors backsafe raises.

Every error derives from `BacksafeError`, so one ``except`` clause catches
them all. Errors about bad input also derive from the built-in `ValueError`
they refine, as `packaging.version.InvalidVersion` does.
"""

from collections.abc import Sequence

__all__ = [
    "BacksafeError",
    "CatalogError",
    "InvalidDataError",
    "InvalidInputError",
    "UnknownExerciseError",
]


class BacksafeError(Exception):
    """Base class of every error backsafe raises.

    .. versionadded:: 0.1.0
    """


class InvalidInputError(BacksafeError, ValueError):
    """An argument or a field is outside what the library accepts.

    The message names the field, the value and the allowed range.

    Attributes:
        field: The offending field or argument, such as ``"Body.mass_kg"``,
            or ``None`` when the problem involves several.
        value: The offending value.
        allowed: The allowed range or set of values, in words.

    .. versionadded:: 0.1.0
    """

    field: str | None
    value: object
    allowed: str | None

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        value: object = None,
        allowed: str | None = None,
    ) -> None:
        super().__init__(message)
        self.field = field
        self.value = value
        self.allowed = allowed

    @classmethod
    def out_of_range(
        cls, field: str, value: object, allowed: str
    ) -> "InvalidInputError":
        """Build the standard "must be …, got …" error for *field*.

        >>> str(InvalidInputError.out_of_range("reps", -1, "an int >= 1"))
        'reps must be an int >= 1, got -1'
        """
        return cls(
            f"{field} must be {allowed}, got {value!r}",
            field=field,
            value=value,
            allowed=allowed,
        )


class UnknownExerciseError(InvalidInputError):
    """No exercise in the catalog has the requested slug.

    Attributes:
        suggestions: The nearest known slugs, best first.

    .. versionadded:: 0.1.0
    """

    suggestions: tuple[str, ...]

    def __init__(self, slug: str, suggestions: Sequence[str] = ()) -> None:
        hint = (
            " Did you mean: " + ", ".join(suggestions) + "?"
            if suggestions
            else ""
        )
        super().__init__(
            f"unknown exercise slug {slug!r}.{hint}",
            field="slug",
            value=slug,
            allowed="a slug in the catalog",
        )
        self.suggestions = tuple(suggestions)


class CatalogError(InvalidInputError):
    """A catalog file or entry is malformed.

    The message names the entry, the field and the problem.

    .. versionadded:: 0.1.0
    """


class InvalidDataError(InvalidInputError):
    """A JSON document or a dictionary does not describe a valid object.

    Attributes:
        errors: One line per problem, each with its path in the document.

    .. versionadded:: 0.1.0
    """

    errors: tuple[str, ...]

    def __init__(self, message: str, errors: Sequence[str] = ()) -> None:
        detail = "".join(f"\n  {e}" for e in errors)
        super().__init__(message + detail)
        self.errors = tuple(errors)
