"""The model's equations, written once for one row and for many alike.

Every function takes "numeric" values, as pvlib's do: a float for one row,
or an array with one value per row, and an array namespace *xp* to compute
with (`SCALAR` for floats; the batch room passes one over numpy). The
three ways a load is computed (free standing, supported, calibrated) are
chosen row by row with ``xp.where``, so the same lines serve
`spinal_load` and `spinal_load_many`.

Nothing here validates: callers pass what they have checked. The scalar
namespace evaluates in exactly the order the model is written, so one row
gives the same floating-point numbers every time.
"""

import math
from typing import Final, NamedTuple

from backsafe.spine import _constants as k
from backsafe.spine import _submodels as sub
from backsafe.spine._geometry import JOINTS, JointGeometry
from backsafe.spine._namespace import Namespace, Numeric, plain_zero
from backsafe.spine._submodel_types import Submodel
from backsafe.spine._types import (
    Anthropometrics,
    CalibratedTask,
    Limits,
    ModelMethod,
    Sex,
    SpineLevel,
    StressLevel,
    Support,
)

#: How a row is computed, by code (the index into `METHODS`).
STATIC: Final = 0
SUPPORTED: Final = 1
CALIBRATED: Final = 2
SUBMODEL: Final = 3
METHODS: Final = (
    ModelMethod.STATIC,
    ModelMethod.SUPPORTED,
    ModelMethod.CALIBRATED,
    ModelMethod.SUBMODEL,
)
#: The grades by code (`StressLevel.rank`), mildest first; ungraded last.
LEVELS: Final = (
    StressLevel.LOW,
    StressLevel.ELEVATED,
    StressLevel.HIGH,
    StressLevel.UNGRADED,
)
#: The code of `StressLevel.UNGRADED`.
UNGRADED: Final = 3


# --- Coefficients by category ----------------------------------------------


def upper_mass_fraction(table: Anthropometrics, sex: Sex | None) -> float:
    """Return the share of body mass above the joint (NaN: de Leva, no sex)."""
    if table is Anthropometrics.WINTER:
        return k.MASS_ABOVE_L4L5_WINTER
    if sex is Sex.FEMALE:
        return k.DE_LEVA_MASS_ABOVE_L4L5_FEMALE
    if sex is Sex.MALE:
        return k.DE_LEVA_MASS_ABOVE_L4L5_MALE
    return math.nan


def upper_mass_kg(
    xp: Namespace, upper_fraction: Numeric, mass_kg: Numeric
) -> Numeric:
    """Return the mass carried by the lumbar spine: head, arms and trunk."""
    return xp.product(upper_fraction, mass_kg)


def default_moment_arm_m(joint: SpineLevel) -> float:
    """Return the extensor lever of *joint* (6 cm at L4/L5, 5 cm at L5/S1)."""
    if joint is SpineLevel.L4_L5:
        return k.EXTENSOR_MOMENT_ARM_L4L5_M
    return k.EXTENSOR_MOMENT_ARM_L5S1_M


def axial_share(support: Support) -> float:
    """Return the share of the axial weight a support lets reach the spine."""
    if support in _NO_AXIAL_WEIGHT:
        return 0.0
    return 1.0


#: Lying and quadruped postures hold the trunk horizontal, whatever lean is
#: given, so the floor carries its weight; hanging from the hands stretches
#: the lumbar spine and the arms carry the weight above it. Either way
#: gravity adds no compression.
_NO_AXIAL_WEIGHT: Final = frozenset(
    {
        Support.SUPINE,
        Support.PRONE,
        Support.SIDE_LYING,
        Support.QUADRUPED,
        Support.HANGING,
    }
)


def method_code(
    support: Support,
    task: CalibratedTask | None,
    submodel: Submodel | None = None,
) -> int:
    """Return how a posture is computed (`STATIC`, `SUPPORTED`, ...)."""
    if task is not None:
        return CALIBRATED
    if submodel is not None:
        return SUBMODEL
    return SUPPORTED if support.carries_trunk_moment else STATIC


def is_hanging(support: Support) -> bool:
    """Return whether *support* hangs the body from the hands."""
    return support is Support.HANGING


#: The coefficients of a row with no muscle-driven term (static or
#: calibrated rows, and supports with no baseline tone).
NO_SUBMODEL: Final = sub.Coefficients(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)


def submodel_coefficients(
    support: Support,
    task: CalibratedTask | None,
    submodel: Submodel | None,
    arm_m: float,
) -> sub.Coefficients:
    """Return the muscle-driven coefficients of a row.

    A supported row without a submodel gets its support's baseline tone
    (`Submodel.REST`); free-standing and calibrated rows get none.
    """
    if task is not None:
        return NO_SUBMODEL
    if submodel is None:
        if not support.carries_trunk_moment:
            return NO_SUBMODEL
        submodel = Submodel.REST
    return sub.coefficients(submodel, support, arm_m)


