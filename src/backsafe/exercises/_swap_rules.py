"""The rules a swap must meet to be offered to a person with back pain.

`backsafe.alternatives` keeps a candidate only if it

- keeps the movement pattern (`pattern_family`): a squat or lunge stays
  knee-dominant work, a hinge stays hip-extension work (a hinge or a
  bridge; the rewriter prefers a hinge for a hinge), a knee curl stays a
  knee curl;
- is of no higher tier than the original;
- scores clearly below the original, by `SWAP_MARGIN`, at the load it
  suggests (`start_load_kg`): the equal-work load is the *target* to grow
  towards, and the swap *starts* at `START_FRACTION` of it, rounded down to
  real equipment;
- needs no load beyond what a normal gym has (`gym_max_kg`);
- is not one its own catalog caution advises against while the back is
  sore (`advises_against`: the walking lunge, "the most demanding lunge",
  sends a sore back to the reverse lunge).

An ungraded result (a load the model does not count, such as the muscle
load of a bridge on the floor or of a machine) cannot be shown to be
lower; it is offered only for a lower tier, and ranked after every graded
one, never as the safest.
"""

import math
from typing import Final

from backsafe.exercises._equipment import (
    START_FRACTION,
    WEIGHTED_EQUIPMENT,
    LoadUnit,
    max_load_kg,
    round_down_to_equipment,
)
from backsafe.exercises._exercise import Equipment, Exercise, MovementPattern
from backsafe.spine import _constants as k
from backsafe.spine._result import SpinalLoad
from backsafe.spine._types import LoadPlacement

__all__ = [
    "START_FRACTION",
    "SWAP_MARGIN",
    "advises_against",
    "clearly_lower",
    "gym_max_kg",
    "pattern_family",
    "sore_back_caution",
    "start_load_kg",
]

#: How much less compression a swap must give at the load it suggests, as
#: a share of the original's: a tenth. Smaller differences are within the
#: model's own uncertainty for one posture (the typical trunk lean is an
#: estimate, and five degrees of lean move the compression of a loaded
#: squat by about that much), so they are no reason to change exercise.
#: A design choice of the backsafe authors.
SWAP_MARGIN: Final = 0.10

#: Movement families: a swap stays in the family of the original.
_FAMILY: Final = {
    MovementPattern.SQUAT: "knee-dominant",
    MovementPattern.LUNGE: "knee-dominant",
    MovementPattern.STEP_UP: "knee-dominant",
    MovementPattern.HINGE: "hip-extension",
    MovementPattern.BRIDGE: "hip-extension",
    MovementPattern.KNEE_EXTENSION: "knee-extension",
    MovementPattern.KNEE_FLEXION: "knee-flexion",
    MovementPattern.HIP_ABDUCTION: "hip-abduction",
    MovementPattern.LEG_RAISE: "hip-flexion",
    MovementPattern.TRUNK_FLEXION: "trunk",
    MovementPattern.TRUNK_STABILITY: "trunk",
    MovementPattern.TRUNK_EXTENSION: "trunk",
    MovementPattern.STRETCH: "stretch",
}

#: Machine types of `backsafe.exercises._equipment.MACHINE_STACK_KG`, by
#: a word in the slug.
_MACHINES: Final = (
    ("leg-press", "leg-press"),
    ("leg-extension", "leg-extension"),
    ("leg-curl", "leg-curl"),
    ("abduction", "hip-abduction"),
)

#: Slack for float noise.
_EPSILON: Final = 1e-9


def pattern_family(exercise: Exercise) -> str:
    """Name the movement family of *exercise*, such as ``"knee-dominant"``."""
    return _FAMILY[exercise.pattern]


def _machine(exercise: Exercise) -> str:
    for word, kind in _MACHINES:
        if word in exercise.slug:
            return kind
    return "stack"


def _count(exercise: Exercise, kind: Equipment) -> int | None:
    """How many implements the exercise holds (a goblet is one)."""
    if (
        kind is Equipment.DUMBBELL
        and exercise.placement is LoadPlacement.GOBLET
    ):
        return 1
    return None


def _weighted(exercise: Exercise) -> list[Equipment]:
    return [e for e in WEIGHTED_EQUIPMENT if e in exercise.equipment]


