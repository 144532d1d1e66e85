"""The rules that make one exercise of a workout back-friendlier.

They look at one exercise at one load, say what is wrong with it (if
anything) and fix it: replace it, lighten it or leave it out, with the
reason in plain language. `rewrite_workout` applies them item by item and
checks their options first, so the rules trust what they are given.
"""

import enum
from collections.abc import Iterator
from typing import Final, final

import attrs

from backsafe.exercises._alternatives import (
    MIN_LEG_LOAD_RATIO,
    Alternative,
    _alternative,
    _alternatives,
    _leg_load_kg,
    needs_a_load,
    trains_legs,
)
from backsafe.exercises._equipment import LoadUnit
from backsafe.exercises._exercise import (
    Equipment,
    Exercise,
    ExerciseFlag,
    Stance,
)
from backsafe.exercises._scoring import score_default
from backsafe.exercises._swap_rules import (
    advises_against,
    sore_back_caution,
)
from backsafe.spine._result import SpinalLoad
from backsafe.spine._types import Body, Limits, ModelMethod, StressLevel

__all__ = [
    "MAX_SPLIT_STANCE",
    "ChangeKind",
    "Fix",
    "Rules",
    "advises_against",
    "sore_back_caution",
]

#: The most split-stance exercises a balanced day keeps: more overloads the
#: knees and the hips in the same position (issue 11; a design choice of
#: the backsafe authors, after common strength-coaching practice).
MAX_SPLIT_STANCE: Final = 2


def _balance_problem(exercise: Exercise, *, split_full: bool) -> str | None:
    """What a balanced day has against *exercise*, if anything."""
    caution = sore_back_caution(exercise)
    if caution is not None:
        return (
            "is one its own caution advises against while the back is sore"
            f" ({caution!r})"
        )
    if split_full and exercise.stance is Stance.SPLIT:
        return (
            "would be split-stance exercise number"
            f" {MAX_SPLIT_STANCE + 1}; a balanced day keeps at most"
            f" {MAX_SPLIT_STANCE}"
        )
    return None


class ChangeKind(enum.StrEnum):
    """What a rewrite did to one workout item.

    .. versionadded:: 0.1.0
    """

    REPLACED = "replaced"
    """Swapped for a back-friendlier exercise at the same leg work."""
    LOAD_REDUCED = "load-reduced"
    """Kept, with a lighter load, because no alternative fits."""
    REMOVED = "removed"
    """Left out: neither an alternative nor a lighter load fits."""


@final
@attrs.frozen(kw_only=True)
class Fix:
    """What the rules do to one exercise at one load.

    Attributes:
        kind: Replaced, load reduced, or removed.
        exercise: The exercise to do instead; ``None`` if removed.
        load_kg: Its load; 0 if removed.
        spinal_load: Its spinal load; ``None`` if removed.
        reason: Why, in one or two sentences.
    """

    kind: ChangeKind
    exercise: Exercise | None
    load_kg: float
    spinal_load: SpinalLoad | None
    reason: str


