"""Batch scoring of a pandas data frame of logged sets.

Needs pandas (the ``frame`` extra). This module imports neither numpy nor
pandas: `score_frame` checks the extras (`backsafe.batch._lazy.require`,
which raises `MissingExtraError` without them) and then runs
`backsafe.batch._frame_many`. The numbers come from the spine kernel,
chunk by chunk (`backsafe.batch._chunks`).
"""

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Literal

from backsafe.batch._lazy import DEFAULT_CHUNK_ROWS, require
from backsafe.exercises._exercise import Exercise
from backsafe.spine._model import JointName, TableName
from backsafe.spine._types import (
    DEFAULT_LIMITS,
    Anthropometrics,
    Limits,
    SpineLevel,
)

if TYPE_CHECKING:
    import pandas as pd

_FEATURE = "score_frame"


def score_frame(
    frame: "pd.DataFrame",
    *,
    exercise: str = "exercise",
    mass_kg: str = "mass_kg",
    height_m: str = "height_m",
    load_kg: str | None = "load_kg",
    lean_deg: str | None = None,
    sex: str | None = None,
    prefix: str = "",
    exercises: Iterable[Exercise] | Mapping[str, Exercise] | None = None,
    joint: JointName = SpineLevel.L4_L5,
    anthropometrics: TableName = Anthropometrics.WINTER,
    extensor_moment_arm_m: float | None = None,
    limits: Limits = DEFAULT_LIMITS,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    errors: Literal["raise", "mask"] = "raise",
) -> "pd.DataFrame":
    """Return *frame* with the spinal load of every logged set added.

    Each row is one set: an exercise slug, the lifter's body and the load.
    The arguments *exercise* to *sex* name the columns to read; ``None``
    leaves an input out (no load, each exercise's typical lean, no sex).
    The new columns are ``moment_nm``, ``compression_n``, its band
    ``compression_low_n`` and ``compression_high_n``, ``shear_n``,
    ``level``, ``compression_level``, ``shear_level`` (ordered categoricals
    of `StressLevel` values), ``method`` and ``evidence`` (an ordered
    categorical of `Evidence` values), each after *prefix*. *frame*
    itself is not changed. Works on each partition of a Dask frame as is
    (see the batch page).

    Args:
        frame: The logged sets.
        exercise: Column of exercise slugs.
        mass_kg: Column of body masses, kg.
        height_m: Column of statures, m.
        load_kg: Column of total external loads, kg, as for `score`.
        lean_deg: Column of trunk leans, degrees.
        sex: Column of ``"female"``/``"male"``/missing; for de Leva.
        prefix: Put before the names of the new columns.
        exercises: Where slugs are looked up; the built-in catalog if not
            given.
        joint: See `spinal_load`.
        anthropometrics: See `spinal_load`.
        extensor_moment_arm_m: See `spinal_load`.
        limits: See `spinal_load`.
        chunk_rows: Rows per chunk.
        errors: ``"raise"`` (default): bad rows raise `InvalidRowsError`.
            ``"mask"``: the good rows are scored and an ``error`` column
            (after *prefix*) holds, for each bad row, its first field and
            rule (missing for good rows); the bad rows' numbers are NaN
            and their grades missing, as pandas marks missing values.

    Returns:
        A new frame: *frame*'s columns and the score columns.

    Raises:
        InvalidRowsError: Some rows are invalid; its `rows` are index
            labels of *frame*.
        InvalidInputError: A column is missing or has the wrong type, a
            new column would overwrite one of *frame*'s, or an option is
            invalid.

    >>> import pandas as pd
    >>> sets = pd.DataFrame(
    ...     {
    ...         "exercise": ["goblet-squat", "romanian-deadlift"],
    ...         "mass_kg": [80.0, 62.0],
    ...         "height_m": [1.78, 1.65],
    ...         "load_kg": [16.0, 40.0],
    ...     }
    ... )
    >>> scored = score_frame(sets)
    >>> scored[["exercise", "compression_n", "level"]].round()
    ... # doctest: +NORMALIZE_WHITESPACE
                exercise  compression_n     level
    0       goblet-squat         1553.0       low
    1  romanian-deadlift         3108.0  elevated

    .. versionadded:: 0.1.0
    """
    require(_FEATURE, "numpy", "array")
    require(_FEATURE, "pandas", "frame")
    from backsafe.batch import _frame_many  # noqa: PLC0415 (needs the extra)

    return _frame_many.score_frame(
        frame,
        exercise=exercise,
        mass_kg=mass_kg,
        height_m=height_m,
        load_kg=load_kg,
        lean_deg=lean_deg,
        sex=sex,
        prefix=prefix,
        exercises=exercises,
        joint=joint,
        anthropometrics=anthropometrics,
        extensor_moment_arm_m=extensor_moment_arm_m,
        limits=limits,
        chunk_rows=chunk_rows,
        errors=errors,
    )
