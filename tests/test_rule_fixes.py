"""The rule fixes of issue 12, and the thresholds of issue 15 pinned.

Each test names the clinical rule (clinical-rules note, §n) it protects.
"""

import datetime as dt
import itertools
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import backsafe as bs
from backsafe.coaching import _caps, _rule_checks

from .strategies import LADDER

D = bs.Decision
R = bs.ReasonCode
T = bs.TrainingMode
BODY = bs.Body(mass_kg=80, height_m=1.78)
DAY0 = dt.date(2026, 3, 2)
CLEARED = bs.Clearance(
    cleared=True, by_clinician=True, on=DAY0 - dt.timedelta(days=1)
)
HOME = bs.Dose(
    exercise="split-squat",
    mode=T.HOME_REPS,
    reps=8,
    sessions_per_day=3,
    max_reps=15,
)
STRENGTH = bs.Dose(
    exercise="goblet-squat",
    mode=T.STRENGTH,
    sets=3,
    reps=8,
    load_kg=20.0,
    load_step_kg=1.0,
    min_reps=6,
    max_reps=8,
)


def day(n: int) -> dt.date:
    return DAY0 + dt.timedelta(days=n)


def sets(
    dose: bs.Dose, *, rir: int = 3, load_kg: float | None = None
) -> tuple[bs.SetResult, ...]:
    reps = dose.pyramid or (dose.reps,) * dose.sets
    return tuple(
        bs.SetResult(
            reps=n,
            load_kg=dose.load_kg if load_kg is None else load_kg,
            hold_s=dose.hold_s,
            reps_in_reserve=rir,
        )
        for n in reps
    )


def report(n: int, dose: bs.Dose = HOME, **fields: Any) -> bs.SessionReport:
    values: dict[str, Any] = {
        "pain_before": 2,
        "pain_during_max": 2,
        "pain_next_morning": 2,
        "sets": sets(dose),
    }
    values.update(fields)
    return bs.SessionReport(day=day(n), **values)


def context(**fields: Any) -> bs.Context:
    values: dict[str, Any] = {"phase": bs.Phase.CHRONIC, "clearance": CLEARED}
    values.update(fields)
    return bs.Context(**values)


def decide(
    r: bs.SessionReport,
    dose: bs.Dose = HOME,
    ctx: bs.Context | None = None,
    catalog: Any = LADDER,
) -> bs.Outcome:
    return bs.decide(r, dose, ctx or context(), catalog=catalog)


def progressed(n: int, before: bs.Dose, after: bs.Dose) -> bs.Outcome:
    return bs.Outcome(
        day=day(n),
        decision=D.PROGRESS,
        urgency=bs.Urgency.NONE,
        reasons=(bs.Reason.of(R.READY),),
        change=bs.Change.REPS,
        dose_before=before,
        dose_after=after,
    )


# --- 5. The rules fixed ------------------------------------------------------


class TestEarlyRise:
    def test_morning_pain_creeping_up_in_week_one_never_steps_up(self) -> None:
        """§5.2 trend: 1 -> 5 a point at a time in week one never steps up."""
        ctx = context(config=bs.Config(settle_tol=1))
        dose = HOME
        decisions = []
        for n in range(5):
            r = report(
                n,
                dose,
                pain_before=n + 1,
                pain_next_morning=n + 2,
                pain_during_max=1,
            )
            outcome = decide(r, dose, ctx)
            decisions.append(outcome.decision)
            ctx = attrs.evolve(
                ctx,
                history=(*ctx.history, r),
                decisions=(*ctx.decisions, outcome),
            )
            assert outcome.dose_after is not None
            dose = outcome.dose_after
        assert D.PROGRESS not in decisions
        assert R.EARLY_RISE in outcome.codes

    @given(st.lists(st.integers(0, 8), min_size=3, max_size=6))
    @settings(max_examples=60)
    def test_two_rises_in_week_one_never_step_up(
        self, mornings: list[int]
    ) -> None:
        """§5.2: two rises of morning pain before a full week: no step up."""
        rises = sum(b > a for a, b in itertools.pairwise(mornings))
        history = tuple(
            report(n, pain_before=p, pain_next_morning=None, pain_during_max=0)
            for n, p in enumerate(mornings[:-1])
        )
        last = report(
            len(mornings) - 1,
            pain_before=mornings[-1],
            pain_next_morning=mornings[-1],
            pain_during_max=0,
        )
        ctx = context(config=bs.Config(settle_tol=1), history=history)
        outcome = decide(last, HOME, ctx)
        if rises + 0 >= _rule_checks.EARLY_RISES:
            assert D.PROGRESS != outcome.decision


