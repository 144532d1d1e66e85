"""JSON in and out: `to_dict`, `from_dict`, `to_json` and `from_json`.

Every document goes through the one strict converter of
`backsafe.serde._strict`; cattrs is imported inside functions, so
``import backsafe`` stays light, and this module itself is loaded on first
use of a serialization name.
"""

import json
from collections.abc import Mapping
from typing import Any, TypeVar

from backsafe import _validation as v
from backsafe.exceptions import InvalidDataError, InvalidInputError
from backsafe.serde._schema import check_type, public_types
from backsafe.serde._strict import (
    SCHEMA_VERSION,
    VERSION_KEY,
    converter,
    problems,
    reject_constant,
    unique_keys,
)

__all__ = [
    "SCHEMA_VERSION",
    "VERSION_KEY",
    "converter",
    "from_dict",
    "from_json",
    "public_types",
    "to_dict",
    "to_json",
]

T = TypeVar("T")

#: The widest indent `to_json` writes, in spaces.
MAX_INDENT = 64


# --- Public functions ------------------------------------------------------


def to_dict(obj: object) -> dict[str, Any]:
    """Turn a backsafe object into a JSON-ready dictionary.

    Enumerations become their string values, tuples and frozensets become
    lists (frozensets sorted, so the output is stable), and the document
    carries ``"schema_version"``.

    Args:
        obj: An instance of any public backsafe class.

    Returns:
        A dictionary of plain JSON values.

    Raises:
        InvalidInputError: *obj* is not a backsafe object.

    >>> to_dict(Body(mass_kg=80, height_m=1.78))
    {'schema_version': 1, 'mass_kg': 80, 'height_m': 1.78, 'sex': None}

    .. versionadded:: 0.1.0
    """
    check_type(type(obj))
    data = converter().unstructure(obj)
    return {VERSION_KEY: SCHEMA_VERSION, **data}


def from_dict(data: object, cls: type[T]) -> T:
    """Build a *cls* from a dictionary, checking everything.

    Unknown keys, wrong types, out-of-range values and broken cross-field
    rules are all reported together, each with its path in the document.

    Args:
        data: A dictionary as `to_dict` makes it, with ``"schema_version"``.
        cls: The public backsafe class to build.

    Returns:
        The object.

    Raises:
        InvalidDataError: The document does not describe a valid *cls*;
            its ``errors`` list every problem.
        InvalidInputError: *cls* is not a public backsafe class.

    >>> from_dict({"schema_version": 1, "degrees": 30}, TorsoLean)
    TorsoLean(degrees=30.0)
    >>> try:
    ...     from_dict({"schema_version": 1, "degrees": 120}, TorsoLean)
    ... except InvalidDataError as err:
    ...     print(err.errors[0])
    TorsoLean.degrees must be a finite number in [0, 90] degrees, got 120.0 @ $

    .. versionadded:: 0.1.0
    """
    check_type(cls)
    what = f"invalid {cls.__name__} document"
    if not isinstance(data, Mapping):
        raise InvalidDataError(what, ["expected an object @ $"])
    errors: list[str] = []
    body = dict(data)
    version = body.pop(VERSION_KEY, None)
    if version != SCHEMA_VERSION or isinstance(version, bool):
        errors.append(
            f"{VERSION_KEY} must be {SCHEMA_VERSION}, got {version!r}"
            f" @ $.{VERSION_KEY}"
        )
    try:
        obj: T = converter().structure(body, cls)
    except Exception as exc:
        errors.extend(problems(exc))
        raise InvalidDataError(what, errors) from exc
    if errors:
        raise InvalidDataError(what, errors)
    return obj


def to_json(obj: object, *, indent: int | None = None) -> str:
    """Serialize a backsafe object to a JSON string.

    Args:
        obj: An instance of any public backsafe class.
        indent: Indent nested levels by this many spaces; compact if
            ``None``.

    Returns:
        The JSON text (as `to_dict` describes).

    Raises:
        InvalidInputError: *obj* is not a backsafe object.

    >>> to_json(TorsoLean(degrees=30))
    '{"schema_version": 1, "degrees": 30}'

    .. versionadded:: 0.1.0
    """
    if indent is not None:
        v.check_int("indent", indent, min_value=0, max_value=MAX_INDENT)
    return json.dumps(to_dict(obj), indent=indent, ensure_ascii=False)


def from_json(text: str | bytes, cls: type[T]) -> T:
    """Parse JSON text into a *cls*, checking everything.

    Args:
        text: A JSON document as `to_json` writes it.
        cls: The public backsafe class to build.

    Returns:
        The object.

    Raises:
        InvalidDataError: The text is not JSON, or does not describe a
            valid *cls*.
        InvalidInputError: *cls* is not a public backsafe class.

    >>> from_json('{"schema_version": 1, "degrees": 30}', TorsoLean)
    TorsoLean(degrees=30.0)

    .. versionadded:: 0.1.0
    """
    check_type(cls)
    if not isinstance(text, str | bytes):
        raise InvalidInputError.out_of_range("text", text, "a str or bytes")
    try:
        data = json.loads(
            text,
            parse_constant=reject_constant,
            object_pairs_hook=unique_keys,
        )
    except (ValueError, RecursionError) as exc:
        msg = f"invalid {cls.__name__} document"
        raise InvalidDataError(msg, [f"not valid JSON: {exc} @ $"]) from exc
    return from_dict(data, cls)
