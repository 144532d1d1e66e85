import datetime as dt
import itertools
import runpy
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import backsafe as bs
from backsafe.coaching import _caps, _stepping

from .strategies import (
    DAY0,
    LADDER,
    LADDER_BY_SLUG,
    bodies,
    progression_configs,
)

BODY = bs.Body(mass_kg=80, height_m=1.78)
T = bs.TrainingMode
C = bs.Change


def plan(
    exercise: bs.Exercise | str, mode: bs.TrainingMode, **options: Any
) -> bs.Progression:
    values: dict[str, Any] = {
        "phase": bs.Phase.CHRONIC,
        "start": DAY0,
        "catalog": LADDER,
    }
    values.update(options)
    return bs.generate_progression(exercise, BODY, mode=mode, **values)


def changes(progression: bs.Progression) -> list[bs.Change | None]:
    return [s.change for s in progression.steps]


class TestVocabularies:
    def test_decisions_are_ordered(self) -> None:
        """Decisions order from stop to progress, not alphabetically."""
        assert [
            bs.Decision.STOP_AND_REFER,
            bs.Decision.REGRESS,
            bs.Decision.HOLD,
            bs.Decision.PROGRESS,
        ] == sorted(bs.Decision, reverse=True)[::-1]

    def test_urgencies_and_phases_are_ordered(self) -> None:
        """Urgencies and phases order by severity and by duration."""
        assert list(bs.Urgency) == sorted(bs.Urgency)
        assert list(bs.Phase) == sorted(bs.Phase)
        assert bs.Urgency.EMERGENCY == max(bs.Urgency)

    def test_no_ordering_with_strings(self) -> None:
        """Comparing with a plain string raises instead of sorting by name."""
        with pytest.raises(TypeError):
            assert bs.Decision.HOLD < "progress"
        with pytest.raises(TypeError):
            assert bs.Urgency.NONE <= bs.Decision.HOLD
        with pytest.raises(TypeError):
            assert bs.Phase.ACUTE > "x"
        with pytest.raises(TypeError):
            assert bs.Phase.ACUTE >= "x"

    def test_emergency_flags(self) -> None:
        """Possible cauda equina signs are emergencies, the rest urgent."""
        emergencies = {
            f.value for f in bs.RedFlag if f.urgency is bs.Urgency.EMERGENCY
        }

        assert {
            "saddle-anaesthesia",
            "bladder-dysfunction",
            "bowel-dysfunction",
            "sexual-dysfunction-new",
            "bilateral-leg-symptoms",
            "severe-or-progressive-bilateral-weakness",
            "new-gait-disturbance",
        } == emergencies
        assert all(
            f.urgency is bs.Urgency.URGENT
            for f in bs.RedFlag
            if f.value not in emergencies
        )

    def test_every_code_has_a_message(self) -> None:
        """Every reason code carries a sentence."""
        assert all(code.message for code in bs.ReasonCode)


class TestConfig:
    def test_defaults(self) -> None:
        """The defaults are those of clinical-rules §5.3."""
        config = bs.Config()

        assert (5, 2, 3, 3, 0, 1, 0.05) == (
            config.red_ceiling,
            config.green_max(bs.Phase.ACUTE),
            config.green_max(bs.Phase.SUBACUTE),
            config.green_max(bs.Phase.CHRONIC),
            config.settle_tol,
            config.trend_tol,
            config.load_increase,
        )
        assert [3, 2, 2] == [config.min_days(p) for p in bs.Phase]

    @given(
        st.integers(-1, 7),
        st.integers(-1, 6),
        st.integers(-1, 6),
        st.integers(-1, 6),
        st.integers(-1, 2),
        st.integers(0, 3),
        st.floats(0.0, 0.2),
        st.integers(1, 5),
        st.integers(1, 5),
        st.integers(1, 5),
    )
    def test_bounds(
        self,
        ceiling: int,
        acute: int,
        subacute: int,
        chronic: int,
        settle: int,
        trend: int,
        increase: float,
        days_acute: int,
        days_subacute: int,
        days_chronic: int,
    ) -> None:
        """13: a config builds exactly when every bound holds."""
        valid = (
            0 <= acute <= subacute <= chronic < ceiling <= 5
            and settle in {0, 1}
            and trend in {1, 2}
            and 0.02 <= increase <= 0.10
            and days_acute >= days_subacute >= days_chronic >= 2
        )
        fields: dict[str, Any] = {
            "red_ceiling": ceiling,
            "green_max_acute": acute,
            "green_max_subacute": subacute,
            "green_max_chronic": chronic,
            "settle_tol": settle,
            "trend_tol": trend,
            "load_increase": increase,
            "min_days_acute": days_acute,
            "min_days_subacute": days_subacute,
            "min_days_chronic": days_chronic,
        }

        if valid:
            assert ceiling == bs.Config(**fields).red_ceiling
        else:
            with pytest.raises(bs.InvalidInputError):
                bs.Config(**fields)

    @given(progression_configs())
    def test_strategy_builds_valid_configs(self, config: bs.Config) -> None:
        """The ceiling is never above 5 and green stays below it."""
        assert config.green_max(bs.Phase.CHRONIC) < config.red_ceiling <= 5

    @pytest.mark.parametrize(
        ("weeks", "phase"),
        [
            (0, bs.Phase.ACUTE),
            (5.99, bs.Phase.ACUTE),
            (6, bs.Phase.SUBACUTE),
            (11.99, bs.Phase.SUBACUTE),
            (12, bs.Phase.CHRONIC),
            (300, bs.Phase.CHRONIC),
        ],
    )
    def test_phase_boundaries(self, weeks: float, phase: bs.Phase) -> None:
        """Phases are half-open: under 6, 6 to under 12, 12 and over."""
        assert phase == bs.Config().phase_for(weeks)

    def test_configurable_phase_boundaries(self) -> None:
        """ACP's 4-week boundary can be configured; order is enforced."""
        config = bs.Config(subacute_from_weeks=4)

        assert bs.Phase.SUBACUTE == config.phase_for(4)
        with pytest.raises(bs.InvalidInputError, match="chronic_from_weeks"):
            bs.Config(subacute_from_weeks=12, chronic_from_weeks=12)

    @pytest.mark.parametrize("weeks", [-1, float("nan"), "6", None])
    def test_bad_weeks(self, weeks: object) -> None:
        """A negative or non-numeric duration raises."""
        with pytest.raises(bs.InvalidInputError, match="weeks_since_onset"):
            bs.Config().phase_for(weeks)  # type: ignore[arg-type]


