"""Edge branches: the rarer refusals and paths of the public API (issue 15).

Each test checks what a caller sees on an edge the other tests do not
reach: the error (its field and value) or the result.
"""

import datetime as dt
from fractions import Fraction
from typing import Any

import attrs
import numpy as np
import pytest

import backsafe as bs
from backsafe.batch import _lazy

D = bs.Decision
T = bs.TrainingMode
BODY = bs.Body(mass_kg=80, height_m=1.78)
DAY0 = dt.date(2026, 3, 2)
CLEARED = bs.Clearance(
    cleared=True, on=DAY0 - dt.timedelta(days=1), by_clinician=True
)
ONSET = DAY0 - dt.timedelta(weeks=20)
HOME = bs.Dose(
    exercise="glute-bridge", mode=T.HOME_REPS, reps=8, sessions_per_day=3
)


def day(n: int) -> dt.date:
    return DAY0 + dt.timedelta(days=n)


def plan(weeks: int = 2) -> bs.Progression:
    return bs.generate_progression(
        "glute-bridge",
        BODY,
        phase=bs.Phase.CHRONIC,
        mode=T.HOME_REPS,
        start=DAY0,
        weeks=weeks,
    )


def evening(n: int, dose: bs.Dose, **fields: object) -> bs.SessionReport:
    values: dict[str, object] = {
        "day": day(n),
        "pain_before": 2,
        "pain_during_max": 2,
        "sets": tuple(
            bs.SetResult(reps=dose.reps, load_kg=dose.load_kg, hold_s=0)
            for _ in range(dose.sets)
        ),
    }
    values.update(fields)
    return bs.SessionReport(**values)  # type: ignore[arg-type]


# --- Numbers and dates at the boundary ---------------------------------------


class TestCoercion:
    def test_a_date_of_the_right_shape_that_does_not_exist(self) -> None:
        """'2026-02-30' looks like YYYY-MM-DD but is no day: refused."""
        with pytest.raises(bs.InvalidInputError) as info:
            plan().step_on("2026-02-30")
        assert ("day", "2026-02-30") == (info.value.field, info.value.value)

    def test_a_fraction_too_large_for_a_float(self) -> None:
        """A real number no float can hold is refused, not an overflow."""
        huge: Any = Fraction(10**400)
        with pytest.raises(bs.InvalidInputError) as info:
            bs.Config().phase_for(huge)
        assert ("weeks_since_onset", huge) == (
            info.value.field,
            info.value.value,
        )

    def test_an_out_of_range_fraction_is_named_as_given(self) -> None:
        """The error names the value given, not the float it became."""
        given: Any = Fraction(20_001)
        with pytest.raises(bs.InvalidInputError) as info:
            bs.Config().phase_for(given)
        assert info.value.value is given
        assert "Fraction(20001, 1)" in str(info.value)
        assert bs.Phase.CHRONIC is bs.Config().phase_for(Fraction(25, 2))  # type: ignore[arg-type]

    def test_an_out_of_range_numpy_int_is_named_as_given(self) -> None:
        """A numpy int is an int; out of range, the error names it."""
        r = evening(0, HOME, pain_next_morning=2)
        one: Any = np.int64(1)
        assert r.is_settled(settle_tol=one)
        given: Any = np.int64(5)
        with pytest.raises(bs.InvalidInputError) as info:
            r.is_settled(settle_tol=given)
        assert info.value.value is given


class TestMessages:
    def test_a_value_whose_repr_fails_is_named_by_its_type(self) -> None:
        """An error about a value whose repr raises still has a message."""

        class Odd:
            def __repr__(self) -> str:
                raise ValueError

        error = bs.InvalidInputError.out_of_range("x", Odd(), "a number")
        assert "x must be a number, got <Odd object>" == str(error)

    def test_other_fields_are_named_when_no_problem_lists_them(self) -> None:
        """Bad rows in other fields are named even without their rows."""
        error = bs.InvalidRowsError(
            "load_kg",
            ">= 0 kg",
            rows=[2],
            values=[-5.0],
            count=1,
            other_fields=["mass_kg", "height_m"],
        )
        assert str(error).endswith("; mass_kg, height_m also invalid")
        assert ("mass_kg", "height_m") == error.other_fields