def gym_max_kg(exercise: Exercise) -> float:
    """The heaviest load a normal gym offers for *exercise*, in kg.

    The largest over its weighted equipment; 0 for an exercise that takes
    no load, and the model's bound for one that takes a load but names no
    weighted equipment (a custom entry: nothing to bound it by).
    """
    kinds = _weighted(exercise)
    if not exercise.takes_load:
        return 0.0
    if not kinds:
        return k.MAX_LOAD_KG
    return max(
        max_load_kg(
            kind,
            count=_count(exercise, kind),
            machine=_machine(exercise) if kind is Equipment.MACHINE else None,
        )
        for kind in kinds
    )


def start_load_kg(
    exercise: Exercise, target_kg: float, unit: LoadUnit = LoadUnit.KG
) -> float:
    """Where a swap starts: `START_FRACTION` of *target_kg*, real equipment.

    Rounded down to the heaviest load at hand on any of the exercise's
    weighted equipment; 0 (body weight) when even the lightest is too
    heavy, or the exercise takes no load. *unit* is what the gym's weights
    are marked in. An exercise that names no
    weighted equipment rounds down to its own ``load_step_kg``.

    A load lighter than the exercise's own ``load_step_kg`` (a 1 kg
    dumbbell for a single-leg box squat) is no start a coach would give:
    body weight instead, as the plans first add the lightest load of at
    least that step. Exercises done only with weight on a cable, machine
    or bar keep their lightest real load.
    """
    kinds = _weighted(exercise)
    if target_kg <= 0 or not exercise.takes_load:
        return 0.0
    want = START_FRACTION * min(target_kg, gym_max_kg(exercise))
    if not kinds:  # a custom entry: its own load step
        step = exercise.load_step_kg
        return round(math.floor(want / step + _EPSILON) * step, 9)
    start = max(
        round_down_to_equipment(
            want,
            kind,
            unit=unit,
            count=_count(exercise, kind),
            machine=_machine(exercise) if kind is Equipment.MACHINE else None,
        )
        for kind in kinds
    )
    token = 0 < start < exercise.load_step_kg - _EPSILON
    if token and not _LOAD_IS_THE_EXERCISE & exercise.equipment:
        return 0.0
    return start


#: Equipment that is the load itself (as `needs_a_load` reads it).
_LOAD_IS_THE_EXERCISE: Final = frozenset(
    {Equipment.CABLE, Equipment.MACHINE, Equipment.BARBELL}
)


def clearly_lower(
    after: SpinalLoad,
    candidate: Exercise,
    before: SpinalLoad,
    original: Exercise,
) -> bool:
    """Whether *after* on *candidate* is clearly below *before*.

    Both graded: at least `SWAP_MARGIN` less compression and no more
    shear, or, when the original's compression is already nil, a lower
    tier. Either one ungraded: only a lower tier counts, as the model
    cannot show the load is lower.
    """
    if (not after.is_graded) or (not before.is_graded):
        return candidate.tier < original.tier
    if before.compression_n <= _EPSILON:
        return candidate.tier < original.tier
    return (
        after.compression_n
        <= (1.0 - SWAP_MARGIN) * before.compression_n + _EPSILON
        and abs(after.shear_n) <= abs(before.shear_n) + _EPSILON
    )


#: Words with which a catalog caution advises against an exercise while
#: the back is sore.
_SORE_BACK: Final = ("sore back", "back is sore", "sore days")


def sore_back_caution(exercise: Exercise) -> str | None:
    """The caution of *exercise* that speaks of a sore back, if any."""
    for caution in exercise.cautions:
        if any(words in caution.lower() for words in _SORE_BACK):
            return caution
    return None


def advises_against(exercise: Exercise) -> bool:
    """Whether a caution of *exercise* says to do another one when sore.

    A caution that only says to keep the load light ("keep it light while
    the back is sore") is met by starting light; any other sore-back
    caution (use the reverse lunge, train the hips with bridges) rules the
    exercise out of a balanced day.
    """
    caution = sore_back_caution(exercise)
    return caution is not None and "keep" not in caution.lower()