class TestSessionsAtTheDose:
    def test_lighter_sessions_never_earn_a_load_step(self) -> None:
        """§7 dwell: 3 x 8 at 20 kg done twice at 10 kg never steps up."""
        light = sets(STRENGTH, load_kg=10.0)
        ctx = context(history=(report(0, STRENGTH, sets=light),), body=BODY)
        outcome = decide(report(2, STRENGTH, sets=light), STRENGTH, ctx)
        assert D.HOLD == outcome.decision
        full = context(
            history=(report(0, STRENGTH, sets=sets(STRENGTH)),), body=BODY
        )
        assert (
            D.PROGRESS == decide(report(2, STRENGTH), STRENGTH, full).decision
        )

    @given(st.floats(0.0, 19.9))
    @settings(max_examples=30)
    def test_any_lighter_load_does_not_count(self, load: float) -> None:
        """§7 dwell: a session below the prescribed load never counts."""
        light = sets(STRENGTH, load_kg=load)
        ctx = context(history=(report(0, STRENGTH),), body=BODY)
        outcome = decide(report(2, STRENGTH, sets=light), STRENGTH, ctx)
        assert D.PROGRESS != outcome.decision


class TestTier3:
    @pytest.mark.parametrize("phase", list(bs.Phase))
    def test_permission_lifts_the_chronic_caps_only(
        self, phase: bs.Phase
    ) -> None:
        """§2, §9.2: tier 3 only with a permission, in the chronic phase."""
        expected = (
            3
            if phase is bs.Phase.CHRONIC
            else min(2, _caps.max_tier(phase, permits_tier3=False))
        )
        assert expected == _caps.max_tier(phase, permits_tier3=True)
        plan = bs.generate_progression(
            "glute-bridge",
            BODY,
            phase=phase,
            mode=T.HOME_REPS,
            start=DAY0,
            clearance=attrs.evolve(CLEARED, permits_tier3=True),
        )
        assert expected == plan.max_tier


