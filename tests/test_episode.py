"""The episode record, two-part reports, phase from the facts (issue 12)."""

import datetime as dt

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

import backsafe as bs
from backsafe.coaching import _caps

D = bs.Decision
R = bs.ReasonCode
U = bs.Urgency
T = bs.TrainingMode
BODY = bs.Body(mass_kg=80, height_m=1.78)
DAY0 = dt.date(2026, 3, 2)
CLEARED = bs.Clearance(
    cleared=True, by_clinician=True, on=DAY0 - dt.timedelta(days=1)
)
CHRONIC_ONSET = DAY0 - dt.timedelta(weeks=20)


def day(n: int) -> dt.date:
    return DAY0 + dt.timedelta(days=n)


def home_plan(
    phase: bs.Phase = bs.Phase.CHRONIC, weeks: int = 6
) -> bs.Progression:
    return bs.generate_progression(
        "glute-bridge",
        BODY,
        phase=phase,
        mode=T.HOME_REPS,
        start=DAY0,
        weeks=weeks,
    )


def episode(plan: bs.Progression | None = None, **facts: object) -> bs.Episode:
    options: dict[str, object] = {
        "onset": CHRONIC_ONSET,
        "clearance": CLEARED,
    }
    options.update(facts)
    return bs.Episode.begin(plan=plan or home_plan(), **options)  # type: ignore[arg-type]


def done(
    dose: bs.Dose, *, load_kg: float | None = None
) -> tuple[bs.SetResult, ...]:
    reps = dose.pyramid or (dose.reps,) * dose.sets
    return tuple(
        bs.SetResult(
            reps=n,
            load_kg=dose.load_kg if load_kg is None else load_kg,
            hold_s=dose.hold_s,
            reps_in_reserve=3,
        )
        for n in reps
    )


def evening(ep: bs.Episode, n: int, **fields: object) -> bs.SessionReport:
    assert ep.plan is not None
    dose = ep.plan.step_on(day(n)).dose
    values: dict[str, object] = {
        "day": day(n),
        "pain_before": 2,
        "pain_during_max": 2,
        "sets": done(dose),
    }
    values.update(fields)
    return bs.SessionReport(**values)  # type: ignore[arg-type]


def morning(n: int, pain: int = 2, **fields: object) -> bs.MorningReport:
    return bs.MorningReport(day=day(n), pain_next_morning=pain, **fields)  # type: ignore[arg-type]


# --- 1. The episode record ---------------------------------------------------


