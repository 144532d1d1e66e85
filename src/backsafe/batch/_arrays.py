"""Batch scoring: the spinal-load model over arrays, chunk by chunk.

Needs numpy (the ``array`` extra). ``backsafe`` imports this module only
when a batch function is first used, so ``import backsafe`` stays light.

The arithmetic is the scalar model's (`backsafe._spine`): the same three
branches and the same terms, regrouped so that each output takes few passes
over a chunk. It shares the scalar model's coefficients rather than copying
them: the mass fraction above the joint (`upper_mass_fraction`), the share
of the axial weight a support lets through (`axial_share`), the extensor
lever and the constants in `backsafe._constants`. A property test checks
every element against `spinal_load` to within 1e-9 relative.
"""

import difflib
import functools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, Final, final

import attrs
import numpy as np
import numpy.typing as npt

from backsafe import _validation as v
from backsafe.exceptions import (
    InvalidInputError,
    InvalidRowsError,
    UnknownExerciseError,
)
from backsafe.exercises._exercise import Exercise
from backsafe.spine import _constants as k
from backsafe.spine._model import (
    JointName,
    TableName,
    _joint,
    _moment_arm,
    _table,
    axial_share,
    upper_mass_fraction,
)
from backsafe.spine._types import (
    DEFAULT_LIMITS,
    Anthropometrics,
    CalibratedTask,
    Limits,
    LoadPlacement,
    ModelMethod,
    Sex,
    SpineLevel,
    StressLevel,
    Support,
)

FloatArray = npt.NDArray[np.float64]
CodeArray = npt.NDArray[np.int8]
BoolArray = npt.NDArray[np.bool_]
#: Per-row codes into a vocabulary: >= 0 known, `MISSING` or `UNKNOWN`.
Codes = npt.NDArray[np.intp]
#: A chunk of one input: one value per row, or one value for every row.
Values = FloatArray | float
CodeValues = Codes | int
#: Categorical arguments: a value, or values (strings, or None for missing).
Labels = npt.ArrayLike | Sequence[str | float | None]

#: Rows per chunk: large enough to amortise numpy's per-call overhead, small
#: enough that a chunk's temporaries stay in the processor's cache.
DEFAULT_CHUNK_ROWS: Final = 32_768
MAX_CHUNK_ROWS: Final = 1 << 24

MISSING: Final = -1
UNKNOWN: Final = -2

_STATIC: Final = 0
_SUPPORTED: Final = 1
_CALIBRATED: Final = 2

_EXERCISE_FIELD: Final = "exercise"

#: The vocabularies, by code.
PLACEMENTS: Final = tuple(p.value for p in LoadPlacement)
SUPPORTS: Final = tuple(s.value for s in Support)
TASKS: Final = tuple(t.value for t in CalibratedTask)
SEXES: Final = tuple(s.value for s in Sex)


@final
@attrs.frozen(kw_only=True, eq=False)
class SpinalLoadArrays:
    """The spinal loads of many rows, as read-only numpy arrays.

    Element *i* of each array is what `spinal_load` (or `score`) gives for
    row *i* of the input. Grades and methods are small integer codes:
    ``SpinalLoadArrays.LEVELS[code]`` and ``SpinalLoadArrays.METHODS[code]``
    turn one into its enum member.

    Attributes:
        moment_nm: Net flexion moment the back muscles hold, N·m.
        compression_n: Compression at the joint, N.
        shear_n: Shear at the joint, N.
        level: The worse of the two grades, as `StressLevel.rank` codes
            (0 low, 1 elevated, 2 high).
        compression_level: Compression graded against the limits.
        shear_level: Shear graded against the limits.
        method: 0 static, 1 supported, 2 calibrated (see `METHODS`).
        joint: The joint the numbers apply to.

    >>> loads = spinal_load_many(lean_deg=[0, 45], mass_kg=80, height_m=1.78)
    >>> loads.compression_n.round().tolist()
    [421.0, 1259.0]
    >>> [SpinalLoadArrays.LEVELS[code].value for code in loads.level]
    ['low', 'low']

    .. versionadded:: 0.1.0
    """

    #: The grades by code, mildest first.
    LEVELS: ClassVar[tuple[StressLevel, ...]] = (
        StressLevel.LOW,
        StressLevel.ELEVATED,
        StressLevel.HIGH,
    )
    #: How a row was computed, by code.
    METHODS: ClassVar[tuple[ModelMethod, ...]] = (
        ModelMethod.STATIC,
        ModelMethod.SUPPORTED,
        ModelMethod.CALIBRATED,
    )

    moment_nm: FloatArray
    compression_n: FloatArray
    shear_n: FloatArray
    level: CodeArray
    compression_level: CodeArray
    shear_level: CodeArray
    method: CodeArray
    joint: SpineLevel

    def __len__(self) -> int:
        return len(self.moment_nm)


