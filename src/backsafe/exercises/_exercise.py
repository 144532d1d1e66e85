"""Exercises and their vocabularies.

Kept apart from the core model so that ``import backsafe`` does not pay for
them: they load with the catalog, or on first use of ``backsafe.Exercise``.
"""

import enum
from typing import final

import attrs

from backsafe import _validation as v
from backsafe.exceptions import InvalidInputError
from backsafe.spine import _constants as k
from backsafe.spine._submodel_types import Submodel, check_pairing
from backsafe.spine._types import (
    CalibratedTask,
    LoadPlacement,
    Support,
    TorsoLean,
)

__all__ = [
    "Equipment",
    "Exercise",
    "ExerciseFlag",
    "MovementPattern",
    "Muscle",
    "Stance",
    "TrainingMode",
]


class MovementPattern(enum.StrEnum):
    """The movement an exercise trains.

    .. versionadded:: 0.1.0
    """

    SQUAT = "squat"
    LUNGE = "lunge"
    STEP_UP = "step-up"
    HINGE = "hinge"
    BRIDGE = "bridge"
    KNEE_EXTENSION = "knee-extension"
    KNEE_FLEXION = "knee-flexion"
    HIP_ABDUCTION = "hip-abduction"
    LEG_RAISE = "leg-raise"
    TRUNK_FLEXION = "trunk-flexion"
    TRUNK_STABILITY = "trunk-stability"
    TRUNK_EXTENSION = "trunk-extension"
    STRETCH = "stretch"


class Stance(enum.StrEnum):
    """How the legs share the work.

    .. versionadded:: 0.1.0
    """

    BILATERAL = "bilateral"
    SPLIT = "split"
    SINGLE_LEG = "single-leg"


class Equipment(enum.StrEnum):
    """Equipment an exercise needs.

    .. versionadded:: 0.1.0
    """

    BODYWEIGHT = "bodyweight"
    BARBELL = "barbell"
    DUMBBELL = "dumbbell"
    KETTLEBELL = "kettlebell"
    MACHINE = "machine"
    CABLE = "cable"
    STABILITY_BALL = "stability-ball"
    BENCH = "bench"
    BOX = "box"
    MAT = "mat"


class Muscle(enum.StrEnum):
    """Muscle groups named by the catalog.

    .. versionadded:: 0.1.0
    """

    QUADRICEPS = "quadriceps"
    GLUTEUS_MAXIMUS = "gluteus-maximus"
    GLUTEUS_MEDIUS = "gluteus-medius"
    HAMSTRINGS = "hamstrings"
    ADDUCTORS = "adductors"
    HIP_FLEXORS = "hip-flexors"
    CALVES = "calves"
    RECTUS_ABDOMINIS = "rectus-abdominis"
    OBLIQUES = "obliques"
    ERECTOR_SPINAE = "erector-spinae"
    QUADRATUS_LUMBORUM = "quadratus-lumborum"
    PIRIFORMIS = "piriformis"


class ExerciseFlag(enum.StrEnum):
    """Features of an exercise that matter for a sore back.

    .. versionadded:: 0.1.0
    """

    LOADED_SPINAL_FLEXION = "loaded-spinal-flexion"
    SPINAL_FLEXION = "spinal-flexion"
    ROTATION = "rotation"
    AXIAL_LOADING = "axial-loading"


class TrainingMode(enum.StrEnum):
    """How an exercise is dosed (see the progressions page).

    .. versionadded:: 0.1.0
    """

    HOME_REPS = "home-reps"
    STRENGTH = "strength"
    ISO_HOLDS = "iso-holds"
    STRETCH = "stretch"


