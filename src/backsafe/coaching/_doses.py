"""Doses: how much of one exercise to do, and the one thing a step changes.

The bounds come from the project's clinical-rules note (sections cited as
§n); the sources are on the progressions page.
"""

import enum
import itertools
from typing import Final, final

import attrs

from backsafe import _validation as v
from backsafe.exceptions import InvalidInputError
from backsafe.exercises._exercise import TrainingMode


class Change(enum.StrEnum):
    """The one thing a step changes.

    .. versionadded:: 0.1.0
    """

    REPS = "reps"
    LOAD = "load"
    SETS = "sets"
    PYRAMID = "pyramid"
    EXERCISE = "exercise"
    SESSIONS = "sessions"
    UNDO = "undo"
    """Back to the dose before the last step up."""
    DELOAD = "deload"
    """A planned easy week: half the sets."""
    RESTORE = "restore"
    """Back to the dose before the planned easy week."""


#: The heaviest load a dose may carry, kg (the model's range).
MAX_LOAD_KG: Final = 600.0
#: McGill: holds of 7-10 s, never longer (§7.2).
MAX_ISO_HOLD_S: Final = 10
#: ACSM 10-30 s per stretch; 20 s by default (§7.4).
MIN_STRETCH_HOLD_S: Final = 10
MAX_STRETCH_HOLD_S: Final = 30


@final
@attrs.frozen(kw_only=True)
class Dose:
    """How much of one exercise to do.

    Attributes:
        exercise: The exercise's catalog slug.
        mode: How it is dosed.
        sets: Sets per session, 1-10.
        reps: Repetitions per set and side, 1-50; in iso-hold mode the
            first set of the pyramid.
        pyramid: Iso-hold mode only: reps of each set, non-increasing,
            such as ``(5, 3, 1)``; empty otherwise.
        load_kg: Total external load, 0-600 kg.
        load_step_kg: The smallest load change the equipment allows,
            0-50 kg; 0 if the load cannot change.
        hold_s: Seconds per hold: 1-10 for iso holds (McGill), 10-30 for
            stretches, 0 for dynamic reps.
        sessions_per_day: 1-3.
        rest_s: Rest between sets, 0-600 s.
        min_reps: Bottom of the rep range (reps reset here after a load
            step).
        max_reps: Top of the rep range; at or above *min_reps*.

    >>> Dose(exercise="glute-bridge", mode=TrainingMode.HOME_REPS, reps=5,
    ...      sessions_per_day=3).sessions_per_day
    3

    .. versionadded:: 0.1.0
    """

    exercise: str = attrs.field(validator=v.slug())
    mode: TrainingMode = attrs.field(validator=v.member(TrainingMode))
    sets: int = attrs.field(default=1, validator=v.integer(1, 10))
    reps: int = attrs.field(validator=v.integer(1, 50))
    pyramid: tuple[int, ...] = attrs.field(
        default=(),
        validator=attrs.validators.deep_iterable(
            v.integer(1, 50), v.instance_of(tuple, "a tuple of ints")
        ),
    )
    load_kg: float = attrs.field(
        default=0.0, validator=v.real(0.0, 600.0, unit="kg")
    )
    load_step_kg: float = attrs.field(
        default=0.0, validator=v.real(0.0, 50.0, unit="kg")
    )
    hold_s: float = attrs.field(
        default=0.0, validator=v.real(0.0, 30.0, unit="s")
    )
    sessions_per_day: int = attrs.field(default=1, validator=v.integer(1, 3))
    rest_s: int = attrs.field(default=60, validator=v.integer(0, 600))
    min_reps: int = attrs.field(default=1, validator=v.integer(1, 50))
    max_reps: int = attrs.field(default=50, validator=v.integer(1, 50))

    def __attrs_post_init__(self) -> None:
        where = "Dose"
        if self.max_reps < self.min_reps:
            raise InvalidInputError.out_of_range(
                f"{where}.max_reps", self.max_reps, f">= {self.min_reps}"
            )
        iso = self.mode is TrainingMode.ISO_HOLDS
        if iso:
            pyramid = self.pyramid
            if (
                len(pyramid) != self.sets
                or any(b > a for a, b in itertools.pairwise(pyramid))
                or pyramid[0] != self.reps
            ):
                raise InvalidInputError.out_of_range(
                    f"{where}.pyramid",
                    pyramid,
                    f"{self.sets} non-increasing reps starting at reps"
                    f" ({self.reps}) in iso-hold mode",
                )
            if not 1 <= self.hold_s <= MAX_ISO_HOLD_S:
                raise InvalidInputError.out_of_range(
                    f"{where}.hold_s",
                    self.hold_s,
                    f"in [1, {MAX_ISO_HOLD_S}] s in iso-hold mode",
                )
        elif self.pyramid:
            raise InvalidInputError.out_of_range(
                f"{where}.pyramid", self.pyramid, "() outside iso-hold mode"
            )
        if self.mode is TrainingMode.STRETCH and not (
            MIN_STRETCH_HOLD_S <= self.hold_s <= MAX_STRETCH_HOLD_S
        ):
            raise InvalidInputError.out_of_range(
                f"{where}.hold_s",
                self.hold_s,
                f"in [{MIN_STRETCH_HOLD_S}, {MAX_STRETCH_HOLD_S}] s in"
                " stretch mode",
            )
