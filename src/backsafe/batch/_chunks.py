"""Chunking: check rows and run the spine kernel over numpy, chunk by chunk.

The equations are `backsafe.spine._kernel`'s, the same lines that score one
posture; here they get a numpy namespace and a chunk of rows at a time, so
the memory used beyond the result stays bounded and a chunk's temporaries
stay in the processor's cache.
"""

import math
import sys
from collections.abc import Mapping, Sequence
from typing import Any, Final, Protocol

import attrs
import numpy as np
import numpy.typing as npt

from backsafe import _validation as v
from backsafe.batch import _lazy
from backsafe.batch._columns import MISSING, FloatArray, Values
from backsafe.batch._problems import _Problems
from backsafe.batch._result import SpinalLoadArrays
from backsafe.batch._rows import (
    _Body,
    _Chunk,
    _scalar_or_array,
    muscle_coefficients,
)
from backsafe.exceptions import InvalidInputError, RowProblem
from backsafe.spine import _constants as k
from backsafe.spine import _geometry as geometry
from backsafe.spine import _kernel as kernel
from backsafe.spine._model import (
    ModelOptions,
    check_acceleration,
    check_joint,
    check_moment_arm,
    check_offsets,
    check_table,
)
from backsafe.spine._namespace import Namespace, plain_zero
from backsafe.spine._types import Anthropometrics, Limits, Sex, SpineLevel

#: Rows per chunk: large enough to amortise numpy's per-call overhead, small
#: enough that a chunk's temporaries stay in the processor's cache.
DEFAULT_CHUNK_ROWS: Final = _lazy.DEFAULT_CHUNK_ROWS
MAX_CHUNK_ROWS: Final = 1 << 24


