"""The static sagittal-plane model of the lumbar spine (pure functions)."""

import math
from typing import Literal

from backsafe import _validation as v
from backsafe.exceptions import InvalidInputError
from backsafe.spine import _constants as k
from backsafe.spine._types import (
    DEFAULT_LIMITS,
    Anthropometrics,
    Body,
    CalibratedTask,
    Limits,
    LoadContribution,
    LoadSource,
    ModelMethod,
    Posture,
    Sex,
    SpinalLoad,
    SpineLevel,
    Support,
)

JointName = SpineLevel | Literal["L4/L5", "L5/S1"]
TableName = Anthropometrics | Literal["winter", "de-leva"]


def mass_above_joint_kg(
    body: Body, *, anthropometrics: TableName = Anthropometrics.WINTER
) -> float:
    """Return the mass carried by the lumbar spine: head, arms and trunk.

    Winter's table (the default) gives 53.6 % of body mass above L4/L5;
    de Leva's gives 49.1 % for men and 45.8 % for women and needs
    `Body.sex`.

    Args:
        body: The person.
        anthropometrics: ``"winter"`` or ``"de-leva"``.

    Returns:
        The mass in kilograms.

    Raises:
        InvalidInputError: Unknown table, or de Leva without a sex.

    >>> round(mass_above_joint_kg(Body(mass_kg=80, height_m=1.8)), 2)
    42.88

    .. versionadded:: 0.1.0
    """
    if not isinstance(body, Body):
        raise InvalidInputError.out_of_range("body", body, "a Body")
    table = _table(anthropometrics)
    return upper_mass_fraction(table, body.sex) * body.mass_kg


def upper_mass_fraction(table: Anthropometrics, sex: Sex | None) -> float:
    """Return the share of body mass above the joint (shared with batch)."""
    if table is Anthropometrics.WINTER:
        return k.MASS_ABOVE_L4L5_WINTER
    if sex is None:
        raise InvalidInputError.out_of_range(
            "Body.sex",
            None,
            "'female' or 'male' when anthropometrics is 'de-leva'",
        )
    return (
        k.DE_LEVA_MASS_ABOVE_L4L5_FEMALE
        if sex is Sex.FEMALE
        else k.DE_LEVA_MASS_ABOVE_L4L5_MALE
    )


