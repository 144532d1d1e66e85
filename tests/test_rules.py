import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

import backsafe as bs

from .strategies import (
    DAY0,
    LADDER,
    LADDER_BY_SLUG,
    decision_inputs,
    ready_inputs,
    rich_decision_inputs,
    rich_ready_inputs,
)

D = bs.Decision
R = bs.ReasonCode
U = bs.Urgency
CLEARED = bs.Clearance(
    cleared=True, by_clinician=True, on=DAY0 - dt.timedelta(days=1)
)
HOME = bs.Dose(
    exercise="split-squat",
    mode=bs.TrainingMode.HOME_REPS,
    reps=8,
    sessions_per_day=3,
    max_reps=15,
)
STRENGTH = bs.Dose(
    exercise="goblet-squat",
    mode=bs.TrainingMode.STRENGTH,
    sets=3,
    reps=6,
    load_kg=20.0,
    load_step_kg=1.0,
    min_reps=6,
    max_reps=8,
)
ISO = bs.Dose(
    exercise="side-bridge-knees",
    mode=bs.TrainingMode.ISO_HOLDS,
    sets=3,
    reps=5,
    pyramid=(5, 3, 1),
    hold_s=8,
    max_reps=10,
)
STOP_SYMPTOMS = [s for s in bs.Symptom if s.is_stop]
#: New weakness stops the session and refers (§4, issue #12); the others
#: step back.
STEP_BACK_SYMPTOMS = [s for s in STOP_SYMPTOMS if s is not bs.Symptom.WEAKNESS]
PAIN_FIELDS = [
    "pain_before",
    "pain_during_max",
    "pain_1h_after",
    "pain_next_morning",
    "stiffness_next_morning",
]
BAD_PAIN = [
    (field, value)
    for field in PAIN_FIELDS
    for value in (-1, 11, 2.5, True, None, "3")
    if value is not None or field in {"pain_before", "pain_during_max"}
]
BODY = bs.Body(mass_kg=80, height_m=1.78)
EMERGENCY_FLAGS = [f for f in bs.RedFlag if f.urgency is U.EMERGENCY]
URGENT_FLAGS = [f for f in bs.RedFlag if f.urgency is U.URGENT]


def day(n: int) -> dt.date:
    return DAY0 + dt.timedelta(days=n)


def full_sets(dose: bs.Dose, rir: int = 3) -> tuple[bs.SetResult, ...]:
    reps = dose.pyramid or (dose.reps,) * dose.sets
    return tuple(
        bs.SetResult(
            reps=n,
            load_kg=dose.load_kg,
            hold_s=dose.hold_s,
            reps_in_reserve=rir,
        )
        for n in reps
    )


def report(n: int = 2, **fields: Any) -> bs.SessionReport:
    values: dict[str, Any] = {
        "pain_before": 2,
        "pain_during_max": 2,
        "pain_next_morning": 2,
        "sets": full_sets(HOME),
    }
    values.update(fields)
    return bs.SessionReport(day=day(n), **values)


def context(**fields: Any) -> bs.Context:
    values: dict[str, Any] = {
        "phase": bs.Phase.CHRONIC,
        "clearance": CLEARED,
        "history": (report(0),),
    }
    values.update(fields)
    return bs.Context(**values)


def decide(
    r: bs.SessionReport, dose: bs.Dose = HOME, ctx: bs.Context | None = None
) -> bs.Outcome:
    return bs.decide(r, dose, ctx or context(), catalog=LADDER)


def codes(outcome: bs.Outcome) -> list[bs.ReasonCode]:
    return [r.code for r in outcome.reasons]


class TestStopAndRefer:
    @pytest.mark.parametrize("flag", EMERGENCY_FLAGS)
    def test_emergency_flag(self, flag: bs.RedFlag) -> None:
        """An emergency red flag stops at emergency urgency, even at 0 pain."""
        r = report(pain_before=0, pain_during_max=0, pain_next_morning=0)

        outcome = decide(r, ctx=context(red_flags=frozenset({flag})))

        assert (D.STOP_AND_REFER, U.EMERGENCY) == (
            outcome.decision,
            outcome.urgency,
        )
        assert R.RED_FLAG_EMERGENCY == outcome.reasons[0].code
        assert outcome.dose_after is None

    @pytest.mark.parametrize("flag", URGENT_FLAGS)
    def test_urgent_flag(self, flag: bs.RedFlag) -> None:
        """An urgent red flag stops at urgent urgency."""
        outcome = decide(report(), ctx=context(red_flags=frozenset({flag})))

        assert (D.STOP_AND_REFER, U.URGENT) == (
            outcome.decision,
            outcome.urgency,
        )

    def test_no_clearance(self) -> None:
        """Without a clearance every programme stops (routine)."""
        outcome = decide(report(), ctx=context(clearance=None))

        assert (D.STOP_AND_REFER, U.ROUTINE, [R.NO_CLEARANCE]) == (
            outcome.decision,
            outcome.urgency,
            codes(outcome),
        )

    @pytest.mark.parametrize(
        "clearance",
        [
            bs.Clearance(cleared=False, on=DAY0),
            bs.Clearance(cleared=True, on=DAY0, by_clinician=False),
            bs.Clearance(cleared=True, by_clinician=True, on=day(3)),
        ],
    )
    def test_clearance_that_does_not_count(
        self, clearance: bs.Clearance
    ) -> None:
        """A refused, non-clinical or future clearance stops."""
        outcome = decide(report(), ctx=context(clearance=clearance))

        assert [R.NO_CLEARANCE] == codes(outcome)

    def test_clearance_older_than_the_last_stop(self) -> None:
        """After a stop, the old clearance no longer counts."""
        stop = decide(report(1), ctx=context(clearance=None))
        ctx = context(decisions=(stop,), history=(report(0), report(1)))

        outcome = decide(report(2), ctx=ctx)

        assert [R.CLEARANCE_OUTDATED] == codes(outcome)

    def test_clearance_after_the_last_stop(self) -> None:
        """A clearance dated after the stop lets the programme go on."""
        stop = decide(report(1), ctx=context(clearance=None))
        ctx = context(
            decisions=(stop,),
            history=(report(0), report(1)),
            clearance=bs.Clearance(cleared=True, by_clinician=True, on=day(2)),
        )

        outcome = decide(report(2), ctx=ctx)

        assert D.STOP_AND_REFER < outcome.decision

    def test_clearance_on_the_day_of_the_stop(self) -> None:
        """A clearance dated on the day of the stop is not newer."""
        stop = decide(report(1), ctx=context(clearance=None))
        ctx = context(
            decisions=(stop,),
            history=(report(0), report(1)),
            clearance=bs.Clearance(cleared=True, by_clinician=True, on=day(1)),
        )

        assert [R.CLEARANCE_OUTDATED] == codes(decide(report(2), ctx=ctx))

    def test_risk_factor_after_clearance(self) -> None:
        """A risk factor recorded after the clearance stops (routine)."""
        risk = bs.RecordedRiskFactor(
            factor=bs.RiskFactor.OSTEOPOROSIS, on=day(1)
        )

        outcome = decide(report(), ctx=context(risk_factors=(risk,)))

        assert (D.STOP_AND_REFER, [R.RISK_FACTOR_NOT_CLEARED]) == (
            outcome.decision,
            codes(outcome),
        )

    def test_risk_factor_cleared(self) -> None:
        """A risk factor recorded before the clearance is allowed."""
        risk = bs.RecordedRiskFactor(
            factor=bs.RiskFactor.OSTEOPOROSIS,
            on=CLEARED.on - dt.timedelta(days=1),
        )

        outcome = decide(report(), ctx=context(risk_factors=(risk,)))

        assert D.STOP_AND_REFER < outcome.decision

    def test_failure_to_improve_is_advice(self) -> None:
        """No improvement after 4 weeks adds advice and does not stop."""
        risk = bs.RecordedRiskFactor(
            factor=bs.RiskFactor.FAILURE_TO_IMPROVE_AFTER_4_WEEKS, on=day(1)
        )

        outcome = decide(report(), ctx=context(risk_factors=(risk,)))

        assert D.PROGRESS == outcome.decision
        assert bs.Advice.REVIEW_ROUTINE in outcome.advice

    def test_weakness_that_persists(self) -> None:
        """Weakness still there the next morning stops (urgent)."""
        r = report(
            symptoms=frozenset({bs.Symptom.WEAKNESS}),
            symptoms_persist_next_morning=True,
        )

        outcome = decide(r)

        assert (D.STOP_AND_REFER, U.URGENT) == (
            outcome.decision,
            outcome.urgency,
        )
        assert R.WEAKNESS_PERSISTS in codes(outcome)

    @pytest.mark.parametrize(
        "symptom", [bs.Symptom.TINGLING, bs.Symptom.NUMBNESS]
    )
    def test_nerve_symptom_that_persists(self, symptom: bs.Symptom) -> None:
        """Tingling or numbness still there the next morning stops."""
        r = report(
            symptoms=frozenset({symptom}), symptoms_persist_next_morning=True
        )

        outcome = decide(r)

        assert (D.STOP_AND_REFER, U.ROUTINE) == (
            outcome.decision,
            outcome.urgency,
        )
        assert [R.NERVE_SYMPTOMS_PERSIST] == codes(outcome)

    def test_stop_symptom_two_sessions_running(self) -> None:
        """A warning symptom two sessions running stops (routine)."""
        sharp = frozenset({bs.Symptom.SHARP_PAIN})
        ctx = context(history=(report(1, symptoms=sharp),))

        outcome = decide(report(2, symptoms=sharp), ctx=ctx)

        assert [R.STOP_SYMPTOM_REPEATED] == codes(outcome)

    def test_unsettled_twice_within_a_week(self) -> None:
        """A second unsettled morning within 7 days stops (routine)."""
        first = report(1, pain_next_morning=4)
        regress = decide(first)
        ctx = context(history=(report(0), first), decisions=(regress,))

        outcome = decide(report(5, pain_next_morning=4), ctx=ctx)

        assert D.REGRESS == regress.decision
        assert [R.NOT_SETTLED_REPEATED] == codes(outcome)

    def test_unsettled_again_after_a_week(self) -> None:
        """An unsettled morning more than 7 days later regresses again."""
        first = report(1, pain_next_morning=4)
        regress = decide(first)
        ctx = context(history=(report(0), first), decisions=(regress,))

        outcome = decide(report(9, pain_next_morning=4), ctx=ctx)

        assert D.REGRESS == outcome.decision

    def test_nothing_easier_left(self) -> None:
        """A step back from the floor of the ladder becomes a stop."""
        floor = bs.Dose(
            exercise="glute-bridge", mode=bs.TrainingMode.HOME_REPS, reps=1
        )

        outcome = decide(report(pain_during_max=8), floor)

        assert (D.STOP_AND_REFER, [R.NOTHING_EASIER]) == (
            outcome.decision,
            codes(outcome),
        )

    def test_every_stop_reason_is_listed(self) -> None:
        """Several stop reasons are all given, the most urgent first."""
        r = report(
            symptoms=frozenset({bs.Symptom.WEAKNESS}),
            symptoms_persist_next_morning=True,
        )
        ctx = context(
            clearance=None,
            red_flags=frozenset({bs.RedFlag.SADDLE_ANAESTHESIA}),
        )

        outcome = decide(r, ctx=ctx)

        assert [
            R.RED_FLAG_EMERGENCY,
            R.WEAKNESS_PERSISTS,
            R.NO_CLEARANCE,
        ] == codes(outcome)

    def test_messages_never_diagnose(self) -> None:
        """Every message is a sentence about what to do, not a diagnosis."""
        for code in bs.ReasonCode:
            message = code.message

            assert message.endswith(".")
            for word in (
                "cauda",
                "cancer",
                "disc",
                "fracture",
                "hernia",
                "infection",
                "sciatica",
                "you have",
            ):
                assert word not in message.lower()