class TestStepBack:
    def test_sharp_pain_walks_down_the_family(self) -> None:
        """§8, §9.3: a barbell hip thrust steps back to an easier bridge.

        At body weight: with a bar on the pelvis the hip thrust is ungraded
        (no bridge submodel yet), so the phase cap steps the load down first.
        """
        dose = bs.Dose(
            exercise="barbell-hip-thrust",
            mode=T.STRENGTH,
            sets=3,
            reps=6,
            load_kg=0.0,
            load_step_kg=2.5,
            min_reps=6,
            max_reps=8,
        )
        r = report(2, dose, symptoms=frozenset({bs.Symptom.SHARP_PAIN}))
        outcome = decide(r, dose, context(body=BODY), catalog=None)
        assert D.REGRESS == outcome.decision
        assert outcome.dose_after is not None
        assert outcome.dose_after.exercise in {
            "single-leg-glute-bridge",
            "glute-bridge",
            "hip-thrust",
        }

    def test_at_the_floor_it_walks_down_before_it_refers(self) -> None:
        """§8: at the lightest dose the family's easier exercise comes next."""
        dose = bs.Dose(
            exercise="barbell-hip-thrust",
            mode=T.STRENGTH,
            sets=1,
            reps=4,
            load_kg=0.0,
            load_step_kg=2.5,
            min_reps=6,
            max_reps=8,
        )
        r = report(2, dose, pain_during_max=7)
        outcome = decide(r, dose, context(body=BODY), catalog=None)
        assert D.REGRESS == outcome.decision
        assert outcome.dose_after is not None
        assert "barbell-hip-thrust" != outcome.dose_after.exercise

    def test_supine_double_leg_raise_is_replaced(self) -> None:
        """§9.3: the double-leg raise becomes the modified single-leg raise."""
        dose = bs.Dose(
            exercise="double-leg-raise",
            mode=T.HOME_REPS,
            reps=8,
            sessions_per_day=3,
            max_reps=15,
        )
        outcome = decide(
            report(2, dose, pain_during_max=0),
            dose,
            context(body=BODY),
            catalog=None,
        )
        assert (D.REGRESS, [R.REPLACED]) == (
            outcome.decision,
            [r.code for r in outcome.reasons],
        )
        assert outcome.dose_after is not None
        assert "modified-single-leg-raise" == outcome.dose_after.exercise

    def test_a_zero_kg_step_still_steps_back(self) -> None:
        """§8: a load without an equipment step still comes down 10 %."""
        dose = attrs.evolve(STRENGTH, load_step_kg=0.0)
        outcome = decide(
            report(2, dose, pain_during_max=7), dose, context(body=BODY)
        )
        assert outcome.dose_after is not None
        assert outcome.dose_after.load_kg == pytest.approx(18.0)

    @given(
        st.sampled_from([s for s in bs.Symptom if s.is_stop]),
        st.integers(0, 3),
        st.integers(1, 4),
    )
    @settings(max_examples=40)
    def test_a_step_back_is_never_harder(
        self, symptom: bs.Symptom, load_steps: int, n_sets: int
    ) -> None:
        """§8: a step back never raises the tier or any dose variable."""
        dose = bs.Dose(
            exercise="barbell-hip-thrust",
            mode=T.STRENGTH,
            sets=n_sets,
            reps=6,
            load_kg=2.5 * load_steps,
            load_step_kg=2.5,
            min_reps=6,
            max_reps=8,
        )
        index = _caps.index_of(None)
        outcome = decide(
            report(2, dose, symptoms=frozenset({symptom})),
            dose,
            context(body=BODY),
            catalog=None,
        )
        after = outcome.dose_after
        if after is None:
            return
        assert index[after.exercise].tier <= index[dose.exercise].tier
        assert after.sets <= dose.sets
        assert after.reps <= dose.reps
        assert after.load_kg <= dose.load_kg
        assert after.sessions_per_day <= dose.sessions_per_day


class TestNoSilentHolds:
    def test_a_report_without_sets_says_so(self) -> None:
        """§7: a report without its sets tells what is missing."""
        outcome = decide(
            report(2, sets=()), HOME, context(history=(report(0),))
        )
        assert "sets" in outcome.reasons[-1].message.split(":", 1)[1]
        assert "fewer sets" in outcome.reasons[-1].message

    def test_a_strength_report_without_reserve_says_so(self) -> None:
        """§7.3: a strength report without reps in reserve says so."""
        bare = tuple(
            attrs.evolve(s, reps_in_reserve=None) for s in sets(STRENGTH)
        )
        outcome = decide(
            report(2, STRENGTH, sets=bare),
            STRENGTH,
            context(history=(report(0, STRENGTH),), body=BODY),
        )
        assert D.HOLD == outcome.decision
        assert "reps in reserve" in outcome.reasons[-1].message


# --- Issue 15: thresholds pinned ---------------------------------------------


