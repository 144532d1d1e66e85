"""JSON in and out, and JSON Schema, through one private cattrs converter.

cattrs is imported here, inside functions, so ``import backsafe`` stays
light; this module itself is loaded on first use of a serialization name.
The converter is private: backsafe never touches ``cattrs.global_converter``,
because it lives inside other applications.
"""

import datetime as dt
import enum
import functools
import json
import math
import os
import pathlib
import re
import types
import typing
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from backsafe import _validation as v
from backsafe.exceptions import (
    BacksafeError,
    InvalidDataError,
    InvalidInputError,
)

if TYPE_CHECKING:
    from cattrs.preconf.json import JsonConverter

T = TypeVar("T")

#: The version of the document layout; bumped on incompatible changes.
SCHEMA_VERSION: Final = 1
#: The key that carries it at the top of every document.
VERSION_KEY: Final = "schema_version"

#: A time of day without a zone: HH:MM, HH:MM:SS or with microseconds.
TIME_RE: Final = re.compile(
    r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$"
)

JSON_SCHEMA_DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE_URL: Final = "https://backsafe.readthedocs.io/en/latest/schemas/"


class _ExpectedError(TypeError):
    """A value of the wrong JSON type; its message says what was expected."""


# --- Which types are public ------------------------------------------------


@functools.cache
def public_types() -> tuple[type, ...]:
    """Return every attrs class ``backsafe`` exports that JSON can hold.

    Classes whose fields are not plain data (numpy arrays, say) are left
    out, as are classes from a module whose optional extra is missing.
    """
    import backsafe  # noqa: PLC0415  (the package imports this module lazily)

    found: dict[str, type] = {}
    for name in backsafe.__all__:
        if not name[:1].isupper():
            continue  # functions and module-like instances, not classes
        try:
            obj = getattr(backsafe, name)
        except ImportError:  # pragma: no cover - needs a missing extra
            continue
        if isinstance(obj, type) and attrs.has(obj) and _is_document(obj):
            found[obj.__name__] = obj
    return tuple(found[name] for name in sorted(found))


def _is_document(cls: type) -> bool:
    try:
        _class_schema(cls, {})
    except NotImplementedError:
        return False
    return True


def _check_type(cls: object) -> type:
    if not (isinstance(cls, type) and cls in public_types()):
        names = ", ".join(t.__name__ for t in public_types())
        raise InvalidInputError.out_of_range(
            "cls", cls, f"a public backsafe class ({names})"
        )
    return cls


# --- The converter ---------------------------------------------------------


def _structure_float(obj: object, _: object) -> float:
    if isinstance(obj, bool) or not isinstance(obj, int | float):
        msg = "expected a number"
        raise _ExpectedError(msg)
    try:
        value = float(obj)
    except OverflowError:
        value = math.inf
    if not math.isfinite(value):
        msg = "expected a finite number"
        raise _ExpectedError(msg)
    return value


def _structure_int(obj: object, _: object) -> int:
    if isinstance(obj, bool) or not isinstance(obj, int):
        msg = "expected an integer"
        raise _ExpectedError(msg)
    return obj


def _structure_str(obj: object, _: object) -> str:
    if not isinstance(obj, str):
        msg = "expected a string"
        raise _ExpectedError(msg)
    return obj


def _structure_bool(obj: object, _: object) -> bool:
    if not isinstance(obj, bool):
        msg = "expected true or false"
        raise _ExpectedError(msg)
    return obj


def _structure_date(obj: object, _: object) -> dt.date:
    try:
        if not isinstance(obj, str):
            raise TypeError  # noqa: TRY301
        return dt.date.fromisoformat(obj)
    except (TypeError, ValueError):
        msg = "expected a date as YYYY-MM-DD"
        raise _ExpectedError(msg) from None


def _structure_enum(obj: object, cls: type[enum.Enum]) -> enum.Enum:
    for member in cls:
        if type(obj) is type(member.value) and obj == member.value:
            return member
    msg = "expected one of " + v.all_members(cls)
    raise _ExpectedError(msg)


def _structure_time(obj: object, _: object) -> dt.time:
    try:
        if not isinstance(obj, str) or not TIME_RE.fullmatch(obj):
            raise TypeError  # noqa: TRY301
        return dt.time.fromisoformat(obj)
    except (TypeError, ValueError):
        msg = "expected a time of day as HH:MM or HH:MM:SS"
        raise _ExpectedError(msg) from None


_SCALARS: Final[dict[type, Callable[[object, object], Any]]] = {
    bool: _structure_bool,
    int: _structure_int,
    float: _structure_float,
    str: _structure_str,
    dt.date: _structure_date,
    dt.time: _structure_time,
}


def _structure_scalar(obj: object, cls: type) -> Any:
    """Structure a JSON scalar strictly: no "80" for 80, no true for 1."""
    if issubclass(cls, enum.Enum):
        return _structure_enum(obj, cls)
    return _SCALARS[cls](obj, cls)


