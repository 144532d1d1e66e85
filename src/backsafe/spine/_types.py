"""The domain model: bodies, postures, exercises and spinal loads."""

import enum
import functools
import math
from typing import Final, Self, final

import attrs

from backsafe import _validation as v
from backsafe.exceptions import InvalidInputError
from backsafe.spine import _constants as k
from backsafe.spine._submodel_types import Submodel, fitting


class Sex(enum.StrEnum):
    """Sex, used only to pick de Leva's sex-specific segment table.

    .. versionadded:: 0.1.0
    """

    FEMALE = "female"
    MALE = "male"


class LeanClass(enum.StrEnum):
    """A coarse class of trunk lean, for explanations and filters.

    Upright is up to 15°, moderate up to 45°, pronounced above that.

    .. versionadded:: 0.1.0
    """

    UPRIGHT = "upright"
    MODERATE = "moderate"
    PRONOUNCED = "pronounced"


class LoadPlacement(enum.StrEnum):
    """Where an external load sits on or around the body.

    .. versionadded:: 0.1.0
    """

    HIGH_BAR_BACK = "high-bar-back"
    """A barbell on the upper trapezius (high-bar back squat)."""
    LOW_BAR_BACK = "low-bar-back"
    """A barbell across the rear deltoids (low-bar back squat)."""
    FRONT_RACK = "front-rack"
    """A barbell on the front of the shoulders (front squat)."""
    GOBLET = "goblet"
    """A dumbbell or kettlebell held at the chest."""
    HANDS_HANGING = "hands-hanging"
    """In the hands, arms hanging (dumbbells at the sides, deadlift)."""
    HANDS_REACH = "hands-reach"
    """In the hands, held out in front of the body at a reach."""
    PELVIS = "pelvis"
    """On the hips (barbell hip thrust); not carried by the spine."""
    MACHINE_PAD = "machine-pad"
    """On a machine's pad (leg extension, leg curl, leg press)."""
    NONE = "none"
    """No external load."""

    @property
    def is_trunk_borne(self) -> bool:
        """Whether a load here passes through the lumbar spine."""
        return self not in _NOT_TRUNK_BORNE


_NOT_TRUNK_BORNE: Final = frozenset(
    {LoadPlacement.PELVIS, LoadPlacement.MACHINE_PAD, LoadPlacement.NONE}
)


class Support(enum.StrEnum):
    """What holds the trunk up.

    .. versionadded:: 0.1.0
    """

    FREE_STANDING = "free-standing"
    """Nothing: standing, kneeling or sitting without a backrest."""
    SEATED_BACK_SUPPORTED = "seated-back-supported"
    CHEST_SUPPORTED = "chest-supported"
    SUPINE = "supine"
    PRONE = "prone"
    SIDE_LYING = "side-lying"
    QUADRUPED = "quadruped"
    HANGING = "hanging"

    @property
    def carries_trunk_moment(self) -> bool:
        """Whether the support, not the back muscles, holds the trunk."""
        return self is not Support.FREE_STANDING


class CalibratedTask(enum.StrEnum):
    """A floor exercise with a published EMG-assisted L4/L5 compression.

    The static model cannot see co-contraction, which dominates these
    tasks, so backsafe scales the McGill lab's measured values by body mass
    instead (see the model page).

    .. versionadded:: 0.1.0
    """

    CURL_UP = "curl-up"
    SIDE_BRIDGE = "side-bridge"
    QUADRUPED_LEG_EXTENSION = "quadruped-leg-extension"
    BIRD_DOG = "bird-dog"
    BENT_KNEE_SIT_UP = "bent-knee-sit-up"
    STRAIGHT_LEG_SIT_UP = "straight-leg-sit-up"
    PRONE_SUPERMAN = "prone-superman"

    @property
    def reference_compression_n(self) -> float:
        """The published peak L4/L5 compression for a 77 kg subject."""
        return _TASK_COMPRESSION_N[self]

    @property
    def support(self) -> Support:
        """The support the task is performed on."""
        return _TASK_SUPPORT[self]