# --- Public functions -------------------------------------------------------


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
    sex: Labels | None = None,
    joint: JointName = SpineLevel.L4_L5,
    anthropometrics: TableName = Anthropometrics.WINTER,
    extensor_moment_arm_m: float | None = None,
    limits: Limits = DEFAULT_LIMITS,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
) -> SpinalLoadArrays:
    """Compute `spinal_load` for many postures and bodies at once.

    Every argument is a scalar (the same for every row) or a 1-D array with
    one value per row; enums may be given by value (``"hands-reach"``) and
    *task* and *sex* may be missing (``None`` or NaN) row by row. Rows are
    processed *chunk_rows* at a time, so the memory used beyond the result
    stays bounded.

    Args:
        lean_deg: Trunk lean from vertical, 0-90 degrees.
        mass_kg: Body mass, 30-300 kg.
        height_m: Stature, 1.20-2.30 m.
        load_kg: External load, 0-600 kg.
        placement: Where the load sits (`LoadPlacement`).
        support: What holds the trunk (`Support`).
        reach_m: Reach of a load held in front, 0-1 m.
        task: A calibrated floor task (`CalibratedTask`) or missing.
        sex: ``"female"``, ``"male"`` or missing; needed for de Leva.
        joint: See `spinal_load`.
        anthropometrics: See `spinal_load`.
        extensor_moment_arm_m: See `spinal_load`.
        limits: See `spinal_load`.
        chunk_rows: Rows per chunk.

    Returns:
        The loads, one element per row.

    Raises:
        InvalidRowsError: Some rows are invalid (NaN, out of range,
            unknown value, or breaking a rule of `Posture`); it names the
            field and the rows.
        InvalidInputError: An option or a whole argument is invalid.

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
    inputs = _Inputs()
    lean = inputs.floats("lean_deg", lean_deg, k.MIN_LEAN_DEG, k.MAX_LEAN_DEG)
    load = inputs.floats("load_kg", load_kg, 0.0, k.MAX_LOAD_KG, "kg")
    reach = inputs.floats("reach_m", reach_m, 0.0, k.MAX_REACH_M, "m")
    placements = inputs.codes("placement", placement, PLACEMENTS)
    supports = inputs.codes("support", support, SUPPORTS)
    tasks = inputs.codes("task", task, TASKS, missing_allowed=True)
    body = _body(inputs, mass_kg, height_m, sex)
    model = _options(joint, anthropometrics, extensor_moment_arm_m, limits)
    postures = _PostureRows(
        lean=lean,
        load=load,
        reach=reach,
        placement=placements,
        support=supports,
        task=tasks,
    )
    return _run(inputs.rows, postures, body, model, chunk_rows)


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
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
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
        chunk_rows: Rows per chunk.

    Returns:
        The loads, one element per row.

    Raises:
        InvalidRowsError: Some rows are invalid (NaN, out of range, an
            unknown slug, or a load on an exercise that takes none); it
            names the field and the rows.
        UnknownExerciseError: A single slug is unknown.
        InvalidInputError: An option or a whole argument is invalid.

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
    model = _options(joint, anthropometrics, extensor_moment_arm_m, limits)
    rows = _ExerciseRows(table=table, exercise=slugs, load=load, lean=lean)
    return _run(inputs.rows, rows, body, model, chunk_rows)


# --- Inputs -----------------------------------------------------------------


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

    def values(self, lo: int, hi: int, problems: "_Problems") -> Values:
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
        self, lo: int, hi: int, problems: "_Problems", *, missing_ok: bool
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
        array = np.asarray(values)
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
        return _CodeColumn(
            name=name,
            allowed=allowed,
            chunk=_string_codes(array, labels),
            raw=lambda lo, hi: array[lo:hi],
        )


def _float_chunks(array: np.ndarray[Any, Any]) -> Callable[[int, int], Any]:
    def chunk(lo: int, hi: int) -> FloatArray:
        return array[lo:hi].astype(np.float64, copy=False)

    return chunk


def _string_codes(
    array: np.ndarray[Any, Any], labels: Sequence[str]
) -> Callable[[int, int], Codes]:
    """Encode strings by binary search in the sorted vocabulary."""
    vocabulary = np.asarray(labels)
    order = np.argsort(vocabulary, kind="stable").astype(np.intp)
    ordered = vocabulary[order]
    last = len(labels) - 1

    def chunk(lo: int, hi: int) -> Codes:
        values = array[lo:hi]
        missing: BoolArray | None = None
        if values.dtype.kind == "O":
            # None and NaN are missing; anything else is compared as text.
            missing = np.equal(values, None)  # type: ignore[call-overload]
            missing |= np.not_equal(values, values)
            values = values.astype(str)
        elif values.dtype.kind == "S":
            values = values.astype(str)
        at = np.searchsorted(ordered, values)
        np.minimum(at, last, out=at)
        codes = order[at]
        codes[ordered[at] != values] = UNKNOWN
        if missing is not None:
            codes[missing] = MISSING
        return codes

    return chunk


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


# --- Rows -------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Chunk:
    """Rows *lo* to *hi* of the inputs, as the model's terms."""

    lean_deg: Values
    load_kg: Values
    reach_m: Values
    #: 1.0 where the load passes through the spine, else 0.0.
    trunk_borne: Values
    #: `axial_share` of the support.
    axial: Values
    #: The published compression of a calibrated task, else 0.0.
    task_n: Values
    method: npt.NDArray[np.int8] | int


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


