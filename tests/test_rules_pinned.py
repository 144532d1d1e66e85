"""The decision rules pinned against their mutants (issue 15).

One class per module of the rules. Each test kills a mutant that
survived the rule tests and names, in its name and docstring, the
clinical rule (clinical-rules note, section n) it protects; most are
parametrized on both sides of the rule's threshold, so that moving the
threshold either way fails them.
"""

import datetime as dt
from typing import Any

import attrs
import pytest

import backsafe as bs
from backsafe.coaching._caps import Limitations, scored, substitute

from .strategies import LADDER

D = bs.Decision
R = bs.ReasonCode
T = bs.TrainingMode
A = bs.Advice
RF = bs.RiskFactor
BODY = bs.Body(mass_kg=80, height_m=1.78)
DAY0 = dt.date(2026, 3, 2)
CLEARED = bs.Clearance(
    cleared=True, on=DAY0 - dt.timedelta(days=1), by_clinician=True
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

#: A McGill iso-hold dose: a 5-4-3 pyramid of 8 s holds.
ISO = bs.Dose(
    exercise="side-bridge-knees",
    mode=T.ISO_HOLDS,
    sets=3,
    reps=5,
    pyramid=(5, 4, 3),
    hold_s=8,
)


def day(n: int) -> dt.date:
    return DAY0 + dt.timedelta(days=n)


def sets(
    dose: bs.Dose,
    *,
    rir: int | None = 3,
    hold_s: float | None = None,
) -> tuple[bs.SetResult, ...]:
    reps = dose.pyramid or (dose.reps,) * dose.sets
    return tuple(
        bs.SetResult(
            reps=n,
            load_kg=dose.load_kg,
            hold_s=dose.hold_s if hold_s is None else hold_s,
            reps_in_reserve=rir,
        )
        for n in reps
    )


def report(n: int, dose: bs.Dose = HOME, **fields: Any) -> bs.SessionReport:
    """A green, settled session at the full *dose* on day *n*."""
    values: dict[str, Any] = {
        "pain_before": 2,
        "pain_during_max": 2,
        "pain_next_morning": 2,
        "sets": sets(dose),
    }
    values.update(fields)
    return bs.SessionReport(day=day(n), **values)


def mornings(n: int, before: int, after: int | None) -> bs.SessionReport:
    """A session on day *n* with these morning scores, otherwise green."""
    return report(n, pain_before=before, pain_next_morning=after)


def context(**fields: Any) -> bs.Context:
    values: dict[str, Any] = {"phase": bs.Phase.CHRONIC, "clearance": CLEARED}
    values.update(fields)
    return bs.Context(**values)


def decide(
    r: bs.SessionReport,
    dose: bs.Dose = HOME,
    ctx: bs.Context | None = None,
) -> bs.Outcome:
    return bs.decide(r, dose, ctx or context(), catalog=LADDER)


def outcome(
    n: int,
    decision: bs.Decision,
    code: bs.ReasonCode,
    *,
    dose: bs.Dose = HOME,
    change: bs.Change | None = None,
) -> bs.Outcome:
    """A past decision, as `decide` would have recorded it."""
    stop = decision is D.STOP_AND_REFER
    return bs.Outcome(
        day=day(n),
        decision=decision,
        urgency=bs.Urgency.ROUTINE if stop else bs.Urgency.NONE,
        reasons=(bs.Reason.of(code),),
        change=change,
        dose_before=dose,
        dose_after=None if stop else dose,
    )


# --- coaching/_rule_checks.py ------------------------------------------------


class TestRuleChecks:
    def test_a_red_flag_known_and_reported_again_still_stops(self) -> None:
        """§3: a red flag stops whether it is on record, reported, or both.

        The flags in force are the union of the context's and the
        report's; a flag in both must not cancel out.
        """
        flag = bs.RedFlag.SADDLE_ANAESTHESIA
        for ctx_flags, report_flags in (
            ({flag}, set()),
            (set(), {flag}),
            ({flag}, {flag}),
        ):
            found = decide(
                report(0, red_flags=frozenset(report_flags)),
                HOME,
                context(red_flags=frozenset(ctx_flags)),
            )
            assert (D.STOP_AND_REFER, bs.Urgency.EMERGENCY) == (
                found.decision,
                found.urgency,
            )

    @pytest.mark.parametrize(
        ("history", "trend"),
        [
            # day 1 is 6 days before the report: the earlier week only.
            ((mornings(0, 2, None), mornings(1, 0, None)), True),
            # day 2 is 5 days before: this week, not the earlier one.
            ((mornings(0, 2, None), mornings(2, 0, None)), False),
            # day -6 is 13 days before: before both weeks.
            ((mornings(-6, 3, None), mornings(0, 1, None)), True),
        ],
    )
    def test_weekly_trend_splits_the_fortnight_into_two_weeks(
        self, history: tuple[bs.SessionReport, ...], trend: bool
    ) -> None:
        """§5.2 trend: the last 7 mornings against the 7 before, each once.

        A morning 6 days before the report belongs to the earlier week;
        5 days before, to this week; 13 days before, to neither. Moving
        the window by a day, or counting a morning in both weeks, changes
        the mean compared.
        """
        r = mornings(7, 2, None)
        found = decide(r, HOME, context(history=history))
        assert trend == (R.TREND_UP in found.codes)

    @pytest.mark.parametrize(
        ("earlier", "due"),
        [
            # The first easy week (week 6) was taken: week 12 is due again.
            ((outcome(35, D.REGRESS, R.PLANNED_DELOAD),), True),
            # A hold earlier in the same easy week is no easy week.
            ((outcome(76, D.HOLD, R.DWELL_NOT_MET, dose=STRENGTH),), True),
            # The easy week was started on its first day: not again.
            (
                (outcome(77, D.REGRESS, R.PLANNED_DELOAD, dose=STRENGTH),),
                False,
            ),
        ],
    )
    def test_every_sixth_week_is_an_easy_week_once(
        self, earlier: tuple[bs.Outcome, ...], due: bool
    ) -> None:
        """§7.3 deload: a planned easy week every 6th week, once per week.

        Only a planned deload in the same week counts as taken: neither
        one from an earlier easy week nor another decision this week.
        """
        ctx = context(programme_start=DAY0, body=BODY, decisions=earlier)
        found = decide(report(78, STRENGTH), STRENGTH, ctx)
        assert due == (R.PLANNED_DELOAD in found.codes)

    @pytest.mark.parametrize(
        ("after", "hold"), [(0, False), (3, False), (5, False), (6, True)]
    )
    def test_one_hour_rule_is_more_than_two_above_the_morning(
        self, after: int, hold: bool
    ) -> None:
        """§6 row 12 (1-hour rule): pain an hour after more than 2 above.

        Morning pain 3: 5 an hour after is fine, 6 holds; less than the
        morning (or equal) never holds.
        """
        r = report(2, pain_before=3, pain_next_morning=3, pain_1h_after=after)
        found = decide(r, HOME, context(history=(report(0),)))
        assert hold == (R.ONE_HOUR_RULE in found.codes)

    def test_reps_in_reserve_are_asked_of_strength_sessions_only(
        self,
    ) -> None:
        """§7.3: only strength sessions need reps in reserve to count.

        A stretch held for too few sessions says nothing about reps in
        reserve it was never asked for.
        """
        stretch = bs.Dose(
            exercise="hamstring-stretch", mode=T.STRETCH, reps=3, hold_s=20
        )
        r = report(0, stretch, sets=sets(stretch, rir=None))
        found = decide(r, stretch)
        assert [R.DWELL_NOT_MET] == [x.code for x in found.reasons]
        assert "reps in reserve" not in found.reasons[0].message

    @pytest.mark.parametrize(
        ("old_day", "rule"),
        [
            (0, False),  # 12-13 days before the end: an earlier week exists
            (5, False),
            (-2, True),  # 14-15 days before: no earlier week to compare with
        ],
    )
    def test_first_week_rule_gives_way_once_an_earlier_week_exists(
        self, old_day: int, rule: bool
    ) -> None:
        """§5.2 trend: two rises without an earlier week never step up.

        Once a morning 7 to 13 days back exists the weekly trend judges
        instead, and mornings that creep up 1 -> 2 -> 3 with the same
        mean as the week before may step up. A morning 14 or more days
        back is no earlier week.
        """
        history = (
            mornings(old_day, 2, 2),
            mornings(8, 1, 1),
            mornings(10, 2, 2),
        )
        r = mornings(12, 3, 3)
        found = decide(r, HOME, context(history=history))
        assert rule == (R.EARLY_RISE in found.codes)
        assert rule == (D.PROGRESS != found.decision)

    def test_falling_mornings_in_week_one_are_no_rises(self) -> None:
        """§5.2 trend: rises are counted in date order.

        Mornings 3, 3, 2, 2, 1, 1 fall all week: no rise, the session may
        step up.
        """
        history = (mornings(0, 3, 3), mornings(1, 2, 2))
        found = decide(mornings(2, 1, 1), HOME, context(history=history))
        assert R.EARLY_RISE not in found.codes
        assert D.PROGRESS == found.decision

    def test_mornings_two_weeks_back_are_not_this_week(self) -> None:
        """§5.2 trend: the first-week rule counts this week's rises only.

        A rise 14 days back (0 -> 1) is in no week: this week's mornings
        1, 1, 2, 2, 2, 2 rise once, and the session may step up.
        """
        history = (mornings(-2, 0, 1), mornings(8, 1, 1), mornings(10, 2, 2))
        found = decide(mornings(12, 2, 2), HOME, context(history=history))
        assert R.EARLY_RISE not in found.codes
        assert D.PROGRESS == found.decision

    @pytest.mark.parametrize(("stiff", "trend"), [(0, False), (4, True)])
    def test_next_morning_stiffness_belongs_to_the_next_day(
        self, stiff: int, trend: bool
    ) -> None:
        """§5.2 trend: morning stiffness has its own 7-day mean.

        Stiffness reported after the session of day 1 is the morning of
        day 2, this week's: 0 keeps this week's mean (1) at last week's
        (2) less one, 4 lifts it to 3, a rising trend.
        """
        history = (
            report(0, pain_next_morning=None, stiffness_next_morning=2),
            report(1, pain_next_morning=None, stiffness_next_morning=stiff),
        )
        r = report(7, pain_next_morning=None, stiffness_next_morning=2)
        found = decide(r, HOME, context(history=history))
        assert trend == (R.TREND_UP in found.codes)

    def test_a_session_with_a_warning_symptom_never_counts(self) -> None:
        """§4, §7 dwell: a session with a stop symptom never counts.

        Even green and settled, it is not one of the sessions a step up
        needs.
        """
        for symptom in (s for s in bs.Symptom if s.is_stop):
            history = (report(0, symptoms=frozenset({symptom})),)
            found = decide(report(2), HOME, context(history=history))
            assert (D.HOLD, [R.DWELL_NOT_MET]) == (
                found.decision,
                [x.code for x in found.reasons],
            )
        assert (
            D.PROGRESS
            == decide(report(2), HOME, context(history=(report(0),))).decision
        )

    def test_only_sessions_since_the_last_step_count(self) -> None:
        """§7 dwell: the sessions a step up needs are at the current dose.

        A good session before the last step up does not count: one
        session since it holds.
        """
        before = attrs.evolve(HOME, reps=7)
        ctx = context(
            history=(report(-1), report(0)),
            decisions=(
                outcome(-1, D.HOLD, R.DWELL_NOT_MET, dose=before),
                outcome(
                    0, D.PROGRESS, R.READY, dose=before, change=bs.Change.REPS
                ),
            ),
        )
        found = decide(report(3), HOME, ctx)
        assert (D.HOLD, [R.DWELL_NOT_MET]) == (
            found.decision,
            [x.code for x in found.reasons],
        )

    @pytest.mark.parametrize(("n", "ready"), [(2, False), (3, True)])
    def test_days_between_steps_count_from_the_last_step(
        self, n: int, ready: bool
    ) -> None:
        """§7 dwell: the least days between steps run from the latest one.

        With 3 days between steps, two step ups (days -5 and 0) and good
        sessions since: day 2 is too soon after day 0, day 3 is not.
        """
        config = bs.Config(min_days_subacute=3, min_days_chronic=3)
        ctx = context(
            config=config,
            history=(report(1),),
            decisions=(
                outcome(-5, D.PROGRESS, R.READY, change=bs.Change.REPS),
                outcome(0, D.PROGRESS, R.READY, change=bs.Change.REPS),
            ),
        )
        found = decide(report(n), HOME, ctx)
        assert ready == (D.PROGRESS == found.decision)

    @pytest.mark.parametrize(
        ("held", "counts"), [(3.0, False), (5.0, True), (8.0, True)]
    )
    def test_every_set_holds_as_long_as_the_dose(
        self, held: float, counts: bool
    ) -> None:
        """§7 dwell: a session counts at the full dose: reps and hold.

        Holds of 5 s prescribed: 3 s does not count, 5 s or more does.
        """
        dose = attrs.evolve(HOME, exercise="glute-bridge", hold_s=5.0)
        done = sets(dose, hold_s=held)
        ctx = context(history=(report(0, dose, sets=done),))
        found = decide(report(2, dose, sets=done), dose, ctx)
        assert counts == (D.PROGRESS == found.decision)

    @pytest.mark.parametrize(
        ("pain", "decision", "advised"),
        [(2, D.PROGRESS, False), (4, D.HOLD, True)],
    )
    def test_third_hold_in_a_row_suggests_an_easy_week(
        self, pain: int, decision: bs.Decision, advised: bool
    ) -> None:
        """§6 advice: a third hold in a row suggests a deload; a step up not.

        After a step up and two holds, a session that holds again (amber
        pain) gets the advice; one that steps up does not.
        """
        ctx = context(
            history=(report(-1), report(0), report(1)),
            decisions=(
                outcome(-1, D.PROGRESS, R.READY, change=bs.Change.REPS),
                outcome(0, D.HOLD, R.DWELL_NOT_MET),
                outcome(1, D.HOLD, R.DWELL_NOT_MET),
            ),
        )
        found = decide(report(2, pain_during_max=pain), HOME, ctx)
        assert decision == found.decision
        assert advised == (A.CONSIDER_DELOAD in found.advice)

    @pytest.mark.parametrize(
        ("after", "unsettled"), [(1, False), (3, False), (4, True)]
    )
    def test_unsettled_means_above_the_morning_before(
        self, after: int, unsettled: bool
    ) -> None:
        """§6 row 8: pain not settled by the next morning steps back.

        Not settled means above the morning before (3): lower or the same
        is settled.
        """
        r = report(2, pain_before=3, pain_next_morning=after)
        found = decide(r, HOME, context(history=(report(0),)))
        assert unsettled == (R.NOT_SETTLED in found.codes)
        assert unsettled == (D.REGRESS == found.decision)

    @pytest.mark.parametrize(
        ("age", "review"), [(13, True), (14, False), (20, False)]
    )
    def test_steps_back_count_for_a_review_within_fourteen_days(
        self, age: int, review: bool
    ) -> None:
        """§6 advice: three steps back within 14 days prompt a review.

        Two steps back 13 days ago and this one: review; 14 or more days
        ago they no longer count.
        """
        ctx = context(
            decisions=(
                outcome(0, D.REGRESS, R.PAIN_ABOVE_CEILING),
                outcome(0, D.REGRESS, R.PAIN_ABOVE_CEILING),
            ),
        )
        found = decide(report(age, pain_during_max=7), HOME, ctx)
        assert D.REGRESS == found.decision
        assert review == (A.REVIEW_ROUTINE in found.advice)

    def test_a_stop_now_is_no_third_step_back(self) -> None:
        """§6 advice: a stop and refer refers; it is not a step back.

        Two steps back and then a stop (no clearance): no review advice.
        """
        ctx = context(
            clearance=None,
            decisions=(
                outcome(0, D.REGRESS, R.PAIN_ABOVE_CEILING),
                outcome(1, D.REGRESS, R.PAIN_ABOVE_CEILING),
            ),
        )
        found = decide(report(2), HOME, ctx)
        assert D.STOP_AND_REFER == found.decision
        assert A.REVIEW_ROUTINE not in found.advice

    @pytest.mark.parametrize(
        ("earlier", "review"),
        [
            (D.REGRESS, True),
            (D.STOP_AND_REFER, False),
            (D.HOLD, False),
        ],
    )
    def test_three_steps_back_in_two_weeks_prompt_a_review(
        self, earlier: bs.Decision, review: bool
    ) -> None:
        """§6 advice: three steps back within 14 days prompt a review.

        A stop and refer is not a step back: it already refers.
        """
        code = {
            D.REGRESS: R.PAIN_ABOVE_CEILING,
            D.STOP_AND_REFER: R.NO_CLEARANCE,
            D.HOLD: R.DWELL_NOT_MET,
        }[earlier]
        ctx = context(
            clearance=bs.Clearance(cleared=True, on=day(5), by_clinician=True),
            decisions=(outcome(3, earlier, code), outcome(4, earlier, code)),
        )
        found = decide(report(6, pain_during_max=7), HOME, ctx)
        assert D.REGRESS == found.decision
        assert review == (A.REVIEW_ROUTINE in found.advice)

    def test_two_steps_back_and_a_green_session_are_no_review(
        self,
    ) -> None:
        """§6 advice: only steps back count towards the three; two of them
        and a green session now (no step back) prompt no review."""
        code = R.PAIN_ABOVE_CEILING
        ctx = context(
            clearance=bs.Clearance(cleared=True, on=day(1), by_clinician=True),
            decisions=tuple(outcome(n, D.REGRESS, code) for n in (3, 4)),
        )
        found = decide(report(6), HOME, ctx)
        assert D.REGRESS is not found.decision
        assert A.REVIEW_ROUTINE not in found.advice

    def test_more_than_three_steps_back_in_two_weeks_prompt_a_review(
        self,
    ) -> None:
        """§6 advice: three or more steps back within 14 days prompt a
        review; a fourth does not silence it."""
        code = R.PAIN_ABOVE_CEILING
        ctx = context(
            clearance=bs.Clearance(cleared=True, on=day(1), by_clinician=True),
            decisions=tuple(outcome(n, D.REGRESS, code) for n in (2, 3, 4)),
        )
        found = decide(report(6, pain_during_max=7), HOME, ctx)
        assert D.REGRESS == found.decision
        assert A.REVIEW_ROUTINE in found.advice

    @pytest.mark.parametrize(
        ("before", "after", "review"),
        [(2, 2, True), (2, 1, False), (3, 1, True)],
    )
    def test_no_better_than_week_one_after_four_weeks_prompts_a_review(
        self, before: int, after: int, review: bool
    ) -> None:
        """CKS, §6 advice: morning pain not below week one's after 4 weeks.

        Week one's mornings averaged 2; this week's are the report's
        morning and next morning (both part of this week): a mean of 2
        prompts a review, 1.5 does not.
        """
        ctx = context(programme_start=DAY0, history=(mornings(0, 2, 2),))
        found = decide(mornings(30, before, after), HOME, ctx)
        assert review == (A.REVIEW_ROUTINE in found.advice)

    @pytest.mark.parametrize(
        ("n", "review"), [(10, False), (27, False), (28, True)]
    )
    def test_the_review_for_no_improvement_waits_four_weeks(
        self, n: int, review: bool
    ) -> None:
        """CKS, §6 advice: no improvement is judged from day 28, not before."""
        ctx = context(programme_start=DAY0, history=(mornings(0, 2, 2),))
        found = decide(mornings(n, 2, 2), HOME, ctx)
        assert review == (A.REVIEW_ROUTINE in found.advice)

    def test_worse_than_week_one_is_no_improvement(self) -> None:
        """CKS, §6 advice: this week's mornings above week one's also
        prompt the review, not only equal ones.

        Week one's mornings averaged 1; on day 30 this week's average 3:
        worse, so the 4-week review is advised.
        """
        ctx = context(programme_start=DAY0, history=(mornings(0, 1, 1),))
        found = decide(mornings(30, 3, 3), HOME, ctx)
        assert A.REVIEW_ROUTINE in found.advice

    def test_week_one_starts_on_the_programmes_first_day(self) -> None:
        """CKS, §6 advice: mornings before the programme are not week one.

        Mornings of 4 before the programme began would lift week one's
        mean above this week's 2; without them week one's mornings (3, 3
        on its first two days, 1, 1 later) average 2 and this week is no
        better: review.
        """
        history = (mornings(-3, 4, 4), mornings(0, 3, 3), mornings(3, 1, 1))
        ctx = context(programme_start=DAY0, history=history)
        found = decide(mornings(30, 2, 2), HOME, ctx)
        assert A.REVIEW_ROUTINE in found.advice

    @pytest.mark.parametrize("between", [0, 4])
    def test_week_one_is_the_programmes_first_seven_days(
        self, between: int
    ) -> None:
        """CKS, §6 advice: week one's mornings only, against this week's.

        Week one averaged 2 and this week 1: better, no review, however
        low or high the mornings between were (in neither week).
        """
        history = (mornings(0, 2, 2), mornings(14, between, between))
        ctx = context(programme_start=DAY0, history=history)
        found = decide(mornings(30, 1, 1), HOME, ctx)
        assert A.REVIEW_ROUTINE not in found.advice

    @pytest.mark.parametrize(
        ("before", "after", "review"), [(2, 4, True), (4, 2, False)]
    )
    def test_week_one_ends_on_the_programmes_seventh_morning(
        self, before: int, after: int, review: bool
    ) -> None:
        """CKS, §6 advice: week one is the programme's first 7 mornings.

        The session of day 6 has its morning (day 6) in week one and its
        next morning (day 7) in week two: a 4 on day 7 leaves week one's
        mean at 2, no better this week (2), a review; a 4 on day 6 raises
        week one's mean above this week's, no review.
        """
        history = (mornings(0, 2, 2), mornings(6, before, after))
        ctx = context(programme_start=DAY0, history=history)
        found = decide(mornings(30, 2, 2), HOME, ctx)
        assert review == (A.REVIEW_ROUTINE in found.advice)

    def test_a_morning_seven_days_back_is_not_this_week(self) -> None:
        """CKS, §6 advice: this week is 7 mornings, the report's next one
        the last.

        A morning of 0 six days before the report's (7 before its next
        morning) is last week's: this week's mean stays 2, a review.
        """
        history = (mornings(0, 2, 2), mornings(24, 0, None))
        ctx = context(programme_start=DAY0, history=history)
        found = decide(mornings(30, 2, 2), HOME, ctx)
        assert A.REVIEW_ROUTINE in found.advice

    def test_this_week_is_the_last_seven_mornings(self) -> None:
        """CKS, §6 advice: this week's mean takes the last 7 mornings.

        A morning of 0 five days before the report is in this week and
        brings its mean (1.5) below week one's (2): no review.
        """
        history = (mornings(0, 2, 2), mornings(25, 0, 2))
        ctx = context(programme_start=DAY0, history=history)
        found = decide(mornings(30, 2, 2), HOME, ctx)
        assert A.REVIEW_ROUTINE not in found.advice

    def test_a_fall_and_a_rise_back_is_one_rise(self) -> None:
        """§5.2 trend: in week one only rises of morning pain count.

        Mornings 2, 1, 1, 1, 2, 2: one rise (a fall does not count), so
        the session may step up.
        """
        history = (mornings(0, 2, 1), mornings(1, 1, 1))
        found = decide(mornings(2, 2, 2), HOME, context(history=history))
        assert R.EARLY_RISE not in found.codes
        assert D.PROGRESS == found.decision

    @pytest.mark.parametrize(("first", "early"), [(1, True), (0, False)])
    def test_week_one_ends_with_the_reports_next_morning(
        self, first: int, early: bool
    ) -> None:
        """§5.2 trend, first week: the week is the 7 mornings up to the
        report's next one.

        Mornings 0, 0, 1, 1, 2, 2 from 5 days before the report (6 before
        its next morning) rise twice within one week with none before it:
        hold. From 6 days before the report, the first morning is already
        an earlier week, so the weekly trend judges instead.
        """
        history = (mornings(first, 0, 0), mornings(first + 2, 1, 1))
        found = decide(mornings(6, 2, 2), HOME, context(history=history))
        assert early == (R.EARLY_RISE in found.codes)
        if early:
            assert D.HOLD == found.decision

    @pytest.mark.parametrize(
        ("reps", "counts"), [(7, False), (8, True), (9, True)]
    )
    def test_a_set_counts_at_the_dose_reps_or_more(
        self, reps: int, counts: bool
    ) -> None:
        """§7 dwell: a session counts at the full dose, every set at the
        dose's reps (8) or more: 9 reps count, 7 do not."""
        done = tuple(attrs.evolve(s, reps=reps) for s in sets(STRENGTH))
        ctx = context(history=(report(0, STRENGTH, sets=done),), body=BODY)
        found = decide(report(2, STRENGTH, sets=done), STRENGTH, ctx)
        assert counts == (D.PROGRESS == found.decision)

    @pytest.mark.parametrize(
        ("earlier", "pain", "advised"),
        [
            ((D.HOLD, D.HOLD), 4, True),
            ((D.HOLD, D.HOLD), 7, False),
            ((D.REGRESS, D.HOLD), 4, False),
        ],
    )
    def test_only_three_holds_in_a_row_suggest_an_easy_week(
        self,
        earlier: tuple[bs.Decision, bs.Decision],
        pain: int,
        advised: bool,
    ) -> None:
        """§6 advice: the deload advice needs three holds in a row: two
        holds then a step back (pain 7) is none, nor a step back then two
        holds; two holds then a hold (amber pain 4) is."""
        codes = {D.HOLD: R.DWELL_NOT_MET, D.REGRESS: R.PAIN_ABOVE_CEILING}
        ctx = context(
            history=(report(-1), report(0), report(1)),
            decisions=(
                outcome(-1, D.PROGRESS, R.READY, change=bs.Change.REPS),
                *(outcome(n, d, codes[d]) for n, d in enumerate(earlier)),
            ),
        )
        found = decide(report(2, pain_during_max=pain), HOME, ctx)
        assert advised == (A.CONSIDER_DELOAD in found.advice)

    @pytest.mark.parametrize(
        ("eve", "first", "review"),
        [((4, 2), (2, 2), True), ((2, 4), (4, 2), False)],
    )
    def test_week_one_starts_on_the_programmes_first_morning(
        self, eve: tuple[int, int], first: tuple[int, int], review: bool
    ) -> None:
        """CKS, §6 advice: week one starts with the programme's first
        morning; the morning before it (a session the day before the
        programme) is in no week: a 4 then leaves week one at 2, no
        better this week (2), a review; a 4 on the first morning raises
        week one above this week, no review."""
        history = (mornings(-1, *eve), mornings(0, *first))
        ctx = context(programme_start=DAY0, history=history)
        found = decide(mornings(30, 2, 2), HOME, ctx)
        assert review == (A.REVIEW_ROUTINE in found.advice)

    @pytest.mark.parametrize(
        "factor",
        sorted(set(bs.RiskFactor) - {RF.FAILURE_TO_IMPROVE_AFTER_4_WEEKS}),
    )
    def test_every_risk_factor_but_failure_to_improve_needs_a_clearance(
        self, factor: bs.RiskFactor
    ) -> None:
        """§3.3: each risk factor recorded on or after the clearance's day
        stops until a newer clearance; only a failure to improve (a
        review, not a stop) does not."""
        recorded = bs.RecordedRiskFactor(factor=factor, on=day(0))
        ctx = context(risk_factors=(recorded,))
        found = decide(report(1), HOME, ctx)
        assert R.RISK_FACTOR_NOT_CLEARED in found.codes
        assert D.STOP_AND_REFER is found.decision


class TestRuleChecksDwellAndAdvice:
    def test_two_step_ups_and_a_hold_suggest_no_easy_week(self) -> None:
        """§6 advice: only three holds in a row suggest a deload."""
        ctx = context(
            history=(report(0), report(1)),
            decisions=(
                outcome(0, D.PROGRESS, R.READY, change=bs.Change.REPS),
                outcome(1, D.PROGRESS, R.READY, change=bs.Change.REPS),
            ),
        )
        found = decide(report(2, pain_during_max=4), HOME, ctx)
        assert D.HOLD == found.decision
        assert A.CONSIDER_DELOAD not in found.advice

    @pytest.mark.parametrize("factor", list(bs.RiskFactor))
    def test_only_failure_to_improve_prompts_a_review(
        self, factor: bs.RiskFactor
    ) -> None:
        """§6 advice: a recorded failure to improve prompts a review.

        Other risk factors recorded before the clearance were cleared:
        no review.
        """
        recorded = bs.RecordedRiskFactor(factor=factor, on=day(-5))
        found = decide(report(0), HOME, context(risk_factors=(recorded,)))
        failure = bs.RiskFactor.FAILURE_TO_IMPROVE_AFTER_4_WEEKS
        assert (factor is failure) == (A.REVIEW_ROUTINE in found.advice)

    def test_an_extra_set_is_not_a_missing_set(self) -> None:
        """§7: a report with more sets than the dose lacks none."""
        extra = (*sets(HOME), *sets(HOME))
        found = decide(report(0, sets=extra), HOME)
        assert [R.DWELL_NOT_MET] == [x.code for x in found.reasons]
        assert "fewer sets" not in found.reasons[0].message

    @pytest.mark.parametrize(
        ("extra", "counts"), [(-1, False), (0, True), (2, True)]
    )
    def test_iso_holds_count_at_the_pyramid_or_more(
        self, extra: int, counts: bool
    ) -> None:
        """§7 dwell: iso holds count with each set's reps or more."""
        dose = ISO
        done = tuple(
            bs.SetResult(reps=n + extra, hold_s=8) for n in dose.pyramid
        )
        ctx = context(history=(report(0, dose, sets=done),))
        found = decide(report(2, dose, sets=done), dose, ctx)
        assert counts == (D.PROGRESS == found.decision)

    @pytest.mark.parametrize(
        ("held", "counts"), [(7, False), (8, True), (10, True)]
    )
    def test_iso_holds_count_at_the_hold_or_longer(
        self, held: int, counts: bool
    ) -> None:
        """§7 dwell: an iso hold counts when held as long as the dose or
        longer; a shorter one does not."""
        dose = ISO
        done = tuple(bs.SetResult(reps=n, hold_s=held) for n in dose.pyramid)
        ctx = context(history=(report(0, dose, sets=done),))
        found = decide(report(2, dose, sets=done), dose, ctx)
        assert counts == (D.PROGRESS == found.decision)

    @pytest.mark.parametrize(("pain", "reps"), [(1, 10), (2, 9)])
    def test_two_reps_only_when_pain_stays_at_one_or_less(
        self, pain: int, reps: int
    ) -> None:
        """§7.1: +2 reps when every counted session had pain of 1 or less.

        Pain 2 in the sessions steps up by 1 rep only.
        """
        ctx = context(history=(report(0, pain_during_max=pain),))
        found = decide(report(2, pain_during_max=pain), HOME, ctx)
        assert found.dose_after is not None
        assert (D.PROGRESS, reps) == (found.decision, found.dose_after.reps)

    def test_a_morning_exactly_a_week_back_is_an_earlier_week(self) -> None:
        """§5.2 trend: a morning 7 days back starts the earlier week.

        With it, the weekly trend judges instead of the first-week rule,
        and mornings creeping up 1 -> 2 -> 3 may step up.
        """
        history = (
            mornings(6, 2, None),
            mornings(8, 1, 1),
            mornings(10, 2, 2),
        )
        found = decide(mornings(12, 3, 3), HOME, context(history=history))
        assert R.EARLY_RISE not in found.codes
        assert D.PROGRESS == found.decision

    def test_a_load_within_rounding_of_the_dose_counts(self) -> None:
        """§7 dwell: a load 1e-6 kg (rounding) below the dose counts."""
        done = tuple(
            attrs.evolve(s, load_kg=STRENGTH.load_kg - 1e-6)
            for s in sets(STRENGTH)
        )
        ctx = context(history=(report(0, STRENGTH, sets=done),), body=BODY)
        found = decide(report(2, STRENGTH, sets=done), STRENGTH, ctx)
        assert D.PROGRESS == found.decision


class TestRuleChecksArithmetic:
    """The rules' day and score arithmetic, for any day and any setting."""

    @pytest.mark.parametrize(
        ("before", "after", "unsettled"),
        [(0, 1, False), (0, 2, True), (3, 4, False), (3, 5, True)],
    )
    def test_the_settling_tolerance_is_added_to_the_morning_before(
        self, before: int, after: int, unsettled: bool
    ) -> None:
        """§6 row 8 with `settle_tol=1`: the next morning may be one point
        above the morning before, not two (from 0 and from 3 alike)."""
        config = bs.Config(settle_tol=1)
        r = report(2, pain_before=before, pain_next_morning=after)
        found = decide(r, HOME, context(history=(report(0),), config=config))
        assert unsettled == (R.NOT_SETTLED in found.codes)

    @pytest.mark.parametrize("shift", [0, 1])
    def test_the_weekly_trend_reads_alike_on_every_day(
        self, shift: int
    ) -> None:
        """§5.2 trend: a morning 6 days before the report is the earlier
        week's, whichever day of the calendar the report falls on (two
        neighbouring days, odd and even day numbers)."""
        history = (mornings(shift, 2, None), mornings(shift + 1, 0, None))
        found = decide(
            mornings(shift + 7, 2, None), HOME, context(history=history)
        )
        assert R.TREND_UP in found.codes

    @pytest.mark.parametrize(
        "dose",
        [
            HOME,
            ISO,
            bs.Dose(
                exercise="hamstring-stretch", mode=T.STRETCH, reps=3, hold_s=20
            ),
        ],
        ids=["home-reps", "iso-holds", "stretch"],
    )
    def test_the_easy_week_is_for_strength_sessions_only(
        self, dose: bs.Dose
    ) -> None:
        """§7.3 deload: the planned easy week halves strength work; home,
        iso-hold and stretch doses have no easy week (week 6 here)."""
        ctx = context(programme_start=DAY0, body=BODY)
        found = decide(report(36, dose, sets=sets(dose, rir=None)), dose, ctx)
        assert R.PLANNED_DELOAD not in found.codes

    def test_an_easy_week_is_taken_once_in_any_year_of_a_programme(
        self,
    ) -> None:
        """§7.3 deload: once per easy week, however long the programme
        has run (week 263, in its sixth year: the week numbers compare
        by value)."""
        start = day(-7 * 263)
        taken = outcome(0, D.REGRESS, R.PLANNED_DELOAD, dose=STRENGTH)
        ctx = context(programme_start=start, body=BODY, decisions=(taken,))
        found = decide(report(2, STRENGTH), STRENGTH, ctx)
        assert R.PLANNED_DELOAD not in found.codes
        assert (
            R.PLANNED_DELOAD
            in decide(
                report(2, STRENGTH), STRENGTH, attrs.evolve(ctx, decisions=())
            ).codes
        )

    def test_a_stretch_held_long_enough_holds_at_its_cap(self) -> None:
        """§7.3: a stretch counts without reps in reserve (asked of
        strength sessions only): after enough sessions it holds because
        it is at its cap, not because a session did not count."""
        stretch = bs.Dose(
            exercise="hamstring-stretch", mode=T.STRETCH, reps=3, hold_s=20
        )
        history = tuple(
            report(n, stretch, sets=sets(stretch, rir=None)) for n in (0, 2, 4)
        )
        r = report(6, stretch, sets=sets(stretch, rir=None))
        found = decide(r, stretch, context(history=history))
        assert [R.AT_CAP] == [x.code for x in found.reasons]


def _ancient(
    report_day: int, remainder: int, parts: int = 2, **scores: Any
) -> bs.SessionReport:
    """A session centuries before *report_day*, with these morning scores:
    on the day whose number is the report's next morning's, less
    *remainder*, over *parts*, so that the next morning's day number
    leaves a remainder of *remainder* to *remainder* + *parts* - 1 when
    divided by it."""
    end = day(report_day).toordinal() + 1
    return attrs.evolve(
        mornings(0, **scores),
        day=dt.date.fromordinal((end - remainder) // parts),
    )


class TestRuleChecksAncientMornings:
    """Weeks are counted in days back from the report, for any date: a
    morning from another century is in no week (a remainder of day
    numbers is not a distance)."""

    def test_an_ancient_morning_is_not_this_weeks_trend(self) -> None:
        """§5.2 trend: last week's and this week's mornings are both 2."""
        history = (_ancient(7, 0, before=9, after=None), mornings(0, 2, None))
        found = decide(mornings(7, 2, None), HOME, context(history=history))
        assert R.TREND_UP not in found.codes

    def test_ancient_mornings_are_no_rises_in_the_first_week(self) -> None:
        """§5.2: no earlier week; this week's one morning cannot rise."""
        history = (
            _ancient(7, 0, 3, before=0, after=None),
            _ancient(7, 0, before=1, after=None),
        )
        found = decide(mornings(7, 2, None), HOME, context(history=history))
        assert R.EARLY_RISE not in found.codes

    def test_an_ancient_morning_is_not_last_weeks_trend(self) -> None:
        """§5.2 trend: with no morning in the week before, there is no
        trend to read, whatever happened centuries ago."""
        history = (_ancient(7, 10, before=0, after=None), mornings(3, 3, None))
        found = decide(mornings(7, 3, None), HOME, context(history=history))
        assert R.TREND_UP not in found.codes

    def test_an_ancient_morning_is_no_earlier_week(self) -> None:
        """§5.2: mornings rising 1 -> 2 -> 3 in the first week hold; a
        morning centuries back is no earlier week to compare with."""
        history = (
            _ancient(5, 10, before=0, after=None),
            mornings(1, 1, None),
            mornings(3, 2, None),
        )
        found = decide(mornings(5, 3, None), HOME, context(history=history))
        assert R.EARLY_RISE in found.codes

    def test_an_ancient_morning_is_not_this_weeks_for_a_review(self) -> None:
        """CKS: week one's mornings averaged 2, this week's 1."""
        history = (_ancient(30, 0, before=9, after=None), mornings(0, 2, 2))
        ctx = context(programme_start=DAY0, history=history)
        found = decide(mornings(30, 1, 1), HOME, ctx)
        assert A.REVIEW_ROUTINE not in found.advice

    def test_week_one_of_a_programme_without_its_mornings_is_empty(
        self,
    ) -> None:
        """CKS: with no morning on record in the programme's first week
        (it began on the calendar's first day), there is nothing to
        compare with, so no review, however this week compares."""
        ctx = context(
            programme_start=dt.date.min, history=(mornings(0, 1, 1),)
        )
        found = decide(mornings(30, 2, 2), HOME, ctx)
        assert A.REVIEW_ROUTINE not in found.advice


# --- coaching/_decide.py -----------------------------------------------------


class TestDecide:
    @pytest.mark.parametrize(
        ("earlier", "previous", "drop"), [(2, 6, True), (6, 2, False)]
    )
    def test_red_twice_means_the_session_just_before(
        self, earlier: int, previous: int, drop: bool
    ) -> None:
        """§8: pain above the ceiling two sessions running drops a tier.

        Running means the last session before this one, not any earlier
        one: 6 then 2 then 6 steps back on the same exercise.
        """
        history = (
            report(0, pain_during_max=earlier),
            report(1, pain_during_max=previous),
        )
        found = decide(
            report(2, pain_during_max=6), HOME, context(history=history)
        )
        assert D.REGRESS == found.decision
        assert found.dose_after is not None
        assert drop == ("glute-bridge" == found.dose_after.exercise)

    @pytest.mark.parametrize("read_back", [False, True])
    def test_red_twice_without_an_easier_exercise_undoes_the_step(
        self, read_back: bool
    ) -> None:
        """§8: red twice drops a tier; with none below, undo the step up.

        The glute bridge is the foot of its ladder: pain above the
        ceiling twice running, 2 days after a step up from 7 to 8 reps,
        undoes that step (back to 7) rather than cutting reps. The undo
        follows the dose, not the object that carries it: with the dose
        of the report an equal copy (as read back from a document), the
        step up is undone all the same.
        """
        dose = attrs.evolve(HOME, exercise="glute-bridge")
        before = attrs.evolve(dose, reps=7)
        ctx = context(
            history=(report(0, dose), report(1, dose, pain_during_max=6)),
            decisions=(
                bs.Outcome(
                    day=day(0),
                    decision=D.PROGRESS,
                    urgency=bs.Urgency.NONE,
                    reasons=(bs.Reason.of(R.READY),),
                    change=bs.Change.REPS,
                    dose_before=before,
                    dose_after=dose,
                ),
            ),
        )
        now = bs.from_json(bs.to_json(dose), bs.Dose) if read_back else dose
        assert now == dose
        assert read_back == (now is not dose)
        found = decide(report(2, now, pain_during_max=6), now, ctx)
        assert (D.REGRESS, bs.Change.UNDO) == (found.decision, found.change)
        assert before == found.dose_after

    @pytest.mark.parametrize(
        ("earlier", "repeated"),
        [((True, False), False), ((False, True), True)],
    )
    def test_a_stop_symptom_repeats_only_after_the_latest_session(
        self, earlier: tuple[bool, bool], repeated: bool
    ) -> None:
        """§4: tingling again in the very next session refers; tingling
        two sessions back, with a clear session between, does not count
        as repeated."""
        tingling = frozenset({bs.Symptom.TINGLING})
        history = tuple(
            report(n, symptoms=tingling if had else frozenset())
            for n, had in zip((0, 2), earlier, strict=True)
        )
        found = decide(
            report(4, symptoms=tingling), HOME, context(history=history)
        )
        assert repeated == (R.STOP_SYMPTOM_REPEATED in found.codes)

    def test_a_step_back_is_never_undone_by_going_back_up(self) -> None:
        """§8: only a step up is undone; a second step back goes lower.

        After a step back from 8 to 6 reps of the glute bridge (the foot
        of its ladder), pain above the ceiling again steps back below 6,
        never back to the 8 before it.
        """
        dose = attrs.evolve(HOME, exercise="glute-bridge")
        after = attrs.evolve(dose, reps=6)
        ctx = context(
            history=(report(0, dose, pain_during_max=7),),
            decisions=(
                bs.Outcome(
                    day=day(0),
                    decision=D.REGRESS,
                    urgency=bs.Urgency.NONE,
                    reasons=(bs.Reason.of(R.PAIN_ABOVE_CEILING),),
                    change=bs.Change.REPS,
                    dose_before=dose,
                    dose_after=after,
                ),
            ),
        )
        found = decide(report(1, after, pain_during_max=7), after, ctx)
        assert D.REGRESS == found.decision
        assert bs.Change.UNDO is not found.change
        assert found.dose_after is not None
        assert found.dose_after.reps < after.reps

    @pytest.mark.parametrize(
        ("body", "decision", "code"),
        [(None, D.HOLD, R.NEEDS_BODY), (BODY, D.PROGRESS, R.READY)],
    )
    def test_without_a_body_no_load_step_however_small(
        self, body: bs.Body | None, decision: bs.Decision, code: bs.ReasonCode
    ) -> None:
        """§9.5: without a body no step adds load the trunk carries.

        Any load above 0 counts, however light: 0.5 kg held at the chest
        (goblet squat, 4 sets, at the top of its reps) does not step to
        0.52 kg until the body is known; with the body it does.
        """
        dose = attrs.evolve(STRENGTH, load_kg=0.5, load_step_kg=0.01, sets=4)
        ctx = context(history=(report(0, dose),), body=body)
        found = decide(report(2, dose), dose, ctx)
        assert (decision, frozenset({code})) == (found.decision, found.codes)
        if body is not None:
            assert found.dose_after is not None
            assert (bs.Change.LOAD, 0.52) == (
                found.change,
                found.dose_after.load_kg,
            )

    @pytest.mark.parametrize(
        ("sets_", "change"), [(4, "restore"), (1, "load")]
    )
    def test_only_an_easy_week_of_half_the_sets_is_restored(
        self, sets_: int, change: str
    ) -> None:
        """§7.5: after the easy week the halved sets come back, nothing else.

        An easy week halves the sets; a single set cannot be halved, so
        that week steps the load back instead (20 to 18 kg). Only the
        halved sets are restored afterwards; the lighter load climbs back
        one step at a time (to 19 kg), never in one jump to 20 kg.
        """
        dose = attrs.evolve(STRENGTH, sets=sets_)
        start = day(-35)
        light = decide(
            report(0, dose), dose, context(programme_start=start, body=BODY)
        )
        assert R.PLANNED_DELOAD in light.codes
        assert light.dose_after is not None
        after = light.dose_after
        ctx = context(
            programme_start=start,
            history=(report(0, dose), *(report(n, after) for n in (2, 6, 7))),
            decisions=(light,),
            body=BODY,
        )
        found = decide(report(8, after), after, ctx)
        assert D.PROGRESS == found.decision
        assert bs.Change(change) is found.change
        assert found.dose_after is not None
        expected = 20.0 if sets_ == 4 else 19.0
        assert (sets_, expected) == (
            found.dose_after.sets,
            found.dose_after.load_kg,
        )

    def test_the_restore_after_an_easy_week_compares_doses_by_value(
        self,
    ) -> None:
        """§7.5: the halved sets come back for the easy week's dose, also
        when the dose arrives as an equal copy (read back from a
        document), not the object the easy week returned."""
        dose = attrs.evolve(STRENGTH, sets=4)
        start = day(-35)
        light = decide(
            report(0, dose), dose, context(programme_start=start, body=BODY)
        )
        assert light.dose_after is not None
        after = bs.from_json(bs.to_json(light.dose_after), bs.Dose)
        assert after == light.dose_after
        assert after is not light.dose_after
        ctx = context(
            programme_start=start,
            history=(report(0, dose), *(report(n, after) for n in (2, 6, 7))),
            decisions=(light,),
            body=BODY,
        )
        found = decide(report(8, after), after, ctx)
        assert (D.PROGRESS, bs.Change.RESTORE) == (
            found.decision,
            found.change,
        )

    def test_an_easy_week_recorded_without_a_change_is_not_restored(
        self,
    ) -> None:
        """§7.5: only a recorded halving of the sets is restored.

        A past step back that names the easy week but records no change
        (a hand-written or older outcome) restores nothing: the next
        session after the easy week steps up as usual, without an error.
        """
        ctx = context(
            programme_start=DAY0,
            body=BODY,
            history=(report(36, STRENGTH),),
            decisions=(
                outcome(35, D.REGRESS, R.PLANNED_DELOAD, dose=STRENGTH),
            ),
        )
        found = decide(report(42, STRENGTH), STRENGTH, ctx)
        assert (D.PROGRESS, bs.Change.LOAD) == (found.decision, found.change)

    @pytest.mark.parametrize(("n", "refused"), [(4, True), (5, False)])
    def test_a_report_older_than_the_only_decision_is_refused(
        self, n: int, refused: bool
    ) -> None:
        """§6: a decision follows the sessions before it, in date order.

        With a single recorded decision (day 5) and no history, a report
        of day 4 is refused; one of day 5 is decided.
        """
        ctx = context(decisions=(outcome(5, D.HOLD, R.DWELL_NOT_MET),))
        if refused:
            with pytest.raises(bs.InvalidInputError, match=r"report\.day"):
                decide(report(n), HOME, ctx)
        else:
            assert D.HOLD == decide(report(n), HOME, ctx).decision

    def test_decide_takes_the_catalog_by_name_only(self) -> None:
        """The signature: report, dose and context by position or name, the
        catalog by name only (so a catalog is never taken for a context)."""
        found = bs.decide(
            report=report(0), dose=HOME, context=context(), catalog=LADDER
        )
        assert D.HOLD == found.decision
        with pytest.raises(TypeError):
            bs.decide(report(0), HOME, context(), LADDER)  # type: ignore[call-arg]


# --- coaching/_caps.py -------------------------------------------------------


def _leg_raise(
    slug: str, tier: int, stance: bs.Stance, mode: bs.TrainingMode
) -> bs.Exercise:
    return bs.Exercise(
        slug=slug,
        name=slug,
        pattern=bs.MovementPattern.LEG_RAISE,
        stance=stance,
        equipment=frozenset({bs.Equipment.BODYWEIGHT}),
        placement=bs.LoadPlacement.NONE,
        support=bs.Support.SUPINE,
        lean_min=bs.TorsoLean(degrees=90.0),
        lean_max=bs.TorsoLean(degrees=90.0),
        tier=tier,
        modes=frozenset({mode}),
        primary_muscles=frozenset({bs.Muscle.RECTUS_ABDOMINIS}),
    )


class TestCaps:
    @pytest.mark.parametrize(
        ("singles", "expected"),
        [
            # Only one of the same tier, or a harder one: no replacement.
            (((2, T.HOME_REPS),), None),
            (((3, T.HOME_REPS),), None),
            # An easier one, but only in another mode: no replacement.
            (((1, T.ISO_HOLDS),), None),
            # Several: the lowest tier in the dose's mode.
            (
                ((3, T.HOME_REPS), (2, T.HOME_REPS), (1, T.HOME_REPS)),
                "single-leg-raise-1",
            ),
            (((1, T.HOME_REPS), (0, T.HOME_REPS)), "single-leg-raise-0"),
        ],
    )
    def test_the_double_leg_raise_gives_way_to_an_easier_single_leg_raise(
        self,
        singles: tuple[tuple[int, bs.TrainingMode], ...],
        expected: str | None,
    ) -> None:
        """§9.3: the supine double-leg raise is replaced by a single-leg
        raise of a lower tier in a mode the dose can use, the lowest tier
        first; one of the same or a higher tier, or only in another mode,
        is no replacement."""
        double = _leg_raise(
            "double-leg-raise", 2, bs.Stance.BILATERAL, T.HOME_REPS
        )
        found = [
            _leg_raise(f"single-leg-raise-{t}", t, bs.Stance.SINGLE_LEG, m)
            for t, m in singles
        ]
        index = {e.slug: e for e in (double, *found)}
        replacement = substitute(double, index)
        assert expected == (None if replacement is None else replacement.slug)

    @pytest.mark.parametrize(
        ("above_n", "within"), [(0.0, False), (1.0, True)]
    )
    def test_a_planned_step_may_not_reach_the_load_cap(
        self, above_n: float, within: bool
    ) -> None:
        """§9.5: the spinal-load cap is compression no planned step may
        reach: a dose whose compression equals the cap is above it, one
        1 N below the cap is within it."""
        goblet = next(e for e in LADDER if e.slug == "goblet-squat")
        compression = scored(
            goblet, BODY, STRENGTH.load_kg, bs.Limits()
        ).compression_n
        caps = Limitations(
            phase=bs.Phase.CHRONIC,
            max_tier=3,
            cap_n=compression + above_n,
            body=BODY,
            limits=bs.Limits(),
            config=bs.Config(),
        )
        assert within == caps.within_load_cap(goblet, STRENGTH)

    @pytest.mark.parametrize(
        ("load_kg", "within"), [(0.0, True), (0.5, False)]
    )
    def test_the_acute_phase_is_bodyweight_only_however_light_the_load(
        self, load_kg: float, within: bool
    ) -> None:
        """§2: the acute phase adds no external load; any load above 0 kg,
        even 0.5 kg, is above the acute caps, bodyweight is within them."""
        split = next(e for e in LADDER if e.slug == "split-squat")
        dose = attrs.evolve(STRENGTH, exercise="split-squat", load_kg=load_kg)
        caps = Limitations(
            phase=bs.Phase.ACUTE,
            max_tier=1,
            cap_n=None,
            body=None,
            limits=bs.Limits(),
            config=bs.Config(),
        )
        assert within == caps.within_caps(split, dose)


# --- coaching/_phases.py -----------------------------------------------------

#: Each threshold at the ends of its range (§5.3), with the other fields
#: that keep the orderings of §5.3 at that end.
_EDGES: list[tuple[str, object, dict[str, object]]] = [
    (
        "red_ceiling",
        1,
        {
            "green_max_acute": 0,
            "green_max_subacute": 0,
            "green_max_chronic": 0,
        },
    ),
    ("red_ceiling", 5, {}),
    ("green_max_acute", 0, {}),
    ("green_max_acute", 4, {"green_max_subacute": 4, "green_max_chronic": 4}),
    ("green_max_subacute", 0, {"green_max_acute": 0}),
    ("green_max_subacute", 4, {"green_max_chronic": 4}),
    ("green_max_chronic", 0, {"green_max_acute": 0, "green_max_subacute": 0}),
    ("green_max_chronic", 4, {}),
    ("settle_tol", 0, {}),
    ("settle_tol", 1, {}),
    ("trend_tol", 1, {}),
    ("trend_tol", 2, {}),
    ("load_increase", 0.02, {}),
    ("load_increase", 0.10, {}),
    ("min_days_acute", 2, {}),
    ("min_days_acute", 28, {}),
    ("min_days_subacute", 2, {}),
    ("min_days_subacute", 28, {"min_days_acute": 28}),
    ("min_days_chronic", 2, {}),
    ("min_days_chronic", 28, {"min_days_acute": 28, "min_days_subacute": 28}),
    ("min_qualifying_sessions", 2, {}),
    ("min_qualifying_sessions", 7, {}),
    ("subacute_from_weeks", 1e-9, {}),
    ("subacute_from_weeks", 52.0, {"chronic_from_weeks": 53.0}),
    ("chronic_from_weeks", 2e-9, {"subacute_from_weeks": 1e-9}),
    ("chronic_from_weeks", 104.0, {}),
    ("morning_guard_min", 120, {}),
    ("morning_guard_min", 240, {}),
    ("max_volume_growth", 0.05, {}),
    ("max_volume_growth", 0.25, {}),
    ("min_weeks_per_exercise", 1, {}),
    ("min_weeks_per_exercise", 12, {}),
]


#: The range each threshold's error gives (§5.3).
_RANGES = {
    "red_ceiling": "an integer in [1, 5]",
    "green_max_acute": "an integer in [0, 4]",
    "green_max_subacute": "an integer in [0, 4]",
    "green_max_chronic": "an integer in [0, 4]",
    "settle_tol": "an integer in [0, 1]",
    "trend_tol": "an integer in [1, 2]",
    "load_increase": "a finite number in [0.02, 0.1]",
    "min_days_acute": "an integer in [2, 28]",
    "min_days_subacute": "an integer in [2, 28]",
    "min_days_chronic": "an integer in [2, 28]",
    "min_qualifying_sessions": "an integer in [2, 7]",
    "subacute_from_weeks": "a finite number in (0, 52]",
    "chronic_from_weeks": "a finite number in (0, 104]",
    "morning_guard_min": "an integer in [120, 240]",
    "max_volume_growth": "a finite number in [0.05, 0.25]",
    "min_weeks_per_exercise": "an integer in [1, 12]",
}


def _beyond(value: object, lower: bool) -> object:
    """Just outside an end of a range: one below or above."""
    assert isinstance(value, int | float)
    if isinstance(value, int):
        return value - 1 if lower else value + 1
    if value < 1e-6:  # an open lower end (above 0): 0 itself
        return 0.0
    return value - 1e-4 if lower else value + 1e-4


class TestPhases:
    @pytest.mark.parametrize(
        ("field", "value", "others"),
        _EDGES,
        ids=[f"{f}={v}" for f, v, _ in _EDGES],
    )
    def test_every_threshold_keeps_its_range(
        self, field: str, value: object, others: dict[str, object]
    ) -> None:
        """§5.3: each threshold is accepted at both ends of its range and
        refused just outside it, by its own range (not by an ordering of
        §5.3 that happens to fail too)."""
        config = bs.Config(**{field: value, **others})  # type: ignore[arg-type]
        assert value == getattr(config, field)
        assert set(_RANGES) == set(attrs.fields_dict(bs.Config))
        # The first end listed of each field is its lower end.
        lower = next(e for e in _EDGES if e[0] == field)[1] == value
        with pytest.raises(bs.InvalidInputError) as error:
            bs.Config(**{field: _beyond(value, lower), **others})  # type: ignore[arg-type]
        assert (f"Config.{field}", _RANGES[field]) == (
            error.value.field,
            error.value.allowed,
        )

    def test_the_defaults_are_those_of_the_clinical_rules(self) -> None:
        """§5.3: the documented defaults of every threshold."""
        assert {
            "red_ceiling": 5,
            "green_max_acute": 2,
            "green_max_subacute": 3,
            "green_max_chronic": 3,
            "settle_tol": 0,
            "trend_tol": 1,
            "load_increase": 0.05,
            "min_days_acute": 3,
            "min_days_subacute": 2,
            "min_days_chronic": 2,
            "min_qualifying_sessions": 2,
            "subacute_from_weeks": 6.0,
            "chronic_from_weeks": 12.0,
            "morning_guard_min": 120,
            "max_volume_growth": 0.20,
            "min_weeks_per_exercise": 4,
        } == attrs.asdict(bs.Config())

    def test_each_phase_reads_its_own_thresholds(self) -> None:
        """§5.3: the green zone and the days between steps are each
        phase's own, also when every phase has a different value (the
        defaults share values between subacute and chronic)."""
        config = bs.Config(
            green_max_acute=1,
            green_max_subacute=2,
            green_max_chronic=3,
            min_days_acute=5,
            min_days_subacute=4,
            min_days_chronic=3,
        )
        phases = (bs.Phase.ACUTE, bs.Phase.SUBACUTE, bs.Phase.CHRONIC)
        assert [1, 2, 3] == [config.green_max(p) for p in phases]
        assert [5, 4, 3] == [config.min_days(p) for p in phases]

    @pytest.mark.parametrize(
        ("field", "allowed"),
        [
            ("subacute_from_weeks", "a finite number in (0, 52]"),
            ("chronic_from_weeks", "a finite number in (0, 104]"),
        ],
    )
    def test_a_phase_cannot_start_at_week_zero(
        self, field: str, allowed: str
    ) -> None:
        """§2: the phases start after the onset: 0 weeks is outside the
        open range of each boundary, and the error says so."""
        with pytest.raises(bs.InvalidInputError) as error:
            bs.Config(**{field: 0.0})  # type: ignore[arg-type]
        assert (f"Config.{field}", allowed) == (
            error.value.field,
            error.value.allowed,
        )

    @pytest.mark.parametrize(
        ("fields", "refused"),
        [
            # The green zone widens (or stays) from acute to chronic.
            ({"green_max_acute": 3, "green_max_subacute": 3}, None),
            ({"green_max_acute": 3, "green_max_subacute": 2}, "subacute"),
            ({"green_max_subacute": 3, "green_max_chronic": 3}, None),
            (
                {
                    "green_max_acute": 2,
                    "green_max_subacute": 3,
                    "green_max_chronic": 2,
                },
                "chronic",
            ),
            # ... and stays below the red ceiling.
            ({"red_ceiling": 4, "green_max_chronic": 3}, None),
            ({"red_ceiling": 3, "green_max_chronic": 3}, "chronic"),
            ({"red_ceiling": 3, "green_max_chronic": 4}, "chronic"),
            # The days between steps shorten (or stay) from acute on.
            ({"min_days_acute": 4, "min_days_subacute": 4}, None),
            ({"min_days_acute": 3, "min_days_subacute": 4}, "min_days_sub"),
            (
                {
                    "min_days_acute": 4,
                    "min_days_subacute": 3,
                    "min_days_chronic": 3,
                },
                None,
            ),
            (
                {
                    "min_days_acute": 4,
                    "min_days_subacute": 3,
                    "min_days_chronic": 4,
                },
                "min_days_chronic",
            ),
            # Chronic starts after subacute.
            ({"subacute_from_weeks": 6.0, "chronic_from_weeks": 6.5}, None),
            ({"subacute_from_weeks": 6.0, "chronic_from_weeks": 6.0}, "weeks"),
            ({"subacute_from_weeks": 7.0, "chronic_from_weeks": 6.0}, "weeks"),
        ],
    )
    def test_the_thresholds_keep_their_order_across_phases(
        self, fields: dict[str, object], refused: str | None
    ) -> None:
        """§5.3: the green zone never narrows with time and stays below
        the red ceiling; the days between steps never grow with time;
        the chronic phase starts after the subacute one."""
        names = {
            "subacute": "Config.green_max_subacute",
            "chronic": "Config.green_max_chronic",
            "min_days_sub": "Config.min_days_subacute",
            "min_days_chronic": "Config.min_days_chronic",
            "weeks": "Config.chronic_from_weeks",
        }
        if refused is None:
            bs.Config(**fields)  # type: ignore[arg-type]
            return
        with pytest.raises(bs.InvalidInputError) as error:
            bs.Config(**fields)  # type: ignore[arg-type]
        assert names[refused] == error.value.field

    def test_thresholds_are_given_by_name(self) -> None:
        """§5.3: a threshold is named, never taken by position (a bare 5
        could be any of them)."""
        with pytest.raises(TypeError):
            bs.Config(5)  # type: ignore[call-arg]

    @pytest.mark.parametrize(
        ("weeks", "phase"),
        [
            (0.0, "acute"),
            (5.99, "acute"),
            (6.0, "subacute"),
            (11.99, "subacute"),
            (12.0, "chronic"),
            (10_000.0, "chronic"),
            (-0.5, None),
            (10_000.5, None),
        ],
    )
    def test_the_phase_of_an_episode_by_its_weeks(
        self, weeks: float, phase: str | None
    ) -> None:
        """§2: acute under 6 weeks, subacute under 12, chronic from 12;
        the weeks since onset run from 0 to 10,000 (refused outside)."""
        if phase is None:
            with pytest.raises(bs.InvalidInputError) as error:
                bs.Config().phase_for(weeks)
            assert "a finite number in [0, 10000] weeks" == error.value.allowed
        else:
            assert bs.Phase(phase) is bs.Config().phase_for(weeks)


# --- coaching/_episode_rules.py ----------------------------------------------


class TestEpisodeRules:
    def test_the_phase_on_a_day_is_the_one_its_session_was_judged_in(
        self,
    ) -> None:
        """§2 flare: acute from a report marked as a flare until two green,
        settled sessions in a row, counted before the day asked about.

        After a flare on day 0 and green sessions on days 0 and 1, the
        session of day 1 is still judged in the acute phase (one green
        session before it) and the one of day 2 in the chronic phase;
        `Episode.phase_on` gives those same phases, never counting the
        day's own session.
        """
        plan = bs.generate_progression(
            "glute-bridge",
            BODY,
            phase=bs.Phase.CHRONIC,
            mode=T.HOME_REPS,
            start=DAY0,
            weeks=6,
        )
        ep = bs.Episode.begin(
            plan=plan, onset=DAY0 - dt.timedelta(weeks=20), clearance=CLEARED
        )
        judged = []
        for n in range(4):
            assert ep.plan is not None
            dose = ep.plan.step_on(day(n)).dose
            ep, found = ep.record(
                report(n, dose, flare=n == 0), catalog=LADDER
            )
            judged.append(found.phase)
        P = bs.Phase  # noqa: N806 (short, like D and R)
        assert [P.ACUTE, P.ACUTE, P.CHRONIC, P.CHRONIC] == judged
        assert P.ACUTE is ep.phase_on(day(0), flare=True)
        assert judged[1:] == [ep.phase_on(day(n)) for n in (1, 2, 3)]

    def test_an_evening_step_back_that_stands_is_final_after_the_morning(
        self,
    ) -> None:
        """§6: more facts never make a decision less cautious, and the
        morning answer completes it.

        An evening whose morning pain (3) is up on last week's (1) steps
        back for the rising trend (provisional); a next morning of 0
        would bring the week's mean down, but the step back stands, now
        final (no longer waiting for an answer).
        """
        ep = bs.Episode.begin(
            onset=DAY0 - dt.timedelta(weeks=20), clearance=CLEARED, dose=HOME
        )
        first = report(0, pain_before=1, pain_next_morning=1)
        ep, _ = ep.record(first, catalog=LADDER)
        rising = report(8, pain_before=3, pain_next_morning=None)
        ep, evening = ep.record(rising, catalog=LADDER)
        assert (D.REGRESS, True) == (evening.decision, evening.provisional)
        ep, final = ep.record(
            bs.MorningReport(day=day(8), pain_next_morning=0), catalog=LADDER
        )
        assert (D.REGRESS, False) == (final.decision, final.provisional)
        assert evening.reasons == final.reasons

    @pytest.mark.parametrize(("back", "refused"), [(1, False), (0, True)])
    def test_a_session_needs_a_next_day(
        self, back: int, refused: bool
    ) -> None:
        """§6: a session is followed by its next morning and next dose, so
        its day must have a next day: the calendar's last day is refused
        (naming the field), the day before it is recorded."""
        ep = bs.Episode.begin(
            onset=DAY0 - dt.timedelta(weeks=20), clearance=CLEARED, dose=HOME
        )
        last = attrs.evolve(
            report(0), day=dt.date.max - dt.timedelta(days=back)
        )
        if refused:
            with pytest.raises(bs.InvalidInputError) as error:
                ep.record(last, catalog=LADDER)
            assert "report.day" == error.value.field
        else:
            assert D.HOLD == ep.record(last, catalog=LADDER)[1].decision

    def test_after_the_plan_ends_its_last_dose_stays_in_force(self) -> None:
        """§7: a plan's last step holds after the plan's end, until a new
        plan: a session on the day a 6-week plan ends (its end is
        exclusive), or a week later, is judged at the last step's dose, not
        an earlier one."""
        plan = bs.generate_progression(
            "glute-bridge",
            BODY,
            phase=bs.Phase.CHRONIC,
            mode=T.HOME_REPS,
            start=DAY0,
            weeks=6,
        )
        assert plan.steps[-1].dose != plan.steps[-2].dose
        ep = bs.Episode.begin(
            plan=plan, onset=DAY0 - dt.timedelta(weeks=20), clearance=CLEARED
        )
        dose = plan.steps[-1].dose
        for after in (0, 7):  # on the plan's (exclusive) end, and later
            late = (plan.end - DAY0).days + after
            _, found = ep.record(report(late, dose))
            assert dose == found.dose_before

    def test_a_new_flare_starts_the_count_again(self) -> None:
        """§2 flare: the two green, settled sessions that end a flare are
        counted from the latest flare: a flare on day 3, after one that
        ended on day 2, keeps day 4 in the acute phase."""
        plan = bs.generate_progression(
            "glute-bridge",
            BODY,
            phase=bs.Phase.CHRONIC,
            mode=T.HOME_REPS,
            start=DAY0,
            weeks=6,
        )
        ep = bs.Episode.begin(
            plan=plan, onset=DAY0 - dt.timedelta(weeks=20), clearance=CLEARED
        )
        judged = []
        for n in range(5):
            assert ep.plan is not None
            dose = ep.plan.step_on(day(n)).dose
            flare = n in {0, 3}
            ep, found = ep.record(report(n, dose, flare=flare), catalog=LADDER)
            judged.append(found.phase)
        P = bs.Phase  # noqa: N806 (short, like D and R)
        assert [P.ACUTE, P.ACUTE, P.CHRONIC, P.ACUTE, P.ACUTE] == judged
        assert P.ACUTE is ep.phase_on(day(4))
        assert P.CHRONIC is ep.phase_on(day(5))

    def test_ten_thousand_weeks_and_more_after_the_onset_is_chronic(
        self,
    ) -> None:
        """§2: from 12 weeks on the phase is chronic, however long ago the
        onset: a day more than 10,000 weeks after it is chronic, never an
        error."""
        onset = dt.date(1, 1, 1)
        ep = bs.Episode.begin(onset=onset, clearance=CLEARED, dose=HOME)
        far = onset + dt.timedelta(days=70_004)  # 10,000.6 weeks
        assert bs.Phase.CHRONIC is ep.phase_on(far)

    def test_a_late_morning_answer_names_the_latest_session(self) -> None:
        """§6: a morning answer for an earlier session is refused, and the
        error names the latest session (the only one still open)."""
        ep = bs.Episode.begin(
            onset=DAY0 - dt.timedelta(weeks=20), clearance=CLEARED, dose=HOME
        )
        for n in (0, 1, 2):
            ep, _ = ep.record(
                report(n, pain_next_morning=None), catalog=LADDER
            )
        with pytest.raises(bs.InvalidInputError) as error:
            ep.record(
                bs.MorningReport(day=day(1), pain_next_morning=2),
                catalog=LADDER,
            )
        assert "MorningReport.day" == error.value.field
        assert str(error.value.allowed).startswith(
            f"the latest session ({day(2)})"
        )

    @pytest.mark.parametrize(("cleared_on", "stops"), [(0, False), (1, True)])
    def test_a_clearance_counts_from_its_own_day(
        self, cleared_on: int, stops: bool
    ) -> None:
        """§3.3: a clearance applies to sessions on or after its day: one
        given on the day of the session lets it go ahead, one given the
        day after does not (no clearance yet: stop and refer)."""
        clearance = bs.Clearance(
            cleared=True, on=day(cleared_on), by_clinician=True
        )
        ep = bs.Episode.begin(
            onset=DAY0 - dt.timedelta(weeks=20), clearance=clearance, dose=HOME
        )
        _, found = ep.record(report(0), catalog=LADDER)
        assert stops == (D.STOP_AND_REFER is found.decision)

    def test_a_later_clearance_leaves_the_one_in_force_before_its_day(
        self,
    ) -> None:
        """§3.3: a clearance dated after a session does not replace the
        one in force on the session's day: the session goes ahead on the
        earlier clearance (it neither stops for the later one's date nor
        waits for it)."""
        earlier = bs.Clearance(cleared=True, on=day(-1), by_clinician=True)
        later = bs.Clearance(cleared=True, on=day(3), by_clinician=True)
        ep = bs.Episode.begin(
            onset=DAY0 - dt.timedelta(weeks=20), clearance=earlier, dose=HOME
        ).clear(later)
        _, found = ep.record(report(1), catalog=LADDER)
        assert R.NO_CLEARANCE not in found.codes
        assert D.HOLD is found.decision

    @pytest.mark.parametrize(
        ("recorded_on", "stops"), [(0, True), (1, True), (2, False)]
    )
    def test_a_risk_factor_counts_from_the_day_it_is_recorded(
        self, recorded_on: int, stops: bool
    ) -> None:
        """§3.3: a risk factor recorded after the clearance stops until a
        newer clearance, from the day it is recorded: one recorded on day
        0 or 1 stops the session of day 1; one recorded on day 2 does not
        yet."""
        factor = bs.RecordedRiskFactor(
            factor=bs.RiskFactor.OSTEOPOROSIS, on=day(recorded_on)
        )
        ep = bs.Episode.begin(
            onset=DAY0 - dt.timedelta(weeks=20),
            clearance=CLEARED,
            dose=HOME,
            risk_factors=[factor],
        )
        _, found = ep.record(report(1), catalog=LADDER)
        assert stops == (D.STOP_AND_REFER is found.decision)

    @pytest.mark.parametrize(("n", "refused"), [(-1, True), (0, False)])
    def test_sessions_start_on_the_day_of_the_onset(
        self, n: int, refused: bool
    ) -> None:
        """§2: the episode starts at its onset: a session on the onset's
        day is recorded (in the acute phase), one the day before is
        refused, naming the field."""
        ep = bs.Episode.begin(onset=DAY0, clearance=CLEARED, dose=HOME)
        early = attrs.evolve(report(0), day=day(n))
        if refused:
            with pytest.raises(bs.InvalidInputError) as error:
                ep.record(early, catalog=LADDER)
            assert "report.day" == error.value.field
        else:
            assert bs.Phase.ACUTE is ep.record(early, catalog=LADDER)[1].phase

    def test_a_duplicate_of_the_latest_of_several_sessions_is_refused(
        self,
    ) -> None:
        """§6: one evening report a session, in date order.

        With sessions on days 0 and 2 recorded, a second report for day 2
        is refused as a duplicate of the latest one (not compared with the
        first), and the message names the latest day.
        """
        ep = bs.Episode.begin(
            onset=DAY0 - dt.timedelta(weeks=20), clearance=CLEARED, dose=HOME
        )
        for n in (0, 2):
            ep, _ = ep.record(report(n), catalog=LADDER)
        with pytest.raises(bs.InvalidInputError, match="duplicate") as error:
            ep.record(report(2), catalog=LADDER)
        assert "report.day" == error.value.field
        assert str(day(2)) in str(error.value)

    @pytest.mark.parametrize(
        ("days", "phase"), [(45, bs.Phase.ACUTE), (46, bs.Phase.SUBACUTE)]
    )
    def test_the_weeks_since_onset_count_fractions_of_a_week(
        self, days: int, phase: bs.Phase
    ) -> None:
        """§2: the phase follows the exact weeks since onset.

        With the subacute phase from 6.5 weeks (45.5 days), day 45 after
        the onset (6.43 weeks) is still acute and day 46 (6.57 weeks)
        subacute: whole weeks would call both acute.
        """
        config = bs.Config(subacute_from_weeks=6.5)
        ep = bs.Episode.begin(
            onset=DAY0, clearance=CLEARED, dose=HOME, config=config
        )
        assert phase is ep.phase_on(DAY0 + dt.timedelta(days=days))

    @pytest.mark.parametrize("pain", [0, 2])
    def test_a_flare_ends_after_two_green_sessions_however_light(
        self, pain: int
    ) -> None:
        """§2 flare: two green, settled sessions in a row end it; green is
        pain during at most the acute phase's ceiling (2), so sessions with
        no pain at all count as well as sessions at the ceiling."""
        ep = bs.Episode.begin(
            onset=DAY0 - dt.timedelta(weeks=20), clearance=CLEARED, dose=HOME
        )
        ep, _ = ep.record(report(0, flare=True), catalog=LADDER)
        for n in (1, 2):
            ep, _ = ep.record(report(n, pain_during_max=pain), catalog=LADDER)
        assert bs.Phase.CHRONIC is ep.phase_on(day(3))

    @pytest.mark.parametrize(
        ("cleared_on", "restart"), [(0, False), (1, True)]
    )
    def test_a_clearance_counts_again_only_after_the_stop(
        self, cleared_on: int, restart: bool
    ) -> None:
        """§9: after a stop, only a clearance dated after it lets the
        programme go on (with a new plan or dose); one dated the stop's own
        day may predate the stop, so the next session stops again."""
        flag = bs.PlacedSymptom(
            symptom=bs.Symptom.NUMBNESS, site=bs.SymptomSite.SADDLE
        )
        ep = bs.Episode.begin(
            onset=DAY0 - dt.timedelta(weeks=20), clearance=CLEARED, dose=HOME
        )
        ep, stop = ep.record(
            report(0, placed_symptoms=(flag,)), catalog=LADDER
        )
        assert D.STOP_AND_REFER is stop.decision
        ep = ep.clear(
            bs.Clearance(cleared=True, by_clinician=True, on=day(cleared_on))
        )
        if restart:
            with pytest.raises(bs.InvalidInputError, match="restart"):
                ep.record(report(2), catalog=LADDER)
        else:
            _, again = ep.record(report(2), catalog=LADDER)
            assert D.STOP_AND_REFER is again.decision


class TestDecideLimits:
    def test_limits_are_a_limits_or_none(self) -> None:
        """§9.5: the spinal-load cap's limits are the person's by default,
        or the `Limits` given; anything else is refused by name."""
        ctx = context(body=BODY)
        found = bs.decide(report(0), HOME, ctx, catalog=LADDER,
                          limits=bs.Limits())  # fmt: skip
        assert D.HOLD == found.decision
        with pytest.raises(bs.InvalidInputError) as error:
            bs.decide(report(0), HOME, ctx, catalog=LADDER,
                      limits="niosh")  # type: ignore[arg-type]  # fmt: skip
        assert "limits" == error.value.field
