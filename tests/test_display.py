import ast
import datetime as dt
import html.parser
import pathlib
import types

from hypothesis import given

import backsafe as bs
from backsafe.display import _html as _display
from backsafe.display import _shapes

from .strategies import (
    alternative_results,
    exercises,
    outcomes,
    progressions,
    spinal_loads,
)

BODY = bs.Body(mass_kg=80, height_m=1.78)
DEADLIFT = bs.Posture(
    lean=bs.TorsoLean(degrees=45),
    load_kg=60,
    placement=bs.LoadPlacement.HANDS_HANGING,
)


class _Checker(html.parser.HTMLParser):
    """Collects text and checks that every tag is closed in order."""

    VOID = frozenset({"br", "hr", "img"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: list[str] = []
        self.balanced = True

    def handle_starttag(
        self,
        tag: str,
        attrs: list[tuple[str, str | None]],  # noqa: ARG002
    ) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.balanced = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(markup: str) -> _Checker:
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    return checker


class TestSpinalLoad:
    def test_repr_is_one_readable_line(self) -> None:
        """The repr states the joint, the grades and the rounded forces."""
        load = bs.spinal_load(DEADLIFT, BODY)

        assert (
            f"<SpinalLoad L4/L5 {load.level.value}: compression"
            f" {load.compression_n:.0f} N ({load.compression_level.value};"
            f" {load.compression_low_n:,.0f}-{load.compression_high_n:,.0f}"
            f" N, {load.evidence.value}),"
            f" shear {load.shear_n:.0f} N ({load.shear_level.value}),"
            f" moment {load.moment_nm:.0f} N·m, static model>"
        ) == repr(load)

    def test_html_shows_totals_grades_and_sources(self) -> None:
        """The HTML table holds the totals, their grades and the sources."""
        load = bs.spinal_load(DEADLIFT, BODY)

        page = parse(load._repr_html_())
        words = " ".join(page.text)

        assert page.balanced
        assert [] == page.stack
        assert f"{load.compression_n:,.0f} N" in words
        assert (
            f"Spinal load at L4/L5: {load.level.value} (static model)"
        ) in words
        for source in ("upper-body", "external-load", "muscle"):
            assert source in words

    @given(spinal_loads())
    def test_html_is_well_formed(self, load: bs.SpinalLoad) -> None:
        """Every spinal load renders to balanced HTML."""
        page = parse(load._repr_html_())

        assert page.balanced
        assert [] == page.stack


class TestExercise:
    @given(exercises())
    def test_repr_names_the_exercise(self, exercise: bs.Exercise) -> None:
        """The repr gives the slug, name, pattern, stance and tier."""

        assert (
            f"<Exercise {exercise.slug!r}: {exercise.name}, "
            f"{exercise.pattern.value}, {exercise.stance.value}, "
            f"tier {exercise.tier}>"
        ) == repr(exercise)

    @given(exercises())
    def test_html_is_well_formed(self, exercise: bs.Exercise) -> None:
        """Every exercise renders to balanced HTML with its name."""
        page = parse(exercise._repr_html_())

        assert page.balanced
        assert exercise.name in page.text

    def test_html_escapes_text(self) -> None:
        """Text from the data is escaped, never injected as markup."""
        exercise = bs.Exercise(
            slug="x",
            name="<b>bold</b>",
            pattern=bs.MovementPattern.SQUAT,
            stance=bs.Stance.BILATERAL,
            equipment=frozenset({bs.Equipment.BODYWEIGHT}),
            placement=bs.LoadPlacement.NONE,
            support=bs.Support.FREE_STANDING,
            lean_min=bs.TorsoLean(degrees=10),
            lean_max=bs.TorsoLean(degrees=20),
            primary_muscles=frozenset({bs.Muscle.QUADRICEPS}),
            cues=("knees <out>",),
        )

        markup = exercise._repr_html_()

        assert "&lt;b&gt;bold&lt;/b&gt;" in markup
        assert "knees &lt;out&gt;" in markup


class TestHelpers:
    def test_text_formats_values(self) -> None:
        """Values are shown briefly: enums by value, sets sorted."""

        assert [
            "-",
            "low",
            "yes",
            "0.25",
            "1,234.6",
            "box, mat",
            "a, b",
            "-",
            "7",
        ] == [
            _display.text(None),
            _display.text(bs.StressLevel.LOW),
            _display.text(True),
            _display.text(0.25),
            _display.text(1234.56),
            _display.text(frozenset({bs.Equipment.MAT, bs.Equipment.BOX})),
            _display.text(("a", "b")),
            _display.text(()),
            _display.text(7),
        ]

    def test_attrs_html_lists_every_field(self) -> None:
        """The generic table has one row per field."""
        lean = bs.TorsoLean(degrees=30)

        page = parse(_display.attrs_html(lean))

        assert ["TorsoLean", "degrees", "30"] == page.text
        assert "TorsoLean(degrees=30)" == _display.text(lean)

    def test_rows_html(self) -> None:
        """Objects become one row each, with a header per column."""
        leans = [bs.TorsoLean(degrees=10), bs.TorsoLean(degrees=50)]

        page = parse(_display.rows_html(leans, ["degrees", "classification"]))

        assert [
            "degrees",
            "classification",
            "10",
            "upright",
            "50",
            "pronounced",
        ] == page.text

    def test_badge_colours_levels(self) -> None:
        """Each level has its own colour; unknown ones are grey."""

        assert _display.LEVEL_COLOURS["high"] in _display.badge("high")
        assert "#666" in _display.badge("unknown")


class TestDose:
    def test_each_mode(self) -> None:
        """Doses read as a few words in every mode."""
        doses = [
            bs.Dose(
                exercise="glute-bridge",
                mode=bs.TrainingMode.HOME_REPS,
                reps=5,
                sessions_per_day=3,
            ),
            bs.Dose(
                exercise="split-squat",
                mode=bs.TrainingMode.STRENGTH,
                sets=3,
                reps=8,
                load_kg=12.5,
            ),
            bs.Dose(
                exercise="split-squat",
                mode=bs.TrainingMode.HOME_REPS,
                sets=2,
                reps=6,
                load_kg=4,
            ),
            bs.Dose(
                exercise="curl-up",
                mode=bs.TrainingMode.ISO_HOLDS,
                sets=3,
                reps=5,
                pyramid=(5, 3, 1),
                hold_s=8,
            ),
            bs.Dose(
                exercise="hamstring-stretch",
                mode=bs.TrainingMode.STRETCH,
                sets=3,
                reps=1,
                hold_s=20,
            ),
        ]

        assert [
            "5 reps, 3x a day",
            "3 x 8 @ 12.5 kg",
            "2 x 6 reps @ 4 kg, 1x a day",
            "5-3-1 reps, 8 s holds",
            "3 x 20 s",
        ] == [_display.describe_dose(d) for d in doses]


class TestProgression:
    @given(progressions())
    def test_repr_summarises(self, plan: bs.Progression) -> None:
        """The repr names the exercise, mode, phase, steps and dates."""
        text = _display.progression_repr(plan)

        assert text.startswith(f"<Progression {plan.exercise!r}: ")
        assert f"{len(plan.steps)} step" in text
        assert f"from {plan.start} to {plan.end}>" in text

    @given(progressions())
    def test_html_lists_every_step(self, plan: bs.Progression) -> None:
        """The HTML has one row per step, with its dose and criteria."""
        page = parse(_display.progression_html(plan))

        assert page.balanced
        for step in plan.steps:
            assert _display.describe_dose(step.dose) in page.text
        assert plan.steps[0].criteria.summary in page.text


class TestOutcome:
    @given(outcomes())
    def test_repr_summarises(self, outcome: bs.Outcome) -> None:
        """The repr gives the day, the decision and the reason codes."""
        text = _display.outcome_repr(outcome)

        assert text.startswith(
            f"<Outcome {outcome.day}: {outcome.decision.value}"
        )
        for reason in outcome.reasons:
            assert reason.code.value in text

    @given(outcomes())
    def test_html_gives_reasons(self, outcome: bs.Outcome) -> None:
        """The HTML shows the decision in colour and every reason."""
        markup = _display.outcome_html(outcome)
        page = parse(markup)
        words = " ".join(page.text)

        assert page.balanced
        assert _display.LEVEL_COLOURS[outcome.decision.value] in markup
        for reason in outcome.reasons:
            assert reason.message in words


class TestOutcomeAdvice:
    def test_advice_row(self) -> None:
        """Advice beside a decision gets its own row."""
        day = dt.date(2026, 3, 9)
        context = bs.Context(
            phase=bs.Phase.SUBACUTE,
            clearance=bs.Clearance(
                cleared=True, by_clinician=True, on=dt.date(2026, 3, 1)
            ),
            risk_factors=(
                bs.RecordedRiskFactor(
                    factor=bs.RiskFactor.FAILURE_TO_IMPROVE_AFTER_4_WEEKS,
                    on=dt.date(2026, 2, 1),
                ),
            ),
        )
        dose = bs.Dose(
            exercise="glute-bridge",
            mode=bs.TrainingMode.HOME_REPS,
            reps=5,
            sessions_per_day=3,
        )
        report = bs.SessionReport(
            day=day, pain_before=2, pain_during_max=2, pain_next_morning=2
        )
        outcome = bs.decide(report, dose, context)

        page = parse(_display.outcome_html(outcome))

        assert frozenset({bs.Advice.REVIEW_ROUTINE}) == outcome.advice
        assert ["advice", "review-routine"] == page.text[
            page.text.index("advice") : page.text.index("advice") + 2
        ]


class TestQueryResults:
    def test_exercises_table(self) -> None:
        """A filter's result is one row per exercise, in order."""
        found = bs.catalog.filter(pattern="lunge")

        page = parse(_display.exercises_html(found))

        assert page.balanced
        assert f"{len(found)} exercises" == page.text[0]
        slugs = [t for t in page.text if t in {e.slug for e in found}]
        assert [e.slug for e in found] == slugs

    @given(alternative_results())
    def test_alternative_repr(self, alternative: bs.Alternative) -> None:
        """The repr gives the exercise, load, compression and reduction."""
        load = alternative.spinal_load
        saving = (
            f"{load.compression_n:.0f} N ({load.level.value}),"
            f" {alternative.relative_reduction:.0%} less"
            if load.method is not bs.ModelMethod.SUPPORTED
            else f"{load.level.value}; muscle load not modelled (supported)"
        )

        assert (
            f"<Alternative {alternative.exercise.slug!r} at"
            f" {alternative.load_kg:g} kg: {saving}>"
        ) == _display.alternative_repr(alternative)

    def test_alternatives_table(self) -> None:
        """Alternatives are rows with their grade in colour."""
        found = bs.alternatives("low-bar-back-squat", BODY, load_kg=60)

        markup = _display.alternatives_html(found)
        page = parse(markup)

        assert page.balanced
        assert "At the same leg work" == page.text[0]
        names = [t for t in page.text if t in {a.exercise.name for a in found}]
        assert [a.exercise.name for a in found] == names
        assert _display.LEVEL_COLOURS["low"] in markup

    def test_supported_alternatives_have_no_newtons(self) -> None:
        """A bridge shows its muscle-driven newtons: no 0 N, no 100%.

        (Before the bridge submodel it said its load was not modelled; a
        bare supported posture still does, see `compression_text`.)
        """
        found = bs.alternatives("romanian-deadlift", BODY, load_kg=40)
        bridge = next(a for a in found if a.exercise.slug == "glute-bridge")

        page = parse(_display.alternatives_html([bridge]))
        shown = _display.alternative_repr(bridge)

        assert bs.ModelMethod.SUBMODEL == bridge.spinal_load.method
        assert "not modelled" not in " ".join(page.text)
        assert not any(t in {"100%", "0 N"} for t in page.text)
        assert (
            f"<Alternative 'glute-bridge' at {bridge.load_kg:g} kg:"
            f" {bridge.spinal_load.compression_n:.0f} N (low),"
            f" {bridge.relative_reduction:.0%} less>"
        ) == shown


class TestQueryResultDisplay:
    def test_catalog_and_selection_render_as_tables(self) -> None:
        """A catalog and a filter's result show as HTML tables."""
        import backsafe as bs  # noqa: PLC0415

        selection = bs.catalog.filter(pattern="bridge")

        assert isinstance(selection, tuple)
        assert "<table" in selection._repr_html_()
        assert selection[0].name in selection._repr_html_()
        assert "<table" in bs.catalog._repr_html_()

    def test_alternatives_render_as_tables(self) -> None:
        """Alternatives, one or all, show as HTML tables."""
        import backsafe as bs  # noqa: PLC0415

        body = bs.Body(mass_kg=80, height_m=1.78)
        found = bs.alternatives("low-bar-back-squat", body, load_kg=60)

        assert isinstance(found, tuple)
        assert found[0].exercise.name in found._repr_html_()
        assert found[0].exercise.name in found[0]._repr_html_()
        assert found[0].exercise.slug in repr(found[0])


class TestHooks:
    @given(progressions())
    def test_progression_shows_itself(self, plan: bs.Progression) -> None:
        """A Progression's repr and HTML are the display module's."""
        assert _display.progression_repr(plan) == repr(plan)
        assert _display.progression_html(plan) == plan._repr_html_()

    @given(outcomes())
    def test_outcome_shows_itself(self, outcome: bs.Outcome) -> None:
        """An Outcome's repr and HTML are the display module's."""
        assert _display.outcome_repr(outcome) == repr(outcome)
        assert _display.outcome_html(outcome) == outcome._repr_html_()


def _imported(module: types.ModuleType) -> set[str]:
    """Name every module that *module*'s source imports, at any level."""
    tree = ast.parse(pathlib.Path(str(module.__file__)).read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            names.add(node.module)
    return names


class TestRoom:
    def test_formatters_import_no_core_module(self) -> None:
        """The formatters import nothing of backsafe outside their room,
        not even for types: the room sits below the classes that call it."""
        imported = _imported(_display) | _imported(_shapes)

        assert set() == {
            m
            for m in imported
            if m.startswith("backsafe")
            and not m.startswith("backsafe.display")
        }

    def test_the_strict_converter_knows_no_room(self) -> None:
        """The basement converter imports only the basement."""
        from backsafe import _strict  # noqa: PLC0415

        imported = {m for m in _imported(_strict) if m.startswith("backsafe")}

        assert imported <= {"backsafe", "backsafe.exceptions"}


class TestWorkoutDisplays:
    BODY = bs.Body(mass_kg=80, height_m=1.78, sex=bs.Sex.FEMALE)

    def test_body_renders_as_a_table(self) -> None:
        """A Body shows its mass, height, sex and weight."""
        markup = self.BODY._repr_html_()
        checker = parse(markup)
        words = " ".join(checker.text)

        assert checker.balanced
        assert markup == _display.body_html(self.BODY)
        assert "80 kg" in words
        assert "1.78 m" in words
        assert "female" in words
        assert f"{self.BODY.weight_n:,.0f} N" in words

    def test_rewrite_renders_before_after_and_reasons(self) -> None:
        """A WorkoutRewrite shows each usual item, its swap and why."""
        items = [
            bs.WorkoutItem.from_slug(
                "low-bar-back-squat", sets=4, reps=6, load_kg=60
            ),
            bs.WorkoutItem.from_slug("walking-lunge", sets=3, reps=10),
        ]
        rewrite = bs.rewrite_workout(
            items, self.BODY, max_tier=2, balanced=False
        )
        markup = rewrite._repr_html_()
        checker = parse(markup)
        words = " ".join(checker.text)

        assert checker.balanced
        assert markup == _display.workout_rewrite_html(rewrite)
        assert rewrite.changes
        for item in rewrite.workout.items:
            assert item.exercise.name in words
        assert "keep" in words
        for change in rewrite.changes:
            assert change.reason.split(":")[0] in html_unescape(words)
        assert "4 x 6 @ 60 kg" in words

    def test_unchanged_rewrite_says_so(self) -> None:
        """A rewrite with no change says no change was needed."""
        items = [bs.WorkoutItem.from_slug("glute-bridge", sets=3, reps=10)]
        rewrite = bs.rewrite_workout(items, self.BODY)

        assert not rewrite.changes
        assert "No change needed." in rewrite._repr_html_()

    def test_workout_renders_as_a_table(self) -> None:
        """A Workout shows its items in order, under its name."""
        day = bs.Workout(
            name="Leg <day>",
            items=(bs.WorkoutItem.from_slug("split-squat", sets=3, reps=8),),
        )
        markup = day._repr_html_()

        assert parse(markup).balanced
        assert "Leg &lt;day&gt;" in markup
        assert "Split squat" in markup
        assert "3 x 8" in markup


def html_unescape(text: str) -> str:
    """The text as a reader sees it."""
    import html  # noqa: PLC0415

    return html.unescape(text)