_TRUNK_BORNE: Final = _table_of(
    list(LoadPlacement), lambda p: float(p.is_trunk_borne)
)
_AXIAL: Final = _table_of(list(Support), axial_share)
_SUPPORT_METHOD: Final = np.array(
    [_SUPPORTED if s.carries_trunk_moment else _STATIC for s in Support],
    dtype=np.int8,
)
_TASK_N: Final = _table_of(
    list(CalibratedTask), lambda t: t.reference_compression_n
)
_TASK_SUPPORT: Final = np.array(
    [list(Support).index(t.support) for t in CalibratedTask], dtype=np.intp
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

    def chunk(self, lo: int, hi: int, problems: "_Problems") -> _Chunk:
        lean = self.lean.values(lo, hi, problems)
        load = self.load.values(lo, hi, problems)
        reach = self.reach.values(lo, hi, problems)
        placement = self.placement.values(lo, hi, problems, missing_ok=False)
        support = self.support.values(lo, hi, problems, missing_ok=False)
        task = self.task.values(lo, hi, problems, missing_ok=True)
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
        method = np.where(
            np.greater_equal(task, 0), _CALIBRATED, _SUPPORT_METHOD[support]
        ).astype(np.int8)
        return _Chunk(
            lean_deg=lean,
            load_kg=load,
            reach_m=reach,
            trunk_borne=_scalar_or_array(_TRUNK_BORNE[placement]),
            axial=_scalar_or_array(_AXIAL[support]),
            task_n=_scalar_or_array(_TASK_N[task]),
            method=method if method.ndim else int(method),
        )


@attrs.frozen(kw_only=True)
class _ExerciseTable:
    """The model's terms for each exercise, by code."""

    slugs: tuple[str, ...]
    trunk_borne: FloatArray
    axial: FloatArray
    task_n: FloatArray
    reach_m: FloatArray
    lean_deg: FloatArray
    takes_load: BoolArray
    method: npt.NDArray[np.int8]

    @classmethod
    def build(
        cls, exercises: Iterable[Exercise] | Mapping[str, Exercise]
    ) -> "_ExerciseTable":
        pairs = (
            list(exercises.items())
            if isinstance(exercises, Mapping)
            else [(getattr(e, "slug", None), e) for e in exercises]
        )
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
            trunk_borne=column(lambda e: float(e.placement.is_trunk_borne)),
            axial=column(lambda e: axial_share(e.support)),
            task_n=column(
                lambda e: (
                    0.0 if e.task is None else e.task.reference_compression_n
                )
            ),
            reach_m=column(lambda e: e.reach_m),
            lean_deg=column(lambda e: e.typical_lean.degrees),
            takes_load=np.array([e.takes_load for e in table], dtype=bool),
            method=np.array(
                [
                    _CALIBRATED
                    if e.task is not None
                    else int(_SUPPORT_METHOD[list(Support).index(e.support)])
                    for e in table
                ],
                dtype=np.int8,
            ),
        )


