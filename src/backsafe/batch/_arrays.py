"""Batch scoring: `spinal_load` and `score` over arrays, chunk by chunk.

Needs numpy (the ``array`` extra). This module imports no numpy: the public
functions check the extra (`backsafe.batch._lazy.require`, which raises
`MissingExtraError` without it) and then run `backsafe.batch._many`.

They read their arguments as columns (`backsafe.batch._columns`), turn rows
into the model's inputs (`backsafe.batch._rows`) and run the spine kernel,
the same equations as `spinal_load`, chunk by chunk
(`backsafe.batch._chunks`). A property test checks every element against
`spinal_load` to within 1e-9 relative.
"""

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Literal

from backsafe.batch._lazy import DEFAULT_CHUNK_ROWS, require
from backsafe.batch._result import SpinalLoadArrays
from backsafe.exercises._exercise import Exercise
from backsafe.spine._model import JointName, TableName
from backsafe.spine._types import (
    DEFAULT_LIMITS,
    Anthropometrics,
    Limits,
    LoadPlacement,
    SpineLevel,
    Support,
)

if TYPE_CHECKING:
    import numpy.typing as npt

    from backsafe.batch._columns import Labels

__all__ = ["SpinalLoadArrays", "score_many", "spinal_load_many"]

_FEATURE = "backsafe's batch scoring"


def spinal_load_many(
    *,
    lean_deg: "npt.ArrayLike",
    mass_kg: "npt.ArrayLike",
    height_m: "npt.ArrayLike",
    load_kg: "npt.ArrayLike" = 0.0,
    placement: "Labels" = LoadPlacement.NONE,
    support: "Labels" = Support.FREE_STANDING,
    reach_m: "npt.ArrayLike" = 0.0,
    task: "Labels | None" = None,
    submodel: "Labels | None" = None,
    sex: "Labels | None" = None,
    joint: JointName = SpineLevel.L4_L5,
    anthropometrics: TableName = Anthropometrics.WINTER,
    extensor_moment_arm_m: float | None = None,
    limits: Limits = DEFAULT_LIMITS,
    acceleration_m_s2: float = 0.0,
    placement_offsets: bool = True,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    errors: Literal["raise", "mask"] = "raise",
) -> SpinalLoadArrays:
    """Compute `spinal_load` for many postures and bodies at once.

    Every argument is a scalar (the same for every row) or a 1-D array with
    one value per row; enums may be given by value (``"hands-reach"``) and
    *task*, *submodel* and *sex* may be missing (``None`` or NaN) row by
    row. Rows are processed *chunk_rows* at a time, so the memory used
    beyond the result stays bounded.

    Args:
        lean_deg: Trunk lean from vertical, 0-90 degrees.
        mass_kg: Body mass, 30-300 kg.
        height_m: Stature, 1.20-2.30 m.
        load_kg: External load, 0-600 kg.
        placement: Where the load sits (`LoadPlacement`).
        support: What holds the trunk (`Support`).
        reach_m: Reach of a load held in front, 0-1 m.
        task: A calibrated floor task (`CalibratedTask`) or missing.
        submodel: A muscle-driven submodel (`Submodel`) or missing.
        sex: ``"female"``, ``"male"`` or missing; needed for de Leva.
        joint: See `spinal_load`.
        anthropometrics: See `spinal_load`.
        extensor_moment_arm_m: See `spinal_load`.
        limits: See `spinal_load`.
        acceleration_m_s2: See `spinal_load` (one value for every row).
        placement_offsets: See `spinal_load`.
        chunk_rows: Rows per chunk.
        errors: ``"raise"`` (default): bad rows raise `InvalidRowsError`.
            ``"mask"``: the good rows are scored and the result's
            ``valid`` is False for each bad row, whose numbers are 0 (never
            NaN); ``problems`` names each bad field, its rule and rows.

    Returns:
        The loads, one element per row.

    Raises:
        InvalidRowsError: Some rows are invalid (NaN, out of range,
            unknown value, or breaking a rule of `Posture`); it names the
            field and the rows.
        InvalidInputError: An option or a whole argument is invalid.
        MissingExtraError: numpy is not installed
            (``pip install "backsafe[array]"``).

    >>> loads = spinal_load_many(
    ...     lean_deg=[0, 20, 45],
    ...     mass_kg=80,
    ...     height_m=1.78,
    ...     load_kg=20,
    ...     placement="hands-reach",
    ...     reach_m=0.3,
    ... )
    >>> loads.compression_n.round().tolist()
    [1597.0, 2407.0, 3168.0]

    .. versionadded:: 0.1.0
    """
    require(_FEATURE, "numpy", "array")
    from backsafe.batch import _many  # noqa: PLC0415 (needs the extra)

    return _many.spinal_load_many(
        lean_deg=lean_deg,
        mass_kg=mass_kg,
        height_m=height_m,
        load_kg=load_kg,
        placement=placement,
        support=support,
        reach_m=reach_m,
        task=task,
        submodel=submodel,
        sex=sex,
        joint=joint,
        anthropometrics=anthropometrics,
        extensor_moment_arm_m=extensor_moment_arm_m,
        limits=limits,
        acceleration_m_s2=acceleration_m_s2,
        placement_offsets=placement_offsets,
        chunk_rows=chunk_rows,
        errors=errors,
    )


