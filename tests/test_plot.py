import datetime as dt
from collections.abc import Iterator

import attrs
import matplotlib as mpl
import numpy as np
import pytest

mpl.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

import backsafe as bs
from backsafe.plots import _plot

from .strategies import LADDER, LADDER_BY_SLUG

BODY = bs.Body(mass_kg=80, height_m=1.78)
SQUAT = bs.Exercise(
    slug="back-squat",
    name="Back squat",
    pattern=bs.MovementPattern.SQUAT,
    stance=bs.Stance.BILATERAL,
    equipment=frozenset({bs.Equipment.BARBELL}),
    placement=bs.LoadPlacement.HIGH_BAR_BACK,
    support=bs.Support.FREE_STANDING,
    lean_min=bs.TorsoLean(degrees=30),
    lean_max=bs.TorsoLean(degrees=50),
    primary_muscles=frozenset({bs.Muscle.QUADRICEPS}),
)
SPLIT = bs.Exercise(
    slug="split-squat",
    name="Split squat",
    pattern=bs.MovementPattern.LUNGE,
    stance=bs.Stance.SPLIT,
    equipment=frozenset({bs.Equipment.DUMBBELL}),
    placement=bs.LoadPlacement.HANDS_HANGING,
    support=bs.Support.FREE_STANDING,
    lean_min=bs.TorsoLean(degrees=5),
    lean_max=bs.TorsoLean(degrees=15),
    primary_muscles=frozenset({bs.Muscle.QUADRICEPS}),
    working_leg_share=0.75,
)


#: The test ladder plus a squat that takes no load.
CATALOG = {
    **LADDER_BY_SLUG,
    "air-squat": attrs.evolve(
        SQUAT,
        slug="air-squat",
        name="Air squat",
        placement=bs.LoadPlacement.NONE,
        equipment=frozenset({bs.Equipment.BODYWEIGHT}),
    ),
}


@pytest.fixture(autouse=True, name="close_figures")
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def bands(ax: Axes) -> dict[str, tuple[float, float]]:
    """The shaded limit bands: label -> (low, high) in data units."""
    found = {}
    for patch in ax.patches:
        label = str(patch.get_label())
        if label.startswith(("below", "above")) and isinstance(
            patch, Rectangle
        ):
            box = patch.get_bbox()
            vertical = abs(box.y1 - box.y0) >= 1 and box.x1 - box.x0 > 1
            low, high = (box.x0, box.x1) if vertical else (box.y0, box.y1)
            found[label.split(" (", maxsplit=1)[0]] = (low, high)
    return found


class TestPlotLean:
    def test_labels_and_series(self) -> None:
        """The curve is the model's compression at every whole degree."""
        ax = bs.plot_lean(SQUAT, BODY, load_kg=60)
        (line,) = ax.get_lines()
        x = np.asarray(line.get_xdata()).tolist()
        y = np.asarray(line.get_ydata()).tolist()
        at_45 = bs.score(
            SQUAT, BODY, load_kg=60, lean=bs.TorsoLean(degrees=45)
        )

        assert "Torso lean from vertical (°)" == ax.get_xlabel()
        assert "L4/L5 compression (N)" == ax.get_ylabel()
        assert "Back squat, 60 kg" == ax.get_title()
        assert list(range(91)) == x
        assert at_45.compression_n == pytest.approx(y[45])

    def test_limit_bands(self) -> None:
        """Low, elevated and high zones are shaded at the limits."""
        ax = bs.plot_lean(SQUAT, BODY, load_kg=60)

        found = bands(ax)

        assert (0.0, 3400.0) == found["below the action limit"]
        assert (3400.0, 6400.0) == found["above the action limit"]
        assert 6400.0 == found["above the maximum permissible limit"][0]

    def test_typical_lean_is_shaded(self) -> None:
        """An exercise's typical lean range is shaded."""
        ax = bs.plot_lean(SQUAT, BODY)

        (span,) = [
            p
            for p in ax.patches
            if isinstance(p, Rectangle)
            and p.get_label() == "typical lean of the exercise"
        ]
        box = span.get_bbox()

        assert (30.0, 50.0) == (box.x0, box.x1)

    def test_shear_and_custom_limits(self) -> None:
        """Shear is drawn against the shear limits given."""
        limits = bs.Limits(shear_action_n=400, shear_maximum_n=900)
        posture = bs.Posture(
            lean=bs.TorsoLean(degrees=10),
            load_kg=20,
            placement=bs.LoadPlacement.GOBLET,
        )

        ax = bs.plot_lean(posture, BODY, quantity="shear", limits=limits)
        y = np.asarray(ax.get_lines()[0].get_ydata()).tolist()

        assert "L4/L5 shear (N)" == ax.get_ylabel()
        assert "Posture, 20 kg" == ax.get_title()
        assert (400.0, 900.0) == bands(ax)["above the action limit"]
        # Upright, the goblet's 20 cm in front still needs the extensors,
        # whose line of action shears the disc backward (0 N on the
        # shoulder line, placement_offsets=False).
        upright = bs.spinal_load(
            attrs.evolve(posture, lean=bs.TorsoLean(degrees=0)), BODY
        )
        assert upright.shear_n < 0
        assert upright.shear_n == pytest.approx(y[0])

    def test_draws_on_given_axes(self) -> None:
        """Given axes are drawn on, not a new figure."""
        _, ax = plt.subplots()

        assert ax is bs.plot_lean(SPLIT, BODY, ax=ax)

    @pytest.mark.parametrize(
        ("subject", "quantity"),
        [("squat", "compression"), (SQUAT, "torque")],
    )
    def test_bad_input(self, subject: object, quantity: str) -> None:
        """A bad subject or quantity raises InvalidInputError."""

        with pytest.raises(bs.InvalidInputError):
            bs.plot_lean(subject, BODY, quantity=quantity)  # type: ignore[arg-type]


