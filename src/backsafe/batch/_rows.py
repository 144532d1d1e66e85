"""Rows: inputs as the model's terms, chunk by chunk, with their rules.

Postures given field by field (`spinal_load_many`) and exercises by slug
(`score_many`, `score_frame`) both become a `_Chunk` of the kernel's
inputs; the coefficients by category are the kernel's own.
"""

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from backsafe.batch._columns import (
    FloatArray,
    Labels,
    Values,
    _CodeColumn,
    _FloatColumn,
    _Inputs,
)
from backsafe.batch._problems import BoolArray, _Problems
from backsafe.exceptions import InvalidInputError
from backsafe.exercises._exercise import Exercise
from backsafe.spine import _constants as k
from backsafe.spine import _evidence as ev
from backsafe.spine import _geometry as geometry
from backsafe.spine import _kernel as kernel
from backsafe.spine._submodel_types import Submodel
from backsafe.spine._types import CalibratedTask, LoadPlacement, Sex, Support

#: The vocabularies, by code.
PLACEMENTS: Final = tuple(p.value for p in LoadPlacement)
SUPPORTS: Final = tuple(s.value for s in Support)
TASKS: Final = tuple(t.value for t in CalibratedTask)
SUBMODELS: Final = tuple(s.value for s in Submodel)
SEXES: Final = tuple(s.value for s in Sex)


@attrs.frozen(kw_only=True)
class _Chunk:
    """Rows *lo* to *hi* of the inputs, as the model's terms."""

    lean_deg: Values
    load_kg: Values
    reach_m: Values
    #: The placement's lever terms (`_geometry.lever_terms`).
    along_per_h: Values
    front_per_h: Values
    #: Whether the load passes through the spine.
    trunk_borne: BoolArray | bool
    #: `axial_share` of the support.
    axial: Values
    #: The published compression of a calibrated task, else 0.0.
    task_n: Values
    method: npt.NDArray[np.int8] | int
    #: Whether the support hangs the body from the hands.
    hanging: BoolArray | bool
    #: The evidence code of each row, and its spread.
    evidence: npt.NDArray[np.int8] | int
    spread_low: Values
    spread_high: Values
    #: Submodel codes (`MISSING`: none) and support codes, for
    #: `muscle_coefficients`.
    submodel: npt.NDArray[np.intp] | int = -1
    support: npt.NDArray[np.intp] | int = 0

    @classmethod
    def of(cls, **fields: Any) -> "_Chunk":
        """The chunk of *fields*, with each row's evidence and spread.

        A muscle-driven row takes its submodel's (`ev.row_evidence`), any
        other row its method's.
        """
        method = fields["method"]
        code = np.asarray(fields.get("submodel", -1))
        has = np.greater_equal(code, 0)
        at = np.where(has, code, 0)
        return cls(
            **fields,
            evidence=_scalar_or_array(
                np.where(has, _SUB_EVIDENCE[at], _EVIDENCE[method])
            ),
            spread_low=_scalar_or_array(
                np.where(has, _SUB_SPREAD_LOW[at], _SPREAD_LOW[method])
            ),
            spread_high=_scalar_or_array(
                np.where(has, _SUB_SPREAD_HIGH[at], _SPREAD_HIGH[method])
            ),
        )


@attrs.frozen(kw_only=True)
class _Body:
    mass: _FloatColumn
    height: _FloatColumn
    sex: _CodeColumn


def _body(
    inputs: _Inputs,
    mass_kg: npt.ArrayLike,
    height_m: npt.ArrayLike,
    sex: Labels | None,
) -> _Body:
    return _Body(
        mass=inputs.floats(
            "mass_kg",
            mass_kg,
            k.MIN_BODY_MASS_KG,
            k.MAX_BODY_MASS_KG,
            "kg",
        ),
        height=inputs.floats(
            "height_m", height_m, k.MIN_HEIGHT_M, k.MAX_HEIGHT_M, "m"
        ),
        sex=inputs.codes("sex", sex, SEXES, missing_allowed=True),
    )


