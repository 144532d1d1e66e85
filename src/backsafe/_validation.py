"""Validators that raise `InvalidInputError` with field, value and range.

attrs' built-in ``ge``/``le`` validators raise a bare `ValueError` whose
message lacks the allowed range, and they let NaN through ``ge`` and ``le``
alike; backsafe promises one error type with a complete message, so its
models use these instead.
"""

import enum
import math
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any, Final, TypeVar

import attrs

from backsafe.exceptions import InvalidInputError

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]
E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

#: JSON Schema keywords that each validator made here enforces, read by
#: ``backsafe.json_schema`` so the published schemas carry the same bounds.
SCHEMA_HINTS: dict[Validator, dict[str, Any]] = {}

#: A string without leading or trailing whitespace (what `check_text` wants).
STRIPPED_PATTERN = r"^\S(?:[\s\S]*\S)?$"


def _hinted(validate: Validator, **hints: Any) -> Validator:
    """Record the JSON Schema keywords *validate* enforces, and return it."""
    SCHEMA_HINTS[validate] = hints
    return validate


def field_name(instance: object, attribute: "attrs.Attribute[Any]") -> str:
    """Name a field as ``Class.field`` for messages."""
    return f"{type(instance).__name__}.{attribute.name}"


#: The largest finite float; comparing with it refuses NaN, infinities and
#: ints too large for a float in one step.
_FLOAT_MAX: Final = sys.float_info.max


def is_real_in_range(
    value: object,
    min_value: float,
    max_value: float,
    *,
    min_exclusive: bool = False,
) -> bool:
    """Return whether *value* is a finite int or float (not a bool) in range.

    The fast path of every numeric check: no message is built.
    """
    if value.__class__ is not float and value.__class__ is not int:
        return False
    x: float = value
    if not -_FLOAT_MAX <= x <= _FLOAT_MAX:
        return False
    if min_exclusive:
        return min_value < x <= max_value
    return min_value <= x <= max_value


def check_real(
    name: str,
    value: object,
    *,
    min_value: float,
    max_value: float,
    unit: str = "",
    min_exclusive: bool = False,
) -> float:
    """Return *value* as a float if it is a finite real in range, else raise.

    Booleans are refused: ``True`` is an int, but never a mass.
    """
    if is_real_in_range(
        value, min_value, max_value, min_exclusive=min_exclusive
    ):
        return float(value)  # type: ignore[arg-type]
    lo = "(" if min_exclusive else "["
    suffix = f" {unit}" if unit else ""
    allowed = f"a finite number in {lo}{min_value:g}, {max_value:g}]{suffix}"
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInputError.out_of_range(name, value, allowed)
    try:
        x = float(value)
    except OverflowError:  # an int too large for a float
        raise InvalidInputError.out_of_range(name, value, allowed) from None
    too_low = x <= min_value if min_exclusive else x < min_value
    if not math.isfinite(x) or too_low or x > max_value:
        raise InvalidInputError.out_of_range(name, value, allowed)
    return x


def check_int(
    name: str, value: object, *, min_value: int, max_value: int
) -> int:
    """Return *value* if it is an int in range (not a bool), else raise."""
    allowed = f"an integer in [{min_value}, {max_value}]"
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not min_value <= value <= max_value
    ):
        raise InvalidInputError.out_of_range(name, value, allowed)
    return value


def real(
    min_value: float,
    max_value: float,
    *,
    unit: str = "",
    min_exclusive: bool = False,
) -> Validator:
    """Validate a finite real number in a closed (or half-open) range."""

    def validate(
        instance: object, attribute: "attrs.Attribute[Any]", value: object
    ) -> None:
        if is_real_in_range(
            value, min_value, max_value, min_exclusive=min_exclusive
        ):
            return
        check_real(
            field_name(instance, attribute),
            value,
            min_value=min_value,
            max_value=max_value,
            unit=unit,
            min_exclusive=min_exclusive,
        )

    return _hinted(
        validate,
        minimum=None if min_exclusive else min_value,
        exclusiveMinimum=min_value if min_exclusive else None,
        maximum=max_value,
    )