class TestPlotExercises:
    def test_bars_and_labels(self) -> None:
        """One bar per exercise, labelled with its load, in order."""
        ax = bs.plot_exercises([(SQUAT, 60), (SPLIT, 0.0)], BODY)
        bars = [
            p
            for p in ax.patches
            if isinstance(p, Rectangle)
            and not str(p.get_label()).startswith(("below", "above"))
        ]
        labels = [t.get_text() for t in ax.get_yticklabels()]

        assert ["Back squat (60 kg)", "Split squat"] == labels
        assert 2 == len(bars)
        assert bs.score(SQUAT, BODY, load_kg=60).compression_n == (
            pytest.approx(bars[0].get_width())
        )
        assert "L4/L5 compression (N)" == ax.get_xlabel()
        assert "At equal leg work" == ax.get_title()

    def test_bands_are_vertical(self) -> None:
        """The limit bands run across the bars."""
        ax = bs.plot_exercises([(SQUAT, 60)], BODY)

        assert (3400.0, 6400.0) == bands(ax)["above the action limit"]

    def test_accepts_objects_with_exercise_and_load(self) -> None:
        """Entries may be objects with exercise and load_kg attributes."""

        class Entry:
            exercise = SPLIT
            load_kg = 10.0

        ax = bs.plot_exercises([Entry()], BODY)

        assert ["Split squat (10 kg)"] == [
            t.get_text() for t in ax.get_yticklabels()
        ]

    @pytest.mark.parametrize(
        "entries",
        [[], [("x", 1)], [(SQUAT, "1")], [(SQUAT, True)], [object()]],
    )
    def test_bad_entries(self, entries: list[object]) -> None:
        """Empty or malformed entries raise InvalidInputError."""

        with pytest.raises(bs.InvalidInputError):
            bs.plot_exercises(entries, BODY)