class TestRegress:
    @pytest.mark.parametrize("symptom", STEP_BACK_SYMPTOMS)
    def test_stop_symptom_drops_a_tier(self, symptom: bs.Symptom) -> None:
        """A warning symptom steps back to the easier exercise."""
        outcome = decide(report(symptoms=frozenset({symptom})))

        assert (D.REGRESS, [R.STOP_SYMPTOM]) == (
            outcome.decision,
            codes(outcome),
        )
        assert outcome.dose_after is not None
        assert "glute-bridge" == outcome.dose_after.exercise
        assert 2 == outcome.dose_after.sessions_per_day
        assert 5 == outcome.dose_after.reps

    def test_pain_above_ceiling_takes_two_reps_off(self) -> None:
        """Pain above the ceiling takes 2 reps off (§8)."""
        outcome = decide(report(pain_during_max=6))

        assert (D.REGRESS, [R.PAIN_ABOVE_CEILING]) == (
            outcome.decision,
            codes(outcome),
        )
        assert outcome.dose_after == attrs.evolve(HOME, reps=6)

    def test_red_twice_drops_a_tier(self) -> None:
        """Pain above the ceiling two sessions running drops a tier."""
        ctx = context(history=(report(1, pain_during_max=7),))

        outcome = decide(report(2, pain_during_max=6), ctx=ctx)

        assert outcome.dose_after is not None
        assert "glute-bridge" == outcome.dose_after.exercise

    def test_not_settled(self) -> None:
        """Pain above the morning before regresses, whatever pain during."""
        outcome = decide(report(pain_during_max=0, pain_next_morning=3))

        assert [R.NOT_SETTLED] == codes(outcome)

    def test_settle_tolerance(self) -> None:
        """With a tolerance of 1, one point more still counts as settled."""
        ctx = context(config=bs.Config(settle_tol=1))

        outcome = decide(report(pain_next_morning=3), ctx=ctx)

        assert D.PROGRESS == outcome.decision

    def test_trend_up(self) -> None:
        """A week of higher morning pain than the week before regresses."""
        history = tuple(
            report(n, pain_before=1, pain_during_max=1, pain_next_morning=1)
            for n in range(4)
        )
        r = report(10, pain_before=3, pain_during_max=1, pain_next_morning=3)

        outcome = decide(r, ctx=context(history=history))

        assert [R.TREND_UP] == codes(outcome)

    def test_trend_in_stiffness(self) -> None:
        """Rising next-morning stiffness also counts as a rising trend."""
        history = (report(0, stiffness_next_morning=1),)
        r = report(9, stiffness_next_morning=3)

        outcome = decide(r, ctx=context(history=history))

        assert [R.TREND_UP] == codes(outcome)

    def test_undo_last_progress(self) -> None:
        """A step back within 14 days undoes the last step up."""
        up = decide(report(2))
        assert up.dose_after is not None
        ctx = context(history=(report(0), report(2)), decisions=(up,))

        outcome = decide(report(4, pain_during_max=7), up.dose_after, ctx)

        assert (bs.Change.UNDO, HOME) == (outcome.change, outcome.dose_after)

    def test_no_undo_after_two_weeks(self) -> None:
        """An old step up is not undone; 2 reps come off instead."""
        up = decide(report(2))
        assert up.dose_after is not None
        ctx = context(history=(report(0), report(2)), decisions=(up,))

        outcome = decide(report(17, pain_during_max=7), up.dose_after, ctx)

        assert bs.Change.REPS == outcome.change
        assert up.dose_after.reps - 2 == outcome.dose_after.reps  # type: ignore[union-attr]

    def test_no_undo_to_an_exercise_outside_the_catalog(self) -> None:
        """An undo to an unknown exercise steps back within the catalog."""
        up = decide(report(2))
        assert up.dose_after is not None
        gone = attrs.evolve(
            up, dose_before=attrs.evolve(up.dose_before, exercise="box-squat")
        )
        ctx = context(history=(report(0), report(2)), decisions=(gone,))

        outcome = decide(report(4, pain_during_max=7), up.dose_after, ctx)

        assert outcome.dose_after is not None
        assert (D.REGRESS, bs.Change.EXERCISE, "glute-bridge") == (
            outcome.decision,
            outcome.change,
            outcome.dose_after.exercise,
        )

    def test_strength_load_comes_off(self) -> None:
        """A loaded dose loses 10 %, rounded down to the equipment."""
        dose = attrs.evolve(STRENGTH, load_kg=25.0, load_step_kg=2.5)

        outcome = decide(report(pain_during_max=7), dose)

        assert outcome.dose_after == attrs.evolve(dose, load_kg=22.5)

    def test_iso_pyramid_comes_down(self) -> None:
        """Iso holds lose one rep per set, down to 1-1-1."""
        dose = attrs.evolve(ISO, pyramid=(3, 1, 1), reps=3)

        outcome = decide(report(pain_during_max=7), dose)

        assert (2, 1, 1) == outcome.dose_after.pyramid  # type: ignore[union-attr]

    def test_planned_deload(self) -> None:
        """Week 6 of a strength programme halves the sets once."""
        dose = attrs.evolve(STRENGTH, sets=4)
        ctx = context(programme_start=day(-35))

        outcome = decide(report(), dose, ctx)

        assert ([R.PLANNED_DELOAD], bs.Change.DELOAD) == (
            codes(outcome),
            outcome.change,
        )
        assert 2 == outcome.dose_after.sets  # type: ignore[union-attr]

    def test_deload_only_once_a_week(self) -> None:
        """The deload week does not halve the sets again."""
        dose = attrs.evolve(STRENGTH, sets=4)
        first = decide(report(), dose, context(programme_start=day(-35)))
        assert first.dose_after is not None
        ctx = context(
            programme_start=day(-35),
            history=(report(0), report(2)),
            decisions=(first,),
        )

        outcome = decide(report(4), first.dose_after, ctx)

        assert R.PLANNED_DELOAD not in codes(outcome)

    def test_sets_restored_after_the_deload(self) -> None:
        """The first step up after the easy week restores the sets."""
        dose = attrs.evolve(STRENGTH, sets=4)
        light = decide(report(), dose, context(programme_start=day(-35)))
        assert light.dose_after is not None
        history = tuple(
            report(n, sets=full_sets(light.dose_after)) for n in (2, 6, 7)
        )
        ctx = context(
            programme_start=day(-35),
            history=(report(0), *history),
            decisions=(light,),
        )
        r = report(8, sets=full_sets(light.dose_after))

        outcome = decide(r, light.dose_after, ctx)

        assert (D.PROGRESS, bs.Change.RESTORE, dose) == (
            outcome.decision,
            outcome.change,
            outcome.dose_after,
        )

    def test_three_regressions_prompt_a_review(self) -> None:
        """Three steps back within 14 days add the review advice."""
        outcomes: list[bs.Outcome] = []
        history = [report(0)]
        dose = HOME
        for n in (1, 5, 9):
            r = report(n, pain_during_max=7)
            outcome = decide(
                r,
                dose,
                context(history=tuple(history), decisions=tuple(outcomes)),
            )
            outcomes.append(outcome)
            history.append(r)
            assert outcome.dose_after is not None
            dose = outcome.dose_after

        assert bs.Advice.REVIEW_ROUTINE not in outcomes[1].advice
        assert bs.Advice.REVIEW_ROUTINE in outcomes[2].advice


