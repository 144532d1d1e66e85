"""What a phase lets a step reach (clinical-rules §2, §9.2, §9.5).

`Limitations` holds the tier cap, bodyweight only when acute and the
spinal-load cap; `index_of` reads (and checks) the catalog they are
checked against, once per public call. Nothing here reads a global: the
catalog is a parameter.
"""

import functools
from collections.abc import Iterable, Mapping

import attrs

from backsafe.coaching._doses import Dose
from backsafe.coaching._phases import Config, Phase
from backsafe.coaching._reports import Clearance
from backsafe.exceptions import InvalidInputError
from backsafe.exercises._exercise import Exercise, MovementPattern, Stance
from backsafe.exercises._scoring import score_default
from backsafe.spine._result import SpinalLoad
from backsafe.spine._types import Body, Limits

Index = Mapping[str, Exercise]


# --- Catalog access ----------------------------------------------------------


def index_of(catalog: Iterable[Exercise] | None) -> dict[str, Exercise]:
    """Map slugs to exercises; the built-in catalog when *catalog* is None."""
    if catalog is None:
        from backsafe.exercises._catalog import (  # noqa: PLC0415
            catalog as builtin,
        )

        catalog = builtin
    if isinstance(catalog, str | bytes | Mapping) or not isinstance(
        catalog, Iterable
    ):
        raise InvalidInputError.out_of_range(
            "catalog", catalog, "an iterable of Exercise"
        )
    found: dict[str, Exercise] = {}
    for exercise in catalog:
        if not isinstance(exercise, Exercise):
            raise InvalidInputError.out_of_range(
                "catalog", exercise, "an iterable of Exercise"
            )
        found[exercise.slug] = exercise
    return found


@functools.lru_cache(maxsize=4096)
def scored(
    exercise: Exercise, body: Body, load_kg: float, limits: Limits
) -> SpinalLoad:
    """`score`, remembered: plans score the same dose several times."""
    return score_default(exercise, body, load_kg=load_kg, limits=limits)


def is_never_planned(exercise: Exercise) -> bool:
    """The supine double-leg lift: replaced by a single-leg lift (§9.3)."""
    return (
        exercise.pattern is MovementPattern.LEG_RAISE
        and exercise.stance is Stance.BILATERAL
    )


def max_tier(phase: Phase, *, permits_tier3: bool) -> int:
    """The highest tier a phase allows (§9.2).

    A clinician's tier-3 permission lifts the chronic caps only (§2: tier
    3 only with an explicit permission, in the chronic phase).
    """
    if phase is Phase.ACUTE:
        return 1
    return 3 if permits_tier3 and phase is Phase.CHRONIC else 2


def substitute(exercise: Exercise, index: Index) -> Exercise | None:
    """The named replacement of an exercise that is never planned (§9.3).

    The supine double-leg raise is replaced by a single-leg raise: the
    same pattern on one leg, the lowest tier first.
    """
    if not is_never_planned(exercise):
        return None
    found = [
        e
        for e in index.values()
        if e.pattern is exercise.pattern
        and not is_never_planned(e)
        and e.tier < exercise.tier
        and set(e.modes) & set(exercise.modes)
    ]
    found.sort(key=lambda e: (e.tier, e.slug))
    return found[0] if found else None


def load_cap_n(
    phase: Phase, limits: Limits, *, permits_tier3: bool
) -> float | None:
    """The compression no planned step may reach (§9.5)."""
    if phase is Phase.CHRONIC:
        return None if permits_tier3 else limits.compression_maximum_n
    return limits.compression_action_n


def permits(clearance: Clearance | None) -> bool:
    """Whether a clinician allowed tier 3 and loads above the maximum."""
    return (
        clearance is not None
        and clearance.is_valid
        and clearance.permits_tier3
    )


@attrs.frozen(kw_only=True)
class Limitations:
    """What a step may not exceed in one phase."""

    phase: Phase
    max_tier: int
    cap_n: float | None
    body: Body | None
    limits: Limits
    config: Config

    def compression_n(self, exercise: Exercise, dose: Dose) -> float:
        """Estimated compression at *dose*; 0 without a body."""
        if self.body is None:
            return 0.0
        return scored(
            exercise, self.body, dose.load_kg, self.limits
        ).compression_n

    def allows(self, exercise: Exercise, dose: Dose) -> bool:
        """Whether *dose* of *exercise* can be planned within the caps."""
        return dose.mode in exercise.modes and self.within_caps(exercise, dose)

    def within_caps(self, exercise: Exercise, dose: Dose) -> bool:
        """Whether *dose* of *exercise* keeps to the phase's caps.

        The tier cap, no supine double-leg raise, no load on an exercise
        that takes none, bodyweight only in the acute phase (§2, §9.2), and
        the spinal-load cap when the body is known.
        """
        if exercise.tier > self.max_tier or is_never_planned(exercise):
            return False
        if dose.load_kg > 0 and (
            not exercise.takes_load or self.phase is Phase.ACUTE
        ):
            return False
        return self.within_load_cap(exercise, dose)

    def within_load_cap(self, exercise: Exercise, dose: Dose) -> bool:
        """Whether the compression stays below the phase's cap.

        An ungraded load (`SpinalLoad.is_graded`) is unknown, so it never
        counts as below a cap.
        """
        if self.body is None or self.cap_n is None:
            return True
        load = scored(exercise, self.body, dose.load_kg, self.limits)
        return load.is_graded and load.compression_n < self.cap_n