class TestEpisodeRecord:
    def test_a_month_of_evening_then_morning_reports(self) -> None:
        """A month of evening reports, each completed the next morning."""
        ep = episode(home_plan(weeks=6))
        events: list[bs.SessionReport | bs.MorningReport] = []
        finals = []
        for n in range(31):
            report = evening(ep, n)
            ep, provisional = ep.record(report)
            assert provisional.provisional
            assert D.PROGRESS != provisional.decision
            answer = morning(n)
            ep, final = ep.record(answer)
            assert not final.provisional
            assert final.day == day(n)
            assert ep.plan is not None
            ep.plan.step_on(day(n + 1))
            events += [report, answer]
            finals.append(final.decision)
        assert D.PROGRESS in finals
        assert all(d in {D.HOLD, D.PROGRESS} for d in finals)
        assert 31 == len(ep.sessions)
        assert all(s.evening is not None for s in ep.sessions)
        assert ep == bs.replay(episode(home_plan(weeks=6)), events)
        assert ep == bs.from_json(bs.to_json(ep), bs.Episode)

    def test_morning_outcome_applies_to_the_evening_plan(self) -> None:
        """The morning's outcome applies to the evening's plan."""
        plan = home_plan()
        ctx = bs.Context(phase=bs.Phase.CHRONIC, clearance=CLEARED)
        dose = plan.steps[0].dose
        report = bs.SessionReport(
            day=DAY0, pain_before=2, pain_during_max=2, sets=done(dose)
        )
        provisional = bs.decide(report, dose, ctx)
        evening_plan = bs.apply_decision(provisional, plan)
        assert evening_plan is not None
        full = attrs.evolve(report, pain_next_morning=2)
        final = bs.decide(full, dose, ctx)

        replanned = bs.apply_decision(final, evening_plan)

        assert replanned is not None
        assert day(1) == replanned.start

    def test_out_of_order_and_duplicates_raise(self) -> None:
        """Reports out of order, duplicates and late mornings raise."""
        ep = episode()
        first, earlier = evening(ep, 1), evening(ep, 0)
        ep, _ = ep.record(first)
        with pytest.raises(bs.InvalidInputError, match="duplicate"):
            ep.record(first)
        with pytest.raises(bs.InvalidInputError, match="date order"):
            ep.record(earlier)
        with pytest.raises(bs.InvalidInputError, match="evening report"):
            ep.record(morning(0))
        ep2, _ = ep.record(morning(1))
        with pytest.raises(bs.InvalidInputError, match="duplicate"):
            ep2.record(morning(1))
        ep3, _ = ep.record(evening(ep, 2))
        with pytest.raises(bs.InvalidInputError, match="cannot judge"):
            ep3.record(morning(1))

    def test_a_report_before_the_onset_raises(self) -> None:
        """A report before the episode began cannot be judged."""
        dose = home_plan().steps[0].dose
        ep = bs.Episode.begin(onset=day(5), dose=dose, clearance=CLEARED)
        report = bs.SessionReport(day=day(0), pain_before=0, pain_during_max=0)
        with pytest.raises(bs.InvalidInputError, match="onset"):
            ep.record(report)
        with pytest.raises(bs.InvalidInputError, match="programme_start"):
            episode(onset=day(5))

    def test_a_stop_is_never_forgotten(self) -> None:
        """After a stop, every report stops until a newer clearance."""
        ep = episode()
        flag = bs.PlacedSymptom(
            symptom=bs.Symptom.NUMBNESS, site=bs.SymptomSite.SADDLE
        )
        ep, stop = ep.record(evening(ep, 0, placed_symptoms=(flag,)))
        assert (D.STOP_AND_REFER, U.EMERGENCY) == (stop.decision, stop.urgency)
        assert ep.dose is None
        assert ep.plan is None
        ep, again = ep.record(
            bs.SessionReport(
                day=day(3),
                pain_before=0,
                pain_during_max=0,
                pain_next_morning=0,
            )
        )
        assert D.STOP_AND_REFER == again.decision
        assert R.CLEARANCE_OUTDATED in again.codes
        cleared = ep.clear(
            bs.Clearance(cleared=True, by_clinician=True, on=day(4))
        )
        report = bs.SessionReport(day=day(5), pain_before=0, pain_during_max=0)
        with pytest.raises(bs.InvalidInputError, match="restart"):
            cleared.record(report)
        fresh = bs.generate_progression(
            "glute-bridge",
            BODY,
            phase=bs.Phase.CHRONIC,
            mode=T.HOME_REPS,
            start=day(5),
        )
        restarted = cleared.restart(plan=fresh)
        _, outcome = restarted.record(report)
        assert D.HOLD == outcome.decision

    def test_a_dose_in_an_unsupported_mode_is_refused(self) -> None:
        """A goblet squat in home mode is refused when built (§7)."""
        dose = bs.Dose(exercise="goblet-squat", mode=T.HOME_REPS, reps=5)
        with pytest.raises(bs.InvalidInputError, match=r"dose\.mode"):
            bs.Episode.begin(onset=DAY0, dose=dose)
        ctx = bs.Context(phase=bs.Phase.CHRONIC, clearance=CLEARED)
        report = bs.SessionReport(day=DAY0, pain_before=0, pain_during_max=0)
        with pytest.raises(bs.InvalidInputError, match=r"dose\.mode"):
            bs.decide(report, dose, ctx)

    def test_begin_accepts_the_boundary_forms(self) -> None:
        """Strings for dates and enums, lists for tuples (one rule)."""
        ep = bs.Episode.begin(
            onset="2025-10-01",
            plan=home_plan(),
            phase="chronic",
            risk_factors=[
                bs.RecordedRiskFactor(
                    factor=bs.RiskFactor.OSTEOPOROSIS, on=dt.date(2025, 9, 1)
                )
            ],
        )
        assert (dt.date(2025, 10, 1), bs.Phase.CHRONIC) == (ep.onset, ep.phase)
        for bad in ("2026-W10-1", "20260302", "2026-3-2", 20260302):
            with pytest.raises(bs.InvalidInputError, match="onset"):
                bs.Episode.begin(onset=bad, plan=home_plan())  # type: ignore[arg-type]
        with pytest.raises(bs.InvalidInputError, match="phase"):
            bs.Episode.begin(onset=DAY0, plan=home_plan(), phase="sub")
        with pytest.raises(bs.InvalidInputError, match="plan"):
            bs.Episode.begin(onset=DAY0)