class TestDose:
    def test_iso_pyramid_must_match(self) -> None:
        """An iso-hold pyramid has one entry per set, starting at reps."""
        with pytest.raises(bs.InvalidInputError, match="pyramid"):
            bs.Dose(
                exercise="curl-up",
                mode=T.ISO_HOLDS,
                sets=3,
                reps=5,
                pyramid=(5, 6, 1),
                hold_s=8,
            )

    @pytest.mark.parametrize("hold", [0, 10.5, 11])
    def test_iso_holds_never_longer_than_10_s(self, hold: float) -> None:
        """McGill's holds are 10 s at most."""
        with pytest.raises(bs.InvalidInputError, match="hold_s"):
            bs.Dose(
                exercise="curl-up",
                mode=T.ISO_HOLDS,
                sets=1,
                reps=5,
                pyramid=(5,),
                hold_s=hold,
            )

    @pytest.mark.parametrize("hold", [0, 9, 31])
    def test_stretch_holds(self, hold: float) -> None:
        """Stretch holds are 10-30 s."""
        with pytest.raises(bs.InvalidInputError, match="hold_s"):
            bs.Dose(exercise="x", mode=T.STRETCH, reps=1, hold_s=hold)

    def test_pyramid_only_for_iso_holds(self) -> None:
        """Other modes take no pyramid."""
        with pytest.raises(bs.InvalidInputError, match="pyramid"):
            bs.Dose(exercise="x", mode=T.STRENGTH, reps=5, pyramid=(5,))

    def test_rep_range_order(self) -> None:
        """The top of the rep range is not below its bottom."""
        with pytest.raises(bs.InvalidInputError, match="max_reps"):
            bs.Dose(
                exercise="x", mode=T.STRENGTH, reps=5, min_reps=8, max_reps=6
            )