def integer(min_value: int, max_value: int) -> Validator:
    """Validate an int (not a bool) in a closed range."""

    def validate(
        instance: object, attribute: "attrs.Attribute[Any]", value: object
    ) -> None:
        check_int(
            field_name(instance, attribute),
            value,
            min_value=min_value,
            max_value=max_value,
        )

    return _hinted(validate, minimum=min_value, maximum=max_value)


def check_member(name: str, value: object, cls: type[E]) -> E:
    """Return *value* if it is a member of the enum *cls*, else raise."""
    if not isinstance(value, cls):
        allowed = "one of " + ", ".join(repr(m.value) for m in cls)
        same = [m for m in cls if type(value) is str and m.value == value]
        if same:
            # The model takes members, not their values: say so plainly.
            kind = cls.__name__
            raise InvalidInputError(
                f"{name} must be a {kind} member such as"
                f" {kind}.{same[0].name}, not the plain string {value!r}",
                field=name,
                value=value,
                allowed=f"a {kind} member",
            )
        raise InvalidInputError.out_of_range(name, value, allowed)
    return value


def member(cls: type[enum.Enum]) -> Validator:
    """Validate a member of the enum *cls*."""

    def validate(
        instance: object, attribute: "attrs.Attribute[Any]", value: object
    ) -> None:
        if not isinstance(value, cls):
            check_member(field_name(instance, attribute), value, cls)

    return validate


def optional_member(cls: type[enum.Enum]) -> Validator:
    """Validate ``None`` or a member of the enum *cls*."""

    def validate(
        instance: object, attribute: "attrs.Attribute[Any]", value: object
    ) -> None:
        if value is not None and not isinstance(value, cls):
            check_member(field_name(instance, attribute), value, cls)

    return validate


def members(cls: type[enum.Enum], *, min_size: int = 0) -> Validator:
    """Validate a frozenset of members of *cls* with at least *min_size*."""

    def validate(
        instance: object, attribute: "attrs.Attribute[Any]", value: object
    ) -> None:
        if (
            isinstance(value, frozenset)
            and len(value) >= min_size
            and all(isinstance(item, cls) for item in value)
        ):
            return
        name = field_name(instance, attribute)
        if not isinstance(value, frozenset) or len(value) < min_size:
            raise InvalidInputError.out_of_range(
                name,
                value,
                f"a frozenset of at least {min_size} {cls.__name__} members",
            )
        bad = first_in_order(
            item for item in value if not isinstance(item, cls)
        )
        check_member(name, bad, cls)

    return _hinted(validate, minItems=min_size, uniqueItems=True)


def text(*, max_length: int = 200, min_length: int = 1) -> Validator:
    """Validate a stripped, non-empty string of bounded length."""

    def validate(
        instance: object, attribute: "attrs.Attribute[Any]", value: object
    ) -> None:
        check_text(
            field_name(instance, attribute),
            value,
            max_length=max_length,
            min_length=min_length,
        )

    return _hinted(
        validate,
        minLength=min_length,
        maxLength=max_length,
        pattern=STRIPPED_PATTERN,
    )


def check_text(
    name: str, value: object, *, max_length: int = 200, min_length: int = 1
) -> str:
    """Return *value* if it is a stripped string of bounded length."""
    allowed = (
        f"a string of {min_length} to {max_length} characters without"
        " leading or trailing spaces"
    )
    if (
        not isinstance(value, str)
        or not min_length <= len(value) <= max_length
        or value != value.strip()
    ):
        raise InvalidInputError.out_of_range(name, value, allowed)
    return value


