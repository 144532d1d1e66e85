"""Chunking: check rows and run the spine kernel over numpy, chunk by chunk.

The equations are `backsafe.spine._kernel`'s, the same lines that score one
posture; here they get a numpy namespace and a chunk of rows at a time, so
the memory used beyond the result stays bounded and a chunk's temporaries
stay in the processor's cache.
"""

from collections.abc import Sequence
from typing import Any, Final, Protocol

import numpy as np

from backsafe import _validation as v
from backsafe.batch._columns import MISSING, FloatArray, Values
from backsafe.batch._problems import _Problems
from backsafe.batch._result import SpinalLoadArrays, _Outputs
from backsafe.batch._rows import _Body, _Chunk, _scalar_or_array
from backsafe.exceptions import InvalidInputError
from backsafe.spine import _kernel as kernel
from backsafe.spine._model import (
    ModelOptions,
    check_joint,
    check_moment_arm,
    check_table,
)
from backsafe.spine._types import Anthropometrics, Limits, Sex

#: Rows per chunk: large enough to amortise numpy's per-call overhead, small
#: enough that a chunk's temporaries stay in the processor's cache.
DEFAULT_CHUNK_ROWS: Final = 32_768
MAX_CHUNK_ROWS: Final = 1 << 24


class _Numpy:
    """The kernel's `Namespace` over numpy arrays.

    A condition that is one value for the whole chunk (every row static,
    say) picks its branch without a pass over the rows.
    """

    radians = staticmethod(np.radians)
    sin = staticmethod(np.sin)
    cos = staticmethod(np.cos)
    abs = staticmethod(np.abs)
    maximum = staticmethod(np.maximum)

    @staticmethod
    def where(condition: Any, x: Any, y: Any, /) -> Any:
        if isinstance(condition, np.ndarray):
            return np.where(condition, x, y)
        return x if condition else y

    @staticmethod
    def total(terms: Sequence[Any], /) -> Any:
        total = terms[0]
        for term in terms[1:]:
            total = total + term
        return total


NUMPY: Final[kernel.Namespace] = _Numpy()


class _Rows(Protocol):
    """Rows that turn into the kernel's inputs, chunk by chunk."""

    def chunk(self, lo: int, hi: int, problems: _Problems) -> _Chunk:
        """Rows *lo* to *hi*, noting the bad ones in *problems*."""


def _options(
    joint: object,
    anthropometrics: object,
    extensor_moment_arm_m: float | None,
    limits: object,
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
    )


def _run(
    n: int,
    rows: _Rows,
    body: _Body,
    model: ModelOptions,
    chunk_rows: int,
    *,
    read_only: bool = True,
) -> SpinalLoadArrays:
    """Check and compute every chunk; raise if any row is bad.

    The result's arrays are read-only unless the caller hands them on
    (a data frame takes them over without a copy).
    """
    step = v.check_int(
        "chunk_rows", chunk_rows, min_value=1, max_value=MAX_CHUNK_ROWS
    )
    out = _Outputs.empty(n)
    fractions = _upper_fractions(model.table)
    problems = _Problems()
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
        if not problems:
            # Rows past a bad one are still checked, so that the error lists
            # them all, but no longer computed.
            _evaluate(
                out,
                slice(lo, hi),
                chunk,
                mass=mass,
                height=height,
                fraction=_scalar_or_array(fractions[sex]),
                model=model,
            )
    problems.raise_if_any()
    return out.freeze(model.joint, read_only=read_only)


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
    out: _Outputs,
    rows: slice,
    chunk: _Chunk,
    *,
    mass: Values,
    height: Values,
    fraction: Values,
    model: ModelOptions,
) -> None:
    """Compute one chunk into *out* with the kernel, as one row would be."""
    terms = kernel.terms(
        NUMPY,
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
    )
    grades = kernel.grades(
        NUMPY, terms.compression_n, terms.shear_n, model.limits
    )
    out.moment_nm[rows] = terms.moment_nm
    out.compression_n[rows] = terms.compression_n
    out.shear_n[rows] = terms.shear_n
    out.level[rows] = grades.level
    out.compression_level[rows] = grades.compression_level
    out.shear_level[rows] = grades.shear_level
    out.method[rows] = chunk.method