@final
@attrs.frozen(kw_only=True)
class Rules:
    """The checked options of one rewrite, and the steps that apply them."""

    body: Body
    max_level: StressLevel
    max_tier: int | None
    excluded: frozenset[ExerciseFlag]
    kit: frozenset[Equipment] | None
    prefer_unilateral: bool
    bodyweight_only: bool
    pool: dict[str, Exercise]
    limits: Limits
    personal: bool = False
    """Whether *limits* are this person's size-scaled ones."""
    balanced: bool = False
    unit: LoadUnit = LoadUnit.KG

    def problem(
        self,
        exercise: Exercise,
        load_kg: float,
        load: SpinalLoad,
        *,
        split_full: bool = False,
    ) -> str | None:
        """Say what is wrong with *exercise* at *load*, if anything."""
        return next(
            self._problems(exercise, load_kg, load, split_full=split_full),
            None,
        )

    def _problems(
        self,
        exercise: Exercise,
        load_kg: float,
        load: SpinalLoad,
        *,
        split_full: bool,
    ) -> Iterator[str]:
        """Each thing wrong with *exercise* at *load*, most serious first."""
        if not load.is_graded:
            yield (
                "has a spinal load the model cannot grade (a load off the"
                " supported trunk, or hanging), so it cannot be shown to"
                f" meet the chosen limit ({self.max_level.value})"
            )
        if self.balanced:
            trouble = _balance_problem(exercise, split_full=split_full)
            if trouble is not None:
                yield trouble
        if load.level > self.max_level:
            against = (
                " against this person's limit"
                f" ({self.limits.compression_action_n:,.0f} N for"
                f" {self.body.mass_kg:g} kg)"
                if self.personal
                else ""
            )
            yield (
                f"puts about {load.compression_n:,.0f} N on the lower back,"
                f" graded {load.level.value}{against}, above the grade"
                f" allowed ({self.max_level.value})"
            )
        if self.max_tier is not None and exercise.tier > self.max_tier:
            yield (
                f"is a tier-{exercise.tier} exercise, above the chosen"
                f" maximum of tier {self.max_tier}"
            )
        flags = sorted(f.value for f in exercise.flags & self.excluded)
        if flags:
            words = " and ".join(f.replace("-", " ") for f in flags)
            yield f"involves {words}, which was excluded"
        if self.bodyweight_only and load_kg > 0:
            yield "carries an external load, and only body weight is allowed"
        if self.bodyweight_only and needs_a_load(exercise):
            yield (
                "is done only with weight on a machine, cable or bar, and"
                " only body weight is allowed"
            )

    def fix(
        self,
        exercise: Exercise,
        load_kg: float,
        before: SpinalLoad,
        problem: str,
        used: set[str],
        *,
        split_full: bool = False,
    ) -> Fix:
        """Replace, lighten or remove *exercise* at *load_kg*."""
        if self.bodyweight_only and load_kg > 0:
            after = score_default(
                exercise, self.body, load_kg=0.0, limits=self.limits
            )
            if self.problem(exercise, 0.0, after) is None:
                return Fix(
                    kind=ChangeKind.LOAD_REDUCED,
                    exercise=exercise,
                    load_kg=0.0,
                    spinal_load=after,
                    reason=(
                        f"{exercise.name} at {_kg(load_kg)}"
                        f" {problem}, so it stays at body weight:"
                        f" {after.level.value} spinal load."
                    ),
                )
        found = list(
            _alternatives(
                exercise,
                self.body,
                load_kg,
                kit=self.kit,
                # A balanced day grades a swap where it starts (below).
                max_level=None if self.balanced else self.max_level,
                max_tier=self.max_tier,
                excluded=self.excluded,
                min_ratio=MIN_LEG_LOAD_RATIO,
                pool=self.pool,
                limits=self.limits,
                unit=self.unit,
            )
        )
        if self.balanced:
            found = [
                a
                for a in found
                if not advises_against(a.exercise)
                and a.start_level <= self.max_level
                and not (split_full and a.exercise.stance is Stance.SPLIT)
            ]
        if self.bodyweight_only:
            found = [
                self._at_body_weight(a, before)
                for a in found
                if not needs_a_load(a.exercise)
            ]
        if found:
            best = min(
                found, key=lambda a: self._preference(a, used, exercise)
            )
            target = best.load_kg
            if self.balanced:
                best = self._at_start(best, before)
            reason = self._replaced(exercise, load_kg, before, problem, best)
            if best.load_kg < target:
                reason += (
                    f" Start at {_kg(best.load_kg)} and build up towards"
                    f" {_kg(target)}, the load for the same leg work."
                )
            return Fix(
                kind=ChangeKind.REPLACED,
                exercise=best.exercise,
                load_kg=best.load_kg,
                spinal_load=best.spinal_load,
                reason=reason,
            )
        ruled_out = self.balanced and (
            advises_against(exercise)
            or (split_full and exercise.stance is Stance.SPLIT)
        )
        lighter = None if ruled_out else self._lighter(exercise, load_kg)
        if lighter is not None:
            new_load, after = lighter
            return Fix(
                kind=ChangeKind.LOAD_REDUCED,
                exercise=exercise,
                load_kg=new_load,
                spinal_load=after,
                reason=(
                    f"{exercise.name} at {_kg(load_kg)} {problem}."
                    " No exercise in the catalog trains the same muscles"
                    " with comparable leg work under the limit, so it"
                    f" stays with {_kg(new_load)}: about"
                    f" {after.compression_n:,.0f} N ({after.level.value})."
                ),
            )
        return Fix(
            kind=ChangeKind.REMOVED,
            exercise=None,
            load_kg=0.0,
            spinal_load=None,
            reason=(
                f"{exercise.name} {problem}. No exercise in the catalog"
                " trains the same muscles with comparable leg work under"
                " the limit, and a lighter load does not help, so it was"
                " left out; ask a coach or clinician what to do instead."
            ),
        )

    def _at_body_weight(
        self, alternative: Alternative, before: SpinalLoad
    ) -> Alternative:
        """The same alternative without its external load."""
        if alternative.load_kg == 0:
            return alternative
        ex = alternative.exercise
        at_zero = score_default(ex, self.body, load_kg=0.0, limits=self.limits)
        return _alternative(
            ex,
            0.0,
            at_zero,
            _leg_load_kg(ex, self.body, 0.0),
            before,
            start_kg=0.0,
            at_start=at_zero,
        )

    def _at_start(
        self, alternative: Alternative, before: SpinalLoad
    ) -> Alternative:
        """The same alternative at its start load."""
        ex = alternative.exercise
        start = alternative.start_load_kg
        if start == alternative.load_kg:
            return alternative
        at = score_default(ex, self.body, load_kg=start, limits=self.limits)
        return _alternative(
            ex,
            start,
            at,
            _leg_load_kg(ex, self.body, start),
            before,
            start_kg=start,
            at_start=at,
        )

    def _preference(
        self, alternative: Alternative, used: set[str], original: Exercise
    ) -> tuple[bool, bool, bool, bool, float, int, str]:
        ex = alternative.exercise
        balanced = self.balanced
        return (
            ex.slug in used,
            # A balanced day keeps the very pattern (a hinge for a hinge)
            # and never takes an ungraded result as the safest.
            balanced and ex.pattern is not original.pattern,
            balanced and (not alternative.spinal_load.is_graded),
            self.prefer_unilateral and not ex.is_unilateral,
            # Compared at the same leg work, as `alternatives` ranks.
            alternative.spinal_load.compression_n,
            ex.tier,
            ex.slug,
        )

    def _lighter(
        self, exercise: Exercise, load_kg: float
    ) -> tuple[float, SpinalLoad] | None:
        """The heaviest lighter load that meets the limits, if any."""
        if (
            load_kg == 0
            or exercise.flags & self.excluded
            or (self.max_tier is not None and exercise.tier > self.max_tier)
        ):
            return None
        step = exercise.load_step_kg
        steps = 0 if self.bodyweight_only else int(load_kg / step - 1e-9)
        for n in range(steps, -1, -1):
            load = round(n * step, 9)
            after = score_default(
                exercise, self.body, load_kg=load, limits=self.limits
            )
            if after.is_graded and after.level <= self.max_level:
                return load, after
        return None

    def _replaced(
        self,
        old: Exercise,
        load_kg: float,
        before: SpinalLoad,
        problem: str,
        best: Alternative,
    ) -> str:
        new = best.exercise
        leg_before = _leg_load_kg(old, self.body, load_kg)
        ratio = best.working_leg_load_kg / leg_before if leg_before else 1.0
        work = (
            ""
            if not trains_legs(old)
            else " with about the same work per leg"
            if 0.9 <= ratio <= 1.1  # noqa: PLR2004
            else " with more work per leg"
            if ratio > 1.1  # noqa: PLR2004
            else " with a little less work per leg"
        )
        after = best.spinal_load
        if after.method is ModelMethod.SUPPORTED:
            # The support holds the trunk and the muscles are not counted:
            # no newtons and no percentage to boast of.
            spine = f"a {after.level.value} spinal load (muscle load not"
            spine += " modelled: the support holds the trunk)"
        else:
            saving = (
                f", {best.relative_reduction:.0%} less"
                if best.relative_reduction >= 0.01  # noqa: PLR2004
                else ""
            )
            # A modelled load is never near zero: the upper body alone
            # presses on L4/L5 (over 150 N for the lightest body allowed).
            spine = (
                f"about {after.compression_n:,.0f} N"
                f" ({after.level.value}){saving}"
            )
        return (
            f"{old.name} at {_kg(load_kg)} {problem}."
            f" {new.name} at {_kg(best.load_kg)} trains the same muscles"
            f"{work} at {spine}: {_why(old, load_kg, best, before)}."
        )


