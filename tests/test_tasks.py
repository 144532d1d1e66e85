"""Everyday tasks: the data, the scores, the swaps, display and the plot."""

import html.parser
import pathlib
import re

import matplotlib as mpl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

mpl.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle

import backsafe as bs
from backsafe.daily import _task_io, _task_scoring
from backsafe.exceptions import CatalogError

from . import strategies as s

#: The small grid of bodies every task is checked for.
BODIES = (
    bs.Body(mass_kg=62, height_m=1.65),
    bs.Body(mass_kg=80, height_m=1.78),
    bs.Body(mass_kg=110, height_m=1.85),
)
BODY = BODIES[1]
#: The friendlier way must save at least this share of the usual way's
#: peak compression: a margin a reasonable change of the model keeps.
MARGIN = 0.10
TASKS = list(bs.tasks)
BY_TASK = pytest.mark.parametrize("task", TASKS, ids=lambda t: t.slug)
BY_BODY = pytest.mark.parametrize(
    "body", BODIES, ids=lambda b: f"{b.mass_kg:g}kg"
)
#: What the founding article and the issue name.
NAMED = {
    "tie-shoes",
    "lift-box-from-floor",
    "pick-up-light-object",
    "carry-shopping",
    "reach-high-shelf",
    "open-low-fridge-drawer",
    "make-bed",
    "vacuum",
    "lift-small-child",
    "get-out-of-bed",
    "sit-at-desk",
    "comb-hair",
}


class TestCollection:
    def test_every_named_task_is_there(self) -> None:
        """The collection covers every activity the issue lists."""

        assert NAMED <= set(bs.tasks.slugs())

    def test_the_named_ways(self) -> None:
        """The ways the issue names are ways of their tasks."""
        ways = {t.slug: {w.slug for w in t.ways} for t in bs.tasks}

        assert {"standing-bent", "foot-on-step", "sitting"} == ways[
            "tie-shoes"
        ]
        assert {"stoop", "squat-close"} == ways["lift-box-from-floor"]
        assert "golfers-lift" in ways["pick-up-light-object"]
        assert {"one-hand", "both-hands"} == ways["carry-shopping"]
        assert {"no-backrest", "backrest"} == ways["sit-at-desk"]
        assert "log-roll" in ways["get-out-of-bed"]

    def test_lazy_and_shared(self) -> None:
        """`backsafe.tasks` is the collection the reader built, once."""

        assert bs.tasks is _task_io.tasks
        assert 12 <= len(bs.tasks)

    @BY_TASK
    def test_every_way_has_a_basis_and_cues(self, task: bs.DailyTask) -> None:
        """Every number has a source, and every way says how to do it."""
        for way in task.ways:
            assert way.basis
            assert way.cues
            if way.slug != task.usual:
                assert way.why

    def test_lifts_carry_the_task_load(self) -> None:
        """A way's lift lifts the task's load, in metric units."""
        lifts = [(t, w) for t in bs.tasks for w in t.ways if w.lift]

        assert lifts
        for task, way in lifts:
            assert way.lift is not None
            assert task.load_kg == way.lift.load
            assert "metric" == way.lift.units

    def test_get_unknown_names_the_nearest(self) -> None:
        """An unknown slug is an InvalidInputError that suggests one."""
        with pytest.raises(bs.InvalidInputError, match="tie-shoes"):
            bs.tasks.get("tie-shoe")

    def test_way_unknown(self) -> None:
        """An unknown way names the known ones."""
        with pytest.raises(bs.InvalidInputError, match="'sitting'"):
            bs.tasks.get("tie-shoes").way("hopping")

    def test_contains(self) -> None:
        """Membership works by slug and by task."""
        shoes = bs.tasks.get("tie-shoes")

        assert "tie-shoes" in bs.tasks
        assert shoes in bs.tasks
        assert "nope" not in bs.tasks