# --- 2. Phase from the facts -------------------------------------------------


class TestPhase:
    @pytest.mark.parametrize(
        ("weeks", "phase"),
        [
            (0, "acute"),
            (5, "acute"),
            (6, "subacute"),
            (11, "subacute"),
            (12, "chronic"),
            (40, "chronic"),
        ],
    )
    def test_phase_follows_the_onset(self, weeks: int, phase: str) -> None:
        """§2: under 6 weeks acute, 6 to 12 subacute, then chronic."""
        ep = episode(onset=DAY0 - dt.timedelta(weeks=weeks))
        assert phase == ep.phase_on(DAY0).value

    def test_a_flare_moves_to_the_acute_rules(self) -> None:
        """§2: a flare uses the acute rules until two green, settled days."""
        ep = episode()
        ep, first = ep.record(evening(ep, 0, flare=True, pain_during_max=4))
        assert bs.Phase.ACUTE == first.phase
        ep, _ = ep.record(morning(0))
        assert bs.Phase.ACUTE == ep.phase_on(day(1))
        for n in (1, 2):
            ep, outcome = ep.record(evening(ep, n))
            assert bs.Phase.ACUTE == outcome.phase
            ep, _ = ep.record(morning(n))
        assert bs.Phase.CHRONIC == ep.phase_on(day(3))

    def test_an_explicit_phase_overrides(self) -> None:
        """The caller may still choose the phase, explicitly."""
        ep = episode(phase=bs.Phase.SUBACUTE)
        _, outcome = ep.record(evening(ep, 0, flare=True))
        assert bs.Phase.SUBACUTE == outcome.phase


# --- 4. Symptoms with a place ------------------------------------------------


class TestPlacedSymptoms:
    @given(
        st.sampled_from(bs.Symptom),
        st.sampled_from([bs.SymptomSite.BOTH_LEGS, bs.SymptomSite.SADDLE]),
    )
    @settings(max_examples=25)
    def test_both_legs_or_saddle_is_an_emergency(
        self, symptom: bs.Symptom, site: bs.SymptomSite
    ) -> None:
        """§3.1: symptoms in both legs or the saddle area: emergency."""
        placed = bs.PlacedSymptom(symptom=symptom, site=site)
        report = bs.SessionReport(
            day=DAY0,
            pain_before=0,
            pain_during_max=0,
            pain_next_morning=0,
            placed_symptoms=(placed,),
        )
        dose = home_plan().steps[0].dose
        ctx = bs.Context(phase=bs.Phase.CHRONIC, clearance=CLEARED)

        outcome = bs.decide(report, dose, ctx)

        assert (D.STOP_AND_REFER, U.EMERGENCY) == (
            outcome.decision,
            outcome.urgency,
        )

    def test_new_weakness_stops_and_refers(self) -> None:
        """§4: new weakness stops the session; still there: urgent."""
        ep = episode()
        weak = bs.PlacedSymptom(
            symptom=bs.Symptom.WEAKNESS, site=bs.SymptomSite.ONE_LEG
        )
        ep, provisional = ep.record(evening(ep, 0, placed_symptoms=(weak,)))
        assert (D.STOP_AND_REFER, U.ROUTINE) == (
            provisional.decision,
            provisional.urgency,
        )
        assert R.WEAKNESS_NEW in provisional.codes
        ep, final = ep.record(
            morning(0, symptoms_still_there=frozenset({bs.Symptom.WEAKNESS}))
        )
        assert (D.STOP_AND_REFER, U.URGENT) == (final.decision, final.urgency)
        assert ep.sessions[-1].report.placed_symptoms[0].next_morning

    def test_tingling_still_there_in_the_morning_refers(self) -> None:
        """§4: tingling that lasts to the next morning stops (routine)."""
        ep = episode()
        tingle = bs.PlacedSymptom(
            symptom=bs.Symptom.TINGLING, site=bs.SymptomSite.BELOW_KNEE
        )
        ep, provisional = ep.record(evening(ep, 0, placed_symptoms=(tingle,)))
        assert D.REGRESS == provisional.decision
        _, final = ep.record(
            morning(0, symptoms_still_there=frozenset({bs.Symptom.TINGLING}))
        )
        assert R.NERVE_SYMPTOMS_PERSIST in final.codes

    def test_a_morning_red_flag_stops(self) -> None:
        """A red flag noticed the next morning stops the session's outcome."""
        ep = episode()
        ep, _ = ep.record(evening(ep, 0))
        _, final = ep.record(
            morning(0, red_flags=frozenset({bs.RedFlag.BLADDER_DYSFUNCTION}))
        )
        assert (D.STOP_AND_REFER, U.EMERGENCY) == (
            final.decision,
            final.urgency,
        )