class TestGenerate:
    def test_home_reps_acute(self) -> None:
        """5 reps 3 times a day, +1 every 3 days, 15 then the ladder."""
        progression = plan("glute-bridge", T.HOME_REPS, phase=bs.Phase.ACUTE)
        steps = progression.steps

        assert (5, 3) == (steps[0].dose.reps, steps[0].dose.sessions_per_day)
        assert [5, 6, 7] == [s.dose.reps for s in steps[:3]]
        assert [DAY0, DAY0 + dt.timedelta(days=3)] == [
            s.starts_on for s in steps[:2]
        ]
        at_cap = next(i for i, s in enumerate(steps) if s.dose.reps == 15)
        moved = steps[at_cap + 1]
        assert ("split-squat", 5, C.EXERCISE) == (
            moved.dose.exercise,
            moved.dose.reps,
            moved.change,
        )

    def test_strength_double_progression(self) -> None:
        """Reps 6 to 12, then the load 5 % up on the step with reps reset.

        30 kg (40 kg before the goblet sat at its offsets: 42.5 kg now
        crosses the subacute cap).
        """
        progression = plan(
            "goblet-squat",
            T.STRENGTH,
            phase=bs.Phase.SUBACUTE,
            load_kg=30,
            load_step_kg=2.5,
            weeks=12,
        )
        doses = [
            (s.dose.sets, s.dose.reps, s.dose.load_kg)
            for s in progression.steps
            if s.change not in {C.DELOAD, C.RESTORE}
        ]

        assert [
            *((3, reps, 30.0) for reps in range(6, 13)),
            (3, 6, 32.5),
        ] == doses[:8]

    def test_strength_deload_week(self) -> None:
        """Week 6 halves the sets; week 7 restores them."""
        progression = plan(
            "goblet-squat", T.STRENGTH, load_kg=40, load_step_kg=2.5
        )
        deload = next(s for s in progression.steps if s.change is C.DELOAD)
        restore = next(s for s in progression.steps if s.change is C.RESTORE)

        assert (DAY0 + dt.timedelta(weeks=5), 2) == (
            deload.starts_on,
            deload.dose.sets,
        )
        assert DAY0 + dt.timedelta(weeks=6) == restore.starts_on

    def test_switch_to_a_friendlier_exercise_at_the_cap(self) -> None:
        """A load step over the cap moves to a back-friendlier exercise.

        40 kg, the last step under the subacute cap with the goblet at its
        offsets (67.5 kg on the shoulder line).
        """
        progression = plan(
            "goblet-squat",
            T.STRENGTH,
            phase=bs.Phase.SUBACUTE,
            load_kg=40,
            load_step_kg=2.5,
            weeks=12,
        )
        switch = next(s for s in progression.steps if s.change is C.EXERCISE)

        # The split squat: a loaded glute bridge, once the switch, is
        # ungraded now (a load on the pelvis, no bridge submodel yet).
        assert "split-squat" == switch.dose.exercise
        assert all(
            s.level is not bs.StressLevel.UNGRADED for s in progression.steps
        )
        assert all(
            s.compression_n < bs.Limits().compression_action_n
            for s in progression.steps
        )

    def test_start_above_the_cap_switches(self) -> None:
        """A start over the phase's caps begins on a friendlier exercise."""
        progression = plan("back-squat", T.STRENGTH, load_kg=60)

        assert "back-squat" != progression.exercise
        assert progression.steps[0].tier <= 2

    def test_clinician_permission_lifts_the_chronic_caps(self) -> None:
        """With permission, tier 3 and loads above the maximum are planned."""
        clearance = bs.Clearance(
            cleared=True, by_clinician=True, on=DAY0, permits_tier3=True
        )

        progression = plan(
            "back-squat", T.STRENGTH, load_kg=60, clearance=clearance
        )

        assert ("back-squat", None, 3) == (
            progression.exercise,
            progression.load_cap_n,
            progression.max_tier,
        )

    def test_no_alternative_raises(self) -> None:
        """Without any exercise under the cap, planning raises."""
        only = [LADDER_BY_SLUG["back-squat"]]

        with pytest.raises(bs.InvalidInputError, match="exercise"):
            plan("back-squat", T.STRENGTH, load_kg=60, catalog=only)

    def test_iso_holds(self) -> None:
        """8 s holds in a 5-3-1 pyramid, +1 rep per set, up to 10-8-6."""
        progression = plan("curl-up", T.ISO_HOLDS)
        pyramids = [s.dose.pyramid for s in progression.steps]

        assert [(5, 3, 1), (6, 4, 2)] == pyramids[:2]
        assert (10, 8, 6) == pyramids[-1]
        assert {8} == {s.dose.hold_s for s in progression.steps}

    def test_iso_ladder(self) -> None:
        """At 10-8-6 the side bridge moves from knees to feet."""
        progression = plan("side-bridge-knees", T.ISO_HOLDS)

        assert "side-bridge" == progression.steps[-1].dose.exercise

    def test_stretch(self) -> None:
        """Stretches: 3 holds of 20 s after a warm-up, no progression."""
        progression = plan("hamstring-stretch", T.STRETCH)
        (step,) = progression.steps

        assert (3, 20, True) == (
            step.dose.sets,
            step.dose.hold_s,
            step.warm_up_first,
        )

    def test_morning_guard(self) -> None:
        """Spinal flexion starts no earlier than 2 h after waking."""
        guarded = plan("curl-up", T.ISO_HOLDS, wake_time=dt.time(6, 30))
        unguarded = plan("side-bridge", T.ISO_HOLDS, wake_time=dt.time(6, 30))

        assert {dt.time(8, 30)} == {s.earliest_start for s in guarded.steps}
        assert {120} == {s.after_waking_min for s in guarded.steps}
        assert {None} == {s.earliest_start for s in unguarded.steps}

    def test_morning_guard_past_midnight(self) -> None:
        """A late riser's guard is 2 h after waking, on the next day."""
        late = plan("curl-up", T.ISO_HOLDS, wake_time=dt.time(23, 0))

        assert {(120, dt.time(1, 0))} == {
            (s.after_waking_min, s.earliest_start) for s in late.steps
        }

    @pytest.mark.parametrize("load", [0.5, 40.0])
    def test_acute_is_bodyweight_only(self, load: float) -> None:
        """The acute phase plans no external load at all, machines too."""
        with pytest.raises(bs.InvalidInputError, match="bodyweight"):
            plan("split-squat", T.STRENGTH, phase=bs.Phase.ACUTE, load_kg=load)
        with pytest.raises(bs.InvalidInputError, match="bodyweight"):
            bs.generate_progression(
                "leg-extension",
                BODY,
                phase=bs.Phase.ACUTE,
                mode=T.STRENGTH,
                start=DAY0,
                load_kg=load,
            )

    def test_acute_machine_plan_stays_unloaded(self) -> None:
        """An acute machine plan never adds load, even up the ladder."""
        progression = bs.generate_progression(
            "leg-extension",
            BODY,
            phase=bs.Phase.ACUTE,
            mode=T.STRENGTH,
            start=DAY0,
        )

        assert {0.0} == {s.dose.load_kg for s in progression.steps}

    def test_exercise_object(self) -> None:
        """An Exercise works as well as its slug."""
        exercise = LADDER_BY_SLUG["curl-up"]

        assert plan("curl-up", T.ISO_HOLDS) == plan(exercise.slug, T.ISO_HOLDS)
        assert "curl-up" == plan(exercise, T.ISO_HOLDS, catalog=()).exercise

    def test_own_exercise_wins_over_the_catalog(self) -> None:
        """An Exercise passed in is planned as given, not as cataloged."""
        mine = attrs.evolve(LADDER_BY_SLUG["goblet-squat"], tier=1)

        progression = plan(
            mine,
            T.STRENGTH,
            phase=bs.Phase.ACUTE,
        )

        assert (1, "goblet-squat") == (
            progression.steps[0].tier,
            progression.exercise,
        )

    def test_step_on(self) -> None:
        """The step in force on a day is the latest that started."""
        progression = plan("glute-bridge", T.HOME_REPS, phase=bs.Phase.ACUTE)

        assert 5 == progression.step_on(DAY0 + dt.timedelta(days=2)).dose.reps
        assert 6 == progression.step_on(DAY0 + dt.timedelta(days=3)).dose.reps
        with pytest.raises(bs.InvalidInputError, match="day"):
            progression.step_on(progression.end)
        assert progression.step_on(DAY0) == progression.step_on(
            DAY0.isoformat()
        )
        moment = dt.datetime(2026, 3, 2)  # noqa: DTZ001
        for other_form in ("2026-W10-1", "20260302", moment):
            with pytest.raises(bs.InvalidInputError, match="day"):
                progression.step_on(other_form)

    @pytest.mark.parametrize(
        ("options", "field"),
        [
            ({"weeks": 0}, "weeks"),
            ({"weeks": 53}, "weeks"),
            ({"load_kg": -1.0}, "load_kg"),
            ({"load_step_kg": -2.5}, "load_step_kg"),
            ({"start": dt.datetime(2026, 3, 2)}, "start"),  # noqa: DTZ001
            ({"start": "2026-W10-1"}, "start"),
            ({"start": "20260302"}, "start"),
            ({"wake_time": "07:00"}, "wake_time"),
            ({"config": {}}, "config"),
            ({"phase": "sub"}, "phase"),
            ({"hold_s": 12}, "hold_s"),
            ({"catalog": 5}, "catalog"),
            ({"catalog": "curl-up"}, "catalog"),
            ({"clearance": "x"}, "clearance"),
            ({"limits": "x"}, "limits"),
            ({"start": dt.date.max - dt.timedelta(days=3)}, "start"),
            (
                {"start": dt.date.max - dt.timedelta(days=7), "weeks": 1},
                "start",
            ),
        ],
    )
    def test_bad_input(self, options: dict[str, Any], field: str) -> None:
        """Bad options raise the library's error, naming the field."""
        with pytest.raises(bs.InvalidInputError, match=field):
            plan("curl-up", T.ISO_HOLDS, **options)

    def test_bad_exercise(self) -> None:
        """Unknown slugs, unsupported modes and impossible loads raise."""
        with pytest.raises(bs.UnknownExerciseError):
            plan("no-such-thing", T.STRENGTH)
        with pytest.raises(bs.InvalidInputError, match="mode"):
            plan("curl-up", T.STRENGTH)
        with pytest.raises(bs.InvalidInputError, match="load_kg"):
            plan("curl-up", T.ISO_HOLDS, load_kg=5.0)
        with pytest.raises(bs.InvalidInputError, match="acute"):
            plan("split-squat", T.STRENGTH, phase=bs.Phase.ACUTE, load_kg=5.0)
        with pytest.raises(bs.InvalidInputError, match="body"):
            bs.generate_progression(
                "curl-up",
                "me",  # type: ignore[arg-type]
                phase=bs.Phase.ACUTE,
                mode=T.ISO_HOLDS,
                start=DAY0,
            )
        with pytest.raises(bs.InvalidInputError, match="catalog"):
            plan("curl-up", T.ISO_HOLDS, catalog=["curl-up"])