class TestPinnedThresholds:
    def _acute_ready(self, n: int) -> bs.Outcome:
        dose = attrs.evolve(HOME, reps=7)
        before = attrs.evolve(HOME, reps=6)
        ctx = context(
            phase=bs.Phase.ACUTE,
            history=(
                report(n - 2, dose, pain_during_max=1),
                report(n - 1, dose, pain_during_max=1),
            ),
            decisions=(progressed(0, before, dose),),
        )
        return decide(report(n, dose, pain_during_max=1), dose, ctx)

    def test_acute_three_days_between_steps(self) -> None:
        """§7 dwell: in the acute phase 3 days between steps, not 2."""
        assert R.DWELL_NOT_MET in self._acute_ready(2).codes
        assert D.PROGRESS == self._acute_ready(3).decision

    def test_acute_adds_one_rep(self) -> None:
        """§7.1: the acute phase adds 1 rep, even with pain of 1 or less."""
        outcome = self._acute_ready(3)
        assert outcome.dose_after is not None
        assert 8 == outcome.dose_after.reps

    @pytest.mark.parametrize(("earlier", "trend"), [(2, True), (3, False)])
    def test_weekly_trend_boundary(self, earlier: int, trend: bool) -> None:
        """§5.2 trend: a mean exactly trend_tol higher counts (>=)."""
        history = (report(0, pain_before=earlier, pain_next_morning=None),)
        r = report(7, pain_before=3, pain_next_morning=None)
        assert trend == _rule_checks._trend_up(r, context(history=history))

    @pytest.mark.parametrize(("gap", "stop"), [(7, True), (8, False)])
    def test_second_unsettled_morning_within_seven_days(
        self,
        gap: int,
        stop: bool,
    ) -> None:
        """§6 row 5: a second unsettled morning within 7 days (<=) stops."""
        first = decide(report(0, pain_next_morning=4))
        assert R.NOT_SETTLED in first.codes
        ctx = context(
            history=(report(0, pain_next_morning=4),), decisions=(first,)
        )
        outcome = decide(report(gap, pain_next_morning=4), HOME, ctx)
        assert stop == (R.NOT_SETTLED_REPEATED in outcome.codes)

    @pytest.mark.parametrize(("previous", "drop"), [(6, True), (5, False)])
    def test_red_twice_boundary(self, previous: int, drop: bool) -> None:
        """§8: pain above the ceiling twice running drops a tier."""
        ctx = context(history=(report(1, pain_during_max=previous),))
        outcome = decide(report(2, pain_during_max=6), HOME, ctx)
        assert outcome.dose_after is not None
        assert drop == ("glute-bridge" == outcome.dose_after.exercise)

    @pytest.mark.parametrize(("age", "undo"), [(14, True), (15, False)])
    def test_undo_window_is_fourteen_days(self, age: int, undo: bool) -> None:
        """§8: a step up at most 14 days old is undone."""
        before = attrs.evolve(HOME, reps=7)
        ctx = context(
            decisions=(progressed(0, before, HOME),), history=(report(0),)
        )
        outcome = decide(report(age, pain_during_max=7), HOME, ctx)
        assert undo == (bs.Change.UNDO is outcome.change)

    def test_no_body_blocks_added_load(self) -> None:
        """§9.5: without a body no step adds load the trunk carries."""
        dose = attrs.evolve(STRENGTH, sets=4)
        history = (report(0, dose),)
        held = decide(report(2, dose), dose, context(history=history))
        assert (D.HOLD, [R.NEEDS_BODY]) == (
            held.decision,
            [r.code for r in held.reasons],
        )
        stepped = decide(
            report(2, dose), dose, context(history=history, body=BODY)
        )
        assert bs.Change.LOAD is stepped.change

    @pytest.mark.parametrize(("rir", "counts"), [(2, True), (1, False)])
    def test_reps_in_reserve_check(self, rir: int, counts: bool) -> None:
        """§7.3: every set needs 2 or more reps in reserve to count."""
        done = sets(STRENGTH, rir=rir)
        ctx = context(history=(report(0, STRENGTH, sets=done),), body=BODY)
        outcome = decide(report(2, STRENGTH, sets=done), STRENGTH, ctx)
        assert counts == (D.PROGRESS == outcome.decision)

    def test_spinal_load_cap_when_a_plan_is_replanned(self) -> None:
        """§9.5: a re-planned plan never reaches its spinal-load cap."""
        plan = bs.generate_progression(
            "goblet-squat",
            BODY,
            phase=bs.Phase.SUBACUTE,
            mode=T.STRENGTH,
            start=DAY0,
            load_kg=20,
            load_step_kg=1,
            catalog=LADDER,
        )
        assert plan.load_cap_n is not None
        dose = plan.steps[0].dose
        exercise = {e.slug: e for e in LADDER}["goblet-squat"]
        heavy = next(
            kg
            for kg in range(20, 400)
            if bs.score(exercise, BODY, load_kg=kg).compression_n
            >= plan.load_cap_n
        )
        for load, ok in ((heavy - 1, True), (heavy, False)):
            outcome = attrs.evolve(
                progressed(0, dose, attrs.evolve(dose, load_kg=float(load))),
                change=bs.Change.LOAD,
            )
            if ok:
                replanned = bs.apply_decision(outcome, plan, catalog=LADDER)
                assert replanned is not None
                assert all(
                    s.compression_n < plan.load_cap_n for s in replanned.steps
                )
            else:
                with pytest.raises(bs.InvalidInputError, match="cap"):
                    bs.apply_decision(outcome, plan, catalog=LADDER)