def task_compression_n(task: CalibratedTask | None) -> float:
    """Return a calibrated task's published compression (0 for none)."""
    return 0.0 if task is None else task.reference_compression_n


# --- The equations ---------------------------------------------------------


class Terms(NamedTuple):
    """Each source's share of the load, and the totals (numeric).

    The shares are ``None`` when `terms` was asked for the totals only.
    """

    upper_moment_nm: Numeric
    upper_compression_n: Numeric
    upper_shear_n: Numeric
    load_moment_nm: Numeric
    load_compression_n: Numeric
    load_shear_n: Numeric
    muscle_compression_n: Numeric
    moment_nm: Numeric
    compression_n: Numeric
    shear_n: Numeric
    muscle_shear_n: Numeric = 0.0


#: What a weight does to the joint: moment, compression, shear (plain
#: tuples, as one row's call is hot).
_Effect = tuple[Numeric, Numeric, Numeric]
#: The posture's factors shared by every weight: static, calibrated, the
#: sine of the disc axis's inclination (shear), height times sin(lean),
#: the axial factor (cosine of the disc axis's inclination, times the
#: support's axial share).
_Geometry = tuple[Numeric, Numeric, Numeric, Numeric, Numeric]


def _effect(  # noqa: PLR0917 (positional: one row is hot)
    xp: Namespace,
    at: _Geometry,
    weight_n: Numeric,
    weight_height_n: Numeric,
    weight_reach_nm: Numeric,
    into: bool = False,  # noqa: FBT001, FBT002
) -> _Effect:
    """The moment, compression and shear of a weight (or a sum of them).

    *weight_height_n* is the weight times its lever as a share of stature
    (at its lean of 90 degrees), *weight_reach_nm* the weight times its
    horizontal distance in front of that lever (a placement in front of
    the trunk, or a reach; ``None``: none). The equations are linear in
    the weight, so the same lines give one source's share or, given the
    sums, the total of several sources.

    - Free standing (`STATIC`): the flexion moment is the weight at its
      lever, ``weight * (distance * height * sin(lean) + front)``; the
      weight adds its components along the disc's axis (compression) and
      across it (shear). At L4/L5 the disc's axis is the trunk line; at
      L5/S1 it is inclined to it at the sacral slope (`JointGeometry`).
    - `SUPPORTED`: the support holds the trunk, so only the axial component
      of the weight reaches the spine, times the support's axial share.
    - `CALIBRATED`: the weights are replaced by a published compression.

    *into*: write the moment straight into the outputs (`Namespace.total`).
    """
    static, calibrated, disc_sin, height_sin, axial_cos = at
    moment = xp.product(weight_height_n, height_sin)
    if weight_reach_nm is not None:
        moment = xp.total(
            (moment, weight_reach_nm), into="moment_nm" if into else None
        )
    return (
        xp.where(static, moment, 0.0),
        xp.where(calibrated, 0.0, xp.product(weight_n, axial_cos)),
        xp.where(static, xp.product(weight_n, disc_sin), 0.0),
    )


#: The shares of `terms` when only the totals are asked for.
_NO_SHARE: Final[_Effect] = (None, None, None)