@st.composite
def plans(draw: st.DrawFn) -> tuple[bs.Progression, bool]:
    exercise = draw(st.sampled_from(LADDER))
    mode = draw(st.sampled_from(sorted(exercise.modes)))
    phase = draw(st.sampled_from(bs.Phase))
    permitted = draw(st.booleans())
    load = 0.0
    if mode is T.STRENGTH and exercise.takes_load and phase > bs.Phase.ACUTE:
        load = draw(st.sampled_from([0.0, 5.0, 20.0, 40.0, 60.0, 80.0]))
    try:
        progression = bs.generate_progression(
            exercise,
            draw(bodies(min_mass_kg=40, max_mass_kg=150)),
            phase=phase,
            mode=mode,
            start=DAY0,
            weeks=draw(st.integers(1, 12)),
            load_kg=load,
            load_step_kg=draw(st.sampled_from([0.0, 1.0, 2.5, 5.0])),
            clearance=bs.Clearance(
                cleared=True,
                by_clinician=True,
                on=DAY0,
                permits_tier3=permitted,
            ),
            wake_time=draw(st.none() | st.times()),
            catalog=LADDER,
        )
    except bs.InvalidInputError:
        assume(False)
        raise
    return progression, permitted


def _check_caps(progression: bs.Progression, *, permitted: bool) -> None:
    """27: tiers, bodyweight only when acute, the spinal-load cap."""
    for step in progression.steps:
        exercise = LADDER_BY_SLUG[step.dose.exercise]
        if progression.load_cap_n is not None:
            assert step.compression_n < progression.load_cap_n
        assert step.tier <= progression.max_tier
        if step.tier == 3:
            assert permitted
        if progression.phase is bs.Phase.ACUTE:
            assert step.tier <= 1
            assert 0 == step.dose.load_kg
        assert "supine-double-leg-lift" != exercise.slug