def _table_of(
    members: Sequence[Any], value: Callable[[Any], float]
) -> FloatArray:
    """Tabulate *value* by code, with an entry for missing (code -1)."""
    return np.array([*(value(m) for m in members), 0.0], dtype=np.float64)


_TRUNK_BORNE: Final = np.array(
    [*(p.is_trunk_borne for p in LoadPlacement), False], dtype=bool
)
_ALONG: Final = _table_of(list(LoadPlacement), lambda p: geometry.LEVERS[p][0])
_FRONT: Final = _table_of(list(LoadPlacement), lambda p: geometry.LEVERS[p][1])
_AXIAL: Final = _table_of(list(Support), kernel.axial_share)
_SUPPORT_METHOD: Final = np.array(
    [kernel.method_code(s, None) for s in Support], dtype=np.int8
)
_HANGING: Final = np.array([kernel.is_hanging(s) for s in Support], dtype=bool)
_EVIDENCE: Final = np.array(ev.METHOD_EVIDENCE, dtype=np.int8)
_SPREAD_LOW: Final = np.array([s.low for s in ev.METHOD_SPREAD])
_SPREAD_HIGH: Final = np.array([s.high for s in ev.METHOD_SPREAD])
#: The same by submodel code (`Submodel` order).
_SUB_ROWS: Final = [ev.row_evidence(kernel.SUBMODEL, m) for m in Submodel]
_SUB_EVIDENCE: Final = np.array([e for e, _ in _SUB_ROWS], dtype=np.int8)
_SUB_SPREAD_LOW: Final = np.array([s.low for _, s in _SUB_ROWS])
_SUB_SPREAD_HIGH: Final = np.array([s.high for _, s in _SUB_ROWS])
_TASK_N: Final = _table_of(list(CalibratedTask), kernel.task_compression_n)
_TASK_SUPPORT: Final = np.array(
    [list(Support).index(t.support) for t in CalibratedTask], dtype=np.intp
)
_SUBMODEL_FITS: Final = np.array(
    [
        *([s.value in m.supports for s in Support] for m in Submodel),
        [True] * len(Support),
    ],
    dtype=bool,
)
_PLACEMENT_NONE: Final = list(LoadPlacement).index(LoadPlacement.NONE)
_PLACEMENT_REACH: Final = list(LoadPlacement).index(LoadPlacement.HANDS_REACH)


@attrs.frozen(kw_only=True)
class _PostureRows:
    """Postures given field by field (`spinal_load_many`)."""

    lean: _FloatColumn
    load: _FloatColumn
    reach: _FloatColumn
    placement: _CodeColumn
    support: _CodeColumn
    task: _CodeColumn
    submodel: _CodeColumn

    def chunk(self, lo: int, hi: int, problems: _Problems) -> _Chunk:
        lean = self.lean.values(lo, hi, problems)
        load = self.load.values(lo, hi, problems)
        reach = self.reach.values(lo, hi, problems)
        placement = self.placement.values(lo, hi, problems, missing_ok=False)
        support = self.support.values(lo, hi, problems, missing_ok=False)
        task = self.task.values(lo, hi, problems, missing_ok=True)
        submodel = self.submodel.values(lo, hi, problems, missing_ok=True)
        # The cross-field rules of Posture, row by row.
        problems.where(
            "placement",
            "a placement other than 'none' when load_kg > 0",
            np.greater(load, 0.0) & np.equal(placement, _PLACEMENT_NONE),
            placement,
            labels=PLACEMENTS,
        )
        problems.where(
            "reach_m",
            "0 unless placement is 'hands-reach'",
            np.greater(reach, 0.0) & np.not_equal(placement, _PLACEMENT_REACH),
            reach,
        )
        problems.where(
            "support",
            "the support its task is performed on (CalibratedTask.support)",
            np.greater_equal(task, 0)
            & np.not_equal(_TASK_SUPPORT[task], support),
            support,
            labels=SUPPORTS,
        )
        has_submodel = np.greater_equal(submodel, 0)
        problems.where(
            "submodel",
            "None when a calibrated task is given",
            has_submodel & np.greater_equal(task, 0),
            submodel,
            labels=SUBMODELS,
        )
        problems.where(
            "support",
            "a support the submodel is defined for (Submodel.supports)",
            ~_SUBMODEL_FITS[submodel, support],
            support,
            labels=SUPPORTS,
        )
        method = np.where(
            np.greater_equal(task, 0),
            kernel.CALIBRATED,
            np.where(has_submodel, kernel.SUBMODEL, _SUPPORT_METHOD[support]),
        ).astype(np.int8)
        return _Chunk.of(
            lean_deg=lean,
            load_kg=load,
            reach_m=reach,
            along_per_h=_scalar_or_array(_ALONG[placement]),
            front_per_h=_scalar_or_array(_FRONT[placement]),
            trunk_borne=_scalar_or_array(
                _TRUNK_BORNE[placement] & ~has_submodel
            ),
            axial=_scalar_or_array(_AXIAL[support]),
            task_n=_scalar_or_array(_TASK_N[task]),
            method=method if method.ndim else int(method),
            hanging=_scalar_or_array(_HANGING[support]),
            submodel=_scalar_or_array(submodel),
            support=_scalar_or_array(support),
        )