def _is_collection(tp: object) -> bool:
    origin = typing.get_origin(tp)
    if origin is frozenset:
        return True
    args = typing.get_args(tp)
    return origin is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _collection_hook(
    converter: "JsonConverter", tp: Any
) -> Callable[[object, object], Any]:
    """Structure ``tuple[X, ...]`` and ``frozenset[X]`` from JSON arrays.

    cattrs would iterate a string into characters; a document must give a
    list, and every bad item is reported with its index.
    """
    from cattrs.errors import (  # noqa: PLC0415
        IterableValidationError,
        IterableValidationNote,
    )

    origin = typing.get_origin(tp)
    item_type = typing.get_args(tp)[0]

    def structure(obj: object, _: object) -> Any:
        if not isinstance(obj, list | tuple):
            msg = "expected an array"
            raise _ExpectedError(msg)
        items: list[Any] = []
        errors: list[Exception] = []
        for index, raw in enumerate(obj):
            try:
                items.append(converter.structure(raw, item_type))
            except Exception as exc:  # noqa: BLE001  (reported with its path)
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(
                        f"Structuring {tp} @ index {index}", index, item_type
                    ),
                ]
                errors.append(exc)
        if errors:
            msg = f"While structuring {tp}"
            raise IterableValidationError(msg, errors, tp)
        return origin(items)

    return structure


def _attrs_hook(
    converter: "JsonConverter", cls: type
) -> Callable[[object, object], Any]:
    from cattrs.gen import make_dict_structure_fn  # noqa: PLC0415

    inner: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, converter)

    def structure(obj: object, _: object) -> Any:
        if not isinstance(obj, Mapping):
            msg = "expected an object"
            raise _ExpectedError(msg)
        return inner(obj, cls)

    return structure


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def _sorted_items(items: frozenset[Any], converter: "JsonConverter") -> Any:
    plain = [converter.unstructure(item) for item in items]
    return sorted(plain, key=lambda x: json.dumps(x, sort_keys=True))


@functools.cache
def converter() -> "JsonConverter":
    """Return backsafe's private, strict JSON converter."""
    from cattrs.preconf.json import make_converter  # noqa: PLC0415

    conv = make_converter(forbid_extra_keys=True)
    # cattrs dispatches on these by class first (subclasses included, and
    # every StrEnum is a str), so one strict hook serves them all.
    for tp in (*_SCALARS, enum.Enum):
        conv.register_structure_hook(tp, _structure_scalar)
    conv.register_structure_hook_factory(
        _is_collection, lambda t: _collection_hook(conv, t)
    )
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and attrs.has(t),
        lambda t: _attrs_hook(conv, t),
    )
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_unstructure_hook(dt.time, dt.time.isoformat)
    # A StrEnum member is a str, so JSON would take it as is; a dictionary
    # should hold the plain value all the same.
    for enum_type in (enum.Enum, enum.StrEnum, enum.IntEnum):
        conv.register_unstructure_hook(enum_type, _enum_value)
    conv.register_unstructure_hook(
        frozenset, lambda items: _sorted_items(items, conv)
    )
    conv.register_unstructure_hook_factory(
        lambda t: typing.get_origin(t) is frozenset,  # type: ignore[comparison-overlap]
        lambda _: lambda items: _sorted_items(items, conv),
    )
    return conv


# --- Errors ----------------------------------------------------------------


def _format_exception(exc: BaseException, tp: type | None) -> str:
    from cattrs.errors import ForbiddenExtraKeysError  # noqa: PLC0415
    from cattrs.v import format_exception  # noqa: PLC0415

    if isinstance(exc, BacksafeError | _ExpectedError):
        return str(exc)
    if isinstance(exc, ForbiddenExtraKeysError):
        # cattrs joins the keys as strings; a dict may have other keys.
        keys = ", ".join(
            sorted(
                k if isinstance(k, str) else repr(k)
                for k in typing.cast("set[object]", exc.extra_fields)
            )
        )
        return f"extra fields found ({keys})"
    return format_exception(exc, tp)


def _problems(exc: BaseException) -> list[str]:
    from cattrs import transform_error  # noqa: PLC0415

    try:
        return transform_error(
            exc, path="$", format_exception=_format_exception
        )
    except Exception:  # noqa: BLE001 - a report must never crash
        return [f"invalid document ({type(exc).__name__}) @ $"]


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
    _check_type(type(obj))
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
    _check_type(cls)
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
        errors.extend(_problems(exc))
        raise InvalidDataError(what, errors) from exc
    if errors:
        raise InvalidDataError(what, errors)
    return obj


def _reject_constant(name: str) -> float:
    msg = f"{name} is not valid JSON"
    raise ValueError(msg)


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
    _check_type(cls)
    if not isinstance(text, str | bytes):
        raise InvalidInputError.out_of_range("text", text, "a str or bytes")
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:
        msg = f"invalid {cls.__name__} document"
        raise InvalidDataError(msg, [f"not valid JSON: {exc} @ $"]) from exc
    return from_dict(data, cls)


# --- JSON Schema -----------------------------------------------------------