_TASK_COMPRESSION_N: Final = {
    CalibratedTask.CURL_UP: k.CURL_UP_N,
    CalibratedTask.SIDE_BRIDGE: k.SIDE_BRIDGE_N,
    CalibratedTask.QUADRUPED_LEG_EXTENSION: k.QUADRUPED_LEG_EXTENSION_N,
    CalibratedTask.BIRD_DOG: k.BIRD_DOG_N,
    CalibratedTask.BENT_KNEE_SIT_UP: k.BENT_KNEE_SIT_UP_N,
    CalibratedTask.STRAIGHT_LEG_SIT_UP: k.STRAIGHT_LEG_SIT_UP_N,
    CalibratedTask.PRONE_SUPERMAN: k.PRONE_SUPERMAN_N,
}
_TASK_SUPPORT: Final = {
    CalibratedTask.CURL_UP: Support.SUPINE,
    CalibratedTask.SIDE_BRIDGE: Support.SIDE_LYING,
    CalibratedTask.QUADRUPED_LEG_EXTENSION: Support.QUADRUPED,
    CalibratedTask.BIRD_DOG: Support.QUADRUPED,
    CalibratedTask.BENT_KNEE_SIT_UP: Support.SUPINE,
    CalibratedTask.STRAIGHT_LEG_SIT_UP: Support.SUPINE,
    CalibratedTask.PRONE_SUPERMAN: Support.PRONE,
}


class SpineLevel(enum.StrEnum):
    """The lumbar joint the model is evaluated at.

    .. versionadded:: 0.1.0
    """

    L4_L5 = "L4/L5"
    L5_S1 = "L5/S1"


class Anthropometrics(enum.StrEnum):
    """Which segment table gives the mass above the joint.

    .. versionadded:: 0.1.0
    """

    WINTER = "winter"
    """Dempster's data as adapted by Winter (2009); the default."""
    DE_LEVA = "de-leva"
    """de Leva (1996), by sex; needs `Body.sex`."""


class OrderedStrEnum(enum.StrEnum):
    """A StrEnum that orders its members by declaration, not alphabetically.

    Comparing with anything but a member of the same enum raises, because a
    plain string would compare alphabetically ("high" < "low").
    """

    @property
    def rank(self) -> int:
        """The position of the member, 0 for the first."""
        return _ranks(type(self))[self.name]

    def _rank_of(self, other: object) -> int:
        if type(other) is not type(self):
            msg = (
                f"cannot order {type(self).__name__} and"
                f" {type(other).__name__}"
            )
            raise TypeError(msg)
        return other.rank

    def __lt__(self, other: object) -> bool:
        return self.rank < self._rank_of(other)

    def __le__(self, other: object) -> bool:
        return self.rank <= self._rank_of(other)

    def __gt__(self, other: object) -> bool:
        return self.rank > self._rank_of(other)

    def __ge__(self, other: object) -> bool:
        return self.rank >= self._rank_of(other)


@functools.cache
def _ranks(cls: type[enum.Enum]) -> dict[str, int]:
    return {name: i for i, name in enumerate(cls.__members__)}


class StressLevel(OrderedStrEnum):
    """A grade of spinal load against the limits.

    Levels compare by severity, not alphabetically:
    ``StressLevel.LOW < StressLevel.ELEVATED < StressLevel.HIGH``, and
    `UNGRADED` (not computable) ranks above them all.

    >>> StressLevel.LOW < StressLevel.HIGH
    True
    >>> max(StressLevel.ELEVATED, StressLevel.LOW)
    <StressLevel.ELEVATED: 'elevated'>

    .. versionadded:: 0.1.0
    """

    LOW = "low"
    """Below the action limit."""
    ELEVATED = "elevated"
    """At or above the action limit, below the maximum permissible limit."""
    HIGH = "high"
    """At or above the maximum permissible limit."""
    UNGRADED = "ungraded"
    """The model lacks a term of this load, so it cannot grade it.

    It ranks above `HIGH`: unknown is never treated as safe, so a filter
    by a maximum level never passes it and sorting puts it last.
    """


class LoadSource(enum.StrEnum):
    """What a part of the spinal load comes from.

    .. versionadded:: 0.1.0
    """

    UPPER_BODY = "upper-body"
    EXTERNAL_LOAD = "external-load"
    MUSCLE = "muscle"


class ModelMethod(enum.StrEnum):
    """How a `SpinalLoad` was computed.

    .. versionadded:: 0.1.0
    """

    STATIC = "static"
    """The static sagittal model; the back muscles hold the trunk."""
    SUPPORTED = "supported"
    """The support holds the trunk; only axial weight reaches the spine."""
    CALIBRATED = "calibrated"
    """A published EMG-assisted value, scaled by body mass."""
    SUBMODEL = "muscle-driven"  # a `Submodel`'s muscles (supported postures)