def _check_schedule(progression: bs.Progression) -> None:
    """28: morning guard, warm-up before stretches, bounded holds."""
    for step in progression.steps:
        exercise = LADDER_BY_SLUG[step.dose.exercise]
        if step.dose.mode is T.STRETCH:
            assert step.warm_up_first
            assert 10 <= step.dose.hold_s <= 30
        if step.dose.mode is T.ISO_HOLDS:
            assert step.dose.hold_s <= 10
        flexes = exercise.flags & {
            bs.ExerciseFlag.SPINAL_FLEXION,
            bs.ExerciseFlag.LOADED_SPINAL_FLEXION,
        }
        if flexes and progression.wake_time is not None:
            woke = dt.datetime.combine(DAY0, progression.wake_time)
            guard = dt.timedelta(minutes=step.after_waking_min or 0)
            assert guard >= dt.timedelta(hours=2)
            assert (woke + guard).time() == step.earliest_start
        else:
            assert (None, None) == (step.after_waking_min, step.earliest_start)


class TestPlanInvariants:
    @given(plans())
    def test_caps_hold_in_every_step(
        self, generated: tuple[bs.Progression, bool]
    ) -> None:
        """No step reaches the phase's tier or spinal-load cap (27)."""
        _check_caps(generated[0], permitted=generated[1])

    @given(plans())
    def test_schedule_and_holds(
        self, generated: tuple[bs.Progression, bool]
    ) -> None:
        """28: morning guard, warm-up before stretches, bounded holds."""
        _check_schedule(generated[0])

    @given(plans())
    def test_steps_change_one_thing(
        self, generated: tuple[bs.Progression, bool]
    ) -> None:
        """Steps move forward in time and grow one thing, load by <= 10 %."""
        progression, _ = generated

        for before, after in itertools.pairwise(progression.steps):
            assert before.starts_on < after.starts_on < progression.end
            b, a = before.dose, after.dose
            if after.change is C.LOAD:
                # At most 10 % up; a larger step (the next dumbbell) only
                # from the top of the range, and one set's work no more.
                assert 0 < a.load_kg - b.load_kg
                assert a.load_kg - b.load_kg <= 0.10 * b.load_kg + 1e-9 or (
                    b.reps == b.max_reps
                    and a.load_kg * a.reps <= b.load_kg * b.reps + 1e-9
                )
                assert (a.sets, a.reps) == (b.sets, a.min_reps)
            elif after.change is C.REPS:
                assert (a.sets, a.load_kg) == (b.sets, b.load_kg)
                assert 1 == a.reps - b.reps
            elif after.change is C.SETS:
                # One more set, the reps back at the bottom of the range
                # (double progression), so the weekly volume never jumps.
                assert (a.sets, a.reps, a.load_kg) == (
                    b.sets + 1,
                    a.min_reps,
                    b.load_kg,
                )
                assert a.reps <= b.reps
            elif after.change is C.EXERCISE:
                assert a.exercise != b.exercise
            assert a.sets <= 4

    @given(st.sampled_from(bs.Phase), st.integers(1, 12))
    def test_generation_is_pure(self, phase: bs.Phase, weeks: int) -> None:
        """The same inputs plan the same progression."""
        first = plan("glute-bridge", T.HOME_REPS, phase=phase, weeks=weeks)

        assert first == plan(
            "glute-bridge", T.HOME_REPS, phase=phase, weeks=weeks
        )