def json_schema(cls: type) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of *cls*'s documents.

    The schema is generated from the model: field types, allowed enum
    values, required keys, numeric ranges, string patterns, and no
    unknown keys.
    Rules that involve several fields (a load needs a placement, say) are
    not expressible in the schema; `from_dict` still checks them.

    Args:
        cls: A public backsafe class.

    Returns:
        The schema as a dictionary, ready for `json.dumps`.

    Raises:
        InvalidInputError: *cls* is not a public backsafe class.

    >>> schema = json_schema(Body)
    >>> schema["properties"]["mass_kg"]["maximum"]
    300.0
    >>> schema["required"]
    ['schema_version', 'mass_kg', 'height_m']

    .. versionadded:: 0.1.0
    """
    _check_type(cls)
    defs: dict[str, Any] = {}
    root = _class_schema(cls, defs)
    root["properties"] = {
        VERSION_KEY: {
            "const": SCHEMA_VERSION,
            "description": "The version of this document layout.",
        },
        **root["properties"],
    }
    root["required"] = [VERSION_KEY, *root["required"]]
    defs.pop(cls.__name__, None)
    schema: dict[str, Any] = {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": f"{SCHEMA_BASE_URL}{cls.__name__}.json",
        **root,
    }
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    return schema


def write_schemas(directory: "os.PathLike[str] | str") -> list[pathlib.Path]:
    """Write ``<Class>.json`` for every public class; return the paths."""
    folder = pathlib.Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for cls in public_types():
        path = folder / f"{cls.__name__}.json"
        text = json.dumps(json_schema(cls), indent=2, ensure_ascii=False)
        path.write_text(text + "\n", encoding="utf-8")
        written.append(path)
    return written


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    described = _attribute_docs(cls.__doc__ or "")
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        name = field.name  # cattrs writes attribute names, not aliases
        prop = _type_schema(hints[field.name], defs)
        prop.update(_validator_hints(field.validator))
        if field.default is attrs.NOTHING:
            required.append(name)
        elif not isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            prop["default"] = converter().unstructure(field.default)
        elif not field.default.takes_self:
            prop["default"] = converter().unstructure(field.default.factory())
        if name in described:
            prop["description"] = described[name]
        properties[name] = prop
    return {
        "title": cls.__name__,
        "description": _summary(cls.__doc__ or ""),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:  # noqa: C901, PLR0911, PLR0912
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is str:
        return {"type": "string"}
    if tp is dt.date:
        return {"type": "string", "format": "date"}
    if tp is dt.time:
        # Not "format": "time", which demands a UTC offset (RFC 3339).
        return {"type": "string", "pattern": TIME_RE.pattern}
    if tp is type(None):
        return {"type": "null"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {
                "title": tp.__name__,
                "description": _summary(tp.__doc__ or ""),
                "type": "string",
                "enum": [member.value for member in tp],
            }
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if isinstance(tp, type) and attrs.has(tp):
        if tp.__name__ not in defs:
            defs[tp.__name__] = {}  # reserve the name against recursion
            defs[tp.__name__] = _class_schema(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin in {typing.Union, types.UnionType}:
        return {"anyOf": [_type_schema(arg, defs) for arg in args]}
    if _is_collection(tp):
        schema: dict[str, Any] = {
            "type": "array",
            "items": _type_schema(args[0], defs),
        }
        if origin is frozenset:
            schema["uniqueItems"] = True
        return schema
    if origin is tuple:
        return {
            "type": "array",
            "prefixItems": [_type_schema(arg, defs) for arg in args],
            "minItems": len(args),
            "maxItems": len(args),
        }
    msg = f"no JSON Schema for {tp!r}"
    raise NotImplementedError(msg)


def _validator_hints(validator: object) -> dict[str, Any]:
    found: dict[str, Any] = {}
    parts = getattr(validator, "_validators", (validator,))
    for part in parts:
        hints = v.SCHEMA_HINTS.get(part, {}) if callable(part) else {}
        for key, value in hints.items():
            if key == "items":
                continue
            if value is not None:
                found[key] = value
        if "items" in hints:
            found["items"] = hints["items"]
    return found


def _summary(doc: str) -> str:
    return doc.strip().split("\n\n", 1)[0].replace("\n", " ").strip()


def _attribute_docs(doc: str) -> dict[str, str]:
    """Read the ``Attributes:`` block of a Google-style docstring."""
    lines = doc.expandtabs().splitlines()
    try:
        start = next(
            i for i, line in enumerate(lines) if line.strip() == "Attributes:"
        )
    except StopIteration:
        return {}
    found: dict[str, str] = {}
    name = ""
    indent = len(lines[start]) - len(lines[start].lstrip())
    for line in lines[start + 1 :]:
        stripped = line.strip()
        depth = len(line) - len(line.lstrip())
        if not stripped or depth <= indent:
            break
        head, sep, rest = stripped.partition(": ")
        if sep and head.isidentifier() and depth == indent + 4:
            name = head
            found[name] = rest.strip()
        elif name:
            found[name] += " " + stripped
    return {key: value.replace("`", "") for key, value in found.items()}