@final
@attrs.frozen(kw_only=True)
class Body:
    """The person whose spine is modelled.

    Attributes:
        mass_kg: Body mass, 30-300 kg.
        height_m: Stature, 1.20-2.30 m.
        sex: Optional; selects de Leva's sex-specific table when asked for.

    >>> Body(mass_kg=80, height_m=1.78)
    Body(mass_kg=80, height_m=1.78, sex=None)

    .. versionadded:: 0.1.0
    """

    mass_kg: float = attrs.field(
        validator=v.real(k.MIN_BODY_MASS_KG, k.MAX_BODY_MASS_KG, unit="kg")
    )
    height_m: float = attrs.field(
        validator=v.real(k.MIN_HEIGHT_M, k.MAX_HEIGHT_M, unit="m")
    )
    sex: Sex | None = attrs.field(
        default=None, validator=v.optional_member(Sex)
    )

    @property
    def weight_n(self) -> float:
        """Body weight in newtons."""
        return self.mass_kg * k.GRAVITY_M_S2

    def _repr_html_(self) -> str:  # a table in notebooks
        from backsafe.display._html import body_html  # noqa: PLC0415 (keeps import light)

        return body_html(self)


@final
@attrs.frozen(kw_only=True)
class TorsoLean:
    """Trunk inclination from vertical, in degrees.

    0° is upright, 90° is horizontal (bent over, or lying).

    Attributes:
        degrees: 0-90.

    >>> TorsoLean(degrees=30).classification
    <LeanClass.MODERATE: 'moderate'>

    .. versionadded:: 0.1.0
    """

    degrees: float = attrs.field(
        validator=v.real(k.MIN_LEAN_DEG, k.MAX_LEAN_DEG, unit="degrees")
    )

    @classmethod
    def from_radians(cls, radians: float) -> Self:
        """Build a lean from an angle in radians."""
        v.check_real(
            "radians",
            radians,
            min_value=0.0,
            max_value=math.pi / 2,
            unit="rad",
        )
        return cls(degrees=min(math.degrees(radians), k.MAX_LEAN_DEG))

    @property
    def radians(self) -> float:
        """The lean in radians."""
        return math.radians(self.degrees)

    @property
    def classification(self) -> LeanClass:
        """Upright (<= 15°), moderate (<= 45°) or pronounced (> 45°)."""
        if self.degrees <= k.UPRIGHT_MAX_DEG:
            return LeanClass.UPRIGHT
        if self.degrees <= k.PRONOUNCED_MIN_DEG:
            return LeanClass.MODERATE
        return LeanClass.PRONOUNCED


@final
@attrs.frozen(kw_only=True)
class Posture:
    """What the model scores: a trunk lean, a support and a load.

    Catalog exercises become postures at the hardest point of the rep, and
    daily tasks (lifting a box, tying shoes) can be described directly.

    Attributes:
        lean: Trunk inclination from vertical.
        support: What holds the trunk up.
        load_kg: External load in kilograms, 0-600 (total, both hands).
        placement: Where the load sits; `LoadPlacement.NONE` for no load.
        reach_m: Reach in front of the shoulders, 0-1 m (hands-reach only).
        task: A calibrated floor task (published); its support must match.
        submodel: A muscle-driven `Submodel`; its support must match.

    >>> box = Posture(
    ...     lean=TorsoLean(degrees=45),
    ...     load_kg=20,
    ...     placement=LoadPlacement.HANDS_REACH,
    ...     reach_m=0.3,
    ... )
    >>> box.is_loaded
    True

    .. versionadded:: 0.1.0
    """

    lean: TorsoLean = attrs.field(
        validator=v.instance_of(TorsoLean, "a TorsoLean")
    )
    support: Support = attrs.field(
        default=Support.FREE_STANDING, validator=v.member(Support)
    )
    load_kg: float = attrs.field(
        default=0.0, validator=v.real(0.0, k.MAX_LOAD_KG, unit="kg")
    )
    placement: LoadPlacement = attrs.field(
        default=LoadPlacement.NONE, validator=v.member(LoadPlacement)
    )
    reach_m: float = attrs.field(
        default=0.0, validator=v.real(0.0, k.MAX_REACH_M, unit="m")
    )
    task: CalibratedTask | None = attrs.field(
        default=None, validator=v.optional_member(CalibratedTask)
    )
    submodel: Submodel | None = attrs.field(default=None, validator=fitting)

    def __attrs_post_init__(self) -> None:
        if self.load_kg > 0 and self.placement is LoadPlacement.NONE:
            raise InvalidInputError.out_of_range(
                "Posture.placement",
                self.placement.value,
                "a placement other than 'none' when load_kg > 0",
            )
        if (
            self.reach_m > 0
            and self.placement is not LoadPlacement.HANDS_REACH
        ):
            raise InvalidInputError.out_of_range(
                "Posture.reach_m",
                self.reach_m,
                "0 unless placement is 'hands-reach'",
            )
        if self.task is not None and self.task.support is not self.support:
            raise InvalidInputError.out_of_range(
                "Posture.support",
                self.support.value,
                f"{self.task.support.value!r} for task {self.task.value!r}",
            )

    @property
    def is_loaded(self) -> bool:
        """Whether an external load is present."""
        return self.load_kg > 0