class _Numpy:
    """The kernel's `Namespace` over numpy, for one chunk at a time.

    Every result is written into a work array of the chunk, handed out in
    turn and reused chunk after chunk (`start` begins a chunk): fresh
    arrays for each operation would cost a page fault per 4 KiB touched,
    as the allocator hands freed memory back to the system. A condition
    that is one value for the whole chunk picks its branch without a pass
    over the rows, and a factor of exactly 1 or a term of exactly 0 is
    skipped, as is a product with a factor of exactly 0; none changes a
    result, so a value given once for every row gives the same numbers as
    an array repeating it.
    """

    def __init__(self) -> None:
        self._work: dict[type, list[npt.NDArray[Any]]] = {
            np.float64: [],
            np.int8: [],
            np.bool_: [],
        }
        self._rows = 0
        self._into: Mapping[str, npt.NDArray[Any]] = {}

    def start(self, rows: int, into: Mapping[str, npt.NDArray[Any]]) -> None:
        """Begin a chunk of *rows*; the previous chunk's results are done.

        *into* holds where the named results go (see `Namespace.total`).
        """
        self._rows = rows
        self._into = into

    def _out(self, into: str | None, dtype: type) -> npt.NDArray[Any]:
        if into is not None and into in self._into:
            return self._into[into]
        return self._take(dtype)

    def _take(self, dtype: type = np.float64) -> npt.NDArray[Any]:
        """A work array no result still uses (nothing else refers to it)."""
        rows = self._rows
        work = self._work[dtype]
        short = None
        for i in range(len(work)):
            # Referenced by the list and getrefcount's argument only.
            if sys.getrefcount(work[i]) == _UNUSED:
                array = work[i]
                if len(array) >= rows:
                    return array if len(array) == rows else array[:rows]
                short = i
        array = np.empty(rows, dtype=dtype)
        if short is None:
            work.append(array)
        else:
            # Replaced, so that the list stays as long as a chunk needs.
            work[short] = array
        return array

    def radians(self, x: Any, /) -> Any:
        # As `math.radians` computes it; numpy's own loop is slower.
        return np.multiply(x, _DEGREE, out=self._take())

    def sin_cos(self, x: Any, /) -> tuple[Any, Any]:
        # A cosine costs as much as twenty passes of arithmetic; from the
        # sine, sqrt((1 - sin)(1 + sin)) costs four. Its relative error is
        # about tan(x)**2 ulp, under 1e-13 up to `_EXACT_COS`; rows beyond
        # that get the exact cosine.
        sin = np.sin(x, out=self._take())
        cos = np.subtract(1.0, sin, out=self._take())
        plus = np.add(1.0, sin, out=self._take())
        np.multiply(cos, plus, out=cos)
        np.sqrt(cos, out=cos)
        steep = np.greater(x, _EXACT_COS, out=self._take(np.bool_))
        if steep.any():
            np.cos(x, out=cos, where=steep)
        return sin, cos

    def abs(self, x: Any, /) -> Any:
        return np.abs(x, out=self._take())

    def maximum(self, x: Any, y: Any, /, into: str | None = None) -> Any:
        return np.maximum(x, y, out=self._out(into, np.int8))

    def mark(self, codes: Any, condition: Any, code: int) -> Any:
        # *codes* is a chunk's output (`reached` wrote it): marked in place.
        if not isinstance(condition, np.ndarray):
            if condition:
                codes[...] = code
            return codes
        np.copyto(codes, code, where=condition)
        return codes

    def where(self, condition: Any, x: Any, y: Any, /) -> Any:
        if not isinstance(condition, np.ndarray):
            return x if condition else y
        out = self._take()
        np.copyto(out, y)
        np.copyto(out, x, where=condition)
        return out

    def product(self, *factors: Any, into: str | None = None) -> Any:
        # The plain numbers are multiplied first, into one factor.
        constant = 1.0
        kept = []
        for factor in factors:
            if type(factor) is float or type(factor) is int:
                constant *= factor
            else:
                kept.append(factor)
        if constant == 0:
            # The other factors are finite: the rows are checked.
            return 0.0
        if constant != 1:
            kept.append(constant)
        if not kept:
            return constant
        if len(kept) == 1 and into is None:
            return kept[0]
        out = self._out(into, np.float64)
        if len(kept) == 1:
            np.copyto(out, kept[0])
            return out
        np.multiply(kept[0], kept[1], out=out)
        for factor in kept[2:]:
            np.multiply(out, factor, out=out)
        return out

    def ratio(self, x: Any, y: Any, /) -> Any:
        if type(y) is float or type(y) is int:
            # One pass; the quotient may differ from x / y in the last bit.
            return np.multiply(x, 1 / y, out=self._take())
        return np.divide(x, y, out=self._take())

    def power(self, x: Any, exponent: float, /) -> Any:
        if not isinstance(x, np.ndarray):
            return float(x**exponent)
        return np.power(x, exponent, out=self._take())

    def scale(self, x: Any, value: Any, reference: float) -> Any:
        if plain_zero(x):
            return 0.0
        out = np.divide(value, reference, out=self._take())
        return np.multiply(x, out, out=out)

    def total(self, terms: Sequence[Any], /, into: str | None = None) -> Any:
        kept = [t for t in terms if not plain_zero(t)]
        if into is None and len(kept) <= 1:
            return kept[0] if kept else 0.0
        if into is None and all(type(t) is float for t in kept):
            # Plain numbers (one value for every row) stay one number.
            return math.fsum(kept) if len(kept) > 2 else kept[0] + kept[1]  # noqa: PLR2004
        out = self._out(into, np.float64)
        if len(kept) <= 1:
            np.copyto(out, kept[0] if kept else 0.0)
            return out
        np.add(kept[0], kept[1], out=out)
        for term in kept[2:]:
            np.add(out, term, out=out)
        return out

    def reached(
        self,
        value: Any,
        limits: Sequence[float],
        /,
        into: str | None = None,
    ) -> Any:
        out = self._out(into, np.int8)
        np.greater_equal(value, limits[0], out=out)
        if len(limits) > 1:
            flags = self._take(np.bool_)
            for limit in limits[1:]:
                np.greater_equal(value, limit, out=flags)
                np.add(out, flags, out=out)
        return out


CodeArray = npt.NDArray[np.int8]

_DEGREE: Final = math.pi / 180
#: Leans above 80 degrees, in radians, get `numpy.cos` (see `sin_cos`).
_EXACT_COS: Final = 80 * _DEGREE
_UNUSED: Final = 2

