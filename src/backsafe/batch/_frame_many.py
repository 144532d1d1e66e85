"""Batch scoring of a data frame: the work of `backsafe.batch._frame`.

Imported only once `backsafe.batch._frame` has checked that pandas is
installed; the public signature and docstring are there.
"""

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from backsafe.batch._chunks import DEFAULT_CHUNK_ROWS, _options, _run
from backsafe.batch._columns import (
    _EXERCISE_FIELD,
    MISSING,
    UNKNOWN,
    Codes,
    FloatArray,
    _CodeColumn,
    _FloatColumn,
    _one_of,
    nan_like,
    normalise_slug,
)
from backsafe.batch._problems import _Problems
from backsafe.batch._result import SpinalLoadArrays
from backsafe.batch._rows import SEXES, _Body, _ExerciseRows, exercise_table
from backsafe.exceptions import InvalidInputError, InvalidRowsError
from backsafe.exercises._exercise import Exercise
from backsafe.spine import _constants as k
from backsafe.spine._model import JointName, TableName
from backsafe.spine._types import (
    DEFAULT_LIMITS,
    Anthropometrics,
    Limits,
    SpineLevel,
)

#: The columns `score_frame` adds, before any prefix.
SCORE_COLUMNS: Final = (
    "moment_nm",
    "compression_n",
    "compression_low_n",
    "compression_high_n",
    "shear_n",
    "level",
    "compression_level",
    "shear_level",
    "method",
    "evidence",
)

_LEVELS: Final = pd.CategoricalDtype(
    [level.value for level in SpinalLoadArrays.LEVELS], ordered=True
)
_METHODS: Final = pd.CategoricalDtype(
    [method.value for method in SpinalLoadArrays.METHODS]
)
_EVIDENCE: Final = pd.CategoricalDtype(
    [grade.value for grade in SpinalLoadArrays.EVIDENCE], ordered=True
)


def score_frame(
    frame: pd.DataFrame,
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
) -> pd.DataFrame:
    """Run `backsafe.batch._frame.score_frame` (pandas checked)."""
    if not isinstance(frame, pd.DataFrame):
        raise InvalidInputError.out_of_range(
            "frame", type(frame).__name__, "a pandas DataFrame"
        )
    if not isinstance(prefix, str):
        raise InvalidInputError.out_of_range("prefix", prefix, "a str")
    if isinstance(frame.columns, pd.MultiIndex):
        raise InvalidInputError.out_of_range(
            "frame",
            "a frame with MultiIndex columns",
            "a frame with one level of column names",
        )
    names = [prefix + name for name in SCORE_COLUMNS]
    error_column = prefix + ERROR_COLUMN
    wanted = [*names, error_column] if errors == "mask" else names
    if clash := [name for name in wanted if name in frame.columns]:
        raise InvalidInputError.out_of_range(
            "prefix",
            prefix,
            f"a prefix that keeps the new columns apart from {clash}",
        )
    table = exercise_table(exercises)
    columns = _Columns(frame)
    rows = _ExerciseRows(
        table=table,
        exercise=columns.codes(exercise, "exercise", table.slugs),
        load=columns.floats(load_kg, "load_kg", 0.0, k.MAX_LOAD_KG, "kg"),
        lean=(
            None
            if lean_deg is None
            else columns.floats(
                lean_deg, "lean_deg", k.MIN_LEAN_DEG, k.MAX_LEAN_DEG
            )
        ),
    )
    body = _Body(
        mass=columns.floats(
            mass_kg,
            "mass_kg",
            k.MIN_BODY_MASS_KG,
            k.MAX_BODY_MASS_KG,
            "kg",
        ),
        height=columns.floats(
            height_m, "height_m", k.MIN_HEIGHT_M, k.MAX_HEIGHT_M, "m"
        ),
        sex=columns.codes(sex, "sex", SEXES, missing_allowed=True),
    )
    model = _options(joint, anthropometrics, extensor_moment_arm_m, limits)
    problems = _Problems()
    try:
        loads = _run(
            len(frame),
            rows,
            body,
            model,
            chunk_rows,
            read_only=False,
            errors=errors,
            problems=problems,
        )
    except InvalidRowsError as error:
        raise InvalidRowsError(
            error.field or "",
            error.allowed or "",
            rows=frame.index.take(
                np.asarray(error.rows, dtype=np.intp)
            ).tolist(),
            values=error.values,
            count=error.count,
            other_fields=error.other_fields,
            by_label=True,
            problems=[
                problem._replace(
                    rows=tuple(
                        frame.index.take(
                            np.asarray(problem.rows, dtype=np.intp)
                        ).tolist()
                    )
                )
                for problem in error.problems
            ],
        ) from None
    if loads.valid is not None:
        _mark(loads, problems)
    new: dict[str, Any] = dict(
        zip(
            names,
            (
                loads.moment_nm,
                loads.compression_n,
                loads.compression_low_n,
                loads.compression_high_n,
                loads.shear_n,
                pd.Categorical.from_codes(loads.level, dtype=_LEVELS),
                pd.Categorical.from_codes(
                    loads.compression_level, dtype=_LEVELS
                ),
                pd.Categorical.from_codes(loads.shear_level, dtype=_LEVELS),
                pd.Categorical.from_codes(loads.method, dtype=_METHODS),
                pd.Categorical.from_codes(loads.evidence, dtype=_EVIDENCE),
            ),
            strict=True,
        )
    )
    if loads.valid is not None:
        new[error_column] = _reasons(len(frame), problems)
    # The new arrays belong to the result, so they join it without a copy.
    scores = pd.DataFrame(new, index=frame.index, copy=False)
    return pd.concat([frame, scores], axis=1)


