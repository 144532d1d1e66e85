"""The errors backsafe raises.

Every error derives from `BacksafeError`, so one ``except`` clause catches
them all. Errors about bad input also derive from the built-in `ValueError`
they refine, as `packaging.version.InvalidVersion` does.
"""

from collections.abc import Sequence
from typing import NamedTuple

__all__ = [
    "BacksafeError",
    "CatalogError",
    "InvalidDataError",
    "InvalidInputError",
    "InvalidRowsError",
    "MissingExtraError",
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
            f"{field} must be {allowed}, got {shown(value)}",
            field=field,
            value=value,
            allowed=allowed,
        )


def shown(value: object) -> str:
    """``repr(value)`` for a message, even where ``repr`` itself fails.

    An int of more than 4,300 digits has no ``repr`` (Python refuses to
    write it); the message then gives its size instead.
    """
    try:
        return repr(value)
    except ValueError:
        if isinstance(value, int):
            digits = int(abs(value).bit_length() * 0.30103) + 1
            return f"an integer of about {digits} digits"
        return f"<{type(value).__name__} object>"


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


class RowProblem(NamedTuple):
    """The bad rows of one field and rule, in an `InvalidRowsError`."""

    field: str
    allowed: str
    #: The first bad rows (at most `InvalidRowsError.MAX_ROWS`).
    rows: tuple[object, ...]
    #: The values of the first bad rows (at most five).
    values: tuple[object, ...]
    #: How many rows are bad in all.
    total: int


class InvalidRowsError(InvalidInputError):
    """Some rows of a batch are invalid; nothing was scored.

    Raised by the batch functions instead of returning NaN. The message
    names the field, the allowed range, how many rows are bad and the first
    few of them with their values.

    Attributes:
        rows: The bad rows in order: positions from 0, or index labels
            for a data frame. At most `MAX_ROWS` are kept.
        count: How many rows are bad in all.
        values: The values of the first bad rows (at most five).
        other_fields: Other fields that also have bad rows.
        problems: Every field and rule with bad rows, the first one
            included, each a `RowProblem` with its own bounded rows; the
            message shows the first few rows of each.

    >>> error = InvalidRowsError(
    ...     "load_kg",
    ...     ">= 0 kg",
    ...     rows=[2, 7],
    ...     values=[-5.0, float("nan")],
    ...     count=2,
    ... )
    >>> print(error)
    load_kg must be >= 0 kg; 2 bad rows: 2 (-5.0), 7 (nan)
    >>> error.rows
    (2, 7)

    .. versionadded:: 0.1.0
    """

    #: How many bad rows an error keeps in `rows`.
    MAX_ROWS = 1000

    rows: tuple[object, ...]
    count: int
    values: tuple[object, ...]
    other_fields: tuple[str, ...]
    problems: tuple[RowProblem, ...]

    def __init__(
        self,
        field: str,
        allowed: str,
        *,
        rows: Sequence[object],
        values: Sequence[object],
        count: int,
        other_fields: Sequence[str] = (),
        by_label: bool = False,
        problems: Sequence[RowProblem] = (),
    ) -> None:
        first = RowProblem(
            field,
            allowed,
            tuple(rows[: self.MAX_ROWS]),
            tuple(values[:_SHOWN]),
            count,
        )
        others = [p for p in problems if (p.field, p.allowed) != first[:2]]
        text = _describe(first, by_label=by_label)
        if others:
            text += "; also " + "; ".join(
                _describe(p, by_label=by_label) for p in others
            )
        elif other_fields:
            text += f"; {', '.join(other_fields)} also invalid"
        super().__init__(
            text,
            field=field,
            value=values[0] if values else None,
            allowed=allowed,
        )
        self.rows = tuple(rows[: self.MAX_ROWS])
        self.count = count
        self.values = tuple(values[:_SHOWN])
        self.other_fields = tuple(other_fields)
        self.problems = (first, *others)


def _describe(problem: RowProblem, *, by_label: bool) -> str:
    """One field's part of an `InvalidRowsError` message."""
    shown = ", ".join(
        f"{row!r} ({value!r})"
        for row, value in zip(
            problem.rows[:_SHOWN], problem.values, strict=False
        )
    )
    if problem.total > _SHOWN:
        shown += f", and {problem.total - _SHOWN} more"
    plural = "row" if problem.total == 1 else "rows"
    where = f"{problem.total} bad {plural}"
    if by_label:
        where += " (by index label)"
    return f"{problem.field} must be {problem.allowed}; {where}: {shown}"


#: How many bad rows an `InvalidRowsError` message shows.
_SHOWN = 5


class MissingExtraError(BacksafeError, ImportError):
    """A feature needs an optional dependency that is not installed.

    The message names the extra that installs it, such as
    ``pip install "backsafe[array]"``.

    Attributes:
        module: The missing module, such as ``"numpy"``.
        extra: The extra of backsafe that installs it, such as ``"array"``.

    .. versionadded:: 0.1.0
    """

    module: str
    extra: str

    def __init__(self, feature: str, module: str, extra: str) -> None:
        super().__init__(
            f"{feature} needs {module}, which is not installed: "
            f'pip install "backsafe[{extra}]"',
            name=module,
        )
        self.module = module
        self.extra = extra
