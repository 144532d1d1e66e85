"""The result of batch scoring: the loads of many rows as numpy arrays.

Imports no numpy (the arrays' types are for the type checker only), so
that the public name resolves on an install without the ``array`` extra.
"""

from typing import TYPE_CHECKING, ClassVar, final

import attrs

from backsafe.spine import _kernel as kernel
from backsafe.spine._types import ModelMethod, SpineLevel, StressLevel

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    CodeArray = npt.NDArray[np.int8]


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
    LEVELS: ClassVar[tuple[StressLevel, ...]] = kernel.LEVELS
    #: How a row was computed, by code.
    METHODS: ClassVar[tuple[ModelMethod, ...]] = kernel.METHODS

    moment_nm: "FloatArray"
    compression_n: "FloatArray"
    shear_n: "FloatArray"
    level: "CodeArray"
    compression_level: "CodeArray"
    shear_level: "CodeArray"
    method: "CodeArray"
    joint: SpineLevel

    def __len__(self) -> int:
        return len(self.moment_nm)