def terms(
    xp: Namespace,
    *,
    method: Numeric,
    lean_deg: Numeric,
    mass_kg: Numeric,
    height_m: Numeric,
    upper_fraction: Numeric,
    load_kg: Numeric,
    trunk_borne: Numeric,
    reach_m: Numeric,
    axial: Numeric,
    task_n: Numeric,
    arm_m: float,
    muscles: sub.Coefficients = NO_SUBMODEL,
    along_per_h: Numeric = 0.0,
    front_per_h: Numeric = 0.0,
    joint: JointGeometry = JOINTS[SpineLevel.L4_L5],
    inertia: float = 1.0,
    shares: bool = True,
) -> Terms:
    """Compute the moment, compression and shear of each source.

    Two weights load the spine: the upper body (at its centre of mass) and
    a trunk-borne load (at its placement's offsets from the shoulder line,
    plus any reach); `_effect` turns a weight into moment, compression and
    shear. In free standing postures the extensors hold the moment at the
    lever *arm_m*, and add that force to the compression; their line of
    action, 5 degrees posterior to the disc's axis, adds a posterior
    shear. A `CALIBRATED` task replaces it by a published EMG-assisted
    compression *task_n*, scaled by body mass.

    Args:
        xp: The namespace to compute with.
        method: `STATIC`, `SUPPORTED` or `CALIBRATED`.
        lean_deg: Trunk lean from vertical, degrees.
        mass_kg: Body mass.
        height_m: Stature.
        upper_fraction: `upper_mass_fraction` of the body (above L4/L5).
        load_kg: External load.
        trunk_borne: Whether the load passes through the spine.
        reach_m: Reach of a load held in front of the shoulders.
        axial: `axial_share` of the support (1 when free standing).
        task_n: `task_compression_n` of the calibrated task.
        arm_m: The extensor lever.
        muscles: `submodel_coefficients` of the row: what the muscles of
            a supported posture add (``backsafe.spine._submodels``). A
            load on a muscle-driven row is the submodel's: pass
            *trunk_borne* false there.
        along_per_h: The placement's lever along the trunk beyond the
            shoulder line, per stature (`_geometry.lever_terms`).
        front_per_h: Its horizontal distance in front, per stature.
        joint: The joint's geometry (`_geometry.JOINTS`).
        inertia: ``1 + a / g`` for an upward acceleration *a* of the
            trunk and load at the hardest point (free standing only; 1:
            static).
        shares: Whether to compute each source's share; if not, the
            totals are computed from the summed weights (fewer passes
            over many rows; equal to the sum of the shares up to
            rounding) and the shares are ``None``.

    Returns:
        The terms; a load off the trunk, or of a branch not taken, is 0.
    """
    g = k.GRAVITY_M_S2
    sin, cos = xp.sin_cos(xp.radians(lean_deg))
    # Only the axial share of a weight reaches the spine (all of it when
    # free standing). Positional, as one row's call is hot: static,
    # calibrated, disc sin, height_sin, axial_cos.
    static, calibrated = method == STATIC, method == CALIBRATED
    axial_cos = xp.product(cos, axial)
    disc_sin = sin
    inclined = joint.disc_sin != 0.0
    if inclined:
        # The disc's axis is inclined to the trunk line (L5/S1): the
        # weights' components along and across it, free standing.
        disc_sin = xp.total(
            (xp.product(sin, joint.disc_cos), xp.product(cos, joint.disc_sin))
        )
        axial_cos = xp.where(
            static,
            xp.total(
                (
                    xp.product(cos, joint.disc_cos),
                    xp.product(sin, -joint.disc_sin),
                )
            ),
            axial_cos,
        )
    at: _Geometry = (
        static,
        calibrated,
        disc_sin,
        xp.product(height_m, sin),
        axial_cos,
    )
    if inclined:
        # The mass between L4/L5 and the joint (L5/S1).
        upper_fraction = xp.total((upper_fraction, joint.extra_mass_fraction))
    gravity: Numeric = g
    if inertia != 1.0:
        # Movement: the trunk and the load accelerate upward, free
        # standing only.
        gravity = xp.product(xp.where(static, inertia, 1.0), g)
    # The weight of `upper_mass_kg`, in one product.
    upper_n = xp.product(upper_fraction, gravity, mass_kg)
    # A trunk-borne load sits at its placement's offsets from the shoulder
    # line (`_geometry.PLACEMENT_OFFSETS`); a reach adds its horizontal
    # distance in front. Loads on the pelvis or a machine pad never reach
    # the spine.
    load_n = xp.where(trunk_borne, xp.product(load_kg, gravity), 0.0)
    upper_height = xp.product(upper_n, joint.upper_lever_per_h)
    # The lever along the trunk, and the horizontal distance in front.
    load_height = xp.product(
        load_n, xp.total((joint.shoulder_per_h, along_per_h))
    )
    load_reach = xp.product(
        load_n, xp.total((xp.product(height_m, front_per_h), reach_m))
    )
    if shares:
        # Weight, weight times lever per stature, weight times reach.
        upper = _effect(xp, at, upper_n, upper_height, None)
        load = _effect(xp, at, load_n, load_height, load_reach)
        moment = xp.total((upper[0], load[0]), into="moment_nm")
        weights: tuple[Numeric, ...] = (upper[1], load[1])
        weights_shear: tuple[Numeric, ...] = (upper[2], load[2])
    else:
        upper = load = _NO_SHARE
        moment, compression, shear = _effect(
            xp,
            at,
            xp.total((upper_n, load_n)),
            xp.total((upper_height, load_height)),
            load_reach,
            True,  # noqa: FBT003
        )
        weights = (compression,)
        weights_shear = (shear,)
    # The extensors hold the flexion moment at their lever, and their line
    # of action shears the disc backward; a calibrated task's published
    # figure scales as muscle cross-section, mass to the 2/3; a supported
    # row adds what its submodel's muscles do.
    extensor = xp.ratio(moment, arm_m)
    # The size factor, where a calibrated task or a submodel needs it
    # (plain zeros: none in these rows).
    size: Numeric = 1.0
    if muscles is not NO_SUBMODEL or not plain_zero(task_n):
        size = xp.power(
            xp.ratio(mass_kg, k.CALIBRATION_REFERENCE_MASS_KG),
            sub.SIZE_EXPONENT,
        )
    supported = (
        0.0
        if muscles is NO_SUBMODEL
        else sub.muscle_n(
            xp,
            muscles,
            upper_n,
            mass_kg,
            height_m,
            load_kg,
            sin,
            size,
            upper_fraction,
            arm_m,
        )
    )
    muscle = xp.where(
        calibrated,
        xp.product(task_n, size),
        xp.where(static, extensor, supported),
    )
    muscle_shear = xp.product(extensor, -joint.extensor_shear)
    return Terms(
        *upper,
        *load,
        muscle,
        moment,
        xp.total((*weights, muscle), into="compression_n"),
        xp.total(
            (*weights_shear[:-1], xp.total((weights_shear[-1], muscle_shear))),
            into="shear_n",
        ),
        muscle_shear,
    )


