"""The one strict cattrs converter, and its error reports.

Every document backsafe reads (``from_dict``, ``from_json`` and catalog
files) is structured by `converter`; it knows no model class, only how to
read JSON values strictly. cattrs is imported inside functions, so loading
this module does not load cattrs. The converter is private: backsafe never
touches ``cattrs.global_converter``, because it lives inside other
applications.
"""

import contextvars
import datetime as dt
import enum
import functools
import json
import math
import re
import typing
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from backsafe import _validation as v
from backsafe.exceptions import BacksafeError

if TYPE_CHECKING:
    from cattrs.preconf.json import JsonConverter

#: The version of the document layout; bumped on incompatible changes.
SCHEMA_VERSION: Final = 1
#: The key that carries it at the top of every document.
VERSION_KEY: Final = "schema_version"

#: A time of day without a zone: HH:MM, HH:MM:SS or with microseconds.
TIME_RE: Final = re.compile(
    r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$"
)


class ExpectedError(TypeError):
    """A value of the wrong JSON type; its message says what was expected.

    Attributes:
        allowed: What was expected, such as ``"a number"``.
    """

    def __init__(self, allowed: str) -> None:
        super().__init__(f"expected {allowed}")
        self.allowed = allowed


# --- The converter ---------------------------------------------------------


def _structure_float(obj: object, _: object) -> float:
    if isinstance(obj, bool) or not isinstance(obj, int | float):
        raise ExpectedError(allowed="a number")
    try:
        value = float(obj)
    except OverflowError:
        value = math.inf
    if not math.isfinite(value):
        raise ExpectedError(allowed="a finite number")
    return value


def _structure_int(obj: object, _: object) -> int:
    if isinstance(obj, bool) or not isinstance(obj, int):
        raise ExpectedError(allowed="an integer")
    return obj


def _structure_str(obj: object, _: object) -> str:
    if not isinstance(obj, str):
        raise ExpectedError(allowed="a string")
    return obj


def _structure_bool(obj: object, _: object) -> bool:
    if not isinstance(obj, bool):
        raise ExpectedError(allowed="true or false")
    return obj


def _structure_date(obj: object, _: object) -> dt.date:
    try:
        if not isinstance(obj, str):
            raise TypeError  # noqa: TRY301
        return dt.date.fromisoformat(obj)
    except (TypeError, ValueError):
        raise ExpectedError(allowed="a date as YYYY-MM-DD") from None


def _structure_enum(obj: object, cls: type[enum.Enum]) -> enum.Enum:
    for member in cls:
        if type(obj) is type(member.value) and obj == member.value:
            return member
    raise ExpectedError(allowed="one of " + v.all_members(cls))


def _structure_time(obj: object, _: object) -> dt.time:
    try:
        if not isinstance(obj, str) or not TIME_RE.fullmatch(obj):
            raise TypeError  # noqa: TRY301
        return dt.time.fromisoformat(obj)
    except (TypeError, ValueError):
        raise ExpectedError(
            allowed="a time of day as HH:MM or HH:MM:SS"
        ) from None


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


def is_collection(tp: object) -> bool:
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
    list, and every bad item is reported with its index. A set is given
    without repeats, as its JSON Schema says (``uniqueItems``).
    """
    from cattrs.errors import (  # noqa: PLC0415
        IterableValidationError,
        IterableValidationNote,
    )

    origin = typing.get_origin(tp)
    item_type = typing.get_args(tp)[0]

    def structure(obj: object, _: object) -> Any:
        if not isinstance(obj, list | tuple):
            raise ExpectedError(allowed="an array")
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
        if origin is frozenset and len(set(items)) != len(items):
            raise ExpectedError(allowed="an array without repeats")
        return origin(items)

    return structure


#: While a document is read by ``from_dict``: how a string given where an
#: object is expected is read (an exercise's slug, say); unset otherwise.
REFERENCES: Final[
    contextvars.ContextVar[Callable[[type, str], Any] | None]
] = contextvars.ContextVar("backsafe_references", default=None)


def _attrs_hook(
    converter: "JsonConverter", cls: type
) -> Callable[[object, object], Any]:
    from cattrs.gen import make_dict_structure_fn  # noqa: PLC0415

    inner: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, converter)

    def structure(obj: object, _: object) -> Any:
        resolve = REFERENCES.get()
        if isinstance(obj, str) and resolve is not None:
            return resolve(cls, obj)
        if not isinstance(obj, Mapping):
            raise ExpectedError(allowed="an object")
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
        is_collection, lambda t: _collection_hook(conv, t)
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

    if isinstance(exc, BacksafeError | ExpectedError):
        return str(exc)
    if isinstance(exc, ForbiddenExtraKeysError):
        # cattrs joins the keys as strings; a dict may have other keys,
        # and a key may hold a line break: those are written as reprs, so
        # that a problem reads on one line.
        keys = ", ".join(
            sorted(
                k if isinstance(k, str) and k.isprintable() else repr(k)
                for k in typing.cast("set[object]", exc.extra_fields)
            )
        )
        return f"extra fields found ({keys})"
    return format_exception(exc, tp)


def problems(exc: BaseException, path: str = "$") -> list[str]:
    from cattrs import transform_error  # noqa: PLC0415

    try:
        return transform_error(
            exc, path=path, format_exception=_format_exception
        )
    except Exception:  # noqa: BLE001 - a report must never crash
        return [f"invalid document ({type(exc).__name__}) @ {path}"]


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Build a JSON object, refusing a key given twice (``json.loads``' hook).

    The standard library keeps the last of repeated keys without a word;
    a document that says two things must not silently mean one of them.
    """
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            msg = f"the key {key!r} is given twice in one object"
            raise ValueError(msg)
        data[key] = value
    return data


def reject_constant(name: str) -> float:
    """Refuse NaN and Infinity in JSON text (``json.loads``' hook)."""
    msg = f"{name} is not valid JSON"
    raise ValueError(msg)