class TestApplyToPlan:
    def test_replans_from_the_next_day(self) -> None:
        """A decision applied to a plan replans from the day after."""
        progression = plan("glute-bridge", T.HOME_REPS, phase=bs.Phase.ACUTE)
        dose = progression.steps[0].dose
        ctx = bs.Context(
            phase=bs.Phase.ACUTE,
            clearance=bs.Clearance(cleared=True, by_clinician=True, on=DAY0),
        )
        report = bs.SessionReport(
            day=DAY0, pain_before=2, pain_during_max=7, pain_next_morning=2
        )
        outcome = bs.decide(report, dose, ctx, catalog=LADDER)

        replanned = bs.apply_decision(outcome, progression, catalog=LADDER)

        assert replanned is not None
        assert (DAY0 + dt.timedelta(days=1), progression.end) == (
            replanned.start,
            replanned.end,
        )
        assert outcome.dose_after == replanned.steps[0].dose
        assert 3 == replanned.steps[0].dose.reps

    def test_stop_ends_the_plan(self) -> None:
        """A stop applied to a plan returns nothing."""
        progression = plan("glute-bridge", T.HOME_REPS)
        report = bs.SessionReport(day=DAY0, pain_before=0, pain_during_max=0)
        outcome = bs.decide(
            report,
            progression.steps[0].dose,
            bs.Context(phase=bs.Phase.CHRONIC),
            catalog=LADDER,
        )

        assert bs.apply_decision(outcome, progression) is None

    def test_unknown_exercise(self) -> None:
        """Replanning needs the next dose's exercise in the catalog."""
        progression = plan("glute-bridge", T.HOME_REPS)
        ctx = bs.Context(
            phase=bs.Phase.CHRONIC,
            clearance=bs.Clearance(cleared=True, by_clinician=True, on=DAY0),
        )
        report = bs.SessionReport(day=DAY0, pain_before=0, pain_during_max=4)
        outcome = bs.decide(
            report, progression.steps[0].dose, ctx, catalog=LADDER
        )

        with pytest.raises(bs.UnknownExerciseError):
            bs.apply_decision(outcome, progression, catalog=())

    def test_outcome_for_another_dose_raises(self) -> None:
        """The outcome must be about the plan's dose on its day."""
        progression = plan("glute-bridge", T.HOME_REPS, phase=bs.Phase.ACUTE)
        ctx = bs.Context(
            phase=bs.Phase.ACUTE,
            clearance=bs.Clearance(cleared=True, by_clinician=True, on=DAY0),
        )
        report = bs.SessionReport(
            day=DAY0, pain_before=2, pain_during_max=7, pain_next_morning=2
        )
        other = attrs.evolve(progression.steps[0].dose, reps=9)
        outcome = bs.decide(report, other, ctx, catalog=LADDER)
        late = attrs.evolve(
            bs.decide(report, progression.steps[0].dose, ctx, catalog=LADDER),
            day=progression.end,
        )

        with pytest.raises(bs.InvalidInputError, match="dose_before"):
            bs.apply_decision(outcome, progression, catalog=LADDER)
        with pytest.raises(bs.InvalidInputError, match="day"):
            bs.apply_decision(late, progression, catalog=LADDER)

    def test_next_dose_above_the_plan_caps_raises(self) -> None:
        """A step up decided for a bolder phase never enters an acute plan."""
        progression = plan(
            "split-squat", T.STRENGTH, phase=bs.Phase.ACUTE, catalog=LADDER
        )
        dose = attrs.evolve(progression.steps[0].dose, reps=8, sets=4)
        chronic = bs.Context(
            phase=bs.Phase.CHRONIC,
            clearance=bs.Clearance(cleared=True, by_clinician=True, on=DAY0),
            body=BODY,
        )
        done = tuple(bs.SetResult(reps=8, reps_in_reserve=3) for _ in range(4))
        first = bs.SessionReport(
            day=DAY0,
            pain_before=1,
            pain_during_max=1,
            pain_next_morning=1,
            sets=done,
        )
        second = attrs.evolve(first, day=DAY0 + dt.timedelta(days=2))
        outcome = bs.decide(
            second,
            dose,
            attrs.evolve(chronic, history=(first,)),
            catalog=LADDER,
        )
        shifted = attrs.evolve(
            progression,
            steps=(attrs.evolve(progression.steps[0], dose=dose),),
        )

        assert "goblet-squat" == outcome.dose_after.exercise  # type: ignore[union-attr]
        with pytest.raises(bs.InvalidInputError, match="caps"):
            bs.apply_decision(outcome, shifted, catalog=LADDER)

    @pytest.mark.parametrize(
        ("options", "field"),
        [
            ({"catalog": 5}, "catalog"),
            ({"config": "x"}, "config"),
            ({"limits": "x"}, "limits"),
        ],
    )
    def test_bad_options(self, options: dict[str, Any], field: str) -> None:
        """Options of the wrong type raise the library's error."""
        progression = plan("glute-bridge", T.HOME_REPS)
        ctx = bs.Context(
            phase=bs.Phase.CHRONIC,
            clearance=bs.Clearance(cleared=True, by_clinician=True, on=DAY0),
        )
        report = bs.SessionReport(day=DAY0, pain_before=0, pain_during_max=7)
        outcome = bs.decide(
            report, progression.steps[0].dose, ctx, catalog=LADDER
        )

        with pytest.raises(bs.InvalidInputError, match=field):
            bs.apply_decision(outcome, progression, **options)

    @given(plans(), st.data())
    def test_replanned_plans_keep_the_caps(
        self, generated: tuple[bs.Progression, bool], data: st.DataObject
    ) -> None:
        """27-28 hold in every plan `apply_decision` makes."""
        progression, permitted = generated
        days = (progression.end - progression.start).days
        offset = data.draw(st.integers(1, days - 1))
        day = progression.start + dt.timedelta(days=offset)
        dose = progression.step_on(day).dose
        reps = dose.pyramid or (dose.reps,) * dose.sets
        done = tuple(
            bs.SetResult(reps=n, hold_s=dose.hold_s, reps_in_reserve=3)
            for n in reps
        )
        pain = data.draw(st.integers(0, 10))
        before = bs.SessionReport(
            day=day - dt.timedelta(days=1),
            pain_before=2,
            pain_during_max=min(pain, 2),
            pain_next_morning=2,
            sets=done,
        )
        report = attrs.evolve(before, day=day, pain_during_max=pain)
        ctx = bs.Context(
            phase=progression.phase,
            clearance=bs.Clearance(
                cleared=True,
                by_clinician=True,
                on=DAY0,
                permits_tier3=permitted,
            ),
            history=(before,),
            body=progression.body,
        )
        outcome = bs.decide(report, dose, ctx, catalog=LADDER)

        replanned = bs.apply_decision(outcome, progression, catalog=LADDER)

        assert replanned is not None
        _check_caps(replanned, permitted=permitted)
        _check_schedule(replanned)

    def test_progression_validates_its_steps(self) -> None:
        """A plan's steps start on its start day, in date order."""
        progression = plan("glute-bridge", T.HOME_REPS)

        with pytest.raises(bs.InvalidInputError, match="steps"):
            attrs.evolve(progression, steps=progression.steps[1:])
        with pytest.raises(bs.InvalidInputError, match="steps"):
            attrs.evolve(progression, steps=progression.steps[:1] * 2)
        with pytest.raises(bs.InvalidInputError, match="end"):
            attrs.evolve(progression, end=progression.steps[-1].starts_on)