def texts(*, max_length: int = 400, max_items: int = 50) -> Validator:
    """Validate a tuple of non-empty strings."""

    def validate(
        instance: object, attribute: "attrs.Attribute[Any]", value: object
    ) -> None:
        name = field_name(instance, attribute)
        if not isinstance(value, tuple) or len(value) > max_items:
            raise InvalidInputError.out_of_range(
                name, value, f"a tuple of at most {max_items} strings"
            )
        for item in value:
            check_text(name, item, max_length=max_length)

    return _hinted(
        validate,
        maxItems=max_items,
        items={
            "type": "string",
            "minLength": 1,
            "maxLength": max_length,
            "pattern": STRIPPED_PATTERN,
        },
    )


SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def check_slug(name: str, value: object) -> str:
    """Return *value* if it is a lower-case, hyphenated slug."""
    allowed = "a slug of lower-case letters, digits and single hyphens"
    if (
        not isinstance(value, str)
        or len(value) > 80  # noqa: PLR2004
        or not SLUG_RE.fullmatch(value)
    ):
        raise InvalidInputError.out_of_range(name, value, allowed)
    return value


def slug() -> Validator:
    """Validate a slug such as ``"split-squat"``."""

    def validate(
        instance: object, attribute: "attrs.Attribute[Any]", value: object
    ) -> None:
        check_slug(field_name(instance, attribute), value)

    return _hinted(validate, maxLength=80, pattern=f"^{SLUG_RE.pattern}$")


def slugs() -> Validator:
    """Validate a tuple of slugs without repeats."""

    def validate(
        instance: object, attribute: "attrs.Attribute[Any]", value: object
    ) -> None:
        name = field_name(instance, attribute)
        if not isinstance(value, tuple):
            raise InvalidInputError.out_of_range(
                name, value, "a tuple of distinct slugs"
            )
        for item in value:
            check_slug(name, item)
        if len(set(value)) != len(value):
            raise InvalidInputError.out_of_range(
                name, value, "a tuple of distinct slugs"
            )

    return _hinted(
        validate,
        uniqueItems=True,
        items={
            "type": "string",
            "maxLength": 80,
            "pattern": f"^{SLUG_RE.pattern}$",
        },
    )


def tuple_of(cls: type, what: str) -> Validator:
    """Validate a tuple whose items are all instances of *cls*."""

    def validate(
        instance: object, attribute: "attrs.Attribute[Any]", value: object
    ) -> None:
        if not isinstance(value, tuple) or not all(
            isinstance(item, cls) for item in value
        ):
            raise InvalidInputError.out_of_range(
                field_name(instance, attribute), value, f"a tuple of {what}"
            )

    return validate


def instance_of(cls: type, what: str) -> Validator:
    """Validate an instance of *cls*, described as *what* in messages."""

    def validate(
        instance: object, attribute: "attrs.Attribute[Any]", value: object
    ) -> None:
        if not isinstance(value, cls):
            raise InvalidInputError.out_of_range(
                field_name(instance, attribute), value, what
            )

    return validate


def all_members(values: Iterable[enum.Enum]) -> str:
    """Format enum members for a message."""
    return ", ".join(repr(v.value) for v in values)


# --- One rule for input at the public boundary -------------------------------
#
# Public functions accept an enum member or its string value, a
# ``datetime.date`` or an ISO ``YYYY-MM-DD`` string, any real number type
# (numpy's included, detected through ``numbers.Real`` and
# ``operator.index`` so numpy is never imported) and any sequence for a
# tuple. They convert once, here; inside, the types stay strict.

import datetime as dt  # noqa: E402 (appended section)
import numbers as _numbers  # noqa: E402
import operator as _operator  # noqa: E402
from collections.abc import Sequence as _Sequence  # noqa: E402

_ISO_DATE_RE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


def coerce_member(name: str, value: object, cls: type[E]) -> E:
    """Return the member of *cls* that *value* is or names, else raise."""
    if isinstance(value, cls):
        return value
    if isinstance(value, str):
        for item in cls:
            if item.value == value:
                return item
    allowed = "one of " + ", ".join(repr(m.value) for m in cls)
    raise InvalidInputError.out_of_range(name, value, allowed)


