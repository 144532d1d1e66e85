"""attrs field validators shared by the coaching records.

Each names the field in its message (``Class.field``), as the basement
validators do.
"""

import datetime as dt
from typing import Any, Final

import attrs

from backsafe import _validation as v
from backsafe.exceptions import InvalidInputError


def is_date(
    instance: object, attribute: "attrs.Attribute[Any]", value: object
) -> None:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInputError.out_of_range(
            v.field_name(instance, attribute), value, "a datetime.date"
        )


def optional_pain(
    instance: object, attribute: "attrs.Attribute[Any]", value: object
) -> None:
    if value is not None:
        v.check_int(
            v.field_name(instance, attribute), value, min_value=0, max_value=10
        )


PAIN: Final = v.integer(0, 10)


def optional_instance(cls: type, what: str) -> v.Validator:
    """Validate ``None`` or an instance of *cls*."""
    return attrs.validators.optional(v.instance_of(cls, what))


def tuple_of(cls: type, what: str) -> v.Validator:
    """Validate a tuple of instances of *cls*."""
    return attrs.validators.deep_iterable(
        v.instance_of(cls, what), v.instance_of(tuple, f"a tuple of {what}")
    )