class TestHoldAndProgress:
    @pytest.mark.parametrize(
        ("phase", "pain", "expected"),
        [
            (bs.Phase.CHRONIC, 3, D.PROGRESS),  # green max
            (bs.Phase.CHRONIC, 4, D.HOLD),  # green max + 1
            (bs.Phase.CHRONIC, 5, D.HOLD),  # the ceiling
            (bs.Phase.CHRONIC, 6, D.REGRESS),  # the ceiling + 1
            (bs.Phase.SUBACUTE, 3, D.PROGRESS),
            (bs.Phase.SUBACUTE, 4, D.HOLD),
            (bs.Phase.ACUTE, 2, D.PROGRESS),
            (bs.Phase.ACUTE, 3, D.HOLD),
            (bs.Phase.ACUTE, 5, D.HOLD),
            (bs.Phase.ACUTE, 6, D.REGRESS),
        ],
    )
    def test_pain_boundaries(
        self, phase: bs.Phase, pain: int, expected: bs.Decision
    ) -> None:
        """Green progresses, amber holds, above the ceiling regresses."""
        r = report(3, pain_during_max=pain)
        # While acute, split squats at 3 x 8 a day are at the daily cap
        # (24 reps per leg): the boundaries are shown on the floor.
        dose = (
            attrs.evolve(HOME, exercise="glute-bridge")
            if phase is bs.Phase.ACUTE
            else HOME
        )

        outcome = decide(r, dose, ctx=context(phase=phase))

        assert expected == outcome.decision

    @pytest.mark.parametrize(
        ("pain", "expected"), [(3, D.HOLD), (4, D.HOLD), (5, D.REGRESS)]
    )
    def test_lower_ceiling(self, pain: int, expected: bs.Decision) -> None:
        """A lower configured ceiling moves the boundaries with it."""
        config = bs.Config(
            red_ceiling=4, green_max_subacute=2, green_max_chronic=2
        )

        outcome = decide(
            report(pain_during_max=pain), ctx=context(config=config)
        )

        assert expected == outcome.decision

    def test_amber_reason(self) -> None:
        """Amber pain holds with its reason."""
        outcome = decide(report(pain_during_max=4))

        assert ([R.AMBER_PAIN, R.DWELL_NOT_MET], HOME) == (
            codes(outcome),
            outcome.dose_after,
        )

    def test_missing_next_morning(self) -> None:
        """Without next-morning pain the dose holds."""
        outcome = decide(report(pain_next_morning=None))

        assert D.HOLD == outcome.decision
        assert R.NEXT_MORNING_MISSING in codes(outcome)

    def test_one_hour_rule(self) -> None:
        """Pain an hour after more than 2 above the morning holds."""
        assert [R.ONE_HOUR_RULE] == codes(decide(report(pain_1h_after=5)))
        assert D.PROGRESS == decide(report(pain_1h_after=4)).decision

    def test_single_session_does_not_progress(self) -> None:
        """One green session is not enough (2-for-2)."""
        outcome = decide(report(2), ctx=context(history=()))

        assert [R.DWELL_NOT_MET] == codes(outcome)

    def test_same_day_sessions_count_once(self) -> None:
        """Two green sessions on the same day count as one day."""
        ctx = context(history=(report(2),))

        assert [R.DWELL_NOT_MET] == codes(decide(report(2), ctx=ctx))

    def test_amber_session_in_the_window(self) -> None:
        """An amber session among the last two keeps the dose."""
        ctx = context(history=(report(1, pain_during_max=4),))

        assert [R.DWELL_NOT_MET] == codes(decide(report(2), ctx=ctx))

    def test_too_soon_after_a_step_up(self) -> None:
        """Steps up are at least the phase's minimum days apart."""
        up = decide(report(2))
        assert up.dose_after is not None
        done = full_sets(up.dose_after)
        history = (report(0), report(2), report(3, sets=done))
        ctx = context(history=history, decisions=(up,))

        early = decide(report(3, sets=done), up.dose_after, ctx)
        later = decide(report(4, sets=done), up.dose_after, ctx)

        assert [R.DWELL_NOT_MET] == codes(early)
        assert D.PROGRESS == later.decision

    def test_consider_deload_after_three_holds(self) -> None:
        """The third hold in a row adds the deload advice."""
        outcomes: list[bs.Outcome] = []
        for n in (1, 2, 3):
            outcome = decide(
                report(n, pain_during_max=4),
                ctx=context(decisions=tuple(outcomes)),
            )
            outcomes.append(outcome)

        assert [False, False, True] == [
            bs.Advice.CONSIDER_DELOAD in o.advice for o in outcomes
        ]

    def test_home_reps_acute(self) -> None:
        """Acute home reps go up by one (on the floor: split squats at
        3 x 8 a day are at the acute daily cap)."""
        outcome = decide(
            report(3, pain_during_max=0),
            attrs.evolve(HOME, exercise="glute-bridge"),
            ctx=context(phase=bs.Phase.ACUTE),
        )

        assert (bs.Change.REPS, 9) == (outcome.change, outcome.dose_after.reps)  # type: ignore[union-attr]

    def test_home_reps_two_when_pain_very_low(self) -> None:
        """After the acute phase, pain of 1 or less allows +2 reps."""
        ctx = context(history=(report(0, pain_during_max=1),))

        outcome = decide(report(2, pain_during_max=0), ctx=ctx)

        assert 10 == outcome.dose_after.reps  # type: ignore[union-attr]

    def test_home_reps_cap_moves_up_the_ladder(self) -> None:
        """At 15 reps the next step is the next exercise, at 5 reps."""
        dose = bs.Dose(
            exercise="glute-bridge",
            mode=bs.TrainingMode.HOME_REPS,
            reps=15,
            sessions_per_day=3,
            max_reps=15,
        )
        done = full_sets(dose)
        ctx = context(history=(report(0, sets=done),))

        outcome = decide(report(sets=done), dose, ctx)

        assert ("split-squat", 5, bs.Change.EXERCISE) == (
            outcome.dose_after.exercise,  # type: ignore[union-attr]
            outcome.dose_after.reps,  # type: ignore[union-attr]
            outcome.change,
        )

    def test_top_of_the_ladder_holds(self) -> None:
        """No exercise up the ladder within the phase: hold at the cap."""
        dose = attrs.evolve(HOME, reps=15)
        done = full_sets(dose)
        ctx = context(phase=bs.Phase.ACUTE, history=(report(0, sets=done),))

        outcome = decide(report(sets=done), dose, ctx)

        assert [R.AT_CAP] == codes(outcome)

    def test_stretch_never_progresses(self) -> None:
        """Stretch holds stay at 20-30 s: the plan holds."""
        dose = bs.Dose(
            exercise="hamstring-stretch",
            mode=bs.TrainingMode.STRETCH,
            sets=3,
            reps=1,
            hold_s=20,
        )
        done = full_sets(dose)
        ctx = context(history=(report(0, sets=done),))

        assert [R.AT_CAP] == codes(decide(report(sets=done), dose, ctx))

    def test_strength_reps_first(self) -> None:
        """Strength mode adds a rep while below the top of the range."""
        ctx = context(history=(report(0, sets=full_sets(STRENGTH)),))

        outcome = decide(report(sets=full_sets(STRENGTH)), STRENGTH, ctx)

        assert attrs.evolve(STRENGTH, reps=7) == outcome.dose_after

    def test_strength_load_then_reps_reset(self) -> None:
        """At the top of the range the load goes up 5 % and reps reset."""
        dose = attrs.evolve(STRENGTH, reps=8)
        ctx = context(history=(report(0, sets=full_sets(dose)),), body=BODY)

        outcome = decide(report(sets=full_sets(dose)), dose, ctx)

        assert attrs.evolve(dose, load_kg=21.0, reps=6) == outcome.dose_after

    def test_strength_sets_when_the_step_is_too_big(self) -> None:
        """A load step above 10 % adds a set instead."""
        dose = attrs.evolve(STRENGTH, reps=8, load_step_kg=5.0)
        ctx = context(history=(report(0, sets=full_sets(dose)),))

        outcome = decide(report(sets=full_sets(dose)), dose, ctx)

        assert attrs.evolve(dose, sets=4) == outcome.dose_after

    def test_strength_needs_reps_in_reserve(self) -> None:
        """A set ground out with 1 rep in reserve does not count."""
        ctx = context(history=(report(0, sets=full_sets(STRENGTH)),))

        outcome = decide(
            report(sets=full_sets(STRENGTH, rir=1)), STRENGTH, ctx
        )

        assert [R.DWELL_NOT_MET] == codes(outcome)

    def test_strength_needs_every_set(self) -> None:
        """A missing set does not count as a qualifying session."""
        ctx = context(history=(report(0, sets=full_sets(STRENGTH)),))

        outcome = decide(report(sets=full_sets(STRENGTH)[:2]), STRENGTH, ctx)

        assert [R.DWELL_NOT_MET] == codes(outcome)

    def test_acute_never_adds_load(self) -> None:
        """In the acute phase a strength dose at the top adds a set (2 x 8
        to 3 x 8, within the daily cap of 24 reps per leg)."""
        dose = attrs.evolve(
            STRENGTH, exercise="split-squat", sets=2, reps=8, load_kg=0.0
        )
        ctx = context(
            phase=bs.Phase.ACUTE, history=(report(0, sets=full_sets(dose)),)
        )

        outcome = decide(report(3, sets=full_sets(dose)), dose, ctx)

        assert bs.Change.SETS == outcome.change

    def test_spinal_load_cap_with_a_body(self) -> None:
        """With a body, a load step that reaches the cap is not taken.

        40 kg: its step, 42.5 kg, reaches the subacute cap with the goblet
        at its offsets (67.5 kg to 70 kg on the shoulder line).
        """
        dose = attrs.evolve(STRENGTH, reps=8, load_kg=40.0, load_step_kg=2.5)
        body = bs.Body(mass_kg=80, height_m=1.78)
        ctx = context(
            phase=bs.Phase.SUBACUTE,
            body=body,
            history=(report(0, sets=full_sets(dose)),),
        )

        outcome = decide(report(sets=full_sets(dose)), dose, ctx)

        assert bs.Change.SETS == outcome.change

    def test_iso_pyramid_grows(self) -> None:
        """Iso holds add one rep to every set, never a longer hold."""
        done = full_sets(ISO)
        ctx = context(history=(report(0, sets=done),))

        outcome = decide(report(sets=done), ISO, ctx)

        assert (6, 4, 2) == outcome.dose_after.pyramid  # type: ignore[union-attr]
        assert ISO.hold_s == outcome.dose_after.hold_s  # type: ignore[union-attr]

    def test_centralization_is_no_penalty(self) -> None:
        """Centralisation alone does not stop a step up."""
        r = report(symptoms=frozenset({bs.Symptom.CENTRALIZATION}))

        assert D.PROGRESS == decide(r).decision

    def test_review_when_not_improving(self) -> None:
        """After 4 weeks without lower morning pain, advise a review."""
        history = tuple(report(n, pain_during_max=4) for n in range(0, 30, 3))
        ctx = context(history=history, programme_start=DAY0)

        outcome = decide(report(31, pain_during_max=4), ctx=ctx)

        assert bs.Advice.REVIEW_ROUTINE in outcome.advice