@attrs.frozen(kw_only=True)
class _ExerciseTable:
    """The model's terms for each exercise, by code."""

    slugs: tuple[str, ...]
    trunk_borne: BoolArray
    axial: FloatArray
    task_n: FloatArray
    reach_m: FloatArray
    along_per_h: FloatArray
    front_per_h: FloatArray
    lean_deg: FloatArray
    takes_load: BoolArray
    method: npt.NDArray[np.int8]
    hanging: BoolArray
    submodel: npt.NDArray[np.intp]
    support: npt.NDArray[np.intp]

    @classmethod
    def build(
        cls, exercises: Iterable[Exercise] | Mapping[str, Exercise]
    ) -> "_ExerciseTable":
        if isinstance(exercises, Mapping):
            pairs = list(exercises.items())
        elif not isinstance(exercises, Iterable) or isinstance(  # type: ignore[redundant-expr]
            exercises, (str, bytes)
        ):
            raise InvalidInputError.out_of_range(
                "exercises",
                exercises,
                "exercises, or a mapping from slug to exercise",
            )
        else:
            pairs = [(getattr(e, "slug", None), e) for e in exercises]
        seen: set[object] = set()
        for slug, exercise in pairs:
            if not isinstance(exercise, Exercise) or not isinstance(slug, str):
                raise InvalidInputError.out_of_range(
                    "exercises", exercise, "exercises keyed by slug"
                )
            if slug in seen:
                raise InvalidInputError.out_of_range(
                    "exercises", slug, "exercises with distinct slugs"
                )
            seen.add(slug)
        if not pairs:
            raise InvalidInputError.out_of_range(
                "exercises", exercises, "at least one exercise"
            )
        table = [e for _, e in pairs]

        def column(value: Callable[[Exercise], float]) -> FloatArray:
            return np.array([value(e) for e in table], dtype=np.float64)

        return cls(
            slugs=tuple(str(slug) for slug, _ in pairs),
            trunk_borne=np.array(
                [
                    e.placement.is_trunk_borne and e.submodel is None
                    for e in table
                ],
                dtype=bool,
            ),
            axial=column(lambda e: kernel.axial_share(e.support)),
            task_n=column(lambda e: kernel.task_compression_n(e.task)),
            reach_m=column(lambda e: e.reach_m),
            along_per_h=column(lambda e: geometry.LEVERS[e.placement][0]),
            front_per_h=column(lambda e: geometry.LEVERS[e.placement][1]),
            lean_deg=column(lambda e: e.typical_lean.degrees),
            takes_load=np.array([e.takes_load for e in table], dtype=bool),
            method=np.array(
                [
                    kernel.method_code(e.support, e.task, e.submodel)
                    for e in table
                ],
                dtype=np.int8,
            ),
            hanging=np.array(
                [kernel.is_hanging(e.support) for e in table], dtype=bool
            ),
            submodel=np.array(
                [
                    -1
                    if e.submodel is None
                    else _SUBMODEL_LIST.index(e.submodel)
                    for e in table
                ],
                dtype=np.intp,
            ),
            support=np.array(
                [_SUPPORT_LIST.index(e.support) for e in table], dtype=np.intp
            ),
        )