#: The column ``errors="mask"`` adds, before any prefix.
ERROR_COLUMN: Final = "error"


def _mark(loads: SpinalLoadArrays, problems: _Problems) -> None:
    """Mark the bad rows as missing: NaN numbers, missing categories."""
    bad = problems.bad
    if bad is None:
        return
    for array in (
        loads.moment_nm,
        loads.compression_n,
        loads.compression_low_n,
        loads.compression_high_n,
        loads.shear_n,
    ):
        array[bad] = np.nan
    for codes in (
        loads.level,
        loads.compression_level,
        loads.shear_level,
        loads.method,
        loads.evidence,
    ):
        codes[bad] = -1


def _reasons(rows: int, problems: _Problems) -> "np.ndarray[Any, Any]":
    """Each row's first problem as text ("field must be ..."), or None."""
    reasons = np.full(rows, None, dtype=object)
    for (field, allowed), bad in problems.by_field.items():
        todo = bad & np.equal(reasons, None)  # type: ignore[call-overload]
        reasons[todo] = f"{field} must be {allowed}"
    return reasons


class _Columns:
    """Reads the frame's columns chunk by chunk, as the batch rows want."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame

    def _series(self, column: str, field: str) -> "pd.Series[Any]":
        given: object = column
        if not isinstance(given, str) or column not in self._frame.columns:
            raise InvalidInputError.out_of_range(
                field,
                column,
                "the name of a column of the frame, such as "
                + ", ".join(repr(c) for c in self._frame.columns[:8]),
            )
        series = self._frame[column]
        if not isinstance(series, pd.Series):
            raise InvalidInputError.out_of_range(
                field, column, "the name of only one column of the frame"
            )
        return series

    def floats(
        self,
        column: str | None,
        field: str,
        min_value: float,
        max_value: float,
        unit: str = "",
    ) -> _FloatColumn:
        if column is None:
            return _FloatColumn(
                name=field, min_value=min_value, max_value=max_value, unit=unit
            )
        series = self._series(column, field)
        if (
            not pd.api.types.is_numeric_dtype(series.dtype)
            or pd.api.types.is_bool_dtype(series.dtype)
            or pd.api.types.is_complex_dtype(series.dtype)
        ):
            raise InvalidInputError.out_of_range(
                field,
                f"column {column!r} of dtype {series.dtype}",
                "a column of real numbers",
            )

        def chunk(lo: int, hi: int) -> FloatArray:
            # Missing values (NaN, None, pd.NA) become NaN, a bad row.
            return series.iloc[lo:hi].to_numpy(
                dtype=np.float64, na_value=np.nan
            )

        return _FloatColumn(
            name=field,
            min_value=min_value,
            max_value=max_value,
            unit=unit,
            chunk=chunk,
        )

    def codes(
        self,
        column: str | None,
        field: str,
        labels: tuple[str, ...],
        *,
        missing_allowed: bool = False,
    ) -> _CodeColumn:
        allowed = _one_of(field, labels, missing_allowed=missing_allowed)
        if column is None:
            return _CodeColumn(name=field, allowed=allowed, constant=MISSING)
        series = self._series(column, field)
        return _CodeColumn(
            name=field,
            allowed=allowed,
            chunk=_encoder(series, labels, normalise=field == _EXERCISE_FIELD),
            raw=lambda lo, hi: series.iloc[lo:hi].to_numpy(),
        )


def _encoder(
    series: "pd.Series[Any]",
    labels: tuple[str, ...],
    *,
    normalise: bool = False,
) -> Callable[[int, int], Codes]:
    """Encode a column by hashing (or by its categories, if it has them).

    With *normalise* (exercise slugs), a value not found is looked up
    again as `normalise_slug` writes it.
    """
    index = {label: code for code, label in enumerate(labels)}

    def lookup(uniques: Iterable[object]) -> Codes:
        # The last entry serves code -1 (missing).
        codes = [_lookup(index, u, normalise=normalise) for u in uniques]
        return np.array([*codes, MISSING], dtype=np.intp)

    if isinstance(series.dtype, pd.CategoricalDtype):
        table = lookup(series.cat.categories)
        category = series.cat.codes

        def by_category(lo: int, hi: int) -> Codes:
            return table[category.iloc[lo:hi].to_numpy()]

        return by_category

    def by_hash(lo: int, hi: int) -> Codes:
        part = series.iloc[lo:hi]
        try:
            codes, uniques = pd.factorize(part)
        except TypeError:
            # Values that cannot be hashed (a list, a signalling NaN):
            # looked up one at a time, a NaN of any kind missing.
            return np.array(
                [
                    MISSING
                    if value is None or nan_like(value)
                    else _lookup(index, value, normalise=normalise)
                    for value in part.to_numpy()
                ],
                dtype=np.intp,
            )
        return lookup(uniques)[codes]

    return by_hash


def _lookup(
    index: Mapping[str, int], value: object, *, normalise: bool
) -> int:
    if not isinstance(value, str):
        return UNKNOWN
    code = index.get(value, UNKNOWN)
    if code == UNKNOWN and normalise:
        code = index.get(normalise_slug(value), UNKNOWN)
    return code