def ungraded(
    method: Numeric, hanging: Numeric, trunk_borne: Numeric, load_kg: Numeric
) -> Numeric:
    """Return whether a row holds a term the model cannot compute.

    On the supported path the model counts only the weight along the
    spine. Two things it has no term for: a load off the trunk (on the
    pelvis or a machine pad, ``load_kg > 0`` and not *trunk_borne*), whose
    reaction reaches the spine through the support, the pelvis and the
    bracing muscles in a way the path does not model; and hanging, where
    the spine is stretched and what the trunk and hip muscles then do is
    not modelled. A calibrated task, a free standing posture (a load on the
    pelvis hangs below the joint) or a submodel of its own computes them.
    Plain Python booleans short-circuit, so a chunk of one method pays no
    pass over its rows.
    """
    supported = method == SUPPORTED
    if supported is False:
        return False
    if trunk_borne is True:
        off_trunk = False
    elif trunk_borne is False:
        off_trunk = load_kg > 0
    else:
        off_trunk = _both(~trunk_borne, load_kg > 0)
    return _both(supported, _either(hanging, off_trunk))


def _both(a: Numeric, b: Numeric) -> Numeric:
    if a is False or b is False:
        return False
    if a is True:
        return b
    return a if b is True else a & b


def _either(a: Numeric, b: Numeric) -> Numeric:
    if a is True or b is True:
        return True
    if a is False:
        return b
    return a if b is False else a | b


class Band(NamedTuple):
    """The low and high compression of a result (numeric)."""

    compression_low_n: Numeric
    compression_high_n: Numeric


def band(
    xp: Namespace,
    compression_n: Numeric,
    spread_low: Numeric,
    spread_high: Numeric,
) -> Band:
    """Return the band of *compression_n*, given its relative spread.

    The spread follows from the row's evidence and its sources
    (`backsafe.spine._evidence`); a submodel passes its own, row by row.
    """
    return Band(
        xp.product(compression_n, 1.0 - spread_low, into="compression_low_n"),
        xp.product(
            compression_n, 1.0 + spread_high, into="compression_high_n"
        ),
    )


class Grades(NamedTuple):
    """The grades as `LEVELS` codes (numeric)."""

    level: Numeric
    compression_level: Numeric
    shear_level: Numeric


def grades(
    xp: Namespace,
    compression_n: Numeric,
    shear_n: Numeric,
    limits: Limits,
    ungraded: Numeric = False,  # noqa: FBT002 (numeric: a bool or an array)
) -> Grades:
    """Grade compression and the magnitude of shear against *limits*.

    Rows where *ungraded* holds (see `ungraded`) get `UNGRADED` throughout:
    the term the model lacks may load both.
    """
    compression = grade(
        xp,
        compression_n,
        limits.compression_action_n,
        limits.compression_maximum_n,
        into="compression_level",
    )
    shear = grade(
        xp,
        xp.abs(shear_n),
        limits.shear_action_n,
        limits.shear_maximum_n,
        into="shear_level",
    )
    if ungraded is not False:
        compression = xp.mark(compression, ungraded, UNGRADED)
        shear = xp.mark(shear, ungraded, UNGRADED)
    return Grades(
        xp.maximum(compression, shear, into="level"), compression, shear
    )


def grade(
    xp: Namespace,
    value: Numeric,
    action: float,
    maximum: float,
    *,
    into: str | None = None,
) -> Numeric:
    """Return 2 at or above *maximum*, 1 at or above *action*, else 0.

    That is the number of limits reached, as *action* < *maximum*.
    """
    return xp.reached(value, (action, maximum), into=into)