# --- 6. The boundary ---------------------------------------------------------


class TestBoundary:
    def test_config_takes_the_phase_value(self) -> None:
        """Config.green_max/min_days understand the phase's string value."""
        config = bs.Config()
        assert 2 == config.green_max("acute")
        assert 3 == config.min_days("acute")
        with pytest.raises(bs.InvalidInputError, match="phase"):
            config.green_max("sharp")
        with pytest.raises(bs.InvalidInputError, match="phase"):
            config.min_days(None)  # type: ignore[arg-type]

    def test_reason_of_takes_the_code_value(self) -> None:
        """Reason.of takes a code or its value, and refuses anything else."""
        assert bs.Reason.of(R.READY) == bs.Reason.of("ready")
        with pytest.raises(bs.InvalidInputError, match="code"):
            bs.Reason.of("steady")

    def test_is_settled_refuses_a_string(self) -> None:
        """is_settled(settle_tol="1") raises InvalidInputError."""
        report = bs.SessionReport(day=DAY0, pain_before=1, pain_during_max=1)
        with pytest.raises(bs.InvalidInputError, match="settle_tol"):
            report.is_settled(settle_tol="1")  # type: ignore[arg-type]

    def test_numpy_numbers_are_real_numbers(self) -> None:
        """numpy's numbers pass where a number is asked (if installed)."""
        np = pytest.importorskip("numpy")
        assert bs.Phase.SUBACUTE == bs.Config().phase_for(np.int64(6))
        report = bs.SessionReport(
            day=DAY0, pain_before=1, pain_during_max=1, pain_next_morning=2
        )
        assert report.is_settled(settle_tol=np.int64(1))
        with pytest.raises(bs.InvalidInputError):
            report.is_settled(settle_tol=np.bool_(True))


# --- 7. The state machine ----------------------------------------------------