class TestTaskRules:
    def _way(self, slug: str, **fields: object) -> bs.TaskWay:
        base: dict[str, object] = {
            "slug": slug,
            "name": slug.title(),
            "postures": (bs.Posture(lean=bs.TorsoLean(degrees=10)),),
            "cues": ("Do it.",),
            "basis": "Estimate.",
        }
        base.update(fields)
        return bs.TaskWay(**base)  # type: ignore[arg-type]

    def test_friendlier_must_be_a_way(self) -> None:
        """usual and friendlier name ways of the task."""
        with pytest.raises(bs.InvalidInputError, match="friendlier"):
            bs.DailyTask(
                slug="t",
                name="T",
                summary="S.",
                ways=(self._way("a"), self._way("b")),
                usual="a",
                friendlier="c",
            )

    def test_friendlier_differs_from_usual(self) -> None:
        """The friendlier way is another way."""
        with pytest.raises(bs.InvalidInputError, match="other than"):
            bs.DailyTask(
                slug="t",
                name="T",
                summary="S.",
                ways=(self._way("a"), self._way("b")),
                usual="a",
                friendlier="a",
            )

    def test_friendlier_must_be_graded(self) -> None:
        """An ungraded way cannot be the back-friendlier one."""
        with pytest.raises(bs.InvalidInputError, match="graded"):
            bs.DailyTask(
                slug="t",
                name="T",
                summary="S.",
                ways=(self._way("a"), self._way("b", graded=False)),
                usual="a",
                friendlier="b",
            )

    def test_repeated_way(self) -> None:
        """Ways have distinct slugs."""
        with pytest.raises(bs.InvalidInputError, match="distinct"):
            bs.DailyTask(
                slug="t",
                name="T",
                summary="S.",
                ways=(self._way("a"), self._way("a")),
                usual="a",
                friendlier="a",
            )

    def test_load_needs_a_task_load(self) -> None:
        """A way holding a load needs the task's load_kg."""
        loaded = bs.Posture(
            lean=bs.TorsoLean(degrees=10),
            load_kg=5,
            placement=bs.LoadPlacement.HANDS_HANGING,
        )
        with pytest.raises(bs.InvalidInputError, match="load_kg"):
            bs.DailyTask(
                slug="t",
                name="T",
                summary="S.",
                ways=(self._way("a", postures=(loaded,)), self._way("b")),
                usual="a",
                friendlier="b",
            )

    def test_no_postures(self) -> None:
        """A way has one to five postures."""
        with pytest.raises(bs.InvalidInputError, match="Posture"):
            self._way("a", postures=())

    def test_repeated_task(self) -> None:
        """A collection's slugs are distinct."""
        shoes = bs.tasks.get("tie-shoes")
        with pytest.raises(bs.InvalidInputError, match="distinct"):
            bs.TaskCollection(tasks=(shoes, shoes))


class TestReader:
    def test_bad_toml(self) -> None:
        """Text that is not TOML is a CatalogError."""
        with pytest.raises(CatalogError):
            _task_io.read_tasks("tasks = [")

    def test_bad_entry_names_the_task(self) -> None:
        """A bad entry names the task and the problem."""
        text = """
[[tasks]]
slug = "t"
name = "T"
summary = "S."
usual = "a"
friendlier = "b"

[[tasks.ways]]
slug = "a"
name = "A"
postures = [{ lean_deg = 120 }]
cues = ["c"]
basis = "b"
"""
        with pytest.raises(CatalogError, match=r"task #0 \('t'\).*degrees"):
            _task_io.read_tasks(text)

    def test_unknown_top_level(self) -> None:
        """Only schema_version and tasks are allowed at the top."""
        with pytest.raises(CatalogError, match="schema_version"):
            _task_io.read_tasks("tasks = []\nextra = 1\n")

    def test_lean_is_read_in_degrees(self) -> None:
        """lean_deg in the file is the posture's TorsoLean."""
        way = bs.tasks.get("tie-shoes").usual_way

        assert 90 == way.postures[0].lean.degrees