@final
@attrs.frozen(kw_only=True)
class Limits:
    """The limits spinal load is graded against.

    The defaults are the NIOSH 1981 compression limits and McGill's shear
    guidelines. Callers may override them, for example with a stricter
    compression action limit.

    Attributes:
        compression_action_n: Compression action limit (3400 N).
        compression_maximum_n: Maximum permissible compression (6400 N).
        shear_action_n: Shear action limit (500 N).
        shear_maximum_n: Maximum permissible shear (1000 N).

    >>> Limits().grade_compression(3500.0)
    <StressLevel.ELEVATED: 'elevated'>

    .. versionadded:: 0.1.0
    """

    compression_action_n: float = attrs.field(
        default=k.NIOSH_ACTION_LIMIT_N,
        validator=v.real(0.0, 50_000.0, unit="N", min_exclusive=True),
    )
    compression_maximum_n: float = attrs.field(
        default=k.NIOSH_MAXIMUM_PERMISSIBLE_LIMIT_N,
        validator=v.real(0.0, 50_000.0, unit="N", min_exclusive=True),
    )
    shear_action_n: float = attrs.field(
        default=k.SHEAR_ACTION_LIMIT_N,
        validator=v.real(0.0, 10_000.0, unit="N", min_exclusive=True),
    )
    shear_maximum_n: float = attrs.field(
        default=k.SHEAR_MAXIMUM_PERMISSIBLE_LIMIT_N,
        validator=v.real(0.0, 10_000.0, unit="N", min_exclusive=True),
    )

    def __attrs_post_init__(self) -> None:
        if self.compression_action_n >= self.compression_maximum_n:
            raise InvalidInputError.out_of_range(
                "Limits.compression_action_n",
                self.compression_action_n,
                f"< compression_maximum_n ({self.compression_maximum_n:g})",
            )
        if self.shear_action_n >= self.shear_maximum_n:
            raise InvalidInputError.out_of_range(
                "Limits.shear_action_n",
                self.shear_action_n,
                f"< shear_maximum_n ({self.shear_maximum_n:g})",
            )

    def grade_compression(self, compression_n: float) -> StressLevel:
        """Grade a compression force in newtons.

        Raises:
            InvalidInputError: Not a finite number >= 0.
        """
        value = v.check_real(
            "compression_n",
            compression_n,
            min_value=0.0,
            max_value=math.inf,
            unit="N",
        )
        return _grade(
            value, self.compression_action_n, self.compression_maximum_n
        )

    def grade_shear(self, shear_n: float) -> StressLevel:
        """Grade a shear force in newtons (its magnitude).

        Raises:
            InvalidInputError: Not a finite number.
        """
        value = v.check_real(
            "shear_n",
            shear_n,
            min_value=-math.inf,
            max_value=math.inf,
            unit="N",
        )
        return _grade(abs(value), self.shear_action_n, self.shear_maximum_n)


def _grade(value: float, action: float, maximum: float) -> StressLevel:
    if value >= maximum:
        return StressLevel.HIGH
    if value >= action:
        return StressLevel.ELEVATED
    return StressLevel.LOW


DEFAULT_LIMITS: Final = Limits()
