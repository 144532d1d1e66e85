"""The result of batch scoring: the loads of many rows as numpy arrays.

Imports no numpy (the arrays' types are for the type checker only), so
that the public name resolves on an install without the ``array`` extra.
"""

from typing import TYPE_CHECKING, Any, ClassVar, Final, final

import attrs

from backsafe.exceptions import InvalidInputError, RowProblem
from backsafe.spine import _evidence as ev
from backsafe.spine import _kernel as kernel
from backsafe.spine._evidence import Evidence
from backsafe.spine._types import ModelMethod, SpineLevel, StressLevel

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    CodeArray = npt.NDArray[np.int8]
    BoolArray = npt.NDArray[np.bool_]
else:

    class _Array:
        """A numpy array, for annotations read at run time (no numpy here)."""

    FloatArray = CodeArray = BoolArray = _Array


def _floats(
    _instance: object,
    attribute: "attrs.Attribute[Any]",
    value: object,
    *,
    nonnegative: bool = False,
) -> None:
    """Refuse anything but a 1-D float array of finite numbers."""
    import numpy as np  # noqa: PLC0415 (an instance implies numpy)

    field = f"SpinalLoadArrays.{attribute.name}"
    if not (
        isinstance(value, np.ndarray)
        and value.ndim == 1
        and value.dtype.kind == "f"
    ):
        raise InvalidInputError.out_of_range(
            field, type(value).__name__, "a 1-D numpy array of floats"
        )
    if not np.isfinite(value).all():
        raise InvalidInputError.out_of_range(
            field, "an array holding NaN or infinity", "finite numbers"
        )
    if nonnegative and value.size and value.min() < 0:
        raise InvalidInputError.out_of_range(
            field, float(value.min()), "numbers >= 0"
        )


def _codes(
    _instance: object, attribute: "attrs.Attribute[Any]", value: object
) -> None:
    """Refuse anything but a 1-D integer array of the field's codes."""
    import numpy as np  # noqa: PLC0415 (an instance implies numpy)

    field = f"SpinalLoadArrays.{attribute.name}"
    if not (
        isinstance(value, np.ndarray)
        and value.ndim == 1
        and value.dtype.kind in "iu"
    ):
        raise InvalidInputError.out_of_range(
            field, type(value).__name__, "a 1-D numpy array of integer codes"
        )
    count = _CODES.get(attribute.name, _LEVEL_CODES)
    if value.size and not (value.min() >= 0 and value.max() < count):
        raise InvalidInputError.out_of_range(
            field, "an array with other codes", f"codes 0 to {count - 1}"
        )


def _nonnegative_floats(
    instance: object, attribute: "attrs.Attribute[Any]", value: object
) -> None:
    _floats(instance, attribute, value, nonnegative=True)


#: Grades have four codes (ungraded last); methods and evidence theirs.
_LEVEL_CODES: Final = len(kernel.LEVELS)
_CODES: Final = {
    "method": len(kernel.METHODS),
    "evidence": len(ev.EVIDENCE),
}


def _problem_tuple(value: object) -> tuple[RowProblem, ...]:
    """The row problems as a tuple; anything else is refused."""
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)):
        raise InvalidInputError.out_of_range(
            "SpinalLoadArrays.problems",
            type(value).__name__,
            "a tuple of RowProblem",
        )
    if not all(isinstance(p, RowProblem) for p in value):
        raise InvalidInputError.out_of_range(
            "SpinalLoadArrays.problems",
            "a sequence holding other objects",
            "a tuple of RowProblem",
        )
    return tuple(value)


#: The number of row arrays, the first fields of `SpinalLoadArrays`.
_ARRAYS: Final = 10


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
        compression_low_n: The low end of its band, N.
        compression_high_n: The high end of its band, N.
        shear_n: Shear at the joint, N.
        level: The worse of the two grades, as `StressLevel.rank` codes
            (0 low, 1 elevated, 2 high, 3 ungraded).
        compression_level: Compression graded against the limits.
        shear_level: Shear graded against the limits.
        method: 0 static, 1 supported, 2 calibrated, 3 muscle-driven
            (see `METHODS`).
        evidence: 0 in vivo, 1 EMG-assisted, 2 estimate (see `EVIDENCE`).
        joint: The joint the numbers apply to.
        valid: With ``errors="mask"``: False for each bad row, whose
            numbers and codes are 0 and must not be read as loads (never
            NaN); ``None`` when the batch raised on bad rows instead.
        problems: With ``errors="mask"``: each field and rule with bad
            rows, as `InvalidRowsError.problems` (rows bounded).

    >>> loads = spinal_load_many(lean_deg=[0, 45], mass_kg=80, height_m=1.78)
    >>> loads.compression_n.round().tolist()
    [421.0, 1259.0]
    >>> [SpinalLoadArrays.LEVELS[code].value for code in loads.level]
    ['low', 'low']

    .. versionadded:: 0.1.0
    """

    #: The grades by code, mildest first.
    LEVELS: ClassVar[tuple[StressLevel, ...]] = kernel.LEVELS
    #: How a row was computed, by code.
    METHODS: ClassVar[tuple[ModelMethod, ...]] = kernel.METHODS
    #: What a row's numbers rest on, by code.
    EVIDENCE: ClassVar[tuple[Evidence, ...]] = ev.EVIDENCE

    moment_nm: "FloatArray" = attrs.field(validator=_floats)
    compression_n: "FloatArray" = attrs.field(validator=_nonnegative_floats)
    compression_low_n: "FloatArray" = attrs.field(
        validator=_nonnegative_floats
    )
    compression_high_n: "FloatArray" = attrs.field(
        validator=_nonnegative_floats
    )
    shear_n: "FloatArray" = attrs.field(validator=_floats)
    level: "CodeArray" = attrs.field(validator=_codes)
    compression_level: "CodeArray" = attrs.field(validator=_codes)
    shear_level: "CodeArray" = attrs.field(validator=_codes)
    method: "CodeArray" = attrs.field(validator=_codes)
    evidence: "CodeArray" = attrs.field(validator=_codes)
    joint: SpineLevel = attrs.field()
    valid: "BoolArray | None" = attrs.field(default=None)
    problems: tuple[RowProblem, ...] = attrs.field(
        default=(), converter=_problem_tuple
    )

    @valid.validator
    def _check_valid(self, _: "attrs.Attribute[Any]", value: object) -> None:
        import numpy as np  # noqa: PLC0415 (an instance implies numpy)

        if value is not None and not (
            isinstance(value, np.ndarray)
            and value.ndim == 1
            and value.dtype.kind == "b"
        ):
            raise InvalidInputError.out_of_range(
                "SpinalLoadArrays.valid",
                type(value).__name__,
                "None or a 1-D numpy array of booleans",
            )

    @joint.validator
    def _check_joint(self, _: "attrs.Attribute[Any]", value: object) -> None:
        if not isinstance(value, SpineLevel):
            raise InvalidInputError.out_of_range(
                "SpinalLoadArrays.joint", value, "a SpineLevel"
            )

    def __attrs_post_init__(self) -> None:
        arrays = attrs.astuple(self, recurse=False)[:_ARRAYS]
        rows = {len(a) for a in arrays}
        if self.valid is not None:
            rows.add(len(self.valid))
        if len(rows) > 1:
            raise InvalidInputError.out_of_range(
                "SpinalLoadArrays",
                f"arrays of {sorted(rows)} rows",
                "arrays of one length",
            )

    def __len__(self) -> int:
        return len(self.moment_nm)