class TestInvalidInput:
    @pytest.mark.parametrize(("field", "value"), BAD_PAIN)
    def test_bad_pain(self, field: str, value: object) -> None:
        """Pain outside the integers 0-10 raises the library's error."""
        fields: dict[str, Any] = {
            "pain_before": 2,
            "pain_during_max": 2,
            field: value,
        }

        with pytest.raises(bs.InvalidInputError, match=field):
            bs.SessionReport(day=DAY0, **fields)

    @pytest.mark.parametrize("load", [-1.0, -1e-9, float("nan")])
    def test_negative_load(self, load: float) -> None:
        """Negative or NaN loads raise."""
        with pytest.raises(bs.InvalidInputError, match="load_kg"):
            bs.SetResult(reps=5, load_kg=load)
        with pytest.raises(bs.InvalidInputError, match="load_kg"):
            attrs.evolve(HOME, load_kg=load)

    def test_report_out_of_date_order(self) -> None:
        """A report older than the latest one raises."""
        ctx = context(history=(report(5),))

        with pytest.raises(bs.InvalidInputError, match=r"report\.day"):
            decide(report(4), ctx=ctx)

    def test_history_out_of_date_order(self) -> None:
        """A history out of date order raises."""
        with pytest.raises(bs.InvalidInputError, match="history"):
            context(history=(report(2), report(1)))

    def test_wrong_types(self) -> None:
        """Arguments of the wrong type raise the library's error."""
        with pytest.raises(bs.InvalidInputError, match="report"):
            bs.decide("report", HOME, context())  # type: ignore[arg-type]
        with pytest.raises(bs.InvalidInputError, match="dose"):
            bs.decide(report(), "dose", context())  # type: ignore[arg-type]
        with pytest.raises(bs.InvalidInputError, match="context"):
            bs.decide(report(), HOME, "ctx")  # type: ignore[arg-type]
        with pytest.raises(bs.InvalidInputError, match="day"):
            bs.SessionReport(
                day=dt.datetime(2026, 3, 2),  # noqa: DTZ001
                pain_before=1,
                pain_during_max=1,
            )

    @pytest.mark.parametrize(
        "fields",
        [
            {"history": [report(0)]},
            {"history": ("report",)},
            {"clearance": "yes"},
            {"risk_factors": (bs.RiskFactor.OSTEOPOROSIS,)},
            {"decisions": [None]},
            {"programme_start": "2026-03-02"},
            {"body": 80},
            {"config": {"red_ceiling": 5}},
            {"phase": "acute"},
        ],
    )
    def test_bad_context(self, fields: dict[str, Any]) -> None:
        """A context of the wrong shape raises, naming the field."""
        with pytest.raises(bs.InvalidInputError, match=next(iter(fields))):
            context(**fields)

    def test_unknown_exercise(self) -> None:
        """A dose of an exercise missing from the catalog raises."""
        dose = attrs.evolve(HOME, exercise="no-such-thing")

        with pytest.raises(bs.UnknownExerciseError):
            decide(report(), dose)

    def test_stop_needs_no_catalog(self) -> None:
        """A stop is decided without looking at the catalog."""
        dose = attrs.evolve(HOME, exercise="no-such-thing")

        outcome = decide(report(), dose, context(clearance=None))

        assert D.STOP_AND_REFER == outcome.decision


class TestOutcome:
    def test_consistency(self) -> None:
        """An outcome's dose, urgency and reasons match its decision."""
        outcome = decide(report())

        with pytest.raises(bs.InvalidInputError, match="reasons"):
            attrs.evolve(outcome, reasons=())
        with pytest.raises(bs.InvalidInputError, match="dose_after"):
            attrs.evolve(outcome, dose_after=None)
        with pytest.raises(bs.InvalidInputError, match="urgency"):
            attrs.evolve(outcome, urgency=U.URGENT)


class TestApplyDecision:
    def test_hold_keeps_the_dose(self) -> None:
        """Applying a hold returns the same dose."""
        outcome = decide(report(pain_during_max=4))

        assert HOME == bs.apply_decision(outcome, HOME)

    def test_stop_returns_none(self) -> None:
        """Applying a stop returns nothing."""
        outcome = decide(report(), ctx=context(clearance=None))

        assert bs.apply_decision(outcome, HOME) is None

    def test_other_dose_raises(self) -> None:
        """Applying an outcome to a different dose raises."""
        outcome = decide(report())

        with pytest.raises(bs.InvalidInputError, match="target"):
            bs.apply_decision(outcome, attrs.evolve(HOME, reps=9))
        with pytest.raises(bs.InvalidInputError, match="target"):
            bs.apply_decision(outcome, "dose")  # type: ignore[call-overload]
        with pytest.raises(bs.InvalidInputError, match="outcome"):
            bs.apply_decision("outcome", HOME)  # type: ignore[call-overload]

    def test_no_replanning_past_the_last_date(self) -> None:
        """A decision on the last possible day cannot start a new plan."""
        plan = bs.generate_progression(
            LADDER_BY_SLUG["split-squat"],
            BODY,
            phase=bs.Phase.CHRONIC,
            mode=bs.TrainingMode.HOME_REPS,
            start=DAY0,
            weeks=1,
            catalog=LADDER,
        )
        endless = attrs.evolve(plan, end=dt.date.max)
        last = dt.date.max - dt.timedelta(days=1)
        r = bs.SessionReport(
            day=last, pain_before=2, pain_during_max=7, pain_next_morning=2
        )
        outcome = decide(r, endless.step_on(last).dose, context(history=()))
        assert outcome.dose_after is not None

        with pytest.raises(
            bs.InvalidInputError, match=r"outcome\.day must be before 9999"
        ):
            bs.apply_decision(outcome, endless, catalog=LADDER)