def spinal_load(
    posture: Posture,
    body: Body,
    *,
    joint: JointName = SpineLevel.L4_L5,
    anthropometrics: TableName = Anthropometrics.WINTER,
    extensor_moment_arm_m: float | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> SpinalLoad:
    """Compute the moment, compression and shear at the lumbar spine.

    A static, sagittal-plane model with a single equivalent extensor
    (see the model page for the equations and every constant's source):

    - free standing: the flexion moment of the upper body and of a
      trunk-borne load is held by the back extensors at a lever of
      *extensor_moment_arm_m*; compression is that muscle force plus the
      weights' axial component, shear their tangential component;
    - supported (lying, seated against a backrest, chest-supported,
      quadruped, hanging): the support holds the trunk, so only the axial
      component of the weight reaches the spine;
    - a calibrated floor task (curl-up, side bridge, bird-dog, ...): the
      McGill lab's EMG-assisted compression, scaled by body mass.

    Loads on the pelvis or a machine pad never reach the spine.

    Args:
        posture: What is scored.
        body: Whose spine.
        joint: ``"L4/L5"`` (default) or ``"L5/S1"``; sets the default
            extensor moment arm (6 cm or 5 cm).
        anthropometrics: ``"winter"`` (default) or ``"de-leva"``.
        extensor_moment_arm_m: Override the extensor lever, 0.04-0.08 m.
        limits: What the result is graded against.

    Returns:
        The spinal load with its grade and its breakdown by source.

    Raises:
        InvalidInputError: An option is out of range, or a type is wrong.

    >>> body = Body(mass_kg=80, height_m=1.78)
    >>> upright = spinal_load(Posture(lean=TorsoLean(degrees=0)), body)
    >>> round(upright.compression_n)
    421
    >>> deadlift = Posture(
    ...     lean=TorsoLean(degrees=45),
    ...     load_kg=60,
    ...     placement=LoadPlacement.HANDS_HANGING,
    ... )
    >>> load = spinal_load(deadlift, body)
    >>> round(load.moment_nm), round(load.compression_n), load.level.value
    (200, 4043, 'elevated')

    .. versionadded:: 0.1.0
    """
    if not isinstance(posture, Posture):
        raise InvalidInputError.out_of_range("posture", posture, "a Posture")
    if not isinstance(body, Body):
        raise InvalidInputError.out_of_range("body", body, "a Body")
    if not isinstance(limits, Limits):
        raise InvalidInputError.out_of_range("limits", limits, "a Limits")
    level = _joint(joint)
    arm_m = _moment_arm(level, extensor_moment_arm_m)
    upper_kg = mass_above_joint_kg(body, anthropometrics=anthropometrics)

    if posture.task is not None:
        contributions = _calibrated(posture.task, body)
        method = ModelMethod.CALIBRATED
    elif posture.support.carries_trunk_moment:
        contributions = _supported(posture, upper_kg)
        method = ModelMethod.SUPPORTED
    else:
        contributions = _static(posture, body, upper_kg, arm_m)
        method = ModelMethod.STATIC

    moment = math.fsum(c.moment_nm for c in contributions)
    compression = math.fsum(c.compression_n for c in contributions)
    shear = math.fsum(c.shear_n for c in contributions)
    c_level = limits.grade_compression(compression)
    s_level = limits.grade_shear(shear)
    return SpinalLoad(
        moment_nm=moment,
        compression_n=compression,
        shear_n=shear,
        level=max(c_level, s_level),
        compression_level=c_level,
        shear_level=s_level,
        contributions=contributions,
        method=method,
        joint=level,
    )


# --- The three ways a load is computed ------------------------------------


def _static(
    posture: Posture, body: Body, upper_kg: float, arm_m: float
) -> tuple[LoadContribution, ...]:
    """Free-standing trunk: the extensors hold the flexion moment."""
    g = k.GRAVITY_M_S2
    sin, cos = math.sin(posture.lean.radians), math.cos(posture.lean.radians)
    upper_n = upper_kg * g
    upper_moment = upper_n * k.UPPER_COM_DISTANCE_PER_H * body.height_m * sin
    parts = [
        LoadContribution(
            source=LoadSource.UPPER_BODY,
            moment_nm=upper_moment,
            compression_n=upper_n * cos,
            shear_n=upper_n * sin,
        )
    ]
    moment = upper_moment
    if posture.is_loaded and posture.placement.is_trunk_borne:
        load_n = posture.load_kg * g
        # Every trunk-borne placement sits on the shoulder line: bars on the
        # back or the front of the shoulders, a goblet at the chest, and
        # hands hanging from the shoulders. A reach adds its horizontal
        # distance in front of them.
        lever = k.SHOULDER_DISTANCE_PER_H * body.height_m * sin
        lever += posture.reach_m
        load_moment = load_n * lever
        moment += load_moment
        parts.append(
            LoadContribution(
                source=LoadSource.EXTERNAL_LOAD,
                moment_nm=load_moment,
                compression_n=load_n * cos,
                shear_n=load_n * sin,
            )
        )
    parts.append(
        LoadContribution(
            source=LoadSource.MUSCLE,
            moment_nm=0.0,
            compression_n=moment / arm_m,
            shear_n=0.0,
        )
    )
    return tuple(parts)


def _supported(
    posture: Posture, upper_kg: float
) -> tuple[LoadContribution, ...]:
    """A support holds the trunk: only the axial weight reaches the spine."""
    g = k.GRAVITY_M_S2
    cos = math.cos(posture.lean.radians) * axial_share(posture.support)
    parts = [
        LoadContribution(
            source=LoadSource.UPPER_BODY,
            moment_nm=0.0,
            compression_n=upper_kg * g * cos,
            shear_n=0.0,
        )
    ]
    if posture.is_loaded and posture.placement.is_trunk_borne:
        parts.append(
            LoadContribution(
                source=LoadSource.EXTERNAL_LOAD,
                moment_nm=0.0,
                compression_n=posture.load_kg * g * cos,
                shear_n=0.0,
            )
        )
    return tuple(parts)


def axial_share(support: Support) -> float:
    """Return the share of the axial weight a support lets reach the spine.

    Shared with the batch path.
    """
    if support in _NO_AXIAL_WEIGHT:
        return 0.0
    return 1.0


#: Lying and quadruped postures hold the trunk horizontal, whatever lean is
#: given, so the floor carries its weight; hanging from the hands stretches
#: the lumbar spine and the arms carry the weight above it. Either way
#: gravity adds no compression.
_NO_AXIAL_WEIGHT = frozenset(
    {
        Support.SUPINE,
        Support.PRONE,
        Support.SIDE_LYING,
        Support.QUADRUPED,
        Support.HANGING,
    }
)


def _calibrated(
    task: CalibratedTask, body: Body
) -> tuple[LoadContribution, ...]:
    """A published EMG-assisted compression, scaled by body mass."""
    scale = body.mass_kg / k.CALIBRATION_REFERENCE_MASS_KG
    return (
        LoadContribution(
            source=LoadSource.MUSCLE,
            moment_nm=0.0,
            compression_n=task.reference_compression_n * scale,
            shear_n=0.0,
        ),
    )


# --- Options ---------------------------------------------------------------


def _joint(joint: object) -> SpineLevel:
    if isinstance(joint, str) and joint in _JOINTS:
        return SpineLevel(joint)
    raise InvalidInputError.out_of_range("joint", joint, "'L4/L5' or 'L5/S1'")


def _table(anthropometrics: object) -> Anthropometrics:
    if isinstance(anthropometrics, str) and anthropometrics in _TABLES:
        return Anthropometrics(anthropometrics)
    raise InvalidInputError.out_of_range(
        "anthropometrics", anthropometrics, "'winter' or 'de-leva'"
    )


_JOINTS = frozenset(level.value for level in SpineLevel)
_TABLES = frozenset(table.value for table in Anthropometrics)


def _moment_arm(level: SpineLevel, override: float | None) -> float:
    if override is None:
        return (
            k.EXTENSOR_MOMENT_ARM_L4L5_M
            if level is SpineLevel.L4_L5
            else k.EXTENSOR_MOMENT_ARM_L5S1_M
        )
    return v.check_real(
        "extensor_moment_arm_m",
        override,
        min_value=k.MIN_EXTENSOR_MOMENT_ARM_M,
        max_value=k.MAX_EXTENSOR_MOMENT_ARM_M,
        unit="m",
    )