class TestExtras:
    def test_a_missing_extra_is_named(self) -> None:
        """An extra that cannot be imported raises MissingExtraError."""
        with pytest.raises(bs.MissingExtraError) as info:
            _lazy.require("plots", "backsafe_no_such_module", "plot")
        assert isinstance(info.value, ImportError)
        assert "plot" in str(info.value)
        _lazy.require("arrays", "numpy", "array")


# --- Coaching records --------------------------------------------------------


class TestCoachingRecords:
    def test_a_provisional_outcome_never_steps_up(self) -> None:
        """§6: no step up before the next-morning answer."""
        with pytest.raises(bs.InvalidInputError) as info:
            bs.Outcome(
                day=DAY0,
                decision=D.PROGRESS,
                urgency=bs.Urgency.NONE,
                reasons=(bs.Reason.of(bs.ReasonCode.READY),),
                change=bs.Change.REPS,
                dose_before=HOME,
                dose_after=attrs.evolve(HOME, reps=9),
                provisional=True,
            )
        assert "Outcome.decision" == info.value.field

    def test_a_morning_answer_completes_its_own_day_only(self) -> None:
        """A MorningReport of another day cannot complete a report."""
        answer = bs.MorningReport(day=day(1), pain_next_morning=2)
        with pytest.raises(bs.InvalidInputError) as info:
            answer.complete(evening(0, HOME))
        assert ("MorningReport.day", day(1)) == (
            info.value.field,
            info.value.value,
        )
        done = answer.complete(evening(1, HOME))
        assert 2 == done.pain_next_morning


class TestEpisodeRecords:
    def _recorded(self) -> bs.Episode:
        ep = bs.Episode.begin(onset=ONSET, clearance=CLEARED, plan=plan())
        assert ep.plan is not None
        dose = ep.plan.step_on(day(0)).dose
        ep, _ = ep.record(evening(0, dose, pain_next_morning=2))
        return ep

    def test_reports_are_the_sessions_reports(self) -> None:
        """Episode.reports lists every session's report, oldest first."""
        ep = self._recorded()
        assert tuple(s.report for s in ep.sessions) == ep.reports
        assert 1 == len(ep.reports)

    def test_a_session_outcome_of_another_day_is_refused(self) -> None:
        """A Session's outcome must be the decision on its own report."""
        session = self._recorded().sessions[0]
        with pytest.raises(bs.InvalidInputError) as info:
            attrs.evolve(
                session, report=attrs.evolve(session.report, day=day(1))
            )
        assert "Session.outcome" == info.value.field

    def test_clearances_out_of_date_order_are_refused(self) -> None:
        """Clearances in date order: an older one after a newer is refused."""
        ep = self._recorded()
        older = bs.Clearance(cleared=True, on=ONSET, by_clinician=True)
        with pytest.raises(bs.InvalidInputError) as info:
            attrs.evolve(ep, clearances=(CLEARED, older))
        assert ("Episode.clearances", ONSET) == (
            info.value.field,
            info.value.value,
        )

    def test_two_sessions_on_one_day_are_refused(self) -> None:
        """Sessions one a day, in order."""
        ep = self._recorded()
        with pytest.raises(bs.InvalidInputError) as info:
            attrs.evolve(ep, sessions=ep.sessions * 2)
        assert "Episode.sessions" == info.value.field

    def test_a_session_before_the_onset_is_refused(self) -> None:
        """No session of an episode before its onset."""
        ep = self._recorded()
        with pytest.raises(bs.InvalidInputError) as info:
            attrs.evolve(ep, onset=day(1), programme_start=day(1))
        assert ("Episode.sessions", day(0)) == (
            info.value.field,
            info.value.value,
        )

    def test_the_phase_before_the_onset_is_refused(self) -> None:
        """§2: a day before the onset has no phase."""
        ep = self._recorded()
        assert bs.Phase.CHRONIC is ep.phase_on(day(1))
        with pytest.raises(bs.InvalidInputError) as info:
            ep.phase_on(ONSET - dt.timedelta(days=1))
        assert "day" == info.value.field

    def test_a_report_before_the_plan_is_refused(self) -> None:
        """A report before the plan's first day has no dose in force."""
        ep = bs.Episode.begin(onset=ONSET, clearance=CLEARED, plan=plan())
        with pytest.raises(bs.InvalidInputError) as info:
            ep.record(evening(-1, HOME, pain_next_morning=2))
        assert ("report.day", day(-1)) == (info.value.field, info.value.value)

    def test_after_the_plan_ends_its_last_dose_stays(self) -> None:
        """After the plan's last day, its last step's dose is in force."""
        short = plan(weeks=1)
        ep = bs.Episode.begin(onset=ONSET, clearance=CLEARED, plan=short)
        last = short.steps[-1].dose
        ep, found = ep.record(evening(30, last, pain_next_morning=2))
        assert last == found.dose_before

    def test_an_episode_with_a_dose_and_no_plan(self) -> None:
        """Without a plan the dose is in force and the next dose follows."""
        ep = bs.Episode.begin(onset=ONSET, clearance=CLEARED, dose=HOME)
        ep, found = ep.record(evening(0, HOME, pain_next_morning=2))
        assert HOME == found.dose_before
        assert ep.plan is None
        assert found.dose_after == ep.dose
        ep, found = ep.record(evening(1, HOME, pain_next_morning=2))
        assert HOME == found.dose_before

    def test_the_evening_step_back_stands_after_a_good_morning(self) -> None:
        """§6: more facts never make a decision less cautious.

        An evening whose morning pain (3) is up on last week's (1) steps
        back for the rising trend; a next morning of 0 brings the week's
        mean down, but the step back stands.
        """
        ep = bs.Episode.begin(onset=ONSET, clearance=CLEARED, dose=HOME)
        ep, _ = ep.record(evening(0, HOME, pain_before=1, pain_next_morning=1))
        ep, provisional = ep.record(evening(8, HOME, pain_before=3))
        assert D.REGRESS == provisional.decision
        assert bs.ReasonCode.TREND_UP in provisional.codes
        ep, final = ep.record(
            bs.MorningReport(day=day(8), pain_next_morning=0)
        )
        assert (D.REGRESS, False) == (final.decision, final.provisional)
        assert provisional.dose_after == final.dose_after
        assert provisional.reasons == final.reasons


