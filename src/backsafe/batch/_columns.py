"""Reading columns: arguments as chunked columns with their allowed values.

A column gives its rows *lo* to *hi* as floats or as codes into a
vocabulary, and notes the rows out of range as it reads them.
"""

import difflib
import functools
import math
import re
from collections.abc import Callable, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from backsafe import _validation as v
from backsafe.batch._problems import BoolArray, _Problems
from backsafe.exceptions import InvalidInputError, UnknownExerciseError

FloatArray = npt.NDArray[np.float64]
#: Per-row codes into a vocabulary: >= 0 known, `MISSING` or `UNKNOWN`.
Codes = npt.NDArray[np.intp]
#: A chunk of one input: one value per row, or one value for every row.
Values = FloatArray | float
CodeValues = Codes | int
#: Categorical arguments: a value, or values (strings, or None for missing).
Labels = npt.ArrayLike | Sequence[str | float | None]

MISSING: Final = -1
UNKNOWN: Final = -2

_EXERCISE_FIELD: Final = "exercise"


@attrs.frozen(kw_only=True)
class _FloatColumn:
    """A numeric input, with its allowed range."""

    name: str
    min_value: float
    max_value: float
    unit: str
    constant: float = 0.0
    chunk: Callable[[int, int], FloatArray] | None = None

    @property
    def allowed(self) -> str:
        suffix = f" {self.unit}" if self.unit else ""
        return (
            f"a finite number in [{self.min_value:g}, {self.max_value:g}]"
            f"{suffix}"
        )

    def values(self, lo: int, hi: int, problems: _Problems) -> Values:
        """Return rows *lo* to *hi*, noting those out of range."""
        if self.chunk is None:
            return self.constant
        x = self.chunk(lo, hi)
        # min and max propagate NaN, so one pass each finds every bad value
        # (NaN, infinities, out of range); the mask is built only then.
        if x.size and not (
            x.min() >= self.min_value and x.max() <= self.max_value
        ):
            bad = ~((x >= self.min_value) & (x <= self.max_value))
            problems.add(self.name, self.allowed, bad, x)
        return x


@attrs.frozen(kw_only=True)
class _CodeColumn:
    """A categorical input as codes into a vocabulary (see `Codes`)."""

    name: str
    allowed: str
    constant: int = MISSING
    chunk: Callable[[int, int], Codes] | None = None
    raw: Callable[[int, int], npt.NDArray[Any]] | None = None

    def values(
        self, lo: int, hi: int, problems: _Problems, *, missing_ok: bool
    ) -> CodeValues:
        """Return the codes of rows *lo* to *hi*, noting unknown ones."""
        if self.chunk is None or self.raw is None:
            return self.constant
        codes = self.chunk(lo, hi)
        bad = codes == UNKNOWN if missing_ok else codes < 0
        if bad.any():
            problems.add(self.name, self.allowed, bad, self.raw(lo, hi))
        return codes


class _Inputs:
    """Turns arguments into columns and checks that their lengths agree."""

    def __init__(self) -> None:
        self._length: int | None = None
        self._first = ""

    @property
    def rows(self) -> int:
        return 1 if self._length is None else self._length

    def _array(self, name: str, values: object) -> np.ndarray[Any, Any]:
        if isinstance(values, np.ma.MaskedArray) and np.ma.is_masked(values):
            # Its data under the mask is arbitrary: refused, not read.
            raise InvalidInputError.out_of_range(
                name,
                "a masked array with masked values",
                "an array without masked values (fill them first)",
            )
        try:
            array = np.asarray(values)
        except (ValueError, TypeError):
            raise InvalidInputError.out_of_range(
                name,
                "a ragged or mixed sequence",
                "a scalar or a 1-D array",
            ) from None
        if array.ndim > 1:
            raise InvalidInputError.out_of_range(
                name,
                f"an array of shape {array.shape}",
                "a scalar or a 1-D array",
            )
        if array.ndim == 1:
            if self._length is None:
                self._length, self._first = len(array), name
            elif len(array) != self._length:
                raise InvalidInputError.out_of_range(
                    name,
                    f"an array of {len(array)} rows",
                    f"an array of {self._length} rows, like {self._first}",
                )
        return array

    def floats(
        self,
        name: str,
        values: npt.ArrayLike,
        min_value: float,
        max_value: float,
        unit: str = "",
    ) -> _FloatColumn:
        array = self._array(name, values)
        if array.ndim == 0:
            constant = v.check_real(
                name,
                array.item(),
                min_value=min_value,
                max_value=max_value,
                unit=unit,
            )
            return _FloatColumn(
                name=name,
                min_value=min_value,
                max_value=max_value,
                unit=unit,
                constant=constant,
            )
        if array.size and array.dtype.kind not in "iuf":
            raise InvalidInputError.out_of_range(
                name,
                f"an array of dtype {array.dtype}",
                "an array of real numbers (integer or float dtype)",
            )
        return _FloatColumn(
            name=name,
            min_value=min_value,
            max_value=max_value,
            unit=unit,
            chunk=_float_chunks(array),
        )

    def codes(
        self,
        name: str,
        values: object,
        labels: tuple[str, ...],
        *,
        missing_allowed: bool = False,
    ) -> _CodeColumn:
        allowed = _one_of(name, labels, missing_allowed=missing_allowed)
        scalar = isinstance(values, str) or values is None
        array = None if scalar else self._array(name, values)
        if array is None or array.ndim == 0:
            value = values if array is None else array.item()
            return _CodeColumn(
                name=name,
                allowed=allowed,
                constant=_scalar_code(
                    name, value, labels, allowed, missing_allowed
                ),
            )
        if array.size and array.dtype.kind not in "OUS":
            raise InvalidInputError.out_of_range(
                name, f"an array of dtype {array.dtype}", "an array of str"
            )
        if array.dtype.kind == "S":
            try:
                array = array.astype(str)
            except UnicodeDecodeError:
                raise InvalidInputError.out_of_range(
                    name,
                    "bytes that are not ASCII",
                    "an array of str (or of ASCII bytes)",
                ) from None
        return _CodeColumn(
            name=name,
            allowed=allowed,
            chunk=_string_codes(
                array, labels, normalise=name == _EXERCISE_FIELD
            ),
            raw=lambda lo, hi: array[lo:hi],
        )