def _why(
    old: Exercise, load_kg: float, best: Alternative, before: SpinalLoad
) -> str:
    new = best.exercise
    after = best.spinal_load
    clauses: list[str] = []
    if new.is_unilateral and not old.is_unilateral:
        clauses.append(
            "one leg does most of the work, so it needs less weight"
        )
    free = not old.support.carries_trunk_moment
    if (
        free
        and not new.support.carries_trunk_moment
        and new.typical_lean.degrees < old.typical_lean.degrees - 5
    ):
        clauses.append(
            "the trunk stays more upright (about"
            f" {new.typical_lean.degrees:.0f}° instead of"
            f" {old.typical_lean.degrees:.0f}°)"
        )
    if (
        load_kg > 0
        and old.placement.is_trunk_borne
        and best.load_kg > 0
        and not new.placement.is_trunk_borne
        and new.submodel is None
    ):
        clauses.append(
            "the load rests on the hips or a machine, not the spine"
        )
    if free and new.support.carries_trunk_moment:
        clauses.append("a bench, backrest or the floor holds the trunk")
    if not clauses and old.task is not None and new.task is not None:
        clauses.append("its measured spinal load is lower")
    if after.compression_n >= before.compression_n - 1.0:
        clauses.append(
            "the model scores both alike, but it is a lower-demand exercise"
            f" (tier {new.tier} instead of {old.tier})"
        )
    if not clauses:
        clauses.append("it loads the lower back less")
    return "; ".join(clauses)


def _kg(load_kg: float) -> str:
    return "body weight" if load_kg == 0 else f"{load_kg:g} kg"