def score_many(
    exercise: "Exercise | Labels",
    *,
    mass_kg: "npt.ArrayLike",
    height_m: "npt.ArrayLike",
    load_kg: "npt.ArrayLike" = 0.0,
    lean_deg: "npt.ArrayLike | None" = None,
    sex: "Labels | None" = None,
    exercises: Iterable[Exercise] | Mapping[str, Exercise] | None = None,
    joint: JointName = SpineLevel.L4_L5,
    anthropometrics: TableName = Anthropometrics.WINTER,
    extensor_moment_arm_m: float | None = None,
    limits: Limits = DEFAULT_LIMITS,
    acceleration_m_s2: float = 0.0,
    placement_offsets: bool = True,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    errors: Literal["raise", "mask"] = "raise",
) -> SpinalLoadArrays:
    """Compute `score` for many logged sets at once.

    Each row is an exercise, given by slug, at the hardest point of its rep.
    Every argument is a scalar (the same for every row) or a 1-D array
    with one value per row. Rows are processed *chunk_rows* at a time, so
    the memory used beyond the result stays bounded.

    Args:
        exercise: An `Exercise`, a slug, or an array of slugs.
        mass_kg: Body mass, 30-300 kg.
        height_m: Stature, 1.20-2.30 m.
        load_kg: Total external load, 0-600 kg, as for `score`.
        lean_deg: Trunk lean, 0-90 degrees; each exercise's typical lean if
            not given.
        sex: ``"female"``, ``"male"`` or missing; needed for de Leva.
        exercises: Where slugs are looked up: exercises, or a mapping from
            slug to exercise. The built-in catalog if not given.
        joint: See `spinal_load`.
        anthropometrics: See `spinal_load`.
        extensor_moment_arm_m: See `spinal_load`.
        limits: See `spinal_load`.
        acceleration_m_s2: See `spinal_load` (one value for every row).
        placement_offsets: See `spinal_load`.
        chunk_rows: Rows per chunk.
        errors: ``"raise"`` (default): bad rows raise `InvalidRowsError`.
            ``"mask"``: the good rows are scored and the result's
            ``valid`` is False for each bad row, whose numbers are 0 (never
            NaN); ``problems`` names each bad field, its rule and rows.

    Returns:
        The loads, one element per row.

    Raises:
        InvalidRowsError: Some rows are invalid (NaN, out of range, an
            unknown slug, or a load on an exercise that takes none); it
            names the field and the rows.
        UnknownExerciseError: A single slug is unknown.
        InvalidInputError: An option or a whole argument is invalid.
        MissingExtraError: numpy is not installed
            (``pip install "backsafe[array]"``).

    >>> loads = score_many(
    ...     ["goblet-squat", "romanian-deadlift", "goblet-squat"],
    ...     mass_kg=80,
    ...     height_m=1.78,
    ...     load_kg=[16, 60, 24],
    ... )
    >>> loads.compression_n.round().tolist()
    [1553.0, 4770.0, 1828.0]

    .. versionadded:: 0.1.0
    """
    require(_FEATURE, "numpy", "array")
    from backsafe.batch import _many  # noqa: PLC0415 (needs the extra)

    return _many.score_many(
        exercise,
        mass_kg=mass_kg,
        height_m=height_m,
        load_kg=load_kg,
        lean_deg=lean_deg,
        sex=sex,
        exercises=exercises,
        joint=joint,
        anthropometrics=anthropometrics,
        extensor_moment_arm_m=extensor_moment_arm_m,
        limits=limits,
        acceleration_m_s2=acceleration_m_s2,
        placement_offsets=placement_offsets,
        chunk_rows=chunk_rows,
        errors=errors,
    )