class TestEdges:
    def test_criteria_summary(self) -> None:
        """The criteria read as one sentence, with reps in reserve."""
        progression = plan("goblet-squat", T.STRENGTH, load_kg=20)
        criteria = progression.steps[0].criteria

        assert (
            "Move on after 2 sessions on separate days, at least 7 days"
            " apart from the last step, with pain during at most 3/10 and"
            " back to your usual level by the next morning, finishing every"
            " set with 2 or more reps in reserve."
        ) == criteria.summary
        assert (
            plan("curl-up", T.ISO_HOLDS)
            .steps[0]
            .criteria.summary.endswith("next morning.")
        )

    def test_green_order(self) -> None:
        """Earlier phases never have a higher green maximum."""
        with pytest.raises(bs.InvalidInputError, match="green_max_subacute"):
            bs.Config(green_max_acute=4)

    def test_green_below_the_ceiling(self) -> None:
        """Green pain stays below the ceiling."""
        with pytest.raises(bs.InvalidInputError, match="green_max_chronic"):
            bs.Config(red_ceiling=3)

    def test_min_days_order(self) -> None:
        """Earlier phases never wait fewer days than later ones."""
        with pytest.raises(bs.InvalidInputError, match="min_days_subacute"):
            bs.Config(min_days_acute=2, min_days_subacute=3)

    def test_step_on_last_step(self) -> None:
        """The last step is in force until the end."""
        progression = plan("glute-bridge", T.HOME_REPS)
        last_day = progression.end - dt.timedelta(days=1)

        assert progression.steps[-1] == progression.step_on(last_day)

    def test_no_compression_without_a_body(self) -> None:
        """Without a body there is no estimate and no spinal-load cap."""
        caps = _caps.Limitations(
            phase=bs.Phase.CHRONIC,
            max_tier=2,
            cap_n=6400.0,
            body=None,
            limits=bs.Limits(),
            config=bs.Config(),
        )
        curl_up = LADDER_BY_SLUG["curl-up"]
        dose = bs.Dose(
            exercise="curl-up",
            mode=T.ISO_HOLDS,
            reps=5,
            pyramid=(5,),
            hold_s=8,
            load_kg=5,
        )

        assert 0.0 == caps.compression_n(curl_up, dose)
        assert not caps.allows(curl_up, dose)

    def test_into_caps_unloads_an_easier_exercise(self) -> None:
        """An easier exercise over the load cap is entered unloaded."""
        caps = _caps.Limitations(
            phase=bs.Phase.CHRONIC,
            max_tier=2,
            cap_n=1050.0,  # goblet squat: ~1,001 N unloaded, ~1,087 at 2.5
            body=BODY,
            limits=bs.Limits(),
            config=bs.Config(),
        )
        dose = bs.Dose(
            exercise="back-squat",
            mode=T.STRENGTH,
            sets=3,
            reps=8,
            load_kg=20,
            load_step_kg=2.5,
            min_reps=6,
            max_reps=8,
        )

        actual = _stepping.into_caps(
            dose,
            LADDER_BY_SLUG["back-squat"],
            caps=caps,
            index=LADDER_BY_SLUG,
        )

        assert actual is not None
        assert ("goblet-squat", 0.0, C.EXERCISE) == (
            actual[0].exercise,
            actual[0].load_kg,
            actual[1],
        )

    def test_into_caps_skips_an_easier_exercise_without_the_mode(
        self,
    ) -> None:
        """An easier exercise that lacks the dose's mode is passed over."""
        split_squat = attrs.evolve(
            LADDER_BY_SLUG["split-squat"], easier=("curl-up", "glute-bridge")
        )
        caps = _caps.Limitations(
            phase=bs.Phase.CHRONIC,
            max_tier=0,
            cap_n=None,
            body=None,
            limits=bs.Limits(),
            config=bs.Config(),
        )
        dose = _stepping.first_dose(split_squat, T.HOME_REPS)

        actual = _stepping.into_caps(
            dose, split_squat, caps=caps, index=LADDER_BY_SLUG
        )

        assert actual is not None
        assert ("glute-bridge", C.EXERCISE) == (actual[0].exercise, actual[1])

    def test_alternative_loading_the_back_more_is_never_chosen(self) -> None:
        """A back-friendlier exercise must score lower than the current one."""
        reach = bs.Exercise(
            slug="reaching-squat",
            name="Reaching squat",
            pattern=bs.MovementPattern.SQUAT,
            stance=bs.Stance.BILATERAL,
            equipment=frozenset({bs.Equipment.DUMBBELL}),
            placement=bs.LoadPlacement.HANDS_REACH,
            reach_m=0.5,
            support=bs.Support.FREE_STANDING,
            lean_min=bs.TorsoLean(degrees=60),
            lean_max=bs.TorsoLean(degrees=80),
            primary_muscles=frozenset({bs.Muscle.QUADRICEPS}),
            tier=2,
        )
        catalog = [LADDER_BY_SLUG["back-squat"], reach]

        with pytest.raises(bs.InvalidInputError, match="exercise"):
            plan("back-squat", T.STRENGTH, catalog=catalog)

    def test_load_over_the_cap_without_alternative(self) -> None:
        """With no alternative, a load step over the cap becomes a set.

        40 kg, the last step under the cap with the goblet at its offsets
        (67.5 kg on the shoulder line).
        """
        catalog = [LADDER_BY_SLUG["goblet-squat"]]

        progression = plan(
            "goblet-squat",
            T.STRENGTH,
            phase=bs.Phase.SUBACUTE,
            load_kg=40,
            load_step_kg=2.5,
            catalog=catalog,
            weeks=12,
        )
        steps = [
            c for c in changes(progression) if c not in {C.DELOAD, C.RESTORE}
        ]

        assert [None, *[C.REPS] * 6, C.SETS] == steps[:8]


