"""Errors as ``application/problem+json`` documents (RFC 9457).

One function turns every error backsafe raises into a problem document:
its ``field``, ``value`` and ``allowed`` range for `InvalidInputError`,
and the list of ``errors`` (each with its path) for `InvalidDataError`.
No web framework is imported here.
"""

import json
import math
from typing import Any, Final

from backsafe.exceptions import (
    BacksafeError,
    InvalidDataError,
    InvalidInputError,
    UnknownExerciseError,
)

MEDIA_TYPE: Final = "application/problem+json"
_BASE: Final = "https://backsafe.readthedocs.io/en/latest/web.html#"

#: Problem types: name -> (HTTP status, title).
TYPES: Final = {
    "invalid-data": (422, "The document is not valid"),
    "invalid-input": (422, "A value is out of range"),
    "unknown-exercise": (404, "No such exercise"),
    "too-large": (413, "The request is too large"),
    "not-found": (404, "No such resource"),
}


def problem(
    kind: str, detail: str, *, status: int | None = None, **extra: Any
) -> dict[str, Any]:
    """Return the problem document of *kind* with *detail*."""
    usual, title = TYPES[kind]
    return {
        "type": _BASE + kind,
        "title": title,
        "status": usual if status is None else status,
        "detail": detail,
        **extra,
    }


def _first_input_error(
    exc: BaseException | None,
) -> InvalidInputError | None:
    """The first out-of-range value behind a document's problems."""
    if isinstance(exc, InvalidInputError):
        return exc
    for inner in getattr(exc, "exceptions", ()):
        found = _first_input_error(inner)
        if found is not None:
            return found
    return None


def from_error(
    error: BacksafeError, *, in_body: bool = False
) -> dict[str, Any]:
    """Return the problem document that reports *error*.

    An unknown exercise is 404 in a path, 422 *in_body* of a request.
    """
    detail = " ".join(str(error).split())
    if isinstance(error, InvalidDataError):
        doc = problem("invalid-data", detail, errors=list(error.errors))
        first = _first_input_error(error.__cause__)
        if first is not None:
            doc.update(
                field=first.field,
                value=_plain(first.value),
                allowed=first.allowed,
            )
        return doc
    if isinstance(error, UnknownExerciseError):
        return problem(
            "unknown-exercise",
            detail,
            status=422 if in_body else 404,
            field=error.field,
            value=_plain(error.value),
            allowed=error.allowed,
            suggestions=list(error.suggestions),
        )
    if isinstance(error, InvalidInputError):
        return problem(
            "invalid-input",
            detail,
            field=error.field,
            value=_plain(error.value),
            allowed=error.allowed,
        )
    return problem("invalid-input", detail)


def _plain(value: object) -> Any:
    """*value* if JSON can hold it as it is; its ``repr`` otherwise."""
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return repr(value)
    return value


def problem_schema() -> dict[str, Any]:
    """The JSON Schema of every problem document the service sends."""
    return {
        "title": "Problem",
        "description": (
            "An error (RFC 9457). Out-of-range values carry field, value"
            " and allowed; invalid documents carry errors, each with its"
            " path in the document."
        ),
        "type": "object",
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer", "minimum": 400, "maximum": 599},
            "detail": {"type": "string"},
            "field": {"type": "string"},
            "value": {},
            "allowed": {"type": "string"},
            "suggestions": {"type": "array", "items": {"type": "string"}},
            "errors": {"type": "array", "items": {"type": "string"}},
        },
        "required": ["type", "title", "status", "detail"],
    }