class TestScores:
    @BY_TASK
    @BY_BODY
    def test_friendlier_scores_lower(
        self, task: bs.DailyTask, body: bs.Body
    ) -> None:
        """Every task's back-friendlier way scores lower, by a margin."""
        scored = bs.score_task(task, body)
        usual = scored.usual_score.compression_n
        easier = scored.friendlier_score.compression_n

        assert easier <= (1 - MARGIN) * usual
        assert scored.relative_reduction >= MARGIN

    @BY_TASK
    @BY_BODY
    def test_every_way_scores(self, task: bs.DailyTask, body: bs.Body) -> None:
        """Every way scores without error; its peak is its hardest posture."""
        scored = bs.score_task(task.slug, body)

        assert [w.slug for w in task.ways] == [w.way for w in scored.ways]
        for way, result in zip(task.ways, scored.ways, strict=True):
            assert len(way.postures) == len(result.loads)
            assert result.peak.compression_n == max(
                load.compression_n for load in result.loads
            )
            assert (result.lift is None) == (way.lift is None)

    def test_lift_is_judged_by_the_equation(self) -> None:
        """The box lift is judged by the lifting equation: closer is better."""
        scored = bs.score_task("lift-box-from-floor", BODY)
        stoop, squat = scored.usual_score.lift, scored.friendlier_score.lift

        assert stoop is not None
        assert squat is not None
        assert squat.lifting_index < stoop.lifting_index
        assert bs.LiftingFactor.HORIZONTAL == stoop.limiting_factor

    @settings(deadline=None)  # two model runs; slow on a busy machine
    @given(load=st.floats(0.5, 60.0), body=s.training_bodies())
    def test_heavier_never_lowers_the_load(
        self, load: float, body: bs.Body
    ) -> None:
        """More load on a lift never lowers a way's peak compression."""
        light = bs.score_task("lift-box-from-floor", body, load_kg=load)
        heavy = bs.score_task("lift-box-from-floor", body, load_kg=load + 5)

        for a, b in zip(light.ways, heavy.ways, strict=True):
            assert a.compression_n <= b.compression_n + 1e-9

    def test_load_scales_the_lift(self) -> None:
        """The lift's load follows the load given."""
        scored = bs.score_task("lift-box-from-floor", BODY, load_kg=15)
        lift = scored.usual_score.lift

        assert lift is not None
        assert 15 == lift.task.load
        assert 15 == scored.load_kg

    def test_ungraded_data_is_not_graded(self) -> None:
        """The golfer's lift is shown but marked ungraded."""
        scored = bs.score_task("pick-up-light-object", BODY)

        assert not scored.way("golfers-lift").graded

    def test_supported_is_not_graded(self) -> None:
        """A way the model scores only by its support is not graded."""
        way = bs.score_task("sit-at-desk", BODY).way("backrest")

        assert way.graded == _task_scoring.is_graded(way.peak)


class TestSwaps:
    @BY_TASK
    @BY_BODY
    def test_swaps_are_ranked_lower_and_graded(
        self, task: bs.DailyTask, body: bs.Body
    ) -> None:
        """Swaps are graded, below the current way, least load first."""
        for way in task.ways:
            scored = bs.score_task(task, body)
            before = scored.way(way.slug)
            found = bs.task_swaps(task, body, way=way.slug)
            values = [swap.way.compression_n for swap in found]

            assert values == sorted(values)
            for swap in found:
                assert swap.way.graded
                assert swap.way.compression_n < before.compression_n
                assert swap.way.peak.level <= before.peak.level
                assert swap.reason
                assert way.slug == swap.instead_of
                assert 0 < swap.relative_reduction <= 1
            if not before.graded:
                assert () == found

    @BY_TASK
    def test_friendlier_is_offered(self, task: bs.DailyTask) -> None:
        """From the usual way, the friendlier way is offered when graded."""
        scored = bs.score_task(task, BODY)
        found = [swap.way.way for swap in bs.task_swaps(task, BODY)]

        if scored.friendlier_score.graded:
            assert task.friendlier in found

    def test_golfers_lift_is_never_ranked(self) -> None:
        """Nothing ungraded is ranked as safe."""
        for body in BODIES:
            found = bs.task_swaps("pick-up-light-object", body)

            assert "golfers-lift" not in [s.way.way for s in found]
            assert () == bs.task_swaps(
                "pick-up-light-object", body, way="golfers-lift"
            )

    def test_reason_is_plain_words_with_numbers(self) -> None:
        """The reason says why and by how much."""
        swap = bs.task_swaps("lift-box-from-floor", BODY)[0]

        assert "squat-close" == swap.way.way
        assert "upright" in swap.reason
        assert re.search(r"\d+% less", swap.reason)
        assert "lifting index" in swap.reason

    def test_from_the_best_way_there_is_nothing_better(self) -> None:
        """The lowest graded way has no swaps."""
        assert () == bs.task_swaps("carry-shopping", BODY, way="both-hands")


