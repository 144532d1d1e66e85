"""JSON in and out: `to_dict`, `from_dict`, `to_json` and `from_json`.

Every document goes through the one strict converter of
`backsafe._strict`; cattrs is imported inside functions, so
``import backsafe`` stays light, and this module itself is loaded on first
use of a serialization name.
"""

import json
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar, overload

import attrs

from backsafe import _validation as v
from backsafe._strict import (
    REFERENCES,
    SCHEMA_VERSION,
    VERSION_KEY,
    ExpectedError,
    converter,
    problems,
    reject_constant,
    unique_keys,
)
from backsafe.exceptions import (
    InvalidDataError,
    InvalidInputError,
    UnknownExerciseError,
)
from backsafe.serde._schema import check_type, public_types

if TYPE_CHECKING:
    from backsafe.exercises._catalog import Catalog
    from backsafe.exercises._exercise import Exercise

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

#: How nested exercises are written: whole, or by their slug.
ExerciseForm = Literal["object", "slug"]
_FORMS: Final = ("object", "slug")
_ABSENT: Final = object()
#: The widest indent `to_json` writes, in spaces.
MAX_INDENT = 64


# --- Public functions ------------------------------------------------------


@overload
def to_dict(  # type: ignore[overload-overlap]
    obj: list[Any] | tuple[Any, ...], *, exercises: ExerciseForm = "object"
) -> list[dict[str, Any]]: ...
@overload
def to_dict(
    obj: object, *, exercises: ExerciseForm = "object"
) -> dict[str, Any]: ...
def to_dict(
    obj: object, *, exercises: ExerciseForm = "object"
) -> dict[str, Any] | list[dict[str, Any]]:
    """Turn a backsafe object, or a list or tuple of them, into JSON values.

    Enumerations become their string values, tuples and frozensets become
    lists (frozensets sorted, so the output is stable), and the document
    carries ``"schema_version"``. A list or tuple (an `AlternativeList`,
    say) becomes a list of such documents.

    Args:
        obj: An instance of any public backsafe class, or a list or tuple
            of them.
        exercises: ``"slug"`` writes every nested `Exercise` (the
            exercise of an `Alternative` or a `WorkoutItem`) as its slug,
            which `from_dict` looks up in a catalog; ``"object"`` writes
            it whole.

    Returns:
        A dictionary of plain JSON values, or a list of them.

    Raises:
        InvalidInputError: *obj* is not a backsafe object, or a list or
            tuple of them; or a bad *exercises*.

    >>> to_dict(Body(mass_kg=80, height_m=1.78))
    {'schema_version': 1, 'mass_kg': 80, 'height_m': 1.78, 'sex': None}
    >>> to_dict([TorsoLean(degrees=10), TorsoLean(degrees=20)])
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'schema_version': 1, 'degrees': 10},
     {'schema_version': 1, 'degrees': 20}]

    .. versionadded:: 0.1.0
    """
    if exercises not in _FORMS:
        raise InvalidInputError.out_of_range(
            "exercises", exercises, "'object' or 'slug'"
        )
    if isinstance(obj, list | tuple):
        for item in obj:
            check_type(type(item))
        return [_document(item, exercises) for item in obj]
    check_type(type(obj))
    return _document(obj, exercises)


def from_dict(
    data: object,
    cls: type[T],
    *,
    catalog: "Catalog | Iterable[Exercise] | None" = None,
) -> T:
    """Build a *cls* from a dictionary, checking everything.

    Unknown keys, wrong types, out-of-range values and broken cross-field
    rules are all reported together, each with its path in the document.
    A document without ``"schema_version"`` is read as the current
    version; another version is refused.

    Args:
        data: A dictionary as `to_dict` makes it; a list of them for a
            collection *cls*.
        cls: The public backsafe class to build; or a collection of one:
            ``list[X]``, ``tuple[X, ...]``, `AlternativeList` or
            `ExerciseSelection`.
        catalog: Where a nested exercise given by its slug is looked up;
            the built-in catalog if not given.

    Returns:
        The object.

    Raises:
        InvalidDataError: The document does not describe a valid *cls*;
            its ``errors`` list every problem.
        InvalidInputError: *cls* is not a public backsafe class or a
            collection of one, or *catalog* is not a catalog.

    >>> from_dict({"schema_version": 1, "degrees": 30}, TorsoLean)
    TorsoLean(degrees=30.0)
    >>> from_dict([{"degrees": 30}], list[TorsoLean])
    [TorsoLean(degrees=30.0)]
    >>> try:
    ...     from_dict({"schema_version": 1, "degrees": 120}, TorsoLean)
    ... except InvalidDataError as err:
    ...     print(err.errors[0])
    TorsoLean.degrees must be a finite number in [0, 90] degrees, got 120.0 @ $

    .. versionadded:: 0.1.0
    """
    item = check_type(cls, collections=True)
    result: T = read(data, cls, item, catalog=catalog)
    return result


def read(data: object, cls: Any, item: type, *, catalog: object = None) -> Any:
    """`from_dict` of a checked *cls* (any attrs class) and its *item*.

    The web room reads its request envelopes with it.
    """
    resolve = _resolver(catalog)
    name = getattr(cls, "__name__", None) or f"list of {item.__name__}"
    what = f"invalid {name} document"
    token = REFERENCES.set(resolve)
    try:
        if item is cls:
            obj, errors, cause = _read(data, item, "$")
        else:
            obj, errors, cause = _read_many(data, cls, item)
    finally:
        REFERENCES.reset(token)
    if errors:
        raise InvalidDataError(what, errors) from cause
    return obj