@final
@attrs.frozen(kw_only=True)
class Exercise:
    """One exercise, as the catalog describes it.

    Attributes:
        slug: Stable id, such as ``"split-squat"``; a public contract.
        name: Display name.
        pattern: The movement pattern.
        stance: Bilateral, split or single-leg.
        equipment: What it needs.
        placement: Where its external load sits, if it takes one.
        support: What holds the trunk.
        lean_min: Least typical trunk lean at the hardest point of the rep.
        lean_max: Greatest typical trunk lean at that point.
        primary_muscles: What it trains most (at least one).
        secondary_muscles: What it trains as well.
        working_leg_share: Share of the load the working leg carries, in
            (0, 1]; 0.5 for bilateral work.
        tier: Spinal-demand tier, 0 (spine-sparing) to 3 (high lean or
            heavy bilateral).
        aliases: Other names.
        flags: Back-relevant features, such as spinal flexion.
        modes: How it can be dosed.
        task: The calibrated floor task behind its score, if any.
        submodel: The muscle-driven submodel behind its score, if any
            (a supported posture's muscles; not with a task).
        reach_m: Reach for loads held out in front.
        load_step_kg: The smallest change of external load its equipment
            allows, in (0, 50] kg: 2.5 for a barbell (two 1.25 kg plates),
            2 per dumbbell, 4 per kettlebell, 5 for a weight stack. Loads
            that `equivalent_load` suggests are multiples of it.
        easier: Slugs of easier exercises in its family.
        harder: Slugs of harder exercises in its family.
        cues: Short coaching cues.
        cautions: When to take care or stop.
        sources: Where its numbers come from.

    .. versionadded:: 0.1.0
    """

    slug: str = attrs.field(validator=v.slug())
    name: str = attrs.field(validator=v.text(max_length=80))
    pattern: MovementPattern = attrs.field(validator=v.member(MovementPattern))
    stance: Stance = attrs.field(validator=v.member(Stance))
    equipment: frozenset[Equipment] = attrs.field(
        validator=v.members(Equipment, min_size=1)
    )
    placement: LoadPlacement = attrs.field(validator=v.member(LoadPlacement))
    support: Support = attrs.field(validator=v.member(Support))
    lean_min: TorsoLean = attrs.field(
        validator=v.instance_of(TorsoLean, "a TorsoLean")
    )
    lean_max: TorsoLean = attrs.field(
        validator=v.instance_of(TorsoLean, "a TorsoLean")
    )
    primary_muscles: frozenset[Muscle] = attrs.field(
        validator=v.members(Muscle, min_size=1)
    )
    secondary_muscles: frozenset[Muscle] = attrs.field(
        default=frozenset(), validator=v.members(Muscle)
    )
    working_leg_share: float = attrs.field(
        default=0.5, validator=v.real(0.0, 1.0, min_exclusive=True)
    )
    tier: int = attrs.field(default=0, validator=v.integer(0, 3))
    aliases: tuple[str, ...] = attrs.field(default=(), validator=v.texts())
    flags: frozenset[ExerciseFlag] = attrs.field(
        default=frozenset(), validator=v.members(ExerciseFlag)
    )
    modes: frozenset[TrainingMode] = attrs.field(
        default=frozenset({TrainingMode.STRENGTH}),
        validator=v.members(TrainingMode, min_size=1),
    )
    task: CalibratedTask | None = attrs.field(
        default=None, validator=v.optional_member(CalibratedTask)
    )
    submodel: Submodel | None = attrs.field(
        default=None, validator=v.optional_member(Submodel)
    )
    reach_m: float = attrs.field(
        default=0.0, validator=v.real(0.0, k.MAX_REACH_M, unit="m")
    )
    load_step_kg: float = attrs.field(
        default=2.5,
        validator=v.real(
            0.0, k.MAX_LOAD_STEP_KG, unit="kg", min_exclusive=True
        ),
    )
    easier: tuple[str, ...] = attrs.field(default=(), validator=v.slugs())
    harder: tuple[str, ...] = attrs.field(default=(), validator=v.slugs())
    cues: tuple[str, ...] = attrs.field(default=(), validator=v.texts())
    cautions: tuple[str, ...] = attrs.field(default=(), validator=v.texts())
    sources: tuple[str, ...] = attrs.field(default=(), validator=v.texts())

    def __attrs_post_init__(self) -> None:
        where = f"Exercise {self.slug!r}"
        if self.lean_min.degrees > self.lean_max.degrees:
            raise InvalidInputError.out_of_range(
                f"{where}: lean_min",
                self.lean_min.degrees,
                f"<= lean_max ({self.lean_max.degrees:g})",
            )
        if self.task is not None and self.task.support is not self.support:
            raise InvalidInputError.out_of_range(
                f"{where}: support",
                self.support.value,
                f"{self.task.support.value!r} for task {self.task.value!r}",
            )
        check_pairing(f"{where}: ", self.submodel, self.support, self.task)
        if (
            self.reach_m > 0
            and self.placement is not LoadPlacement.HANDS_REACH
        ):
            raise InvalidInputError.out_of_range(
                f"{where}: reach_m",
                self.reach_m,
                "0 unless placement is 'hands-reach'",
            )
        if self.slug in self.easier or self.slug in self.harder:
            raise InvalidInputError.out_of_range(
                f"{where}: easier/harder",
                self.slug,
                "links to other exercises, not to itself",
            )

    def __repr__(self) -> str:
        from backsafe.display import _html as _display  # noqa: PLC0415 (an edge, imported on use)

        return _display.exercise_repr(self)

    def _repr_html_(self) -> str:
        """Show the exercise as a table in notebooks."""
        from backsafe.display import _html as _display  # noqa: PLC0415 (an edge, imported on use)

        return _display.exercise_html(self)

    @property
    def typical_lean(self) -> TorsoLean:
        """The middle of the typical lean range."""
        return TorsoLean(
            degrees=(self.lean_min.degrees + self.lean_max.degrees) / 2
        )

    @property
    def takes_load(self) -> bool:
        """Whether an external load can be added."""
        return self.placement is not LoadPlacement.NONE

    @property
    def is_unilateral(self) -> bool:
        """Whether one leg does most of the work (split or single-leg)."""
        return self.stance is not Stance.BILATERAL