def _float_chunks(array: np.ndarray[Any, Any]) -> Callable[[int, int], Any]:
    def chunk(lo: int, hi: int) -> FloatArray:
        return array[lo:hi].astype(np.float64, copy=False)

    return chunk


def normalise_slug(value: str) -> str:
    """Return *value* as a slug: lower case, runs of spaces or ``_`` as ``-``.

    ``"Goblet Squat"`` and ``"goblet_squat"`` both give ``"goblet-squat"``.
    """
    return _SLUG_SEPARATORS.sub("-", value.strip().lower())


_SLUG_SEPARATORS: Final = re.compile(r"[\s_]+")


def _string_codes(
    array: np.ndarray[Any, Any],
    labels: Sequence[str],
    *,
    normalise: bool = False,
) -> Callable[[int, int], Codes]:
    """Encode strings by binary search in the sorted vocabulary.

    With *normalise* (exercise slugs), a value not found is looked up
    again as `normalise_slug` writes it.
    """
    vocabulary = np.asarray(labels)
    order = np.argsort(vocabulary, kind="stable").astype(np.intp)
    ordered = vocabulary[order]
    last = len(labels) - 1

    def encode(values: npt.NDArray[Any]) -> Codes:
        at = np.searchsorted(ordered, values)
        np.minimum(at, last, out=at)
        codes = order[at]
        codes[ordered[at] != values] = UNKNOWN
        return codes

    def chunk(lo: int, hi: int) -> Codes:
        values = array[lo:hi]
        missing: BoolArray | None = None
        if values.dtype.kind == "O":
            # None and NaN are missing; anything else is compared as text.
            missing = np.equal(values, None)  # type: ignore[call-overload]
            missing |= _unequal_to_itself(values)
            values = _as_text(values)
        elif values.dtype.kind == "S":
            values = values.astype(str)
        codes = encode(values)
        if normalise:
            unknown = np.flatnonzero(codes == UNKNOWN)
            if unknown.size:
                retry = [normalise_slug(str(x)) for x in values[unknown]]
                codes[unknown] = encode(np.asarray(retry, dtype=str))
        if missing is not None:
            codes[missing] = MISSING
        return codes

    return chunk


def _as_text(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """The objects as text; bytes that are not ASCII as their repr.

    Such bytes match no label, so their rows are bad rows (an array of
    bytes alone is refused whole when its column is made).
    """
    try:
        return values.astype(str)
    except UnicodeDecodeError:
        return np.array(
            [repr(x) if isinstance(x, bytes) else x for x in values],
            dtype=object,
        ).astype(str)


def _unequal_to_itself(values: npt.NDArray[Any]) -> BoolArray:
    """Which objects differ from themselves (NaN of any kind).

    A signalling NaN (``Decimal("sNaN")``) refuses even that comparison;
    it is a NaN, so it counts as one.
    """
    try:
        return np.asarray(np.not_equal(values, values), dtype=bool)
    except ArithmeticError:
        return np.fromiter((nan_like(x) for x in values), bool, values.size)


def nan_like(value: object) -> bool:
    """Whether *value* differs from itself (a NaN; a signalling one too)."""
    try:
        return bool(value != value)  # noqa: PLR0124 (the NaN test)
    except ArithmeticError:
        return True


def _scalar_code(
    name: str,
    value: object,
    labels: Sequence[str],
    allowed: str,
    missing_allowed: bool,  # noqa: FBT001
) -> int:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        if missing_allowed:
            return MISSING
    elif isinstance(value, str) and value in labels:
        return labels.index(value)
    elif (
        name == _EXERCISE_FIELD
        and isinstance(value, str)
        and normalise_slug(value) in labels
    ):
        return labels.index(normalise_slug(value))
    if name == _EXERCISE_FIELD and isinstance(value, str):
        close = difflib.get_close_matches(value, labels, n=3)
        raise UnknownExerciseError(value, close)
    raise InvalidInputError.out_of_range(name, value, allowed)


@functools.cache
def _one_of(
    name: str, labels: tuple[str, ...], *, missing_allowed: bool
) -> str:
    if name == _EXERCISE_FIELD:
        return "a known exercise slug"
    allowed = "one of " + ", ".join(repr(label) for label in labels)
    return allowed + ", or missing" if missing_allowed else allowed