class EpisodeMachine(RuleBasedStateMachine):
    """Random evening/morning reports, symptoms, flares and clearances."""

    def __init__(self) -> None:
        super().__init__()
        self.ep = episode(home_plan(weeks=12))
        self.n = 0
        self.last: bs.Outcome | None = None
        self.report: bs.SessionReport | bs.MorningReport | None = None
        self.stopped_on: dt.date | None = None

    @initialize()
    def start(self) -> None:
        self.n = 0

    def _record(self, report: bs.SessionReport | bs.MorningReport) -> None:
        before = self.ep
        self.ep, self.last = before.record(report)
        self.report = report
        stopped = self.stopped_on
        if stopped is not None:
            cleared = [c for c in before.clearances if c.on > stopped]
            if not cleared:
                assert D.STOP_AND_REFER == self.last.decision
        if self.last.decision is D.STOP_AND_REFER:
            self.stopped_on = self.last.day

    @precondition(lambda self: self.n < 60)
    @rule(
        pain_before=st.integers(0, 8),
        pain_during=st.integers(0, 8),
        symptom=st.none() | st.sampled_from(bs.Symptom),
        site=st.none() | st.sampled_from(bs.SymptomSite),
        flare=st.booleans(),
        gap=st.integers(1, 2),
        full=st.booleans(),
    )
    def evening(
        self,
        pain_before: int,
        pain_during: int,
        symptom: bs.Symptom | None,
        site: bs.SymptomSite | None,
        flare: bool,
        gap: int,
        full: bool,
    ) -> None:
        self.n += gap
        plan = self.ep.plan
        dose = (
            plan.step_on(day(self.n)).dose
            if plan is not None and day(self.n) < plan.end
            else self.ep.dose
        )
        placed = (
            (bs.PlacedSymptom(symptom=symptom, site=site),)
            if symptom is not None and site is not None
            else ()
        )
        self._record(
            bs.SessionReport(
                day=day(self.n),
                pain_before=pain_before,
                pain_during_max=pain_during,
                symptoms=frozenset({symptom})
                if symptom and not site
                else frozenset(),
                placed_symptoms=placed,
                flare=flare,
                sets=done(dose) if dose is not None and full else (),
            )
        )

    @precondition(
        lambda self: bool(self.ep.sessions) and self.ep.sessions[-1].is_open
    )
    @rule(pain=st.integers(0, 9), still=st.booleans())
    def morning(self, pain: int, still: bool) -> None:
        last = self.ep.sessions[-1].report
        self._record(
            bs.MorningReport(
                day=last.day,
                pain_next_morning=pain,
                symptoms_still_there=last.all_symptoms
                if still
                else frozenset(),
            )
        )

    @precondition(lambda self: self.ep.dose is None)
    @rule()
    def reclear(self) -> None:
        self.n += 1
        self.ep = self.ep.clear(
            bs.Clearance(cleared=True, by_clinician=True, on=day(self.n))
        )
        self.ep = self.ep.restart(
            plan=bs.generate_progression(
                "glute-bridge",
                BODY,
                phase=bs.Phase.CHRONIC,
                mode=T.HOME_REPS,
                start=day(self.n + 1),
                weeks=12,
            )
        )
        self.stopped_on = None

    @invariant()
    def a_red_flag_always_stops(self) -> None:
        """§3: a red flag (placed symptoms included) always stops."""
        if self.ep.sessions and self.last is not None:
            report = self.ep.sessions[-1].report
            if report.all_red_flags and self.last.day == report.day:
                assert D.STOP_AND_REFER == self.last.decision

    @invariant()
    def nothing_steps_up_without_a_good_morning(self) -> None:
        """§5.2: no step up with a missing or worse next morning."""
        if self.last is not None and self.last.decision is D.PROGRESS:
            report = self.ep.sessions[-1].report
            assert report.pain_next_morning is not None
            assert report.pain_next_morning <= (
                report.pain_before + self.ep.config.settle_tol
            )

    @invariant()
    def the_dose_keeps_to_the_phase_caps(self) -> None:
        """§2, §9.2: the dose in force keeps to its phase's caps."""
        if not self.ep.sessions or self.ep.dose is None:
            return
        phase = self.ep.sessions[-1].phase
        exercise = _caps.index_of(None)[self.ep.dose.exercise]
        caps = _caps.Limitations(
            phase=phase,
            max_tier=_caps.max_tier(phase, permits_tier3=False),
            cap_n=_caps.load_cap_n(phase, bs.Limits(), permits_tier3=False),
            body=BODY,
            limits=bs.Limits(),
            config=self.ep.config,
        )
        assert caps.allows(exercise, self.ep.dose)


TestEpisodeMachine = EpisodeMachine.TestCase
TestEpisodeMachine.settings = settings(
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


class TestEpisodeWithoutADose:
    def test_a_report_needs_a_dose_in_force(self) -> None:
        """An episode document with no plan, no dose and no stop is refused."""
        plan = bs.generate_progression(
            "split-squat",
            bs.Body(mass_kg=80, height_m=1.78),
            phase="chronic",
            mode="strength",
            start=dt.date(2026, 3, 2),
            weeks=4,
        )
        episode = attrs.evolve(
            bs.Episode.begin(onset="2025-06-01", plan=plan),
            plan=None,
            dose=None,
        )
        report = bs.SessionReport(
            day=dt.date(2026, 3, 2), pain_before=1, pain_during_max=2
        )

        with pytest.raises(bs.InvalidInputError) as info:
            episode.record(report)

        assert "episode.dose" == info.value.field
