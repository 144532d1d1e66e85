"""The static sagittal-plane model of the lumbar spine: the scalar shell.

The public functions check their arguments once; `load_trusted` then
evaluates the equations of `backsafe.spine._kernel` for one row and
dresses the terms as a `SpinalLoad`.
"""

from collections.abc import Callable
from typing import Any, Final, Literal, NamedTuple, TypeVar

import attrs

from backsafe import _validation as v
from backsafe.exceptions import InvalidInputError
from backsafe.spine import _constants as k
from backsafe.spine import _evidence as ev
from backsafe.spine import _geometry as geometry
from backsafe.spine import _kernel as kernel
from backsafe.spine import _traced as traced
from backsafe.spine._namespace import SCALAR
from backsafe.spine._result import LoadContribution, SpinalLoad
from backsafe.spine._submodel_types import Submodel
from backsafe.spine._types import (
    DEFAULT_LIMITS,
    Anthropometrics,
    Body,
    CalibratedTask,
    Limits,
    LoadPlacement,
    LoadSource,
    Posture,
    Sex,
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
    table = check_table(anthropometrics)
    mass_kg: float = kernel.upper_mass_kg(
        SCALAR, check_fraction(table, body.sex), body.mass_kg
    )
    return mass_kg


def check_fraction(table: Anthropometrics, sex: Sex | None) -> float:
    """Return the share of body mass above the joint; de Leva needs a sex."""
    if table is Anthropometrics.DE_LEVA and sex is None:
        raise InvalidInputError.out_of_range(
            "Body.sex",
            None,
            "'female' or 'male' when anthropometrics is 'de-leva'",
        )
    return kernel.upper_mass_fraction(table, sex)


class ModelOptions(NamedTuple):
    """The model's options, checked (see `check_options`)."""

    joint: SpineLevel
    table: Anthropometrics
    arm_m: float
    limits: Limits
    #: Upward acceleration at the hardest point of the rep, m/s^2 (0:
    #: static).
    acceleration_m_s2: float = 0.0
    #: Whether loads sit at their placement's offsets (the default; else
    #: on the shoulder line).
    placement_offsets: bool = True


def check_options(
    body: Body,
    *,
    joint: object,
    anthropometrics: object,
    extensor_moment_arm_m: float | None,
    limits: object,
    acceleration_m_s2: float = 0.0,
    placement_offsets: object = True,
) -> ModelOptions:
    """Check *body* and the options of `spinal_load`, in its order.

    Raises:
        InvalidInputError: As `spinal_load` does.
    """
    if (
        joint is SpineLevel.L4_L5
        and anthropometrics is Anthropometrics.WINTER
        and extensor_moment_arm_m is None
        and placement_offsets is True
        and type(acceleration_m_s2) is float
        and acceleration_m_s2 == 0.0
        and type(body) is Body
    ):
        # The defaults (most calls): nothing more to check than the limits.
        if limits is DEFAULT_LIMITS:
            return _DEFAULT_OPTIONS
        if isinstance(limits, Limits):
            return default_options(limits)
    if not isinstance(body, Body):
        raise InvalidInputError.out_of_range("body", body, "a Body")
    if not isinstance(limits, Limits):
        raise InvalidInputError.out_of_range("limits", limits, "a Limits")
    level = check_joint(joint)
    arm_m = check_moment_arm(level, extensor_moment_arm_m)
    table = check_table(anthropometrics)
    check_fraction(table, body.sex)
    return ModelOptions(
        joint=level,
        table=table,
        arm_m=arm_m,
        limits=limits,
        acceleration_m_s2=(
            # The default (static) needs no check.
            0.0
            if type(acceleration_m_s2) is float and acceleration_m_s2 == 0.0
            else check_acceleration(acceleration_m_s2)
        ),
        placement_offsets=check_offsets(placement_offsets),
    )


def check_offsets(placement_offsets: object) -> bool:
    """Return *placement_offsets* if it is a bool, else raise."""
    if placement_offsets is True or placement_offsets is False:
        return placement_offsets
    raise InvalidInputError.out_of_range(
        "placement_offsets", placement_offsets, "True or False"
    )


def check_acceleration(acceleration_m_s2: object) -> float:
    """Return the upward acceleration checked: 0 (static) to 1 g."""
    return v.check_real(
        "acceleration_m_s2",
        acceleration_m_s2,
        min_value=0.0,
        max_value=k.MAX_ACCELERATION_M_S2,
        unit="m/s^2",
    )


def default_options(limits: Limits) -> ModelOptions:
    """Return the default options with checked *limits*; checks nothing."""
    level = SpineLevel.L4_L5
    return ModelOptions(
        joint=level,
        table=Anthropometrics.WINTER,
        arm_m=kernel.default_moment_arm_m(level),
        limits=limits,
    )


_DEFAULT_OPTIONS: Final = default_options(DEFAULT_LIMITS)


def spinal_load(
    posture: Posture,
    body: Body,
    *,
    joint: JointName = SpineLevel.L4_L5,
    anthropometrics: TableName = Anthropometrics.WINTER,
    extensor_moment_arm_m: float | None = None,
    limits: Limits = DEFAULT_LIMITS,
    acceleration_m_s2: float = 0.0,
    placement_offsets: bool = True,
) -> SpinalLoad:
    """Compute the moment, compression and shear at the lumbar spine.

    A static, sagittal-plane model with a single equivalent extensor
    (see the model page for the equations and every constant's source):

    - free standing: the flexion moment of the upper body and of a
      trunk-borne load (at its placement's offsets from the shoulder line)
      is held by the back extensors at a lever of *extensor_moment_arm_m*;
      compression is that muscle force plus the weights' component along
      the disc's axis, shear their component across it less the
      extensors' posterior pull (their line of action is 5 degrees off
      the axis); at L5/S1 the disc is inclined at the sacral slope;
    - supported (lying, seated against a backrest, chest-supported,
      quadruped, hanging): the support holds the trunk, so only the axial
      component of the weight reaches the spine, plus the baseline muscle
      tone of lying (Wilke et al. 1999's in vivo ratios to standing);
    - muscle-driven (`Posture.submodel`: leg raises, bridges, machines,
      ...): a supported posture plus the closed-form load of the muscles
      that work in it, including its load on the pelvis, a pad or a cable;
    - a calibrated floor task (curl-up, side bridge, bird-dog, ...): the
      McGill lab's EMG-assisted compression, scaled by body mass to the
      2/3 (muscle cross-section).

    Without a submodel, loads on the pelvis or a machine pad do not reach
    the spine.

    Args:
        posture: What is scored.
        body: Whose spine.
        joint: ``"L4/L5"`` (default) or ``"L5/S1"``; sets the default
            extensor moment arm (6 cm or 5 cm).
        anthropometrics: ``"winter"`` (default) or ``"de-leva"``.
        extensor_moment_arm_m: Override the extensor lever, 0.04-0.08 m.
        limits: What the result is graded against (`dortmund_limits` gives
            age- and sex-specific ones).
        acceleration_m_s2: Upward acceleration of the trunk and the load
            at the hardest point of the rep, 0 (static, the default) to
            9.81 m/s^2; free standing postures only. McGill & Norman 1985
            found dynamic moments 19 % above static on average
            (about 1.9 m/s^2), up to 52 %.
        placement_offsets: Place each trunk-borne load at its placement's
            offsets along and across the trunk (a goblet 20 cm in front,
            a low bar 8 cm behind; see the model page), the default;
            ``False`` puts every load on the shoulder line (the first
            edition's geometry).

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
    options = check_options(
        body,
        joint=joint,
        anthropometrics=anthropometrics,
        extensor_moment_arm_m=extensor_moment_arm_m,
        limits=limits,
        acceleration_m_s2=acceleration_m_s2,
        placement_offsets=placement_offsets,
    )
    return load_trusted(
        lean_deg=posture.lean.degrees,
        support=posture.support,
        load_kg=posture.load_kg,
        placement=posture.placement,
        reach_m=posture.reach_m,
        task=posture.task,
        body=body,
        options=options,
        submodel=posture.submodel,
    )


def load_trusted(
    *,
    lean_deg: float,
    support: Support,
    load_kg: float,
    placement: LoadPlacement,
    reach_m: float,
    task: CalibratedTask | None,
    body: Body,
    options: ModelOptions,
    submodel: Submodel | None = None,
) -> SpinalLoad:
    """Return `spinal_load` of posture fields obeying `Posture`'s rules, a `Body` and `check_options`' result; checks nothing."""  # noqa: E501 (one line: the contract)
    # The kernel's equations for this row's categories, traced once into
    # plain arithmetic (`backsafe.spine._traced`): the same numbers as
    # `SCALAR` gives, without a method call per operation. Enum
    # members are singletons, so their ids key the categories (an enum's
    # hash is a Python call).
    key = (
        id(support),
        id(task),
        id(placement),
        id(options.table),
        id(body.sex),
        id(submodel),
        id(options.joint),
        options.arm_m,
        options.acceleration_m_s2,
        options.placement_offsets,
    )
    found = _ROWS.get(key)
    if found is None:
        if len(_ROWS) >= _MAX_ROWS:
            # Custom levers are floats: keep the cache bounded.
            _ROWS.clear()
        found = _ROWS[key] = _row(
            support,
            task,
            placement,
            options.table,
            body.sex,
            submodel,
            options,
        )
    method, trunk_borne, evidence, row = found
    limits = options.limits
    (
        upper_moment,
        upper_compression,
        upper_shear,
        load_moment,
        load_compression,
        load_shear,
        muscle,
        moment,
        compression,
        shear,
        muscle_shear,
        level,
        compression_level,
        shear_level,
        low,
        high,
    ) = row(
        lean_deg,
        body.mass_kg,
        body.height_m,
        load_kg,
        reach_m,
        options.arm_m,
        limits.compression_action_n,
        limits.compression_maximum_n,
        limits.shear_action_n,
        limits.shear_maximum_n,
    )
    parts: list[LoadContribution] = []
    if method != kernel.CALIBRATED:
        parts.append(
            _contribution(
                LoadSource.UPPER_BODY,
                upper_moment,
                upper_compression,
                upper_shear,
            )
        )
        if load_kg > 0 and trunk_borne:
            parts.append(
                _contribution(
                    LoadSource.EXTERNAL_LOAD,
                    load_moment,
                    load_compression,
                    load_shear,
                )
            )
    if method != kernel.SUPPORTED or muscle > 0:
        # Supported rows: the baseline tone, where the support has one.
        parts.append(
            _contribution(LoadSource.MUSCLE, 0.0, muscle, muscle_shear)
        )
    return _spinal_load(
        moment,
        compression,
        low,
        high,
        shear,
        kernel.LEVELS[level],
        kernel.LEVELS[compression_level],
        kernel.LEVELS[shear_level],
        tuple(parts),
        kernel.METHODS[method],
        ev.EVIDENCE[evidence],
        options.joint,
    )


#: The traced row of each combination of categories (`load_trusted`).
_ROWS: Final[
    dict[tuple[int | float, ...], tuple[int, bool, int, traced.Row]]
] = {}
#: How many combinations `_ROWS` keeps before it starts again.
_MAX_ROWS: Final = 1024


def _row(  # noqa: PLR0917 (the categories are the key)
    support: Support,
    task: CalibratedTask | None,
    placement: LoadPlacement,
    table: Anthropometrics,
    sex: Sex | None,
    submodel: Submodel | None,
    options: ModelOptions,
) -> tuple[int, bool, int, traced.Row]:
    """The method, trunk-borne flag, evidence and traced row of a key."""
    method = kernel.method_code(support, task, submodel)
    # A muscle-driven row's load is its submodel's (bar on the pelvis, a
    # pad, a cable), not a weight carried down the trunk.
    trunk_borne = placement.is_trunk_borne and submodel is None
    evidence, spread = ev.row_evidence(method, submodel)
    row = traced.row_function(
        method,
        trunk_borne,
        kernel.is_hanging(support),
        kernel.upper_mass_fraction(table, sex),
        kernel.axial_share(support),
        kernel.task_compression_n(task),
        spread,
        kernel.submodel_coefficients(support, task, submodel, options.arm_m),
        geometry.LEVERS[placement] if options.placement_offsets else _ON_LINE,
        geometry.JOINTS[options.joint],
        1.0 + options.acceleration_m_s2 / k.GRAVITY_M_S2,
    )
    return method, trunk_borne, evidence, row


#: A load on the shoulder line: no offset along or across the trunk.
_ON_LINE: Final = (0.0, 0.0)

_Value = TypeVar("_Value")


def _builder(cls: type[_Value]) -> Callable[..., _Value]:
    """Return a function building *cls* from its fields in order, unchecked.

    The model's outputs are valid by construction (finite, compression
    >= 0, the band around it), so their validators are not run again: the
    function sets each slot directly, as a plain constructor would, with
    the public constructor left checking everything.
    """
    names = [field.name for field in attrs.fields(cls)]  # type: ignore[arg-type]
    setters = {f"_set_{n}": getattr(cls, n).__set__ for n in names}
    body = "".join(f"    _set_{n}(self, {n})\n" for n in names)
    source = (
        f"def build({', '.join(names)}):\n"
        "    self = _new(_cls)\n"
        f"{body}"
        "    return self\n"
    )
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls, **setters}
    # The source names only the class's own fields.
    exec(source, scope)  # noqa: S102
    build: Callable[..., _Value] = scope["build"]
    return build


_spinal_load: Final = _builder(SpinalLoad)
_contribution: Final = _builder(LoadContribution)


# --- Options ---------------------------------------------------------------


def check_joint(joint: object) -> SpineLevel:
    """Return *joint* as a `SpineLevel`, or raise."""
    if isinstance(joint, str) and joint in _JOINTS:
        return SpineLevel(joint)
    raise InvalidInputError.out_of_range("joint", joint, "'L4/L5' or 'L5/S1'")


def check_table(anthropometrics: object) -> Anthropometrics:
    """Return *anthropometrics* as an `Anthropometrics`, or raise."""
    if isinstance(anthropometrics, str) and anthropometrics in _TABLES:
        return Anthropometrics(anthropometrics)
    raise InvalidInputError.out_of_range(
        "anthropometrics", anthropometrics, "'winter' or 'de-leva'"
    )


_JOINTS = frozenset(level.value for level in SpineLevel)
_TABLES = frozenset(table.value for table in Anthropometrics)


def check_moment_arm(level: SpineLevel, override: float | None) -> float:
    """Return the extensor lever: *level*'s default, or *override* checked."""
    if override is None:
        return kernel.default_moment_arm_m(level)
    return v.check_real(
        "extensor_moment_arm_m",
        override,
        min_value=k.MIN_EXTENSOR_MOMENT_ARM_M,
        max_value=k.MAX_EXTENSOR_MOMENT_ARM_M,
        unit="m",
    )