class TestPhaseCaps:
    def test_flare_on_a_loaded_squat_steps_back(self) -> None:
        """A loaded tier-2 squat passed as acute steps back within caps."""
        dose = attrs.evolve(STRENGTH, load_kg=40.0, reps=8)
        ctx = context(phase=bs.Phase.ACUTE, body=BODY)

        outcome = decide(report(sets=full_sets(dose)), dose, ctx)

        assert (D.REGRESS, [R.ABOVE_PHASE_CAP]) == (
            outcome.decision,
            codes(outcome),
        )
        assert outcome.dose_after is not None
        assert ("split-squat", 0.0) == (
            outcome.dose_after.exercise,
            outcome.dose_after.load_kg,
        )

    def test_above_the_cap_without_a_body(self) -> None:
        """The tier cap and the acute load rule need no body."""
        dose = attrs.evolve(STRENGTH, load_kg=40.0)

        outcome = decide(report(), dose, context(phase=bs.Phase.ACUTE))

        assert R.ABOVE_PHASE_CAP in codes(outcome)
        assert D.REGRESS == outcome.decision

    def test_red_flags_still_come_first(self) -> None:
        """A dose above the caps never softens a red flag."""
        dose = attrs.evolve(STRENGTH, load_kg=40.0)
        ctx = context(
            phase=bs.Phase.ACUTE,
            red_flags=frozenset({bs.RedFlag.SADDLE_ANAESTHESIA}),
        )

        outcome = decide(report(), dose, ctx)

        assert (D.STOP_AND_REFER, U.EMERGENCY, [R.RED_FLAG_EMERGENCY]) == (
            outcome.decision,
            outcome.urgency,
            codes(outcome),
        )

    def test_nothing_within_the_caps_stops(self) -> None:
        """No lighter load or easier exercise within the caps: stop."""
        dose = attrs.evolve(STRENGTH, exercise="back-squat", load_kg=40.0)
        only = [LADDER_BY_SLUG["back-squat"]]

        outcome = bs.decide(
            report(), dose, context(phase=bs.Phase.ACUTE), catalog=only
        )

        assert (D.STOP_AND_REFER, U.ROUTINE, [R.NOTHING_EASIER]) == (
            outcome.decision,
            outcome.urgency,
            codes(outcome),
        )

    def test_heaviest_load_under_the_spinal_cap(self) -> None:
        """Above the spinal-load cap, the load drops to the heaviest below."""
        dose = attrs.evolve(STRENGTH, load_kg=150.0, load_step_kg=2.5)
        ctx = context(phase=bs.Phase.SUBACUTE, body=BODY)
        squat = LADDER_BY_SLUG["goblet-squat"]

        outcome = decide(report(sets=full_sets(dose)), dose, ctx)

        assert outcome.dose_after is not None
        load = outcome.dose_after.load_kg
        cap = bs.Limits().compression_action_n
        assert bs.Change.LOAD == outcome.change
        assert bs.score(squat, BODY, load_kg=load).compression_n < cap
        assert bs.score(squat, BODY, load_kg=load + 2.5).compression_n >= cap

    def test_tier_3_needs_permission(self) -> None:
        """A tier-3 dose in the chronic phase steps down unless permitted."""
        dose = attrs.evolve(STRENGTH, exercise="back-squat")
        permitted = attrs.evolve(CLEARED, permits_tier3=True)

        stepped = decide(report(), dose, context(body=BODY))
        allowed = decide(
            report(), dose, context(body=BODY, clearance=permitted)
        )

        assert stepped.dose_after is not None
        assert "goblet-squat" == stepped.dose_after.exercise
        assert R.ABOVE_PHASE_CAP not in codes(allowed)

    def test_message(self) -> None:
        """The new reason reads as a plain step back."""
        assert R.ABOVE_PHASE_CAP.message.startswith("Step back:")


class TestWithoutABody:
    def test_no_load_step_for_the_trunk(self) -> None:
        """Without a body a trunk-borne load never steps up: hold."""
        dose = attrs.evolve(STRENGTH, sets=4, reps=8, load_kg=150.0)
        ctx = context(
            phase=bs.Phase.SUBACUTE,
            history=(report(0, sets=full_sets(dose)),),
        )

        outcome = decide(report(sets=full_sets(dose)), dose, ctx)

        assert (D.HOLD, [R.NEEDS_BODY]) == (outcome.decision, codes(outcome))
        assert dose == outcome.dose_after

    def test_sets_still_grow(self) -> None:
        """A set more adds no spinal load, so it needs no body."""
        dose = attrs.evolve(STRENGTH, reps=8, load_kg=150.0)
        ctx = context(
            phase=bs.Phase.SUBACUTE,
            history=(report(0, sets=full_sets(dose)),),
        )

        outcome = decide(report(sets=full_sets(dose)), dose, ctx)

        assert (bs.Change.SETS, 150.0) == (
            outcome.change,
            outcome.dose_after.load_kg,  # type: ignore[union-attr]
        )

    def test_machine_loads_still_grow(self) -> None:
        """Load the trunk does not carry still steps up without a body."""
        dose = bs.Dose(
            exercise="leg-press",
            mode=bs.TrainingMode.STRENGTH,
            sets=3,
            reps=8,
            load_kg=100.0,
            load_step_kg=5.0,
            min_reps=6,
            max_reps=8,
        )
        ctx = context(history=(report(0, sets=full_sets(dose)),))

        outcome = bs.decide(report(sets=full_sets(dose)), dose, ctx)

        assert (bs.Change.LOAD, 105.0) == (
            outcome.change,
            outcome.dose_after.load_kg,  # type: ignore[union-attr]
        )


class TestQualifyingSessions:
    @pytest.mark.parametrize(
        "dose",
        [
            HOME,
            ISO,
            bs.Dose(
                exercise="hamstring-stretch",
                mode=bs.TrainingMode.STRETCH,
                sets=3,
                reps=1,
                hold_s=20,
            ),
        ],
    )
    def test_no_sets_never_count(self, dose: bs.Dose) -> None:
        """A report without sets is no full session, in any mode."""
        ctx = context(history=(report(0, sets=()),))

        outcome = decide(report(sets=()), dose, ctx)

        assert (D.HOLD, [R.DWELL_NOT_MET]) == (
            outcome.decision,
            codes(outcome),
        )

    @pytest.mark.parametrize(
        "sets",
        [
            (bs.SetResult(reps=5, hold_s=8), bs.SetResult(reps=3, hold_s=8)),
            tuple(bs.SetResult(reps=n, hold_s=8) for n in (5, 2, 1)),
            tuple(bs.SetResult(reps=n, hold_s=6) for n in (5, 3, 1)),
        ],
    )
    def test_iso_needs_the_whole_pyramid(
        self, sets: tuple[bs.SetResult, ...]
    ) -> None:
        """Every pyramid set at its reps and hold, or no step up."""
        ctx = context(history=(report(0, sets=full_sets(ISO)),))

        outcome = decide(report(sets=sets), ISO, ctx)

        assert [R.DWELL_NOT_MET] == codes(outcome)

    def test_every_home_set_reaches_the_dose(self) -> None:
        """One short set in home mode means the session does not count."""
        short = (bs.SetResult(reps=8), bs.SetResult(reps=7))
        dose = attrs.evolve(HOME, sets=2)
        ctx = context(history=(report(0, sets=full_sets(dose)),))

        assert [R.DWELL_NOT_MET] == codes(
            decide(report(sets=short), dose, ctx)
        )


class TestReviewFixes:
    def test_risk_factor_on_the_clearance_day(self) -> None:
        """A risk factor recorded on the clearance's day needs a newer one."""
        risk = bs.RecordedRiskFactor(
            factor=bs.RiskFactor.OSTEOPOROSIS, on=CLEARED.on
        )

        outcome = decide(report(), ctx=context(risk_factors=(risk,)))

        assert (D.STOP_AND_REFER, [R.RISK_FACTOR_NOT_CLEARED]) == (
            outcome.decision,
            codes(outcome),
        )

    def test_no_clearance_reads_as_a_stop(self) -> None:
        """The no-clearance message tells the person to stop."""
        assert (
            "Stop and get cleared by a clinician before you (re)start."
            == R.NO_CLEARANCE.message
        )

    def test_load_never_steps_past_the_model_range(self) -> None:
        """598 kg at the top of the range adds a set, not 627 kg."""
        dose = bs.Dose(
            exercise="leg-press",
            mode=bs.TrainingMode.STRENGTH,
            sets=3,
            reps=8,
            load_kg=598.0,
            load_step_kg=1.0,
            min_reps=6,
            max_reps=8,
        )
        ctx = context(history=(report(0, sets=full_sets(dose)),))

        outcome = bs.decide(report(sets=full_sets(dose)), dose, ctx)

        assert (bs.Change.SETS, 598.0) == (
            outcome.change,
            outcome.dose_after.load_kg,  # type: ignore[union-attr]
        )

    @pytest.mark.parametrize("catalog", [5, "glute-bridge", {"a": 1}])
    def test_bad_catalog(self, catalog: object) -> None:
        """A catalog that is no iterable of exercises raises our error."""
        with pytest.raises(bs.InvalidInputError, match="catalog"):
            bs.decide(
                report(pain_during_max=7),
                HOME,
                context(),
                catalog=catalog,  # type: ignore[arg-type]
            )

    @pytest.mark.parametrize("pain", [2, 7])
    def test_catalog_is_read_once(self, pain: int) -> None:
        """A one-shot iterable catalog is read once, at the edge."""
        r = report(pain_during_max=pain)
        expected = decide(r)

        actual = bs.decide(r, HOME, context(), catalog=iter(LADDER))

        assert expected == actual

    @pytest.mark.parametrize("last", [dt.date.max, dt.date.min])
    def test_dates_at_the_ends_of_the_calendar(self, last: dt.date) -> None:
        """Reports on the first or last representable day are decided."""
        clearance = bs.Clearance(
            cleared=True, by_clinician=True, on=dt.date.min
        )
        r = bs.SessionReport(
            day=last, pain_before=2, pain_during_max=2, pain_next_morning=2
        )

        outcome = decide(r, ctx=context(clearance=clearance, history=()))

        assert (D.HOLD, [R.DWELL_NOT_MET]) == (
            outcome.decision,
            codes(outcome),
        )