class TestBadInput:
    @pytest.mark.parametrize(
        ("call", "match"),
        [
            (lambda: bs.score_task("nope", BODY), "no everyday task"),
            (
                lambda: bs.score_task(3, BODY),  # type: ignore[arg-type]
                "task must be",
            ),
            (
                lambda: bs.score_task("tie-shoes", "80kg"),  # type: ignore[arg-type]
                "body must be",
            ),
            (
                lambda: bs.score_task("tie-shoes", BODY, load_kg=5),
                "holds no load",
            ),
            (
                lambda: bs.score_task("carry-shopping", BODY, load_kg=0),
                "above 0",
            ),
            (
                lambda: bs.score_task("carry-shopping", BODY, load_kg=-1),
                "load_kg must be",
            ),
            (
                lambda: bs.score_task(
                    "carry-shopping", BODY, load_kg=float("nan")
                ),
                "load_kg must be a finite",
            ),
            (
                lambda: bs.score_task("tie-shoes", BODY, tasks=[1]),  # type: ignore[arg-type]
                "TaskCollection",
            ),
            (
                lambda: bs.score_task("tie-shoes", BODY, limits=1),  # type: ignore[arg-type]
                "limits must be",
            ),
            (
                lambda: bs.task_swaps("tie-shoes", BODY, way="hop"),
                "way must be",
            ),
        ],
        ids=lambda x: x if isinstance(x, str) else "",
    )
    def test_bad_input(self, call: object, match: str) -> None:
        """Bad arguments raise InvalidInputError naming the argument."""
        with pytest.raises(bs.InvalidInputError, match=match):
            call()  # type: ignore[operator]