def coerce_optional_member(name: str, value: object, cls: type[E]) -> E | None:
    """`coerce_member`, or ``None`` for ``None``."""
    return None if value is None else coerce_member(name, value, cls)


def coerce_date(name: str, value: object) -> dt.date:
    """Return a ``datetime.date`` given one or an ISO ``YYYY-MM-DD`` string.

    Only that format: week dates (``2026-W10-1``), ordinal dates and the
    basic format (``20260302``) are refused, as are datetimes.
    """
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    allowed = "a datetime.date or an ISO date string 'YYYY-MM-DD'"
    if isinstance(value, str) and _ISO_DATE_RE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidInputError.out_of_range(name, value, allowed)


def _is_boolean(value: object) -> bool:
    return isinstance(value, bool) or type(value).__name__ in {"bool_", "bool"}


def _as_number(value: object, *, integral: bool) -> object:
    """*value* as a plain int or float when it is a real number type."""
    if _is_boolean(value) or value.__class__ in {int, float}:
        return value
    try:
        return _operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        pass
    if not integral and isinstance(value, _numbers.Real):
        try:
            return float(value)
        except (OverflowError, ValueError):
            return value
    return value


def coerce_real(
    name: str,
    value: object,
    *,
    min_value: float,
    max_value: float,
    unit: str = "",
    min_exclusive: bool = False,
) -> float:
    """Return any real number (numpy's too) in range as a float, else raise.

    Booleans are refused, numpy's included.
    """
    number = _as_number(value, integral=False)
    try:
        return check_real(
            name,
            number,
            min_value=min_value,
            max_value=max_value,
            unit=unit,
            min_exclusive=min_exclusive,
        )
    except InvalidInputError as error:
        if number is value:
            raise
        raise InvalidInputError.out_of_range(
            name, value, error.allowed or ""
        ) from None


def coerce_int(
    name: str, value: object, *, min_value: int, max_value: int
) -> int:
    """Return any integer (numpy's too) in range as an int, else raise."""
    number = _as_number(value, integral=True)
    try:
        return check_int(
            name, number, min_value=min_value, max_value=max_value
        )
    except InvalidInputError as error:
        if number is value:
            raise
        raise InvalidInputError.out_of_range(
            name, value, error.allowed or ""
        ) from None


def coerce_tuple(name: str, value: object, what: str) -> tuple[Any, ...]:
    """Return any sequence (not a string) as a tuple, else raise."""
    if isinstance(value, tuple):
        return value
    if isinstance(value, _Sequence) and not isinstance(
        value, str | bytes | bytearray
    ):
        return tuple(value)
    raise InvalidInputError.out_of_range(name, value, f"a sequence of {what}")


def check_items(name: str, items: object, cls: type[T]) -> tuple[T, ...]:
    """Return *items* as a tuple if it is an iterable of *cls*, else raise.

    For the tuple types of the API (a selection, a list of alternatives):
    a string, a non-iterable or an item of another type is refused.
    """
    allowed = f"an iterable of {cls.__name__}"
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        raise InvalidInputError.out_of_range(name, items, allowed)
    found = tuple(items)
    for item in found:
        if not isinstance(item, cls):
            raise InvalidInputError.out_of_range(name, item, allowed)
    return found


def first_in_order(values: Iterable[object]) -> object:
    """Return the first of *values* in a fixed order (by type, then repr).

    A set iterates in an order that varies with the hash seed; an error
    about "the first bad member" of one names this member instead, so the
    message is the same in every run.
    """
    return min(values, key=lambda item: (type(item).__name__, repr(item)))


def in_order(values: Iterable[Any]) -> list[Any]:
    """The items of *values*; a set's in a fixed order (by type and repr).

    A set iterates in an order that varies with the hash seed, so the first
    bad item an error names would vary between runs.
    """
    items = list(values)
    if isinstance(values, set | frozenset):
        items.sort(key=lambda item: (type(item).__name__, repr(item)))
    return items