# --- Properties: the invariants of clinical-rules §10 ------------------------


def _decide(
    inputs: tuple[bs.SessionReport, bs.Dose, bs.Context],
) -> bs.Outcome:
    r, dose, ctx = inputs
    return bs.decide(r, dose, ctx, catalog=LADDER)


def _tier(slug: str) -> int:
    return LADDER_BY_SLUG[slug].tier


NUMBERS = ("sets", "reps", "load_kg", "sessions_per_day", "hold_s")


def _numbers(dose: bs.Dose) -> tuple[float, ...]:
    return tuple(getattr(dose, name) for name in NUMBERS) + dose.pyramid


def _clearance_stops(r: bs.SessionReport, ctx: bs.Context) -> bool:
    """Row 3: no valid clearance dated after the last stop and risk."""
    clearance = ctx.clearance
    if clearance is None or not clearance.is_valid or clearance.on > r.day:
        return True
    stops = [o.day for o in ctx.decisions if o.decision is D.STOP_AND_REFER]
    if stops and clearance.on <= stops[-1]:
        return True
    return any(
        f.on >= clearance.on
        for f in ctx.risk_factors
        if f.factor is not bs.RiskFactor.FAILURE_TO_IMPROVE_AFTER_4_WEEKS
    )


def _trend_up(r: bs.SessionReport, ctx: bs.Context) -> bool:
    """Mean morning pain or stiffness this week >= last week's + tol."""
    end = r.day + dt.timedelta(days=1)
    for stiffness in (False, True):
        samples = []
        for h in (*ctx.history, r):
            if not stiffness:
                samples.append((h.day, h.pain_before))
            value = (
                h.stiffness_next_morning if stiffness else h.pain_next_morning
            )
            if value is not None:
                samples.append((h.day + dt.timedelta(days=1), value))
        ages = [((end - d).days, x) for d, x in samples]
        recent = [x for age, x in ages if 0 <= age < 7]
        older = [x for age, x in ages if 7 <= age < 14]
        if recent and older:
            rise = sum(recent) / len(recent) - sum(older) / len(older)
            if rise >= ctx.config.trend_tol:
                return True
    return False


def _reaches(r: bs.SessionReport, dose: bs.Dose) -> bool:
    """Whether every set of the session reached the dose (issue 4 fix 5)."""
    target = dose.pyramid or (dose.reps,) * dose.sets
    done = r.sets[: len(target)]
    return len(done) == len(target) and all(
        s.reps >= n and s.hold_s >= dose.hold_s
        for s, n in zip(done, target, strict=True)
    )


class TestSafetyInvariants:
    @given(decision_inputs(), st.sampled_from(bs.RedFlag))
    def test_red_flags_always_stop(
        self,
        inputs: tuple[bs.SessionReport, bs.Dose, bs.Context],
        flag: bs.RedFlag,
    ) -> None:
        """1: any red flag stops, at least at the flag's urgency."""
        r, dose, ctx = inputs
        flags = ctx.red_flags | {flag}
        ctx = attrs.evolve(ctx, red_flags=flags)

        outcome = _decide((r, dose, ctx))

        assert D.STOP_AND_REFER == outcome.decision
        assert outcome.urgency >= max(f.urgency for f in flags)
        assert outcome.dose_after is None

    @given(decision_inputs(cleared=False))
    def test_not_cleared_always_stops(
        self, inputs: tuple[bs.SessionReport, bs.Dose, bs.Context]
    ) -> None:
        """2: without a valid clearance the decision is a stop."""
        assert D.STOP_AND_REFER == _decide(inputs).decision

    @given(decision_inputs(), st.sampled_from(STOP_SYMPTOMS))
    def test_stop_symptom_at_most_regress(
        self,
        inputs: tuple[bs.SessionReport, bs.Dose, bs.Context],
        symptom: bs.Symptom,
    ) -> None:
        """3 and 12: a warning symptom never holds or progresses."""
        r, dose, ctx = inputs
        r = attrs.evolve(r, symptoms=r.symptoms | {symptom})

        assert D.REGRESS >= _decide((r, dose, ctx)).decision

    @given(decision_inputs(), st.data())
    def test_above_ceiling_at_most_regress(
        self,
        inputs: tuple[bs.SessionReport, bs.Dose, bs.Context],
        data: st.DataObject,
    ) -> None:
        """4: pain above the ceiling never holds or progresses."""
        r, dose, ctx = inputs
        pain = data.draw(st.integers(ctx.config.red_ceiling + 1, 10))
        r = attrs.evolve(r, pain_during_max=pain)

        assert D.REGRESS >= _decide((r, dose, ctx)).decision

    @given(decision_inputs())
    def test_not_settled_at_most_regress(
        self, inputs: tuple[bs.SessionReport, bs.Dose, bs.Context]
    ) -> None:
        """5: pain not settled by the next morning never holds."""
        r, dose, ctx = inputs
        worse = r.pain_before + ctx.config.settle_tol + 1
        assume(worse <= 10)
        r = attrs.evolve(r, pain_next_morning=worse)

        assert D.REGRESS >= _decide((r, dose, ctx)).decision

    @given(
        st.one_of(
            decision_inputs(),
            ready_inputs(),
            rich_decision_inputs(),
            rich_ready_inputs(),
        )
    )
    def test_progress_only_when_everything_holds(
        self, inputs: tuple[bs.SessionReport, bs.Dose, bs.Context]
    ) -> None:
        """6 and 7: a step up needs every criterion, next morning included."""
        r, dose, ctx = inputs
        outcome = _decide(inputs)
        # An implication, not a filter: the inputs that do not progress
        # pass as they are (the ready strategies progress often enough).
        if outcome.decision is not D.PROGRESS:
            return
        config = ctx.config
        clearance = ctx.clearance

        assert clearance is not None
        assert not _clearance_stops(r, ctx)
        assert not ctx.red_flags
        assert not r.stop_symptoms
        assert r.pain_during_max <= config.green_max(ctx.phase)
        assert r.pain_next_morning is not None
        assert r.is_settled(settle_tol=config.settle_tol)
        assert not _trend_up(r, ctx)
        if outcome.change is bs.Change.RESTORE:
            return
        # Dwell: enough green, settled, full sessions since the last change,
        # on separate days, and enough days since the last step up.
        changed = [o.day for o in ctx.decisions if o.decision is not D.HOLD]
        window = [
            h for h in (*ctx.history, r) if not changed or h.day > changed[-1]
        ]
        days = sorted({h.day for h in window})[
            -config.min_qualifying_sessions :
        ]
        assert len(days) == config.min_qualifying_sessions
        for h in window:
            if h.day in days:
                assert h.pain_during_max <= config.green_max(ctx.phase)
                assert h.is_settled(settle_tol=config.settle_tol)
                assert _reaches(h, dose)
        ups = [o.day for o in ctx.decisions if o.decision is D.PROGRESS]
        if ups:
            assert (r.day - ups[-1]).days >= config.min_days(ctx.phase)

    @given(rich_decision_inputs())
    def test_clearance_rules(
        self, inputs: tuple[bs.SessionReport, bs.Dose, bs.Context]
    ) -> None:
        """2, 21 and row 3: no valid, newer clearance means a stop."""
        r, _, ctx = inputs
        outcome = _decide(inputs)

        if _clearance_stops(r, ctx):
            assert D.STOP_AND_REFER == outcome.decision
            assert U.ROUTINE <= outcome.urgency

    @given(st.one_of(ready_inputs(), rich_decision_inputs()))
    def test_next_dose_keeps_to_the_caps(
        self, inputs: tuple[bs.SessionReport, bs.Dose, bs.Context]
    ) -> None:
        """Every next dose keeps to the phase's tier, load and spinal caps."""
        _, _, ctx = inputs
        outcome = _decide(inputs)
        after = outcome.dose_after
        assume(after is not None)
        assert after is not None
        exercise = LADDER_BY_SLUG[after.exercise]
        clearance = ctx.clearance
        permitted = (
            clearance is not None
            and clearance.is_valid
            and clearance.permits_tier3
        )

        if ctx.phase is bs.Phase.ACUTE:
            assert exercise.tier <= 1
            assert 0 == after.load_kg
        assert exercise.tier <= (3 if permitted else 2)
        if ctx.body is not None:
            limits = bs.Limits()
            cap = (
                limits.compression_action_n
                if ctx.phase < bs.Phase.CHRONIC
                else None
                if permitted
                else limits.compression_maximum_n
            )
            load = bs.score(exercise, ctx.body, load_kg=after.load_kg)
            assert cap is None or load.compression_n < cap

    @given(st.one_of(ready_inputs(), rich_decision_inputs()))
    def test_no_trunk_load_step_without_a_body(
        self, inputs: tuple[bs.SessionReport, bs.Dose, bs.Context]
    ) -> None:
        """Without a body no step up adds load the trunk carries."""
        _, dose, ctx = inputs
        assume(ctx.body is None)
        outcome = _decide(inputs)
        after = outcome.dose_after
        assume(outcome.decision is D.PROGRESS and after is not None)
        assert after is not None
        exercise = LADDER_BY_SLUG[after.exercise]

        if exercise.placement.is_trunk_borne and after.load_kg > 0:
            assert outcome.change not in {bs.Change.LOAD, bs.Change.EXERCISE}
            assert after.load_kg == dose.load_kg

    @given(decision_inputs())
    def test_missing_next_morning_never_progresses(
        self, inputs: tuple[bs.SessionReport, bs.Dose, bs.Context]
    ) -> None:
        """7: missing next-morning data never progresses."""
        r, dose, ctx = inputs
        r = attrs.evolve(r, pain_next_morning=None)

        assert D.PROGRESS != _decide((r, dose, ctx)).decision

    @given(
        decision_inputs(),
        st.sampled_from(
            [bs.RedFlag.BILATERAL_LEG_SYMPTOMS, bs.RedFlag.SADDLE_ANAESTHESIA]
        ),
    )
    def test_cauda_equina_signs_are_emergencies(
        self,
        inputs: tuple[bs.SessionReport, bs.Dose, bs.Context],
        flag: bs.RedFlag,
    ) -> None:
        """8: bilateral leg symptoms or saddle anaesthesia: emergency."""
        r, dose, ctx = inputs
        ctx = attrs.evolve(ctx, red_flags=ctx.red_flags | {flag})

        assert U.EMERGENCY == _decide((r, dose, ctx)).urgency


