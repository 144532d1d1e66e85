"""A progression: an ordered plan of dated steps, each with its criteria.

The criteria come from the project's clinical-rules note (§7).
"""

import datetime as dt
import itertools
from typing import final

import attrs

from backsafe import _validation as v
from backsafe.coaching._doses import Change, Dose
from backsafe.coaching._fields import is_date, optional_instance, tuple_of
from backsafe.coaching._phases import Phase
from backsafe.exceptions import InvalidInputError
from backsafe.exercises._equipment import LoadUnit
from backsafe.exercises._exercise import TrainingMode
from backsafe.spine._types import Body, StressLevel


@final
@attrs.frozen(kw_only=True)
class Criteria:
    """What must hold before moving on from a step (§7).

    Attributes:
        min_sessions: Green, settled sessions on separate days.
        min_days: Least calendar days at the step.
        max_pain_during: Highest pain during a session that counts (green).
        settle_tol: Points next-morning pain may exceed the morning before.
        min_reps_in_reserve: Strength mode: reps in reserve on every set
            (never train to failure); 0 elsewhere.

    .. versionadded:: 0.1.0
    """

    min_sessions: int = attrs.field(validator=v.integer(1, 7))
    min_days: int = attrs.field(validator=v.integer(1, 28))
    max_pain_during: int = attrs.field(validator=v.integer(0, 5))
    settle_tol: int = attrs.field(validator=v.integer(0, 1))
    min_reps_in_reserve: int = attrs.field(
        default=0, validator=v.integer(0, 10)
    )

    @property
    def summary(self) -> str:
        """The criteria in one sentence a person can read."""
        text = (
            f"Move on after {self.min_sessions} sessions on separate days,"
            f" at least {self.min_days} days apart from the last step,"
            f" with pain during at most {self.max_pain_during}/10 and back"
            " to your usual level by the next morning"
        )
        if self.min_reps_in_reserve:
            text += (
                f", finishing every set with {self.min_reps_in_reserve}"
                " or more reps in reserve"
            )
        return text + "."


@final
@attrs.frozen(kw_only=True)
class Step:
    """One step of a progression: a dose from a given day.

    Attributes:
        starts_on: The first day of the step.
        dose: What to do.
        tier: The exercise's spinal-demand tier.
        compression_n: Estimated L4/L5 compression at this dose, N.
        level: That compression graded against the limits.
        change: What changed from the previous step (``None`` for the
            first).
        criteria: What must hold before the next step.
        after_waking_min: The least minutes between waking and the
            session, when a wake time was given and the exercise flexes the
            spine; unlike a clock time it never wraps past midnight.
        earliest_start: The same moment as a clock time; when it is
            earlier than the wake time it falls on the next day.
        warm_up_first: Whether a warm-up (5 minutes of easy cardio or
            dynamic movement) must come first.

    .. versionadded:: 0.1.0
    """

    starts_on: dt.date = attrs.field(validator=is_date)
    dose: Dose = attrs.field(validator=v.instance_of(Dose, "a Dose"))
    tier: int = attrs.field(validator=v.integer(0, 3))
    compression_n: float = attrs.field(validator=v.real(0.0, 1e6, unit="N"))
    level: StressLevel = attrs.field(validator=v.member(StressLevel))
    change: Change | None = attrs.field(validator=v.optional_member(Change))
    criteria: Criteria = attrs.field(
        validator=v.instance_of(Criteria, "a Criteria")
    )
    after_waking_min: int | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(v.integer(0, 24 * 60)),
    )
    earliest_start: dt.time | None = attrs.field(
        default=None, validator=optional_instance(dt.time, "a datetime.time")
    )
    warm_up_first: bool = attrs.field(
        default=False, validator=v.instance_of(bool, "a bool")
    )


@final
@attrs.frozen(kw_only=True)
class Progression:
    """An ordered, immutable plan of steps for one exercise or its ladder.

    Build one with `generate_progression`; adapt it to a decision with
    `apply_decision`.

    Attributes:
        exercise: The slug the plan started from.
        mode: How it is dosed.
        phase: The phase it was planned for.
        body: The person it was scored for.
        programme_start: The first day of the programme (anchors the
            planned easy weeks when a plan is adapted).
        start: The first day of this plan.
        end: The day after the last day.
        load_cap_n: The compression no step reaches, N; ``None`` when a
            clinician lifted the cap.
        max_tier: The highest tier allowed.
        wake_time: The person's wake time, if given.
        steps: The steps, in date order; at least one.
        sessions_per_week: The sessions a week the plan assumes, 1-7;
            ``None`` in a plan read from before it was recorded.
        unit: What the gym's weights are marked in: load steps go to the
            next load a normal gym offers (`available_loads_kg`); ``None``
            when the plan steps on each dose's own load step.

    .. versionadded:: 0.1.0
    """

    exercise: str = attrs.field(validator=v.slug())
    mode: TrainingMode = attrs.field(validator=v.member(TrainingMode))
    phase: Phase = attrs.field(validator=v.member(Phase))
    body: Body = attrs.field(validator=v.instance_of(Body, "a Body"))
    programme_start: dt.date = attrs.field(validator=is_date)
    start: dt.date = attrs.field(validator=is_date)
    end: dt.date = attrs.field(validator=is_date)
    load_cap_n: float | None = attrs.field(
        validator=attrs.validators.optional(
            v.real(0.0, 1e6, unit="N", min_exclusive=True)
        )
    )
    max_tier: int = attrs.field(validator=v.integer(0, 3))
    wake_time: dt.time | None = attrs.field(
        default=None, validator=optional_instance(dt.time, "a datetime.time")
    )
    steps: tuple[Step, ...] = attrs.field(validator=tuple_of(Step, "Step"))
    sessions_per_week: int | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(v.integer(1, 7)),
    )
    unit: LoadUnit | None = attrs.field(
        default=None, validator=v.optional_member(LoadUnit)
    )

    def __attrs_post_init__(self) -> None:
        if not self.steps or self.steps[0].starts_on != self.start:
            raise InvalidInputError.out_of_range(
                "Progression.steps",
                self.steps,
                "at least one step, the first starting on start",
            )
        days = [s.starts_on for s in self.steps]
        if any(b <= a for a, b in itertools.pairwise(days)):
            raise InvalidInputError.out_of_range(
                "Progression.steps", days, "strictly increasing start days"
            )
        if self.end <= days[-1]:
            raise InvalidInputError.out_of_range(
                "Progression.end", self.end, f"after {days[-1]}"
            )

    def __repr__(self) -> str:
        from backsafe.display import _html  # noqa: PLC0415

        return _html.progression_repr(self)

    def _repr_html_(self) -> str:
        """Show the plan as a table in notebooks."""
        from backsafe.display import _html  # noqa: PLC0415

        return _html.progression_html(self)

    def step_on(self, day: dt.date | str) -> Step:
        """Return the step in force on *day* (a date or ``YYYY-MM-DD``).

        Raises:
            InvalidInputError: *day* is outside the plan.
        """
        day = v.coerce_date("day", day)
        if not self.start <= day < self.end:
            raise InvalidInputError.out_of_range(
                "day", day, f"in [{self.start}, {self.end})"
            )
        current = self.steps[0]
        for step in self.steps:
            if step.starts_on > day:
                break
            current = step
        return current