# --- Displays ----------------------------------------------------------------


class TestDisplays:
    def test_a_limit_without_a_load_shows_no_lifting_index(self) -> None:
        """The NIOSH card shows the lifting index only with a load."""
        args: dict[str, Any] = {
            "horizontal": 25,
            "vertical": 75,
            "distance": 25,
            "frequency": 0.2,
            "duration": "short",
            "coupling": "good",
        }
        bare = bs.recommended_weight_limit(**args)
        assert bare.lifting_index is None
        assert "lifting index" not in bare._repr_html_()
        loaded = bs.recommended_weight_limit(**args, load=10)
        assert "lifting index" in loaded._repr_html_()


# --- The batch namespace -----------------------------------------------------


class TestBatchNamespace:
    """`_Numpy`: a value given once for every row gives the same numbers."""

    def _xp(self, into: dict[str, Any] | None = None) -> Any:
        from backsafe.batch import _chunks  # noqa: PLC0415

        xp = _chunks._Numpy()
        xp.start(3, into or {})
        return xp

    def test_a_product_of_plain_numbers_is_a_plain_number(self) -> None:
        """Plain factors multiply to one plain number, as for one row."""
        assert 6.0 == self._xp().product(2, 3.0)
        assert 1.0 == self._xp().product(2, 0.5)

    def test_a_product_into_a_named_result(self) -> None:
        """One array factor, asked into a result, is copied into it."""
        out = np.zeros(3)
        x = np.array([1.0, 2.0, 3.0])
        got = self._xp({"m": out}).product(x, 1.0, into="m")
        assert got is out
        assert [1.0, 2.0, 3.0] == out.tolist()

    def test_a_ratio_by_a_plain_number_matches_the_ratio_by_an_array(
        self,
    ) -> None:
        """Dividing by a plain 4 gives the rows' x / 4."""
        x = np.array([1.0, 2.0, 6.0])
        xp = self._xp()
        by_number = xp.ratio(x, 4).tolist()
        by_array = xp.ratio(x, np.full(3, 4.0)).tolist()
        assert by_number == by_array == [0.25, 0.5, 1.5]

    def test_a_total_of_one_term_into_a_named_result(self) -> None:
        """A total with one term left (zeros skipped) is copied into it."""
        out = np.zeros(3)
        x = np.array([1.0, 2.0, 3.0])
        xp = self._xp({"c": out})
        assert xp.total([x, 0.0], into="c") is out
        assert [1.0, 2.0, 3.0] == out.tolist()
        assert xp.total([0.0, 0], into="c") is out
        assert [0.0, 0.0, 0.0] == out.tolist()

    def test_a_total_of_three_terms(self) -> None:
        """Three terms add row by row."""
        x = np.array([1.0, 2.0, 3.0])
        assert [3.0, 6.0, 9.0] == self._xp().total([x, x, x]).tolist()

    def test_a_level_from_one_limit(self) -> None:
        """With one limit a level is 0 below it and 1 at or above it."""
        got = self._xp().reached(np.array([1.0, 2.0, 3.0]), [2.0])
        assert [0, 1, 1] == got.tolist()

    def test_only_small_namespaces_are_kept(self) -> None:
        """A namespace of chunks above the default size is not pooled."""
        from backsafe.batch import _chunks  # noqa: PLC0415

        big = _chunks._Numpy()
        _chunks._give_back(big, _chunks.DEFAULT_CHUNK_ROWS + 1)
        assert all(xp is not big for xp in _chunks._POOL)