@attrs.frozen(kw_only=True)
class _ExerciseRows:
    """Exercises by slug at the hardest point of the rep (`score_many`)."""

    table: _ExerciseTable
    exercise: _CodeColumn
    load: _FloatColumn
    lean: _FloatColumn | None

    def chunk(self, lo: int, hi: int, problems: "_Problems") -> _Chunk:
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
        return _Chunk(
            lean_deg=_scalar_or_array(lean),
            load_kg=load,
            reach_m=_scalar_or_array(self.table.reach_m[code]),
            trunk_borne=_scalar_or_array(self.table.trunk_borne[code]),
            axial=_scalar_or_array(self.table.axial[code]),
            task_n=_scalar_or_array(self.table.task_n[code]),
            method=(
                self.table.method[code]
                if isinstance(code, np.ndarray)
                else int(self.table.method[code])
            ),
        )


def _scalar_or_array(x: Any) -> Values:
    return x if isinstance(x, np.ndarray) and x.ndim else float(x)


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


# --- Bad rows ---------------------------------------------------------------


@attrs.define
class _Found:
    allowed: str
    rows: list[int] = attrs.Factory(list)
    values: list[object] = attrs.Factory(list)
    count: int = 0


class _Problems:
    """Bad rows found so far, by field and rule."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, str], _Found] = {}
        #: The offset of the chunk being checked.
        self.lo = 0

    def __bool__(self) -> bool:
        return bool(self._found)

    def add(
        self,
        field: str,
        allowed: str,
        bad: BoolArray,
        values: Any,
        *,
        labels: Sequence[str] | None = None,
    ) -> None:
        """Note the rows of this chunk where *bad* holds."""
        if not bad.any():
            return
        at = np.flatnonzero(bad)
        found = self._found.setdefault((field, allowed), _Found(allowed))
        found.count += at.size
        room = InvalidRowsError.MAX_ROWS - len(found.rows)
        found.rows.extend((at[:room] + self.lo).tolist())
        shown = np.broadcast_to(values, bad.shape)[at[:5]].tolist()
        if labels is not None:
            shown = [labels[code] for code in shown]
        found.values.extend(shown[: 5 - len(found.values)])

    def where(
        self,
        field: str,
        allowed: str,
        bad: BoolArray | np.bool_,
        values: object,
        *,
        labels: Sequence[str] | None = None,
    ) -> None:
        """Note a row rule; scalar *bad* means every row."""
        if np.ndim(bad) == 0:
            if bad:
                value = values if labels is None else labels[_index(values)]
                raise InvalidInputError.out_of_range(field, value, allowed)
            return
        self.add(field, allowed, np.asarray(bad), values, labels=labels)

    def raise_if_any(self) -> None:
        if not self._found:
            return
        (field, _), first = next(iter(self._found.items()))
        others = list(dict.fromkeys(f for f, _ in self._found if f != field))
        raise InvalidRowsError(
            field,
            first.allowed,
            rows=first.rows,
            values=first.values,
            count=first.count,
            other_fields=others,
        )


# --- The model, chunk by chunk ----------------------------------------------


@attrs.frozen(kw_only=True)
class _Model:
    table: Anthropometrics
    joint: SpineLevel
    arm_m: float
    limits: Limits


def _options(
    joint: object,
    anthropometrics: object,
    extensor_moment_arm_m: float | None,
    limits: object,
) -> _Model:
    if not isinstance(limits, Limits):
        raise InvalidInputError.out_of_range("limits", limits, "a Limits")
    level = _joint(joint)
    return _Model(
        table=_table(anthropometrics),
        joint=level,
        arm_m=_moment_arm(level, extensor_moment_arm_m),
        limits=limits,
    )


def _run(
    n: int,
    rows: _PostureRows | _ExerciseRows,
    body: _Body,
    model: _Model,
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
    scratch = _Scratch.empty(min(step, n))
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
                scratch.head(hi - lo),
                chunk,
                mass=mass,
                height=height,
                fraction=_scalar_or_array(fractions[sex]),
                model=model,
            )
    problems.raise_if_any()
    return out.freeze(model.joint, read_only=read_only)


def _upper_fractions(table: Anthropometrics) -> FloatArray:
    """The mass fraction above the joint by sex code (last: missing)."""
    if table is Anthropometrics.WINTER:
        winter = upper_mass_fraction(table, None)
        return np.array([winter, winter, winter])
    return np.array(
        [
            upper_mass_fraction(table, Sex.FEMALE),
            upper_mass_fraction(table, Sex.MALE),
            np.nan,  # never used: missing rows are refused above
        ]
    )


@attrs.frozen
class _Outputs:
    moment_nm: FloatArray
    compression_n: FloatArray
    shear_n: FloatArray
    level: CodeArray
    compression_level: CodeArray
    shear_level: CodeArray
    method: CodeArray

    @classmethod
    def empty(cls, n: int) -> "_Outputs":
        return cls(
            np.empty(n, dtype=np.float64),
            np.empty(n, dtype=np.float64),
            np.empty(n, dtype=np.float64),
            np.empty(n, dtype=np.int8),
            np.empty(n, dtype=np.int8),
            np.empty(n, dtype=np.int8),
            np.empty(n, dtype=np.int8),
        )

    def freeze(
        self, joint: SpineLevel, *, read_only: bool
    ) -> SpinalLoadArrays:
        if read_only:
            for array in attrs.astuple(self, recurse=False):
                array.flags.writeable = False
        return SpinalLoadArrays(
            moment_nm=self.moment_nm,
            compression_n=self.compression_n,
            shear_n=self.shear_n,
            level=self.level,
            compression_level=self.compression_level,
            shear_level=self.shear_level,
            method=self.method,
            joint=joint,
        )


@attrs.frozen
class _Scratch:
    """Work arrays for one chunk, reused from chunk to chunk.

    Reusing them, rather than letting each numpy operation allocate its
    result, keeps the memory in the processor's cache and spares the page
    faults of fresh allocations.
    """

    a: FloatArray
    b: FloatArray
    c: FloatArray
    d: FloatArray
    flags: BoolArray

    @classmethod
    def empty(cls, rows: int) -> "_Scratch":
        return cls(
            np.empty(rows),
            np.empty(rows),
            np.empty(rows),
            np.empty(rows),
            np.empty(rows, dtype=bool),
        )

    def head(self, rows: int) -> "_Scratch":
        return _Scratch(
            self.a[:rows],
            self.b[:rows],
            self.c[:rows],
            self.d[:rows],
            self.flags[:rows],
        )


def _evaluate(
    out: _Outputs,
    rows: slice,
    work: _Scratch,
    chunk: _Chunk,
    *,
    mass: Values,
    height: Values,
    fraction: Values,
    model: _Model,
) -> None:
    """Compute one chunk into *out*, as `backsafe._spine` does per row.

    The static model's terms are regrouped so that each output takes few
    passes over the chunk, and every pass writes into *work* or *out*; the
    elements differ from `spinal_load` by rounding only (about 1e-16
    relative).
    """
    g = k.GRAVITY_M_S2
    moment = out.moment_nm[rows]
    compression = out.compression_n[rows]
    shear = out.shear_n[rows]
    cos, sin, weight_n, load_n = work.a, work.b, work.c, work.d
    np.radians(chunk.lean_deg, out=cos)
    np.sin(cos, out=sin)
    np.cos(cos, out=cos)
    np.multiply(mass, fraction * g, out=weight_n)  # the upper body
    np.multiply(chunk.load_kg, g * chunk.trunk_borne, out=load_n)

    # Free standing (_spine._static): the extensors hold the flexion moment
    # of the upper body (at its centre of mass) and of the load (at the
    # shoulder line, plus any reach), at the extensor lever.
    np.multiply(weight_n, k.UPPER_COM_DISTANCE_PER_H, out=moment)
    np.multiply(load_n, k.SHOULDER_DISTANCE_PER_H, out=compression)
    moment += compression
    np.multiply(height, sin, out=compression)
    moment *= compression
    if _any(chunk.reach_m):
        np.multiply(load_n, chunk.reach_m, out=compression)
        moment += compression
    weight_n += load_n
    np.divide(moment, model.arm_m, out=compression)
    np.multiply(weight_n, cos, out=load_n)
    compression += load_n
    np.multiply(weight_n, sin, out=shear)

    method = chunk.method
    if _any(method):
        # Some rows are supported or calibrated: overwrite them.
        method = np.broadcast_to(method, moment.shape)
        supported = np.flatnonzero(np.equal(method, _SUPPORTED))
        if supported.size:
            # _spine._supported: only the axial weight reaches the spine.
            moment[supported] = 0.0
            shear[supported] = 0.0
            compression[supported] = weight_n[supported] * (
                cos[supported] * _take(chunk.axial, supported)
            )
        calibrated = np.flatnonzero(np.equal(method, _CALIBRATED))
        if calibrated.size:
            # _spine._calibrated: a published value scaled by body mass.
            moment[calibrated] = 0.0
            shear[calibrated] = 0.0
            compression[calibrated] = _take(chunk.task_n, calibrated) * (
                _take(mass, calibrated) / k.CALIBRATION_REFERENCE_MASS_KG
            )

    # Limits.grade_compression and grade_shear: 0 low, 1 elevated, 2 high.
    limits = model.limits
    c_level = out.compression_level[rows]
    s_level = out.shear_level[rows]
    np.greater_equal(compression, limits.compression_action_n, out=c_level)
    np.greater_equal(compression, limits.compression_maximum_n, out=work.flags)
    c_level += work.flags
    magnitude = np.abs(shear, out=load_n)
    np.greater_equal(magnitude, limits.shear_action_n, out=s_level)
    np.greater_equal(magnitude, limits.shear_maximum_n, out=work.flags)
    s_level += work.flags
    np.maximum(c_level, s_level, out=out.level[rows])
    out.method[rows] = method


def _any(x: npt.NDArray[Any] | float) -> bool:
    return bool(x.any()) if isinstance(x, np.ndarray) else x != 0


def _take(x: Values, at: Codes) -> Values:
    return x[at] if isinstance(x, np.ndarray) else x


def _index(code: Any) -> int:
    return int(code)