@attrs.frozen(kw_only=True)
class _ExerciseRows:
    """Exercises by slug at the hardest point of the rep (`score_many`)."""

    table: _ExerciseTable
    exercise: _CodeColumn
    load: _FloatColumn
    lean: _FloatColumn | None

    def chunk(self, lo: int, hi: int, problems: _Problems) -> _Chunk:
        code = self.exercise.values(lo, hi, problems, missing_ok=False)
        # Unknown rows are already noted; look them up as the first exercise
        # so the rules below see only known ones.
        code = np.maximum(code, 0) if isinstance(code, np.ndarray) else code
        load = self.load.values(lo, hi, problems)
        lean = (
            self.table.lean_deg[code]
            if self.lean is None
            else self.lean.values(lo, hi, problems)
        )
        problems.where(
            "load_kg",
            "0 for an exercise that takes no external load",
            np.greater(load, 0.0) & ~self.table.takes_load[code],
            load,
        )
        return _Chunk.of(
            hanging=_scalar_or_array(self.table.hanging[code]),
            lean_deg=_scalar_or_array(lean),
            load_kg=load,
            reach_m=_scalar_or_array(self.table.reach_m[code]),
            along_per_h=_scalar_or_array(self.table.along_per_h[code]),
            front_per_h=_scalar_or_array(self.table.front_per_h[code]),
            trunk_borne=_scalar_or_array(self.table.trunk_borne[code]),
            axial=_scalar_or_array(self.table.axial[code]),
            task_n=_scalar_or_array(self.table.task_n[code]),
            method=(
                self.table.method[code]
                if isinstance(code, np.ndarray)
                else int(self.table.method[code])
            ),
            submodel=_scalar_or_array(self.table.submodel[code]),
            support=_scalar_or_array(self.table.support[code]),
        )


_SUBMODEL_LIST: Final = list(Submodel)
_SUPPORT_LIST: Final = list(Support)


@functools.cache
def _coefficient_tables(
    arm_m: float,
) -> tuple[tuple[FloatArray, ...], BoolArray]:
    """The submodel coefficients by ``submodel * supports + support``.

    The last block (code `MISSING`) is the default of each support; the
    second array says whether a code has any coefficient.
    """
    rows = [
        kernel.submodel_coefficients(support, None, submodel, arm_m)
        for submodel in (*_SUBMODEL_LIST, None)
        for support in _SUPPORT_LIST
    ]
    fields = tuple(
        np.array(column, dtype=np.float64)
        for column in zip(*rows, strict=True)
    )
    return fields, np.array([any(row) for row in rows], dtype=bool)


def muscle_coefficients(chunk: _Chunk, arm_m: float) -> Any:
    """Return the chunk's `kernel.submodel_coefficients`, row by row."""
    fields, any_term = _coefficient_tables(arm_m)
    submodel = np.where(
        np.less(chunk.submodel, 0), len(_SUBMODEL_LIST), chunk.submodel
    )
    at = submodel * len(_SUPPORT_LIST) + chunk.support
    if not np.any(any_term[at]):
        return kernel.NO_SUBMODEL
    return type(kernel.NO_SUBMODEL)(
        *(_scalar_or_array(field[at]) for field in fields)
    )


def _scalar_or_array(x: Any) -> Any:
    """An array of rows as is; one value as a Python scalar."""
    return x if isinstance(x, np.ndarray) and x.ndim else np.asarray(x).item()


def exercise_table(
    exercises: Iterable[Exercise] | Mapping[str, Exercise] | None,
) -> _ExerciseTable:
    """Tabulate *exercises*, or the built-in catalog (once) if ``None``."""
    if exercises is None:
        return _builtin_table()
    return _ExerciseTable.build(exercises)


@functools.cache
def _builtin_table() -> _ExerciseTable:
    from backsafe.exercises._catalog import catalog  # noqa: PLC0415

    exercises: Iterable[Exercise] = catalog
    return _ExerciseTable.build(exercises)