class TestMonotonicity:
    @given(
        st.one_of(decision_inputs(), ready_inputs()),
        st.sampled_from(
            [
                "pain_during_max",
                "pain_1h_after",
                "pain_next_morning",
                "stiffness_next_morning",
            ]
        ),
        st.integers(1, 10),
    )
    def test_worse_pain_never_raises_the_decision(
        self,
        inputs: tuple[bs.SessionReport, bs.Dose, bs.Context],
        field: str,
        by: int,
    ) -> None:
        """9: worse pain with everything else fixed never steps up more."""
        r, dose, ctx = inputs
        value = getattr(r, field)
        assume(value is not None and value < 10)
        worse = attrs.evolve(r, **{field: min(10, value + by)})

        before = _decide((r, dose, ctx))
        after = _decide((worse, dose, ctx))

        assert after.decision <= before.decision

    @given(
        st.one_of(decision_inputs(), ready_inputs(), rich_decision_inputs()),
        st.sampled_from(["pain_before", "pain_next_morning"]),
        st.integers(1, 10),
    )
    def test_a_worse_trend_never_raises_the_decision(
        self,
        inputs: tuple[bs.SessionReport, bs.Dose, bs.Context],
        field: str,
        by: int,
    ) -> None:
        """9: higher recent morning pain in the history never steps up more.

        Raising this week's earlier mornings can only raise the trend.
        """
        r, dose, ctx = inputs
        assume(ctx.history)
        week = [h for h in ctx.history if (r.day - h.day).days < 6]
        assume(week)

        def worse(h: bs.SessionReport) -> bs.SessionReport:
            value = getattr(h, field)
            if h not in week or value is None:
                return h
            return attrs.evolve(h, **{field: min(10, value + by)})

        history = tuple(worse(h) for h in ctx.history)
        worse_ctx = attrs.evolve(ctx, history=history)

        before = _decide((r, dose, ctx))
        after = _decide((r, dose, worse_ctx))

        assert after.decision <= before.decision

    @given(
        st.one_of(decision_inputs(), ready_inputs()),
        st.frozensets(st.sampled_from(bs.Symptom), min_size=1),
        st.frozensets(st.sampled_from(bs.RedFlag)),
    )
    def test_more_symptoms_or_flags_never_raise_the_decision(
        self,
        inputs: tuple[bs.SessionReport, bs.Dose, bs.Context],
        symptoms: frozenset[bs.Symptom],
        flags: frozenset[bs.RedFlag],
    ) -> None:
        """10: a superset of symptoms or flags: no higher, no less urgent."""
        r, dose, ctx = inputs
        more_r = attrs.evolve(r, symptoms=r.symptoms | symptoms)
        more_ctx = attrs.evolve(ctx, red_flags=ctx.red_flags | flags)

        before = _decide((r, dose, ctx))
        after = _decide((more_r, dose, more_ctx))

        assert after.decision <= before.decision
        assert after.urgency >= before.urgency

    @given(st.one_of(decision_inputs(), ready_inputs()))
    def test_earlier_phases_are_no_bolder(
        self, inputs: tuple[bs.SessionReport, bs.Dose, bs.Context]
    ) -> None:
        """11: acute <= subacute <= chronic, all else equal."""
        r, dose, ctx = inputs

        decisions = [
            _decide((r, dose, attrs.evolve(ctx, phase=phase))).decision
            for phase in bs.Phase
        ]

        assert sorted(decisions) == decisions

    @given(ready_inputs())
    def test_centralization_alone_never_regresses(
        self, inputs: tuple[bs.SessionReport, bs.Dose, bs.Context]
    ) -> None:
        """12: centralisation on a green, settled session is no penalty."""
        r, dose, ctx = inputs
        baseline = _decide((r, dose, ctx))
        r = attrs.evolve(r, symptoms=frozenset({bs.Symptom.CENTRALIZATION}))
        outcome = _decide((r, dose, ctx))

        assert baseline.decision == outcome.decision
        if R.ABOVE_PHASE_CAP not in baseline.codes:
            assert D.REGRESS < outcome.decision

    @given(st.one_of(decision_inputs(), ready_inputs()))
    def test_decide_is_pure(
        self, inputs: tuple[bs.SessionReport, bs.Dose, bs.Context]
    ) -> None:
        """20: the same inputs give equal outcomes and stay unchanged."""
        r, dose, ctx = inputs
        copies = (attrs.evolve(r), attrs.evolve(dose), attrs.evolve(ctx))

        assert _decide(inputs) == _decide(inputs)
        assert copies == inputs


class TestTransitions:
    @given(
        st.one_of(decision_inputs(), ready_inputs(), rich_decision_inputs())
    )
    def test_next_dose_follows_the_decision(
        self, inputs: tuple[bs.SessionReport, bs.Dose, bs.Context]
    ) -> None:
        """14-19: hold keeps, stop ends, steps change what they may."""
        _, dose, ctx = inputs
        outcome = _decide(inputs)
        after = bs.apply_decision(outcome, dose)

        if outcome.decision is D.STOP_AND_REFER:
            assert after is None
            return
        assert after is not None
        if outcome.decision is D.HOLD:
            assert dose == after
        elif outcome.decision is D.PROGRESS:
            clearance = ctx.clearance
            permitted = clearance is not None and clearance.permits_tier3
            _check_progress(dose, after, ctx.phase, permitted=permitted)
        else:
            _check_regress(dose, after)


def _check_progress(
    before: bs.Dose, after: bs.Dose, phase: bs.Phase, *, permitted: bool
) -> None:
    if before.exercise != after.exercise:
        # 15: a new exercise of the same family, at most one tier up, at
        # its entry dose.
        harder = LADDER_BY_SLUG[after.exercise]
        assert after.exercise in LADDER_BY_SLUG[before.exercise].harder
        assert 0 <= harder.tier - _tier(before.exercise) <= 1
        cap = 1 if phase is bs.Phase.ACUTE else 3 if permitted else 2
        assert harder.tier <= cap
        assert after.mode == before.mode
        step = harder.load_step_kg if harder.takes_load else 0.0
        if after.mode is bs.TrainingMode.ISO_HOLDS:
            assert (5, 3, 1) == after.pyramid
        elif after.mode is bs.TrainingMode.STRENGTH:
            assert (3, 6) == (after.sets, after.reps)
            entry = step if phase is not bs.Phase.ACUTE else 0.0
            assert (entry, step) == (after.load_kg, after.load_step_kg)
        elif after.mode is bs.TrainingMode.HOME_REPS:
            assert (5, 0.0) == (after.reps, after.load_kg)
        return
    up = [
        name
        for name, b, a in zip(
            NUMBERS, _numbers(before), _numbers(after), strict=False
        )
        if a > b
    ]
    grown = [
        a > b for a, b in zip(before.pyramid, after.pyramid, strict=False)
    ]
    if any(grown):
        up.append("pyramid")
        up = [u for u in up if u != "reps"]
    # 15: exactly one variable goes up.
    assert 1 == len(up)
    if up == ["load_kg"]:
        # 16: the load step is within 10 % and on the equipment grid.
        assert (
            0 < after.load_kg - before.load_kg <= 0.10 * before.load_kg + 1e-9
        )
        steps = after.load_kg / after.load_step_kg
        assert abs(steps - round(steps)) < 1e-6
        assert after.reps == after.min_reps
    else:
        assert after.load_kg == before.load_kg
    if up == ["reps"]:
        # 17: +1 in the acute phase, at most +2 otherwise.
        step = after.reps - before.reps
        assert step == 1 if phase is bs.Phase.ACUTE else 1 <= step <= 2
    assert after.sets <= 4
    assert after.hold_s <= (
        10 if after.mode is bs.TrainingMode.ISO_HOLDS else 30
    )


