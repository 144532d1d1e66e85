"""Score an exercise: its posture at the hardest point, through the model."""

from backsafe import _validation as v
from backsafe.exceptions import InvalidInputError
from backsafe.exercises._exercise import Exercise
from backsafe.spine import _constants as k
from backsafe.spine._model import JointName, TableName, spinal_load
from backsafe.spine._types import (
    DEFAULT_LIMITS,
    Anthropometrics,
    Body,
    Limits,
    LoadPlacement,
    Posture,
    SpinalLoad,
    SpineLevel,
    TorsoLean,
)


def score(
    exercise: Exercise,
    body: Body,
    *,
    load_kg: float = 0.0,
    lean: TorsoLean | None = None,
    joint: JointName = SpineLevel.L4_L5,
    anthropometrics: TableName = Anthropometrics.WINTER,
    extensor_moment_arm_m: float | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> SpinalLoad:
    """Score *exercise* at the hardest point of its rep.

    Args:
        exercise: What is scored.
        body: Whose spine.
        load_kg: Total external load: both dumbbells together, the bar, or
            the machine's stack for a machine.
        lean: The trunk lean; the exercise's typical lean if not given.
        joint: See `spinal_load`.
        anthropometrics: See `spinal_load`.
        extensor_moment_arm_m: See `spinal_load`.
        limits: See `spinal_load`.

    Returns:
        The spinal load.

    Raises:
        InvalidInputError: Bad load or lean, or a load on an exercise that
            takes none.

    >>> from backsafe import catalog
    >>> body = Body(mass_kg=80, height_m=1.78)
    >>> split = score(catalog.get("split-squat"), body, load_kg=30)
    >>> split.level
    <StressLevel.LOW: 'low'>

    .. versionadded:: 0.1.0
    """
    posture = exercise_posture(exercise, load_kg=load_kg, lean=lean)
    return spinal_load(
        posture,
        body,
        joint=joint,
        anthropometrics=anthropometrics,
        extensor_moment_arm_m=extensor_moment_arm_m,
        limits=limits,
    )


def exercise_posture(
    exercise: Exercise,
    *,
    load_kg: float = 0.0,
    lean: TorsoLean | None = None,
) -> Posture:
    """Return the posture of *exercise* at the hardest point of its rep.

    Raises:
        InvalidInputError: Bad load or lean, or a load on an exercise that
            takes none.

    .. versionadded:: 0.1.0
    """
    if not isinstance(exercise, Exercise):
        raise InvalidInputError.out_of_range(
            "exercise", exercise, "an Exercise"
        )
    load = v.check_real(
        "load_kg", load_kg, min_value=0.0, max_value=k.MAX_LOAD_KG, unit="kg"
    )
    if lean is not None and not isinstance(lean, TorsoLean):
        raise InvalidInputError.out_of_range("lean", lean, "a TorsoLean")
    if load > 0 and not exercise.takes_load:
        raise InvalidInputError.out_of_range(
            "load_kg",
            load_kg,
            f"0 for {exercise.slug!r}, which takes no external load",
        )
    return Posture(
        lean=lean if lean is not None else exercise.typical_lean,
        support=exercise.support,
        load_kg=load,
        placement=exercise.placement if load > 0 else LoadPlacement.NONE,
        reach_m=exercise.reach_m if load > 0 else 0.0,
        task=exercise.task,
    )