# --- Batch edges -------------------------------------------------------------


class TestBatchEdges:
    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("valid", False),
            ("valid", np.array([1, 0])),
            ("valid", np.array([[True, False]])),
            ("problems", 5),
            ("problems", "mass_kg"),
            ("problems", ("mass_kg",)),
        ],
    )
    def test_arrays_refuse_a_bad_mask_or_problem_list(
        self, field: str, value: object
    ) -> None:
        """The mask is None or booleans, the problems a tuple of RowProblem:
        anything else is refused with the field named, never a TypeError."""
        arrays = bs.spinal_load_many(lean_deg=[10.0, 20.0], mass_kg=80,
                                     height_m=1.78)  # fmt: skip
        changes: dict[str, Any] = {field: value}
        with pytest.raises(
            bs.InvalidInputError, match=f"SpinalLoadArrays.{field}"
        ):
            attrs.evolve(arrays, **changes)

    def test_byte_labels_read_as_their_text(self) -> None:
        """A bytes array of labels scores as the same labels in text."""
        rows: dict[str, Any] = {
            "lean_deg": [10.0, 20.0],
            "mass_kg": 80,
            "height_m": 1.78,
        }
        as_bytes = bs.spinal_load_many(
            **rows, placement=np.array([b"none", b"goblet"])
        )
        as_text = bs.spinal_load_many(
            **rows, placement=np.array(["none", "goblet"])
        )
        assert (
            as_text.compression_n.tolist() == as_bytes.compression_n.tolist()
        )
        with pytest.raises(bs.InvalidRowsError) as info:
            bs.spinal_load_many(**rows, placement=np.array([b"none", b"nope"]))
        assert ("placement", (1,)) == (info.value.field, info.value.rows)

    def test_masked_rows_in_several_chunks(self) -> None:
        """errors='mask': bad rows of one field in two chunks, each named."""
        pd = pytest.importorskip("pandas")
        frame = pd.DataFrame(
            {
                "exercise": ["goblet-squat"] * 4,
                "mass_kg": [80.0, -1.0, 80.0, -2.0],
                "height_m": 1.78,
                "load_kg": 10.0,
            }
        )
        scored = bs.score_frame(frame, errors="mask", chunk_rows=2)
        assert [False, True, False, True] == (
            scored["compression_n"].isna().tolist()
        )
        assert scored["error"].isna().tolist() == [True, False, True, False]
        assert "mass_kg" in scored["error"][1]

    def test_masking_with_every_row_good(self) -> None:
        """errors='mask' with no bad row: every row scored, no error."""
        pd = pytest.importorskip("pandas")
        frame = pd.DataFrame(
            {
                "exercise": ["goblet-squat"],
                "mass_kg": [80.0],
                "height_m": [1.78],
                "load_kg": [10.0],
            }
        )
        scored = bs.score_frame(frame, errors="mask")
        assert scored["error"].isna().all()
        assert scored["compression_n"].notna().all()

    def test_a_category_that_is_not_a_string_is_a_bad_row(self) -> None:
        """A categorical exercise column with a number: that row is bad."""
        pd = pytest.importorskip("pandas")
        frame = pd.DataFrame(
            {
                "exercise": pd.Categorical(["goblet-squat", 5]),
                "mass_kg": 80.0,
                "height_m": 1.78,
                "load_kg": 10.0,
            }
        )
        with pytest.raises(bs.InvalidRowsError) as info:
            bs.score_frame(frame)
        assert ("exercise", (1,)) == (info.value.field, info.value.rows)