#: Namespaces kept for the next call, with their work arrays: fresh ones
#: would cost page faults at every call (a third of the time of a call of
#: ten thousand rows). At most `_POOL_SIZE` are kept, and only those whose
#: chunks are at most `DEFAULT_CHUNK_ROWS` rows, so the cache holds at most
#: a few MB. `list.pop` and `list.append` are atomic, so threads calling at
#: once each get their own namespace.
_POOL: Final[list[_Numpy]] = []
_POOL_SIZE: Final = 2


def _borrow() -> _Numpy:
    """A namespace no other call is using, with its work arrays if kept."""
    try:
        return _POOL.pop()
    except IndexError:
        return _Numpy()


def _give_back(xp: _Numpy, chunk_rows: int) -> None:
    """Keep *xp* for the next call, if its work arrays are small."""
    xp.start(0, {})
    if chunk_rows <= DEFAULT_CHUNK_ROWS and len(_POOL) < _POOL_SIZE:
        _POOL.append(xp)


class _Rows(Protocol):
    """Rows that turn into the kernel's inputs, chunk by chunk."""

    def chunk(self, lo: int, hi: int, problems: _Problems) -> _Chunk:
        """Rows *lo* to *hi*, noting the bad ones in *problems*."""


@attrs.frozen
class _Outputs:
    """The result's arrays while the chunks are computed."""

    moment_nm: FloatArray
    compression_n: FloatArray
    compression_low_n: FloatArray
    compression_high_n: FloatArray
    shear_n: FloatArray
    level: CodeArray
    compression_level: CodeArray
    shear_level: CodeArray
    method: CodeArray
    evidence: CodeArray

    @classmethod
    def empty(cls, n: int) -> "_Outputs":
        """Uninitialised outputs for *n* rows."""
        floats = [np.empty(n, dtype=np.float64) for _ in range(5)]
        codes = [np.empty(n, dtype=np.int8) for _ in range(5)]
        return cls(*floats, *codes)  # type: ignore[arg-type]

    def freeze(
        self,
        joint: SpineLevel,
        *,
        read_only: bool,
        valid: npt.NDArray[np.bool_] | None = None,
        problems: tuple[RowProblem, ...] = (),
    ) -> SpinalLoadArrays:
        if read_only:
            for array in attrs.astuple(self, recurse=False):
                array.flags.writeable = False
        # The model's outputs are valid by construction: the validators
        # (a pass over every array) are skipped.
        result = object.__new__(SpinalLoadArrays)
        for name, value in [
            *attrs.asdict(self, recurse=False).items(),
            ("joint", joint),
            ("valid", valid),
            ("problems", problems),
        ]:
            object.__setattr__(result, name, value)
        return result

    def into(self, rows: slice) -> dict[str, npt.NDArray[Any]]:
        """The outputs of *rows*, by the kernel's names for them."""
        return {
            name: array[rows]
            for name, array in attrs.asdict(self, recurse=False).items()
        }


def _options(
    joint: object,
    anthropometrics: object,
    extensor_moment_arm_m: float | None,
    limits: object,
    acceleration_m_s2: float = 0.0,
    *,
    placement_offsets: object = True,
) -> ModelOptions:
    if not isinstance(limits, Limits):
        raise InvalidInputError.out_of_range("limits", limits, "a Limits")
    level = check_joint(joint)
    table = check_table(anthropometrics)
    return ModelOptions(
        joint=level,
        table=table,
        arm_m=check_moment_arm(level, extensor_moment_arm_m),
        limits=limits,
        acceleration_m_s2=check_acceleration(acceleration_m_s2),
        placement_offsets=check_offsets(placement_offsets),
    )


