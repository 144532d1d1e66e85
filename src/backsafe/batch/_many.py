"""Batch scoring over arrays: the work of `backsafe.batch._arrays`.

Imported only once `backsafe.batch._arrays` has checked that numpy is
installed; the public signatures and docstrings are there.
"""

from collections.abc import Iterable, Mapping
from typing import Literal

import numpy.typing as npt

from backsafe.batch._chunks import DEFAULT_CHUNK_ROWS, _options, _run
from backsafe.batch._columns import (
    _EXERCISE_FIELD,
    Labels,
    _CodeColumn,
    _Inputs,
)
from backsafe.batch._result import SpinalLoadArrays
from backsafe.batch._rows import (
    PLACEMENTS,
    SUBMODELS,
    SUPPORTS,
    TASKS,
    _body,
    _ExerciseRows,
    _ExerciseTable,
    _PostureRows,
    exercise_table,
)
from backsafe.exercises._exercise import Exercise
from backsafe.spine import _constants as k
from backsafe.spine._model import JointName, TableName
from backsafe.spine._types import (
    DEFAULT_LIMITS,
    Anthropometrics,
    Limits,
    LoadPlacement,
    SpineLevel,
    Support,
)

__all__ = ["SpinalLoadArrays", "score_many", "spinal_load_many"]


def spinal_load_many(
    *,
    lean_deg: npt.ArrayLike,
    mass_kg: npt.ArrayLike,
    height_m: npt.ArrayLike,
    load_kg: npt.ArrayLike = 0.0,
    placement: Labels = LoadPlacement.NONE,
    support: Labels = Support.FREE_STANDING,
    reach_m: npt.ArrayLike = 0.0,
    task: Labels | None = None,
    submodel: Labels | None = None,
    sex: Labels | None = None,
    joint: JointName = SpineLevel.L4_L5,
    anthropometrics: TableName = Anthropometrics.WINTER,
    extensor_moment_arm_m: float | None = None,
    limits: Limits = DEFAULT_LIMITS,
    acceleration_m_s2: float = 0.0,
    placement_offsets: bool = True,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    errors: Literal["raise", "mask"] = "raise",
) -> SpinalLoadArrays:
    """Run `backsafe.batch._arrays.spinal_load_many` (numpy checked)."""
    inputs = _Inputs()
    lean = inputs.floats("lean_deg", lean_deg, k.MIN_LEAN_DEG, k.MAX_LEAN_DEG)
    load = inputs.floats("load_kg", load_kg, 0.0, k.MAX_LOAD_KG, "kg")
    reach = inputs.floats("reach_m", reach_m, 0.0, k.MAX_REACH_M, "m")
    placements = inputs.codes("placement", placement, PLACEMENTS)
    supports = inputs.codes("support", support, SUPPORTS)
    tasks = inputs.codes("task", task, TASKS, missing_allowed=True)
    submodels = inputs.codes(
        "submodel", submodel, SUBMODELS, missing_allowed=True
    )
    body = _body(inputs, mass_kg, height_m, sex)
    model = _options(
        joint,
        anthropometrics,
        extensor_moment_arm_m,
        limits,
        acceleration_m_s2,
        placement_offsets=placement_offsets,
    )
    postures = _PostureRows(
        lean=lean,
        load=load,
        reach=reach,
        placement=placements,
        support=supports,
        task=tasks,
        submodel=submodels,
    )
    return _run(inputs.rows, postures, body, model, chunk_rows, errors=errors)


def score_many(
    exercise: Exercise | Labels,
    *,
    mass_kg: npt.ArrayLike,
    height_m: npt.ArrayLike,
    load_kg: npt.ArrayLike = 0.0,
    lean_deg: npt.ArrayLike | None = None,
    sex: Labels | None = None,
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
    """Run `backsafe.batch._arrays.score_many` (numpy checked)."""
    inputs = _Inputs()
    if isinstance(exercise, Exercise):
        table = _ExerciseTable.build({exercise.slug: exercise})
        slugs = _CodeColumn(name=_EXERCISE_FIELD, allowed="", constant=0)
    else:
        table = exercise_table(exercises)
        slugs = inputs.codes(_EXERCISE_FIELD, exercise, table.slugs)
    load = inputs.floats("load_kg", load_kg, 0.0, k.MAX_LOAD_KG, "kg")
    lean = (
        None
        if lean_deg is None
        else inputs.floats(
            "lean_deg", lean_deg, k.MIN_LEAN_DEG, k.MAX_LEAN_DEG
        )
    )
    body = _body(inputs, mass_kg, height_m, sex)
    model = _options(
        joint,
        anthropometrics,
        extensor_moment_arm_m,
        limits,
        acceleration_m_s2,
        placement_offsets=placement_offsets,
    )
    rows = _ExerciseRows(table=table, exercise=slugs, load=load, lean=lean)
    return _run(inputs.rows, rows, body, model, chunk_rows, errors=errors)