def to_json(
    obj: object,
    *,
    indent: int | None = None,
    exercises: ExerciseForm = "object",
) -> str:
    """Serialize a backsafe object, or a list or tuple of them, to JSON.

    Args:
        obj: An instance of any public backsafe class, or a list or tuple
            of them.
        indent: Indent nested levels by this many spaces; compact if
            ``None``.
        exercises: As for `to_dict`.

    Returns:
        The JSON text (as `to_dict` describes).

    Raises:
        InvalidInputError: *obj* is not a backsafe object, or a list or
            tuple of them; or a bad *exercises*.

    >>> to_json(TorsoLean(degrees=30))
    '{"schema_version": 1, "degrees": 30}'

    .. versionadded:: 0.1.0
    """
    if indent is not None:
        v.check_int("indent", indent, min_value=0, max_value=MAX_INDENT)
    return json.dumps(
        to_dict(obj, exercises=exercises), indent=indent, ensure_ascii=False
    )


def from_json(
    text: str | bytes,
    cls: type[T],
    *,
    catalog: "Catalog | Iterable[Exercise] | None" = None,
) -> T:
    """Parse JSON text into a *cls*, checking everything.

    Args:
        text: A JSON document as `to_json` writes it.
        cls: The public backsafe class to build, or a collection of one
            (as for `from_dict`).
        catalog: As for `from_dict`.

    Returns:
        The object.

    Raises:
        InvalidDataError: The text is not JSON, or does not describe a
            valid *cls*.
        InvalidInputError: *cls* is not a public backsafe class or a
            collection of one.

    >>> from_json('{"schema_version": 1, "degrees": 30}', TorsoLean)
    TorsoLean(degrees=30.0)

    .. versionadded:: 0.1.0
    """
    item = check_type(cls, collections=True)
    if not isinstance(text, str | bytes):
        raise InvalidInputError.out_of_range("text", text, "a str or bytes")
    try:
        data = json.loads(
            text,
            parse_constant=reject_constant,
            object_pairs_hook=unique_keys,
        )
    except (ValueError, RecursionError) as exc:
        name = getattr(cls, "__name__", None) or f"list of {item.__name__}"
        msg = f"invalid {name} document"
        raise InvalidDataError(msg, [f"not valid JSON: {exc} @ $"]) from exc
    return from_dict(data, cls, catalog=catalog)


# --- Writing ---------------------------------------------------------------


def _document(obj: object, exercises: ExerciseForm) -> dict[str, Any]:
    data = (
        converter().unstructure(obj)
        if exercises == "object"
        else _compact_object(obj)
    )
    return {VERSION_KEY: SCHEMA_VERSION, **data}


def _compact_object(obj: Any) -> dict[str, Any]:
    """Unstructure an attrs object, its nested exercises as their slugs."""
    return {
        field.name: _compact(getattr(obj, field.name))
        for field in attrs.fields(type(obj))
        if field.init
    }


def _compact(value: object) -> Any:
    from backsafe.exercises._exercise import Exercise  # noqa: PLC0415

    if isinstance(value, Exercise):
        return value.slug
    if attrs.has(type(value)):
        return _compact_object(value)
    if isinstance(value, tuple):
        return [_compact(item) for item in value]
    return converter().unstructure(value)


# --- Reading ---------------------------------------------------------------


#: What reading gives: the object (None if bad), the problems, and the
#: first exception met, to chain to the report.
_Read = tuple[Any, list[str], Exception | None]


def _read(data: object, cls: type, path: str) -> _Read:
    """Read one document at *path* of the whole."""
    if not isinstance(data, Mapping):
        return None, [f"expected an object @ {path}"], None
    errors: list[str] = []
    body = dict(data)
    version = body.pop(VERSION_KEY, _ABSENT)
    if version is not _ABSENT and (
        version != SCHEMA_VERSION or isinstance(version, bool)
    ):
        errors.append(
            f"{VERSION_KEY} must be {SCHEMA_VERSION}, got {version!r}"
            f" @ {path}.{VERSION_KEY}"
        )
    try:
        obj: Any = converter().structure(body, cls)
    except Exception as exc:  # noqa: BLE001  (reported with its path)
        return None, [*errors, *problems(exc, path)], exc
    return obj, errors, None


def _read_many(data: object, cls: object, item: type) -> _Read:
    if not isinstance(data, list | tuple):
        return None, ["expected an array @ $"], None
    objects: list[Any] = []
    errors: list[str] = []
    cause: Exception | None = None
    for index, raw in enumerate(data):
        obj, found, exc = _read(raw, item, f"$[{index}]")
        objects.append(obj)
        errors.extend(found)
        cause = cause or exc
    container = typing.cast(
        "Callable[[list[Any]], Any]",
        cls if isinstance(cls, type) else typing.get_origin(cls),
    )
    return container(objects), errors, cause


def _resolver(catalog: object) -> Callable[[type, str], Any]:
    """Look up nested exercises given by slug in *catalog*."""
    from backsafe.exercises._alternatives import _pool  # noqa: PLC0415
    from backsafe.exercises._catalog import suggest  # noqa: PLC0415
    from backsafe.exercises._exercise import Exercise  # noqa: PLC0415

    given = None if catalog is None else _pool(catalog)

    def resolve(cls: type, slug: str) -> Any:
        if cls is not Exercise:
            raise ExpectedError(allowed="an object")
        pool = _pool(None) if given is None else given
        found = pool.get(slug)
        if found is None:
            raise UnknownExerciseError(slug, suggest(slug, pool.values()))
        return found

    return resolve