class TestPlotProgression:
    def test_dose_and_load_over_time(self) -> None:
        """Each step's compression and dose are drawn against weeks."""
        plan = bs.generate_progression(
            SPLIT,
            BODY,
            phase=bs.Phase.CHRONIC,
            mode=bs.TrainingMode.STRENGTH,
            start=dt.date(2026, 3, 2),
            weeks=8,
            load_kg=8,
            catalog=[SPLIT],
        )

        ax = bs.plot_progression(plan)
        (twin,) = [a for a in ax.figure.axes if a is not ax]
        weeks = [(s.starts_on - plan.start).days / 7 for s in plan.steps]
        end = (plan.end - plan.start).days / 7
        line = ax.get_lines()[0]
        dose = twin.get_lines()[0]

        assert "Weeks from the start" == ax.get_xlabel()
        assert "L4/L5 compression (N)" == ax.get_ylabel()
        assert "Reps per session" == twin.get_ylabel()
        assert [*weeks, end] == np.asarray(line.get_xdata()).tolist()
        assert [s.compression_n for s in plan.steps] == (
            np.asarray(line.get_ydata()).tolist()[:-1]
        )
        assert [s.dose.sets * s.dose.reps for s in plan.steps] == (
            np.asarray(dose.get_ydata()).tolist()[:-1]
        )
        assert (3400.0, 6400.0) == bands(ax)["above the action limit"]

    @pytest.mark.parametrize(
        ("slug", "mode", "label"),
        [
            ("glute-bridge", bs.TrainingMode.HOME_REPS, "Reps per day"),
            ("curl-up", bs.TrainingMode.ISO_HOLDS, "Reps per session"),
            ("hamstring-stretch", bs.TrainingMode.STRETCH, "Hold (s)"),
            ("goblet-squat", bs.TrainingMode.STRENGTH, "Reps per session"),
        ],
    )
    def test_dose_label_by_mode(
        self, slug: str, mode: bs.TrainingMode, label: str
    ) -> None:
        """The dose axis says what is counted in each mode."""
        plan = bs.generate_progression(
            CATALOG[slug],
            BODY,
            phase=bs.Phase.CHRONIC,
            mode=mode,
            start=dt.date(2026, 3, 2),
            weeks=6,
            catalog=CATALOG.values(),
        )

        ax = bs.plot_progression(plan)
        (twin,) = [a for a in ax.figure.axes if a is not ax]

        assert label == twin.get_ylabel()

    @pytest.mark.parametrize(
        ("load_kg", "step_kg", "change"),
        [(20.0, 1.25, bs.Change.LOAD), (0.0, 0.0, bs.Change.EXERCISE)],
    )
    def test_exercise_and_load_changes_are_labelled(
        self, load_kg: float, step_kg: float, change: bs.Change
    ) -> None:
        """The start, every exercise switch and every load step are noted."""
        # A loaded glute bridge is ungraded (a load on the pelvis without a
        # bridge submodel), so no plan starts from one: the loaded case
        # starts from the split squat.
        start = "split-squat" if load_kg else "glute-bridge"
        plan = bs.generate_progression(
            LADDER_BY_SLUG[start],
            BODY,
            phase=bs.Phase.CHRONIC,
            mode=bs.TrainingMode.STRENGTH,
            start=dt.date(2026, 3, 2),
            weeks=30,
            load_kg=load_kg,
            load_step_kg=step_kg,
            catalog=LADDER,
        )
        changes = {s.change for s in plan.steps}
        expected = [
            f"{s.dose.exercise} {s.dose.load_kg:g} kg"
            if s.change in {None, bs.Change.EXERCISE} and s.dose.load_kg
            else s.dose.exercise
            if s.change in {None, bs.Change.EXERCISE}
            else f"{s.dose.load_kg:g} kg"
            for s in plan.steps
            if s.change in {None, bs.Change.EXERCISE, bs.Change.LOAD}
        ]

        ax = bs.plot_progression(plan)

        assert change in changes
        assert expected == [t.get_text() for t in ax.texts]

    def test_needs_a_progression(self) -> None:
        """Anything else is refused."""

        with pytest.raises(bs.InvalidInputError):
            bs.plot_progression("plan")  # type: ignore[arg-type]


class TestPlotSeries:
    def test_lengths_must_match(self) -> None:
        """Series of different lengths are refused."""

        with pytest.raises(bs.InvalidInputError):
            _plot.plot_series([1], [], [], dose_label="Reps", title="x")


class TestProgressionPanels:
    @staticmethod
    def _plan(weeks: int = 16) -> bs.Progression:
        return bs.generate_progression(
            "split-squat",
            BODY,
            phase=bs.Phase.CHRONIC,
            mode=bs.TrainingMode.STRENGTH,
            start=dt.date(2026, 3, 2),
            weeks=weeks,
            load_kg=4,
        )

    def test_dose_has_its_own_panel(self) -> None:
        """The dose is on a panel below the load, outside the bands."""
        ax = bs.plot_progression(self._plan())
        (panel,) = [a for a in ax.figure.axes if a is not ax]
        ax.figure.draw_without_rendering()  # type: ignore[union-attr]
        load_box = ax.get_position()
        panel_box = panel.get_position()

        assert panel_box.y1 < load_box.y0
        assert not [
            p for p in panel.patches if str(p.get_label()).startswith("above")
        ]
        assert "Reps per session" == panel.get_ylabel()

    def test_easy_weeks_are_labelled(self) -> None:
        """Every planned easy week is shaded and says so."""
        plan = self._plan()
        ax = bs.plot_progression(plan)
        (panel,) = [a for a in ax.figure.axes if a is not ax]
        deloads = [s for s in plan.steps if s.change is bs.Change.DELOAD]

        assert deloads
        assert len(deloads) == [t.get_text() for t in panel.texts].count(
            "easy week"
        )

    def test_labels_do_not_overlap(self) -> None:
        """The exercise and load labels are moved apart."""
        ax = bs.plot_progression(self._plan())
        renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
        boxes = [t.get_window_extent(renderer) for t in ax.texts]

        assert len(boxes) >= 2
        for n, box in enumerate(boxes):
            for other in boxes[n + 1 :]:
                assert not box.overlaps(other)

    def test_given_axes_get_a_panel_below(self) -> None:
        """With axes given, the dose panel goes below them."""
        _, given = plt.subplots()
        ax = bs.plot_progression(self._plan(), ax=given)
        (panel,) = ax.child_axes

        assert given is ax
        assert "Reps per session" == panel.get_ylabel()