class _Checker(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.balanced = True
        self.text: list[str] = []

    def handle_starttag(
        self,
        tag: str,
        attrs: list[tuple[str, str | None]],  # noqa: ARG002
    ) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.balanced = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(markup: str) -> _Checker:
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    assert checker.balanced
    assert [] == checker.stack
    return checker


class TestDisplay:
    def test_task_repr_and_html(self) -> None:
        """A task shows its ways and which is which."""
        task = bs.tasks.get("tie-shoes")
        text = " ".join(_parsed(task._repr_html_()).text)

        assert "'tie-shoes'" in repr(task)
        assert "back-friendlier" in text
        assert "Sitting, foot across the knee" in text

    def test_score_repr_and_html(self) -> None:
        """A score shows the ways' peaks, grades and lifting indices."""
        scored = bs.score_task("lift-box-from-floor", BODY)
        text = " ".join(_parsed(scored._repr_html_()).text)

        assert repr(scored).startswith("<TaskScore 'lift-box-from-floor'")
        assert " N" in text
        assert "LI " in text

    def test_ungraded_says_so(self) -> None:
        """An ungraded way is labelled, not shown as a plain number."""
        scored = bs.score_task("pick-up-light-object", BODY)
        text = " ".join(_parsed(scored._repr_html_()).text)

        assert "not graded" in text

    def test_swaps_html(self) -> None:
        """Swaps show as a table with the reason."""
        found = bs.task_swaps("tie-shoes", BODY)
        text = " ".join(_parsed(found._repr_html_()).text)

        assert "less" in text
        assert found[0].reason in text

    def test_lift_html(self) -> None:
        """A limit shows every multiplier and the limiting factor."""
        rwl = bs.recommended_weight_limit(
            horizontal=40,
            vertical=30,
            distance=90,
            frequency=2,
            duration="moderate",
            coupling="fair",
            load=12,
        )
        text = " ".join(_parsed(rwl._repr_html_()).text)
        analysis = bs.score_task("lift-box-from-floor", BODY).ways[0].lift

        assert all(sym in text for sym in ("HM", "VM", "DM", "FM", "CM"))
        assert "horizontal" in text
        assert analysis is not None
        assert "RWL" in " ".join(_parsed(analysis._repr_html_()).text)


class TestPlot:
    def test_plot_task_draws_a_bar_per_way(self) -> None:
        """One bar per way, labelled, with the usual and friendlier marked."""
        ax = bs.plot_task("pick-up-light-object", BODY)
        try:
            labels = [t.get_text() for t in ax.get_yticklabels()]
            bars = [
                p
                for p in ax.patches
                if isinstance(p, Rectangle) and p.get_height() == 0.8
            ]

            assert 3 == len(labels)
            assert any("(usual)" in label for label in labels)
            assert any("(friendlier)" in label for label in labels)
            assert 3 == len(bars)
            assert any(bar.get_hatch() for bar in bars)
        finally:
            plt.close("all")

    def test_plot_on_given_axes(self) -> None:
        """The plot draws on the axes given, and shear works too."""
        _, ax = plt.subplots()
        try:
            assert ax is bs.plot_task(
                bs.tasks.get("tie-shoes"), BODY, quantity="shear", ax=ax
            )
        finally:
            plt.close("all")

    def test_bad_quantity(self) -> None:
        """An unknown quantity is refused."""
        with pytest.raises(bs.InvalidInputError, match="quantity"):
            bs.plot_task("tie-shoes", BODY, quantity="torque")  # type: ignore[arg-type]


class TestOwnWords:
    def test_task_text_is_not_copied(self) -> None:
        """No task text or page shares five words with the founding article."""
        from .test_catalog import ARTICLE, _runs  # noqa: PLC0415

        if not ARTICLE.is_file():
            pytest.skip(f"{ARTICLE} is not here")
        article = _runs(ARTICLE.read_text(encoding="utf-8"))
        docs = pathlib.Path(__file__).resolve().parents[1] / "docs"
        texts = [
            text
            for task in bs.tasks
            for way in task.ways
            for text in (task.summary, *way.cues, way.why or "", way.basis)
        ]
        texts += [
            (docs / page).read_text(encoding="utf-8")
            for page in ("daily.md", "lifting.md")
        ]

        assert set() == {
            run for text in texts for run in _runs(text) & article
        }


class TestEdges:
    """The rules and readers' less travelled paths."""

    def _way(self, slug: str, **fields: object) -> bs.TaskWay:
        return TestTaskRules()._way(slug, **fields)

    def test_lift_must_be_a_lifting_task(self) -> None:
        """A way's lift is a LiftingTask or None."""
        with pytest.raises(bs.InvalidInputError, match="LiftingTask"):
            self._way("a", lift="box")

    def test_graded_is_a_bool(self) -> None:
        """graded is True or False."""
        with pytest.raises(bs.InvalidInputError, match="graded"):
            self._way("a", graded=1)

    def test_lift_in_metric_units(self) -> None:
        """A way's lift is in metric units."""
        lift = bs.LiftingTask(
            horizontal_origin=10,
            vertical_origin=30,
            horizontal_destination=10,
            vertical_destination=30,
            frequency=1,
            coupling="good",
            load=10,
            units="us",
        )
        with pytest.raises(bs.InvalidInputError, match="metric"):
            self._way("a", lift=lift)

    def test_ways_must_be_ways(self) -> None:
        """A task has two to eight TaskWay."""
        with pytest.raises(bs.InvalidInputError, match="TaskWay"):
            bs.DailyTask(
                slug="t",
                name="T",
                summary="S.",
                ways=(self._way("a"),),
                usual="a",
                friendlier="a",
            )

    def test_lift_load_is_the_task_load(self) -> None:
        """A way's lift lifts the task's load."""
        box = bs.tasks.get("lift-box-from-floor")
        with pytest.raises(bs.InvalidInputError, match=r"lift\.load"):
            bs.DailyTask(
                slug="t",
                name="T",
                summary="S.",
                ways=box.ways,
                usual=box.usual,
                friendlier=box.friendlier,
                load_kg=12,
            )

    def test_collection_needs_tasks(self) -> None:
        """A collection is built from an iterable of DailyTask."""
        with pytest.raises(bs.InvalidInputError, match="iterable"):
            bs.TaskCollection(tasks=3)
        with pytest.raises(bs.InvalidInputError, match="DailyTask"):
            bs.TaskCollection(tasks=(1,))

    def test_collection_repr(self) -> None:
        """A collection's repr says how many tasks it holds."""
        assert f"<TaskCollection of {len(bs.tasks)} tasks>" == repr(bs.tasks)

    def test_module_has_no_other_attribute(self) -> None:
        """The reader module serves only ``tasks``."""
        with pytest.raises(AttributeError, match="catalog"):
            _task_io.catalog  # noqa: B018

    @pytest.mark.parametrize(
        "text",
        [
            "tasks = 1",
            "tasks = [1]",
            "[[tasks]]\nslug = 't'\nways = [1]",
            "[[tasks]]\nslug = 't'\nways = [{ postures = [1] }]",
            "[[tasks]]\nslug = 't'\nways = 1",
            "[[tasks]]\nslug = 't'\nways = [{ lift = { load = 1 } }]",
        ],
        ids=["not-a-list", "not-a-table", "way", "posture", "ways", "lift"],
    )
    def test_bad_documents(self, text: str) -> None:
        """Every malformed document is a CatalogError."""
        with pytest.raises(CatalogError):
            _task_io.read_tasks(text)

    def test_ungraded_level(self) -> None:
        """A level the model marks "ungraded" is not graded."""
        load = bs.score_task("tie-shoes", BODY).ways[0].peak

        class Ungraded:
            level = "ungraded"
            method = load.method

        assert _task_scoring.is_graded(load)
        assert not _task_scoring.is_graded(Ungraded())  # type: ignore[arg-type]

    def test_no_lift_no_index(self) -> None:
        """A way that is not a lift has no lifting index."""
        assert bs.score_task("tie-shoes", BODY).ways[0].lifting_index is None

    def test_unknown_way_of_a_score(self) -> None:
        """An unknown way of a score names the known ones."""
        with pytest.raises(bs.InvalidInputError, match="'sitting'"):
            bs.score_task("tie-shoes", BODY).way("hop")

    def test_zero_baseline(self) -> None:
        """A usual way at 0 N has no reduction to report."""
        lying = bs.Posture(
            lean=bs.TorsoLean(degrees=90), support=bs.Support.SUPINE
        )
        task = bs.DailyTask(
            slug="rest",
            name="Rest",
            summary="Lying down.",
            ways=(
                self._way("lying", postures=(lying,)),
                self._way("side", postures=(lying,)),
            ),
            usual="lying",
            friendlier="side",
        )
        scored = bs.score_task(task, BODY)

        assert 0.0 == scored.relative_reduction
        assert () == bs.task_swaps(task, BODY)

    def test_swaps_check_body_and_limits(self) -> None:
        """task_swaps checks its arguments like score_task."""
        with pytest.raises(bs.InvalidInputError, match="body"):
            bs.task_swaps("tie-shoes", 80)  # type: ignore[arg-type]
        with pytest.raises(bs.InvalidInputError, match="limits"):
            bs.task_swaps("tie-shoes", BODY, limits=0)  # type: ignore[arg-type]

    def test_custom_collection(self) -> None:
        """A slug is looked up in the collection given."""
        mine = bs.TaskCollection(tasks=(bs.tasks.get("vacuum"),))

        assert "vacuum" == bs.score_task("vacuum", BODY, tasks=mine).task
        with pytest.raises(bs.InvalidInputError, match="vacuum"):
            bs.score_task("tie-shoes", BODY, tasks=mine)