class TestStepBackEdges:
    def test_easier_exercise_needs_the_mode(self) -> None:
        """An easier exercise without the dose's mode is skipped."""
        split = attrs.evolve(
            LADDER_BY_SLUG["split-squat"], easier=("curl-up", "glute-bridge")
        )
        catalog = [*LADDER, split]
        dose = bs.Dose(
            exercise="split-squat", mode=T.HOME_REPS, reps=5, max_reps=15
        )
        ctx = bs.Context(
            phase=bs.Phase.CHRONIC,
            clearance=bs.Clearance(cleared=True, by_clinician=True, on=DAY0),
        )
        report = bs.SessionReport(
            day=DAY0,
            pain_before=1,
            pain_during_max=1,
            symptoms=frozenset({bs.Symptom.SHARP_PAIN}),
        )

        outcome = bs.decide(report, dose, ctx, catalog=catalog)

        assert "glute-bridge" == outcome.dose_after.exercise  # type: ignore[union-attr]

    def test_sessions_come_off_at_the_rep_floor(self) -> None:
        """At 1 rep and 1 set, a home dose drops a daily session."""
        dose = bs.Dose(
            exercise="glute-bridge",
            mode=T.HOME_REPS,
            reps=1,
            sessions_per_day=3,
        )
        ctx = bs.Context(
            phase=bs.Phase.CHRONIC,
            clearance=bs.Clearance(cleared=True, by_clinician=True, on=DAY0),
        )
        report = bs.SessionReport(day=DAY0, pain_before=1, pain_during_max=8)

        outcome = bs.decide(report, dose, ctx, catalog=LADDER)

        assert (C.SESSIONS, 2) == (
            outcome.change,
            outcome.dose_after.sessions_per_day,  # type: ignore[union-attr]
        )

    def test_deload_of_a_single_set(self) -> None:
        """A single set cannot be halved: the deload takes 2 reps off."""
        dose = bs.Dose(
            exercise="goblet-squat",
            mode=T.STRENGTH,
            sets=1,
            reps=8,
            min_reps=6,
            max_reps=8,
        )
        ctx = bs.Context(
            phase=bs.Phase.CHRONIC,
            clearance=bs.Clearance(cleared=True, by_clinician=True, on=DAY0),
            programme_start=DAY0 - dt.timedelta(weeks=5),
        )
        report = bs.SessionReport(day=DAY0, pain_before=1, pain_during_max=1)

        outcome = bs.decide(report, dose, ctx, catalog=LADDER)

        assert (C.REPS, 6) == (outcome.change, outcome.dose_after.reps)  # type: ignore[union-attr]


class TestTwoWeeksExample:
    def test_output_matches_the_docs(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The worked example prints what the docs page shows."""
        examples = Path(__file__).parents[1] / "examples"

        runpy.run_path(
            str(examples / "progression_two_weeks.py"), run_name="__main__"
        )

        expected = (examples / "progression_two_weeks.txt").read_text()
        assert expected == capsys.readouterr().out


class TestTwoWeeksFlare:
    def test_flare_is_handled_as_the_rules_say(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The flare uses the acute phase and steps back, then recovers."""
        examples = Path(__file__).parents[1] / "examples"
        module = runpy.run_path(str(examples / "progression_two_weeks.py"))

        outcomes = module["run"]()
        phases = [
            line.split()[2]
            for line in capsys.readouterr().out.splitlines()
            if line.startswith("day ")
        ]
        flare_day = next(
            n for n, row in enumerate(module["REPORTS"]) if row[3]
        )

        assert ["chronic"] * flare_day == phases[:flare_day]
        assert "acute" == phases[flare_day]
        assert bs.Decision.REGRESS == outcomes[flare_day].decision
        assert "chronic" == phases[-1]
        assert bs.Decision.PROGRESS in {o.decision for o in outcomes[-4:]}


class TestBuiltinCatalog:
    def test_plans_from_the_builtin_catalog(self) -> None:
        """Without a catalog, plans use the built-in one."""
        progression = bs.generate_progression(
            "glute-bridge",
            BODY,
            phase=bs.Phase.ACUTE,
            mode=T.HOME_REPS,
            start=DAY0,
        )

        assert [5, 6, 7] == [s.dose.reps for s in progression.steps[:3]]
        assert all(s.tier <= 1 for s in progression.steps)

    def test_supine_double_leg_raise_is_never_planned(self) -> None:
        """Even with permission, the double-leg raise is replaced."""
        clearance = bs.Clearance(
            cleared=True, by_clinician=True, on=DAY0, permits_tier3=True
        )

        progression = bs.generate_progression(
            "double-leg-raise",
            BODY,
            phase=bs.Phase.CHRONIC,
            mode=T.HOME_REPS,
            start=DAY0,
            clearance=clearance,
        )

        assert "double-leg-raise" not in {
            s.dose.exercise for s in progression.steps
        }