def _run(
    n: int,
    rows: _Rows,
    body: _Body,
    model: ModelOptions,
    chunk_rows: int,
    *,
    read_only: bool = True,
    errors: str = "raise",
    problems: _Problems | None = None,
) -> SpinalLoadArrays:
    """Check and compute every chunk; raise if any row is bad.

    With *errors* ``"mask"``, bad rows are computed as well (numpy's
    warnings off), then their outputs are set to 0 and ``valid`` to False.
    The result's arrays are read-only unless the caller hands them on
    (a data frame takes them over without a copy). *problems* collects
    the bad rows, if the caller wants to read them after.
    """
    if errors not in ("raise", "mask"):
        raise InvalidInputError.out_of_range(
            "errors", errors, "'raise' or 'mask'"
        )
    masking = errors == "mask"
    step = v.check_int(
        "chunk_rows", chunk_rows, min_value=1, max_value=MAX_CHUNK_ROWS
    )
    out = _Outputs.empty(n)
    xp = _borrow()
    fractions = _upper_fractions(model.table)
    problems = _Problems() if problems is None else problems
    if masking:
        problems.bad = np.zeros(n, dtype=np.bool_)
    for lo in range(0, n, step):
        hi = min(lo + step, n)
        problems.lo = lo
        mass = body.mass.values(lo, hi, problems)
        height = body.height.values(lo, hi, problems)
        sex = body.sex.values(lo, hi, problems, missing_ok=True)
        if model.table is Anthropometrics.DE_LEVA:
            problems.where(
                "sex",
                "'female' or 'male' when anthropometrics is 'de-leva'",
                np.equal(sex, MISSING),
                None,
            )
        chunk = rows.chunk(lo, hi, problems)
        if masking or not problems:
            # Rows past a bad one are still checked, so that the error lists
            # them all, but no longer computed (unless masked).
            into = out.into(slice(lo, hi))
            xp.start(hi - lo, into)
            with np.errstate(all="ignore"):
                _evaluate(
                    into,
                    xp,
                    chunk,
                    mass=mass,
                    height=height,
                    fraction=_scalar_or_array(fractions[sex]),
                    model=model,
                )
            if problems.bad is not None:
                bad = problems.bad[lo:hi]
                for array in into.values():
                    array[bad] = 0
    _give_back(xp, step)
    if problems.bad is None:
        problems.raise_if_any()
        return out.freeze(model.joint, read_only=read_only)
    valid = ~problems.bad
    valid.flags.writeable = not read_only
    return out.freeze(
        model.joint,
        read_only=read_only,
        valid=valid,
        problems=tuple(problems.found()),
    )


def _upper_fractions(table: Anthropometrics) -> FloatArray:
    """The mass fraction above the joint by sex code (last: missing).

    A missing sex gives NaN under de Leva, but those rows are refused.
    """
    return np.array(
        [
            kernel.upper_mass_fraction(table, Sex.FEMALE),
            kernel.upper_mass_fraction(table, Sex.MALE),
            kernel.upper_mass_fraction(table, None),
        ]
    )


def _evaluate(
    into: Mapping[str, npt.NDArray[Any]],
    xp: Namespace,
    chunk: _Chunk,
    *,
    mass: Values,
    height: Values,
    fraction: Values,
    model: ModelOptions,
) -> None:
    """Compute one chunk *into* the outputs with the kernel, as one row."""
    terms = kernel.terms(
        xp,
        shares=False,
        method=chunk.method,
        lean_deg=chunk.lean_deg,
        mass_kg=mass,
        height_m=height,
        upper_fraction=fraction,
        load_kg=chunk.load_kg,
        trunk_borne=chunk.trunk_borne,
        reach_m=chunk.reach_m,
        axial=chunk.axial,
        task_n=chunk.task_n,
        arm_m=model.arm_m,
        muscles=muscle_coefficients(chunk, model.arm_m),
        along_per_h=chunk.along_per_h if model.placement_offsets else 0.0,
        front_per_h=chunk.front_per_h if model.placement_offsets else 0.0,
        joint=geometry.JOINTS[model.joint],
        inertia=1.0 + model.acceleration_m_s2 / k.GRAVITY_M_S2,
    )
    grades = kernel.grades(
        xp,
        terms.compression_n,
        terms.shear_n,
        model.limits,
        kernel.ungraded(
            chunk.method, chunk.hanging, chunk.trunk_borne, chunk.load_kg
        ),
    )
    band = kernel.band(
        xp, terms.compression_n, chunk.spread_low, chunk.spread_high
    )
    results = {
        **terms._asdict(),
        **grades._asdict(),
        **band._asdict(),
        "method": chunk.method,
        "evidence": chunk.evidence,
    }
    for name, out in into.items():
        # The namespace writes most results in place already.
        if results[name] is not out:
            out[...] = results[name]