def _check_regress(before: bs.Dose, after: bs.Dose) -> None:
    # 18: nothing goes up, something goes down, and floors hold.
    for b, a in zip(_numbers(before), _numbers(after), strict=False):
        assert a <= b
    if before.exercise == after.exercise:
        assert _numbers(after) != _numbers(before)
    else:
        assert _tier(after.exercise) <= _tier(before.exercise)
    assert after.reps >= 1
    assert after.sets >= 1
    assert after.load_kg >= 0
    assert after.sessions_per_day >= 1


class TestLoadGrowth:
    @given(
        st.integers(1, 80),
        st.sampled_from([0.5, 1.0, 1.25, 2.0, 2.5, 5.0]),
        st.floats(0.02, 0.10),
        st.integers(2, 3),
    )
    def test_load_grows_at_most_10_percent_a_step(
        self, steps: int, step_kg: float, increase: float, gap: int
    ) -> None:
        """23: after k load steps, the load is at most load0 * 1.1**k.

        And at least one step is taken, unless the phase's cap holds the
        load (`AT_CAP`): with the goblet 20 cm in front of the trunk (the
        placement offsets, on by default) a goblet squat from about 90 kg
        reaches the chronic cap for this body.
        """
        assume(steps * step_kg <= 100)
        config = bs.Config(load_increase=increase)
        dose = attrs.evolve(
            STRENGTH, load_kg=steps * step_kg, load_step_kg=step_kg
        )
        load0 = dose.load_kg
        history: list[bs.SessionReport] = []
        outcomes: list[bs.Outcome] = []
        load_steps = 0
        for n in range(0, 40, gap):
            r = report(n, sets=full_sets(dose))
            ctx = context(
                history=tuple(history),
                decisions=tuple(outcomes),
                config=config,
                body=BODY,
            )
            outcome = decide(r, dose, ctx)
            history.append(r)
            outcomes.append(outcome)
            after = bs.apply_decision(outcome, dose)
            assert after is not None
            if outcome.change is bs.Change.LOAD:
                load_steps += 1
                assert after.load_kg <= dose.load_kg * 1.10 + 1e-9
            dose = after

            assert dose.load_kg <= load0 * 1.10**load_steps + 1e-9
        capped = any(
            reason.code is bs.ReasonCode.AT_CAP
            for outcome in outcomes
            for reason in outcome.reasons
        )
        if step_kg <= 0.10 * load0 and not capped:
            assert load_steps >= 1


# --- Sequences: a stateful test of whole programmes --------------------------


class Programme(RuleBasedStateMachine):
    """A person reporting sessions day after day (invariants 21-25)."""

    def __init__(self) -> None:
        super().__init__()
        self.today = DAY0
        self.dose = attrs.evolve(STRENGTH, load_kg=20.0, load_step_kg=1.25)
        self.load0 = self.dose.load_kg
        self.load_steps = 0
        self.history: list[bs.SessionReport] = []
        self.outcomes: list[bs.Outcome] = []
        self.clearance = CLEARED
        self.flags: frozenset[bs.RedFlag] = frozenset()
        self.phase = bs.Phase.CHRONIC
        self.pending = bs.SessionReport(
            day=DAY0, pain_before=0, pain_during_max=0
        )

    @initialize(
        phase=st.sampled_from([bs.Phase.SUBACUTE, bs.Phase.CHRONIC]),
        reps=st.integers(6, 8),
    )
    def start(self, phase: bs.Phase, reps: int) -> None:
        self.phase = phase
        self.dose = attrs.evolve(self.dose, reps=reps)

    @rule(
        gap=st.integers(0, 3),
        before=st.integers(0, 4),
        # Mostly good sessions, so that whole sequences reach step ups.
        during=st.sampled_from([0, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 7]),
        worse_next=st.sampled_from([-1, 0, 0, 0, 0, 0, 0, 1, 2]),
        symptom=st.sampled_from([None] * 12 + list(bs.Symptom)),
        rir=st.sampled_from([1, 2, 3, 3, 3, 4]),
    )
    def session(
        self,
        gap: int,
        before: int,
        during: int,
        worse_next: int,
        symptom: bs.Symptom | None,
        rir: int,
    ) -> None:
        self.today += dt.timedelta(days=gap)
        r = bs.SessionReport(
            day=self.today,
            pain_before=before,
            pain_during_max=during,
            pain_next_morning=max(0, before + worse_next),
            symptoms=frozenset() if symptom is None else frozenset({symptom}),
            sets=full_sets(self.dose, rir=rir),
        )
        ctx = bs.Context(
            phase=self.phase,
            clearance=self.clearance,
            red_flags=self.flags,
            history=tuple(self.history),
            decisions=tuple(self.outcomes),
            programme_start=DAY0,
        )
        outcome = bs.decide(r, self.dose, ctx, catalog=LADDER)
        self.pending = r
        self._check(outcome)
        self.history.append(r)
        self.outcomes.append(outcome)
        after = bs.apply_decision(outcome, self.dose)
        if after is not None:
            if (
                outcome.change is bs.Change.LOAD
                and outcome.decision is D.PROGRESS
            ):
                self.load_steps += 1
            self.dose = after

    def _check(self, outcome: bs.Outcome) -> None:
        stops = [o for o in self.outcomes if o.decision is D.STOP_AND_REFER]
        if stops and self.clearance.on <= stops[-1].day:
            # 21: after a stop, only stops until a newer clearance.
            assert D.STOP_AND_REFER == outcome.decision
        if outcome.decision is not D.PROGRESS:
            return
        ups = [o for o in self.outcomes if o.decision is D.PROGRESS]
        config = bs.Config()
        if ups:
            # 22: steps up are at least the minimum days apart.
            assert (outcome.day - ups[-1].day).days >= config.min_days(
                self.phase
            )
        # 22 and 25: at least two green, settled days since the last
        # change (a step back after pain included).
        changes = [o for o in self.outcomes if o.decision is not D.HOLD]
        since = changes[-1].day if changes else None
        recent = [
            r for r in self.history if since is None or r.day > since
        ] + [self.pending]
        days = sorted({r.day for r in recent})[-2:]
        assert 2 == len(days)
        green = config.green_max(self.phase)
        for r in recent:
            if r.day in days:
                assert r.pain_during_max <= green
                assert r.is_settled(settle_tol=config.settle_tol)

    @invariant()
    def progress_count_is_bounded(self) -> None:
        """23: at most floor(D / min_days) + 1 steps up in D days."""
        window = 14
        gap = bs.Config().min_days(self.phase)
        ups = [o.day for o in self.outcomes if o.decision is D.PROGRESS]
        for first in ups:
            inside = [d for d in ups if 0 <= (d - first).days <= window]
            assert len(inside) <= window // gap + 1

    @rule(gap=st.integers(1, 2))
    def clear(self, gap: int) -> None:
        self.today += dt.timedelta(days=gap)
        self.clearance = bs.Clearance(
            cleared=True, by_clinician=True, on=self.today
        )

    @precondition(lambda self: not self.flags)
    @rule(flag=st.sampled_from([None] * 24 + list(bs.RedFlag)))
    def flag(self, flag: bs.RedFlag | None) -> None:
        if flag is not None:
            self.flags = frozenset({flag})

    @precondition(lambda self: bool(self.flags))
    @rule()
    def unflag(self) -> None:
        self.flags = frozenset()

    @invariant()
    def load_growth_is_bounded(self) -> None:
        """23: after k load steps the load is at most load0 * 1.1**k."""
        assert self.dose.load_kg <= self.load0 * 1.10**self.load_steps + 1e-9

    @invariant()
    def undo_goes_back(self) -> None:
        """24: an undo leaves nothing above the dose before the step up."""
        if len(self.outcomes) < 2:
            return
        last = self.outcomes[-1]
        if last.change is not bs.Change.UNDO or last.dose_after is None:
            return
        up = next(
            o for o in reversed(self.outcomes[:-1]) if o.decision is not D.HOLD
        )
        for b, a in zip(
            _numbers(up.dose_before), _numbers(last.dose_after), strict=False
        ):
            assert a <= b


TestProgramme = Programme.TestCase
