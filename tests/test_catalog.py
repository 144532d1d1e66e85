import contextlib
import itertools
import json
import re
from importlib.resources import files
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import backsafe as bs
from backsafe.exercises import _catalog, _catalog_io
from backsafe.spine import _constants as k

from .fresh import run_fresh
from .strategies import JSON_VALUES, catalog_exercises, training_bodies

#: Slugs the issue makes a public contract.
CONTRACT_SLUGS = (
    "split-squat",
    "rear-foot-elevated-split-squat",
    "forward-lunge",
    "reverse-lunge",
    "walking-lunge",
    "step-up",
    "single-leg-box-squat",
    "front-squat",
    "goblet-squat",
    "high-bar-back-squat",
    "low-bar-back-squat",
    "conventional-deadlift",
    "romanian-deadlift",
    "leg-press",
    "barbell-hip-thrust",
    "glute-bridge",
    "single-leg-glute-bridge",
    "stability-ball-hamstring-curl",
    "stability-ball-wall-squat",
    "leg-extension",
    "seated-leg-curl",
    "lying-leg-curl",
    "side-lying-leg-lift",
    "modified-single-leg-raise",
    "double-leg-raise",
    "partial-crunch",
    "mcgill-curl-up",
    "cable-rope-crunch",
    "dead-bug",
    "bird-dog",
    "quadruped-leg-extension",
    "side-bridge-knees",
    "side-bridge",
    "bent-knee-sit-up",
    "straight-leg-sit-up",
    "prone-superman",
    "seated-hamstring-stretch",
    "seated-lower-back-rotational-stretch",
    "knee-to-chest-stretch",
    "half-kneeling-hip-flexor-stretch",
    "childs-pose",
    "piriformis-stretch",
)

BODIES = [
    bs.Body(mass_kg=mass, height_m=height)
    for mass in (30.0, 55.0, 80.0, 120.0, 300.0)
    for height in (1.20, 1.65, 1.90, 2.30)
]

MINIMAL = {
    "slug": "wall-sit",
    "name": "Wall sit",
    "pattern": "squat",
    "stance": "bilateral",
    "equipment": ["bodyweight"],
    "placement": "none",
    "support": "free-standing",
    "lean_min_deg": 0,
    "lean_max_deg": 5,
    "primary_muscles": ["quadriceps"],
}


def _doc(*entries: dict[str, object]) -> dict[str, object]:
    return {"schema_version": 1, "exercises": list(entries)}


def _edges(catalog: bs.Catalog) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {e.slug: set() for e in catalog}
    for e in catalog:
        edges[e.slug] |= set(e.harder)
        for link in e.easier:
            edges[link].add(e.slug)
    return edges


class TestBuiltinCatalog:
    def test_has_every_contract_slug(self) -> None:
        """Every slug the issue names is in the catalog."""
        missing = [s for s in CONTRACT_SLUGS if s not in bs.catalog]

        assert [] == missing

    def test_slugs_are_unique(self) -> None:
        """No slug appears twice."""
        slugs = bs.catalog.slugs

        assert len(set(slugs)) == len(slugs)

    @pytest.mark.parametrize("body", BODIES, ids=repr)
    def test_every_entry_scores_over_a_grid(self, body: bs.Body) -> None:
        """Every entry scores at several loads without error."""
        for exercise in bs.catalog:
            loads = (0.0, 20.0, 150.0, k.MAX_LOAD_KG)
            for load in loads if exercise.takes_load else (0.0,):
                result = bs.score(exercise, body, load_kg=load)

                assert result.compression_n >= 0.0

    def test_links_resolve(self) -> None:
        """Every easier/harder link names a catalog exercise."""
        dangling = [
            (e.slug, link)
            for e in bs.catalog
            for link in (*e.easier, *e.harder)
            if link not in bs.catalog
        ]

        assert [] == dangling

    def test_links_are_mirrored(self) -> None:
        """A harder link has its easier link back, and vice versa."""
        one_way = [
            (e.slug, link)
            for e in bs.catalog
            for link in e.harder
            if e.slug not in bs.catalog.get(link).easier
        ] + [
            (e.slug, link)
            for e in bs.catalog
            for link in e.easier
            if e.slug not in bs.catalog.get(link).harder
        ]

        assert [] == one_way

    def test_ladders_have_no_cycles(self) -> None:
        """Following harder links never returns to the start."""
        assert [] == _catalog._find_cycle(_edges(bs.catalog))

    def test_harder_steps_by_at_most_one_tier(self) -> None:
        """A harder link keeps the tier or raises it by one."""
        bad = [
            (e.slug, link)
            for e in bs.catalog
            for link in e.harder
            if bs.catalog.get(link).tier - e.tier not in {0, 1}
        ]

        assert [] == bad

    def test_double_leg_raise_is_in_no_ladder(self) -> None:
        """The double-leg raise has no links, and none point to it."""
        raise_ = bs.catalog.get("double-leg-raise")
        pointing = [
            e.slug
            for e in bs.catalog
            if "double-leg-raise" in (*e.easier, *e.harder)
        ]

        assert ((), (), []) == (raise_.easier, raise_.harder, pointing)

    def test_modified_single_leg_raise_is_in_no_cross_pattern_ladder(
        self,
    ) -> None:
        """A leg raise no longer leads on to the leg extension.

        Issue 11 redrew the ladders by movement pattern: a leg raise is not
        a knee extension, and the raise loads the spine more (939 N against
        434 N for 80 kg), so stepping back from the leg extension to it
        would raise the load.
        """
        raise_ = bs.catalog.get("modified-single-leg-raise")

        assert "leg-extension" not in raise_.harder
        assert "modified-single-leg-raise" not in (
            bs.catalog.get("leg-extension").easier
        )

    def test_example_ladder_from_the_issue(self) -> None:
        """Glute bridge, hip thrust, single-leg bridge; the barbell after.

        The bridges climb as their spinal load does (issue 11: a step back
        never raises the modelled load): the bench hip thrust at body
        weight loads the spine less than the single-leg bridge, whose
        raised leg the hip flexors hold (the muscle-driven submodels).
        """
        chain = [
            "glute-bridge",
            "hip-thrust",
            "single-leg-glute-bridge",
        ]
        linked = [
            b in bs.catalog.get(a).harder for a, b in itertools.pairwise(chain)
        ]

        assert [True, True] == linked
        assert "barbell-hip-thrust" in bs.catalog.get("hip-thrust").harder

    def test_calibrated_tasks(self) -> None:
        """The floor exercises with a published value use it."""
        expected = {
            "mcgill-curl-up": bs.CalibratedTask.CURL_UP,
            "partial-crunch": bs.CalibratedTask.CURL_UP,
            "side-bridge": bs.CalibratedTask.SIDE_BRIDGE,
            "bird-dog": bs.CalibratedTask.BIRD_DOG,
            "quadruped-leg-extension": (
                bs.CalibratedTask.QUADRUPED_LEG_EXTENSION
            ),
            "bent-knee-sit-up": bs.CalibratedTask.BENT_KNEE_SIT_UP,
            "straight-leg-sit-up": bs.CalibratedTask.STRAIGHT_LEG_SIT_UP,
            "prone-superman": bs.CalibratedTask.PRONE_SUPERMAN,
        }
        actual = {e.slug: e.task for e in bs.catalog if e.task is not None}

        assert expected == actual

    def test_lying_postures_lean_ninety_degrees(self) -> None:
        """Supine, prone, side-lying and quadruped entries are at 90°."""
        lying = {
            bs.Support.SUPINE,
            bs.Support.PRONE,
            bs.Support.SIDE_LYING,
            bs.Support.QUADRUPED,
        }
        leans = {
            (e.lean_min.degrees, e.lean_max.degrees)
            for e in bs.catalog
            if e.support in lying
        }

        assert {(90.0, 90.0)} == leans

    def test_leg_shares_follow_the_stance(self) -> None:
        """Shares are 0.5 bilateral, 0.75/0.85 split, 1.0 single-leg."""
        allowed = {
            bs.Stance.BILATERAL: {k.BILATERAL_LEG_SHARE},
            bs.Stance.SPLIT: {
                k.SPLIT_STANCE_LEAD_LEG_SHARE,
                k.REAR_FOOT_ELEVATED_LEAD_LEG_SHARE,
            },
            bs.Stance.SINGLE_LEG: {k.SINGLE_LEG_SHARE},
        }
        bad = [
            e.slug
            for e in bs.catalog
            if e.working_leg_share not in allowed[e.stance]
        ]

        assert [] == bad

    def test_rear_foot_elevated_share(self) -> None:
        """The rear-foot-elevated split squat puts 85 % on the lead leg."""
        exercise = bs.catalog.get("rear-foot-elevated-split-squat")

        assert k.REAR_FOOT_ELEVATED_LEAD_LEG_SHARE == (
            exercise.working_leg_share
        )

    def test_every_entry_has_cues_and_sources(self) -> None:
        """No entry lacks cues, cautions or sources."""
        bare = [
            e.slug
            for e in bs.catalog
            if not (e.cues and e.cautions and e.sources)
        ]

        assert [] == bare

    def test_standing_leans_are_marked_as_estimates(self) -> None:
        """Free-standing entries say their lean is an estimate."""
        unmarked = [
            e.slug
            for e in bs.catalog
            if e.support is bs.Support.FREE_STANDING
            and not any("estimate" in s for s in e.sources)
        ]

        assert [] == unmarked

    def test_big_three_are_dosed_as_holds(self) -> None:
        """The McGill big three and their regressions take iso holds."""
        holds = {
            e.slug for e in bs.catalog if bs.TrainingMode.ISO_HOLDS in e.modes
        }

        assert {
            "mcgill-curl-up",
            "side-bridge",
            "side-bridge-knees",
            "bird-dog",
            "quadruped-leg-extension",
        } == holds

    def test_stretches_and_stretch_mode_go_together(self) -> None:
        """Stretches, and only stretches, are dosed as stretches."""
        mismatched = [
            e.slug
            for e in bs.catalog
            if (e.pattern is bs.MovementPattern.STRETCH)
            != (e.modes == frozenset({bs.TrainingMode.STRETCH}))
        ]

        assert [] == mismatched

    def test_loaded_flexion_is_flexion(self) -> None:
        """Loaded spinal flexion always carries the flexion flag too."""
        bad = [
            e.slug
            for e in bs.catalog
            if bs.ExerciseFlag.LOADED_SPINAL_FLEXION in e.flags
            and bs.ExerciseFlag.SPINAL_FLEXION not in e.flags
        ]

        assert [] == bad

    def test_curl_up_is_flagged_for_morning_scheduling(self) -> None:
        """The curl-up flexes the spine, so mornings must avoid it."""
        flags = bs.catalog.get("mcgill-curl-up").flags

        assert bs.ExerciseFlag.SPINAL_FLEXION in flags

    @pytest.mark.parametrize(
        ("slug", "tier"),
        [
            ("mcgill-curl-up", 0),
            ("glute-bridge", 0),
            ("modified-single-leg-raise", 0),
            ("leg-extension", 1),
            ("seated-leg-curl", 1),
            ("stability-ball-hamstring-curl", 1),
            ("split-squat", 1),
            ("step-up", 1),
            ("goblet-squat", 2),
            ("front-squat", 2),
            ("high-bar-back-squat", 2),
            ("barbell-hip-thrust", 2),
            ("low-bar-back-squat", 3),
            ("conventional-deadlift", 3),
            ("romanian-deadlift", 3),
            ("bent-knee-sit-up", 3),
            ("double-leg-raise", 3),
            ("prone-superman", 3),
        ],
    )
    def test_tiers_follow_the_clinical_rules(
        self, slug: str, tier: int
    ) -> None:
        """Tiers match the clinical rules' tier table (section 9.2)."""
        assert tier == bs.catalog.get(slug).tier

    def test_data_file_ships_in_the_package(self) -> None:
        """The TOML file is a package resource."""
        data = files("backsafe.exercises").joinpath("_data", "exercises.toml")

        assert data.is_file()

    def test_import_does_not_parse_the_catalog(self) -> None:
        """`import backsafe` leaves the catalog unloaded until first use."""
        code = (
            "import sys, backsafe; "
            "print('backsafe.exercises._catalog_io' in sys.modules, "
            "'backsafe.exercises._catalog' in sys.modules)"
        )
        out = run_fresh(code)

        assert "False False" == out

    def test_catalog_class_does_not_parse_the_catalog(self) -> None:
        """Using `backsafe.Catalog` reads no file until `backsafe.catalog`."""
        code = (
            "import sys, backsafe; backsafe.Catalog; "
            "from backsafe.exercises import _catalog; "
            "print('catalog' in vars(_catalog), 'cattrs' in sys.modules, "
            "len(backsafe.catalog) > 0, 'catalog' in vars(_catalog))"
        )
        out = run_fresh(code)

        assert "False False True True" == out

    def test_is_one_object(self) -> None:
        """Every access gives the same catalog."""
        from backsafe import catalog  # noqa: PLC0415

        assert catalog is bs.catalog


class TestEvidenceOrdering:
    @given(body=training_bodies(), load=st.floats(1.0, 250.0))
    def test_low_bar_above_high_bar_above_front(
        self, body: bs.Body, load: float
    ) -> None:
        """At equal load the low bar loads the spine most (Glassbrook)."""
        low, high, front = (
            bs.score(bs.catalog.get(slug), body, load_kg=load).compression_n
            for slug in (
                "low-bar-back-squat",
                "high-bar-back-squat",
                "front-squat",
            )
        )

        assert low > high > front

    @given(
        body=training_bodies(),
        load=st.floats(20.0, 250.0),
        slug=st.sampled_from(
            [
                "split-squat",
                "rear-foot-elevated-split-squat",
                "reverse-lunge",
                "step-up",
            ]
        ),
    )
    def test_back_squat_above_unilateral_at_equal_leg_work(
        self, body: bs.Body, load: float, slug: str
    ) -> None:
        """At equal leg work, single-leg work loads the spine less."""
        squat = bs.catalog.get("high-bar-back-squat")
        other = bs.catalog.get(slug)
        other_load = bs.equivalent_load(squat, load, other, body, step_kg=0)

        assert (
            bs.score(squat, body, load_kg=load).compression_n
            > bs.score(other, body, load_kg=other_load).compression_n
        )

    @given(
        body=training_bodies(),
        load=st.floats(20.0, 250.0),
        squat=st.sampled_from(["high-bar-back-squat", "low-bar-back-squat"]),
    )
    def test_split_squat_below_back_squat_at_equal_leg_work(
        self, body: bs.Body, load: float, squat: str
    ) -> None:
        """At exactly equal leg work the split squat loads the spine less."""
        back = bs.catalog.get(squat)
        split = bs.catalog.get("split-squat")
        split_load = bs.equivalent_load(back, load, split, body, step_kg=0)

        assert (
            bs.score(back, body, load_kg=load).compression_n
            > bs.score(split, body, load_kg=split_load).compression_n
        )

    @given(body=training_bodies())
    def test_floor_exercises_follow_the_mcgill_ranking(
        self, body: bs.Body
    ) -> None:
        """Curl-up < side bridge < bird-dog < sit-ups < superman."""
        order = [
            "mcgill-curl-up",
            "side-bridge",
            "bird-dog",
            "bent-knee-sit-up",
            "straight-leg-sit-up",
            "prone-superman",
        ]
        values = [
            bs.score(bs.catalog.get(slug), body).compression_n
            for slug in order
        ]

        assert sorted(values) == values
        assert len(set(values)) == len(values)

    @given(body=training_bodies(), load=st.floats(1.0, 250.0))
    def test_deadlift_above_hip_thrust(
        self, body: bs.Body, load: float
    ) -> None:
        """A bar in the hands loads the spine; a bar on the hips does not."""
        deadlift = bs.score(
            bs.catalog.get("conventional-deadlift"), body, load_kg=load
        )
        thrust = bs.score(
            bs.catalog.get("barbell-hip-thrust"), body, load_kg=load
        )

        assert deadlift.compression_n > thrust.compression_n

    @given(body=training_bodies(), load=st.floats(1.0, 100.0))
    def test_walking_lunge_not_below_static_lunge(
        self, body: bs.Body, load: float
    ) -> None:
        """Walking lunges lean more than split squats (Bezerra 2021)."""
        walking = bs.score(bs.catalog.get("walking-lunge"), body, load_kg=load)
        split = bs.score(bs.catalog.get("split-squat"), body, load_kg=load)

        assert walking.compression_n > split.compression_n


class TestGet:
    def test_returns_the_exercise(self) -> None:
        """A known slug gives its exercise."""
        assert "split-squat" == bs.catalog.get("split-squat").slug

    def test_unknown_slug_suggests_the_nearest(self) -> None:
        """A typo gives an error that names the nearest slugs."""
        with pytest.raises(bs.UnknownExerciseError) as info:
            bs.catalog.get("split-sqat")

        assert "split-squat" == info.value.suggestions[0]
        assert "split-squat" in str(info.value)

    def test_alias_leads_to_its_slug(self) -> None:
        """An alias, slugified, suggests the exercise it names."""
        with pytest.raises(bs.UnknownExerciseError) as info:
            bs.catalog.get("bulgarian-split-squat")

        assert "rear-foot-elevated-split-squat" == info.value.suggestions[0]

    def test_far_slug_suggests_nothing(self) -> None:
        """A slug near nothing gives no suggestions."""
        with pytest.raises(bs.UnknownExerciseError) as info:
            bs.catalog.get("zzzzzz")

        assert () == info.value.suggestions

    def test_non_string_is_an_unknown_slug(self) -> None:
        """A non-string slug raises the library's error."""
        with pytest.raises(bs.UnknownExerciseError):
            bs.catalog.get(42)  # type: ignore[arg-type]

    def test_error_is_a_value_error(self) -> None:
        """UnknownExerciseError is an InvalidInputError and a ValueError."""
        with pytest.raises(ValueError, match="unknown exercise slug"):
            bs.catalog.get("nope")


class TestCollection:
    def test_iterates_in_file_order(self) -> None:
        """Iteration follows the file."""
        assert bs.catalog.slugs == tuple(e.slug for e in bs.catalog)

    def test_length(self) -> None:
        """len() counts the exercises."""
        assert len(bs.catalog.exercises) == len(bs.catalog)

    def test_contains_slugs_and_exercises(self) -> None:
        """`in` works with slugs and with exercises."""
        split = bs.catalog.get("split-squat")
        changed = attrs.evolve(split, name="Other")

        assert "split-squat" in bs.catalog
        assert split in bs.catalog
        assert changed not in bs.catalog
        assert "nope" not in bs.catalog
        assert 3 not in bs.catalog

    def test_repr_is_short(self) -> None:
        """The repr names the size and the first slugs only."""
        text = repr(bs.catalog)

        assert text.startswith(f"<Catalog: {len(bs.catalog)} exercises: ")
        assert len(text) < 200

    def test_repr_of_one(self) -> None:
        """A catalog of one says 'exercise'."""
        one = bs.Catalog.from_dict(_doc(MINIMAL))

        assert "<Catalog: 1 exercise: wall-sit>" == repr(one)

    def test_is_immutable(self) -> None:
        """A catalog cannot be changed."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            bs.catalog.exercises = ()  # type: ignore[misc]

    def test_needs_exercises(self) -> None:
        """Anything but a tuple of exercises is refused."""
        with pytest.raises(bs.InvalidInputError, match=r"Catalog\.exercises"):
            bs.Catalog(exercises=["split-squat"])  # type: ignore[arg-type]

    def test_equal_catalogs_are_equal(self) -> None:
        """Catalogs compare by their exercises."""
        again = bs.Catalog(exercises=bs.catalog.exercises)

        assert again == bs.catalog
        assert hash(again) == hash(bs.catalog)


class TestFilter:
    def test_by_pattern_and_tier(self) -> None:
        """Pattern and tier combine."""
        found = bs.catalog.filter(pattern="lunge", tier=1)

        assert ["split-squat", "reverse-lunge", "forward-lunge"] == [
            e.slug for e in found
        ]

    def test_by_stance(self) -> None:
        """Stance filters accept members."""
        found = bs.catalog.filter(stance=bs.Stance.SINGLE_LEG)

        assert all(e.stance is bs.Stance.SINGLE_LEG for e in found)
        assert "step-up" in {e.slug for e in found}

    def test_by_muscle(self) -> None:
        """A muscle filter keeps exercises with it as a primary muscle."""
        found = bs.catalog.filter(muscle="gluteus-medius")

        assert ["side-lying-leg-lift"] == [e.slug for e in found]

    def test_by_max_tier(self) -> None:
        """max_tier keeps that tier and below."""
        found = bs.catalog.filter(max_tier=0)

        assert found
        assert all(e.tier == 0 for e in found)

    def test_by_equipment_at_hand(self) -> None:
        """With dumbbells only, nothing needs a machine, bench or ball."""
        found = bs.catalog.filter(equipment="dumbbell", load_kg=10)
        needs = set().union(*(e.equipment for e in found))

        assert not needs & {
            bs.Equipment.MACHINE,
            bs.Equipment.BENCH,
            bs.Equipment.BOX,
            bs.Equipment.STABILITY_BALL,
            bs.Equipment.CABLE,
            bs.Equipment.BARBELL,
        } - {bs.Equipment.BARBELL}
        assert "split-squat" in {e.slug for e in found}
        assert "romanian-deadlift" in {e.slug for e in found}
        assert "low-bar-back-squat" not in {e.slug for e in found}

    def test_free_weights_are_needed_only_with_a_load(self) -> None:
        """Without a load, a dumbbell exercise needs no dumbbell."""
        bare = {e.slug for e in bs.catalog.filter(equipment=[])}

        assert "split-squat" in bare
        assert "goblet-squat" in bare
        assert "leg-press" not in bare

    def test_by_max_level(self) -> None:
        """max_level scores each exercise for the body and load."""
        body = bs.Body(mass_kg=80, height_m=1.78)
        found = bs.catalog.filter(max_level="low", body=body, load_kg=100)

        assert "split-squat" in {e.slug for e in found}
        assert "low-bar-back-squat" not in {e.slug for e in found}
        assert all(
            bs.score(e, body, load_kg=100 if e.takes_load else 0).level
            is bs.StressLevel.LOW
            for e in found
        )

    def test_max_level_needs_a_body(self) -> None:
        """max_level without a body is refused."""
        with pytest.raises(bs.InvalidInputError, match="body must be a Body"):
            bs.catalog.filter(max_level=bs.StressLevel.LOW)

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"pattern": "jump"},
            {"stance": 3},
            {"equipment": "anvil"},
            {"equipment": 5},
            {"muscle": "biceps"},
            {"tier": 4},
            {"max_tier": -1},
            {"load_kg": float("nan")},
            {"max_level": "severe", "body": bs.Body(mass_kg=80, height_m=1.8)},
        ],
    )
    def test_bad_values_raise(self, kwargs: dict[str, object]) -> None:
        """Unknown values raise InvalidInputError."""
        with pytest.raises(bs.InvalidInputError):
            bs.catalog.filter(**kwargs)  # type: ignore[arg-type]

    def test_no_criteria_gives_everything(self) -> None:
        """Without criteria every exercise is returned."""
        assert bs.catalog.exercises == bs.catalog.filter()


class TestCustomCatalog:
    @given(exercise=catalog_exercises())
    def test_an_entry_reads_like_a_from_dict_document(
        self, exercise: bs.Exercise
    ) -> None:
        """A catalog entry is the from_dict document with the lean renamed."""
        document = bs.to_dict(exercise)
        del document["schema_version"]
        entry = {
            **{k: v for k, v in document.items() if k[:4] != "lean"},
            "lean_min_deg": document["lean_min"]["degrees"],
            "lean_max_deg": document["lean_max"]["degrees"],
        }
        entry.update(easier=[], harder=[])

        read = bs.Catalog.from_dict(_doc(entry)).get(exercise.slug)

        assert attrs.evolve(exercise, easier=(), harder=()) == read

    def test_entries_and_from_dict_agree_on_problems(self) -> None:
        """A value from_dict refuses is refused in a catalog entry too."""
        entry = {**MINIMAL, "working_leg_share": "0.5"}
        document = {
            "schema_version": 1,
            **{k: v for k, v in MINIMAL.items() if k[:4] != "lean"},
            "lean_min": {"degrees": 0},
            "lean_max": {"degrees": 5},
            "working_leg_share": "0.5",
        }

        with pytest.raises(bs.CatalogError, match="must be a number"):
            bs.Catalog.from_dict(_doc(entry))
        with pytest.raises(bs.InvalidDataError, match="expected a number"):
            bs.from_dict(document, bs.Exercise)

    def test_from_dict(self) -> None:
        """A minimal entry loads with the defaults."""
        custom = bs.Catalog.from_dict(_doc(MINIMAL))
        wall = custom.get("wall-sit")

        assert (5.0, 0.5, 0) == (
            wall.lean_max.degrees,
            wall.working_leg_share,
            wall.tier,
        )

    def test_from_json(self) -> None:
        """JSON text loads like the TOML."""
        custom = bs.Catalog.from_json(json.dumps(_doc(MINIMAL)))

        assert ("wall-sit",) == custom.slugs

    def test_from_json_bytes(self) -> None:
        """UTF-8 bytes load too."""
        custom = bs.Catalog.from_json(json.dumps(_doc(MINIMAL)).encode())

        assert ("wall-sit",) == custom.slugs

    def test_schema_version_is_optional(self) -> None:
        """A document without schema_version is read as version 1."""
        custom = bs.Catalog.from_dict({"exercises": [MINIMAL]})

        assert 1 == len(custom)

    def test_read_file_toml_and_json(self, tmp_path: Path) -> None:
        """read_file picks the format by the suffix."""
        data = files("backsafe.exercises").joinpath("_data", "exercises.toml")
        toml_file = tmp_path / "mine.toml"
        toml_file.write_text(data.read_text(encoding="utf-8"))
        json_file = tmp_path / "mine.JSON"
        json_file.write_text(json.dumps(_doc(MINIMAL)))

        assert bs.catalog == bs.Catalog.read_file(toml_file)
        assert ("wall-sit",) == bs.Catalog.read_file(str(json_file)).slugs

    def test_read_file_refuses_other_suffixes(self, tmp_path: Path) -> None:
        """A .yaml file is refused."""
        with pytest.raises(bs.CatalogError, match=r"\.toml or \.json"):
            bs.Catalog.read_file(tmp_path / "mine.yaml")

    def test_read_file_path_must_be_a_path(self) -> None:
        """A path that is not a str or os.PathLike is refused."""
        with pytest.raises(bs.InvalidInputError, match="path must be"):
            bs.Catalog.read_file(3)  # type: ignore[arg-type]

    def test_read_file_missing(self, tmp_path: Path) -> None:
        """A missing file raises CatalogError, not OSError."""
        with pytest.raises(bs.CatalogError, match="cannot read"):
            bs.Catalog.read_file(tmp_path / "missing.toml")

    def test_oversized_file_is_refused_before_parsing(
        self, tmp_path: Path
    ) -> None:
        """A file over the limit is refused by size, not by a parse error."""
        big = tmp_path / "big.toml"
        big.write_text("not toml at all " * 100)

        with pytest.raises(bs.CatalogError, match="at most 100 are accepted"):
            bs.Catalog.read_file(big, max_bytes=100)

    def test_oversized_text_is_refused_before_parsing(self) -> None:
        """Text over the limit is refused by size."""
        with pytest.raises(bs.CatalogError, match="bytes; at most"):
            bs.Catalog.from_toml("x" * 101, max_bytes=100)

    def test_default_limit(self) -> None:
        """The default limit is two megabytes."""
        text = " " * (_catalog_io.MAX_CATALOG_BYTES + 1)

        with pytest.raises(bs.CatalogError, match="bytes; at most"):
            bs.Catalog.from_json(text)

    @pytest.mark.parametrize("max_bytes", [0, -1, 1.5, True])
    def test_bad_limit(self, max_bytes: object) -> None:
        """The limit must be a positive int."""
        with pytest.raises(bs.InvalidInputError, match="max_bytes"):
            bs.Catalog.from_toml("", max_bytes=max_bytes)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("text", "match"),
        [
            ("[[exercises]\n", "not valid TOML"),
            (b"\xff\xfe", "not UTF-8"),
        ],
    )
    def test_bad_toml(self, text: str | bytes, match: str) -> None:
        """Broken TOML raises CatalogError."""
        with pytest.raises(bs.CatalogError, match=match):
            bs.Catalog.from_toml(text)

    @pytest.mark.parametrize(
        "text", ["{", '{"exercises": [NaN]}', "[" * 100_000]
    )
    def test_bad_json(self, text: str) -> None:
        """Broken JSON, NaN and deep nesting raise CatalogError."""
        with pytest.raises(bs.CatalogError, match="not valid JSON"):
            bs.Catalog.from_json(text)

    def test_text_must_be_text(self) -> None:
        """Anything but str or bytes is refused."""
        with pytest.raises(bs.InvalidInputError, match="text must be"):
            bs.Catalog.from_toml(None)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("document", "match"),
        [
            ([], "must be a table"),
            ({"exercises": [], "extra": 1}, "unknown keys"),
            ({"schema_version": 2, "exercises": []}, "schema_version"),
            ({"schema_version": True, "exercises": []}, "schema_version"),
            ({"exercises": {}}, "'exercises' must be a list"),
            ({}, "'exercises' must be a list"),
        ],
    )
    def test_bad_documents(self, document: object, match: str) -> None:
        """A malformed document raises CatalogError."""
        with pytest.raises(bs.CatalogError, match=match):
            bs.Catalog.from_dict(document)

    def test_too_many_entries(self) -> None:
        """More entries than the limit are refused."""
        many: dict[str, object] = {
            "exercises": [{}] * (_catalog_io.MAX_CATALOG_ENTRIES + 1)
        }

        with pytest.raises(bs.CatalogError, match="at most 10000"):
            bs.Catalog.from_dict(many)

    @pytest.mark.parametrize(
        ("change", "field", "match"),
        [
            ({"lean_max_deg": 120}, "exercises[0].lean_max_deg", r"\[0, 90\]"),
            ({"lean_max_deg": "5"}, "exercises[0].lean_max_deg", "a number"),
            (
                {"lean_max_deg": float("inf")},
                "exercises[0].lean_max_deg",
                "a finite number",
            ),
            ({"tier": 7}, "exercises[0].tier", r"\[0, 3\]"),
            ({"tier": 1.0}, "exercises[0].tier", "an integer"),
            ({"pattern": "jump"}, "exercises[0].pattern", "one of"),
            ({"pattern": 3}, "exercises[0].pattern", "one of"),
            ({"equipment": "bodyweight"}, "exercises[0].equipment", "a list"),
            ({"equipment": []}, "exercises[0].equipment", "at least 1"),
            (
                {"primary_muscles": ["quadriceps", "quadriceps"]},
                "exercises[0].primary_muscles",
                "without repeats",
            ),
            ({"cues": [""]}, "exercises[0].cues", "1 to 400 characters"),
            ({"cues": [3]}, "exercises[0].cues", "a string"),
            ({"name": None}, "exercises[0].name", "a string"),
            ({"slug": "Wall Sit"}, "exercises[0].slug", "slug of lower-case"),
            ({"colour": "red"}, "exercises[0].colour", "not an Exercise"),
            ({"lean_min_deg": 10}, "exercises[0].lean_min_deg", "<= lean_max"),
            ({"task": "curl-up"}, "exercises[0].support", "'supine'"),
            (
                {"working_leg_share": 0},
                "exercises[0].working_leg_share",
                r"\(0, 1\]",
            ),
            (
                {"load_step_kg": 0},
                "exercises[0].load_step_kg",
                r"\(0, 50\] kg",
            ),
            (
                {"easier": ["wall-sit"]},
                "exercises[0].easier/harder",
                "not to itself",
            ),
        ],
    )
    def test_bad_entries_name_entry_and_field(
        self, change: dict[str, object], field: str, match: str
    ) -> None:
        """A bad field raises CatalogError naming the entry and the field."""
        entry = {**MINIMAL, **change}

        with pytest.raises(bs.CatalogError, match=match) as info:
            bs.Catalog.from_dict(_doc(entry))

        assert field == info.value.field
        assert "exercise #0 ('wall-sit')" in str(info.value) or (
            "exercise #0 (" in str(info.value)
        )

    def test_missing_field(self) -> None:
        """A missing required field is named."""
        entry = {k: v for k, v in MINIMAL.items() if k != "support"}

        with pytest.raises(bs.CatalogError, match="'support' must be given"):
            bs.Catalog.from_dict(_doc(entry))

    def test_entry_not_a_table(self) -> None:
        """An entry that is not a table names its index."""
        with pytest.raises(bs.CatalogError, match="exercise #1: entry"):
            bs.Catalog.from_dict(_doc(MINIMAL, "wall-sit"))  # type: ignore[arg-type]

    def test_duplicate_slugs_are_rejected(self) -> None:
        """Two entries with one slug are refused."""
        with pytest.raises(bs.CatalogError, match="duplicate") as info:
            bs.Catalog.from_dict(_doc(MINIMAL, MINIMAL))

        assert "exercises[1].slug" == info.value.field

    def test_unknown_links_are_rejected(self) -> None:
        """A link to a slug outside the catalog is refused."""
        entry = {**MINIMAL, "harder": ["split-squat"]}

        with pytest.raises(bs.CatalogError, match="unknown slug"):
            bs.Catalog.from_dict(_doc(entry))

    def test_cycles_are_rejected(self) -> None:
        """Links that lead back to the start are refused."""
        a = {**MINIMAL, "slug": "a", "harder": ["b"]}
        b = {**MINIMAL, "slug": "b", "harder": ["c"]}
        c = {**MINIMAL, "slug": "c", "harder": ["a"]}

        with pytest.raises(bs.CatalogError, match="cycle: a -> b -> c -> a"):
            bs.Catalog.from_dict(_doc(a, b, c))

    def test_two_way_contradiction_is_a_cycle(self) -> None:
        """An exercise both easier and harder than another is refused."""
        a = {**MINIMAL, "slug": "a", "harder": ["b"]}
        b = {**MINIMAL, "slug": "b", "harder": ["a"]}

        with pytest.raises(bs.CatalogError, match="cycle"):
            bs.Catalog.from_dict(_doc(a, b))

    def test_easier_links_count_for_cycles(self) -> None:
        """A cycle through easier links is found too."""
        a = {**MINIMAL, "slug": "a", "easier": ["b"]}
        b = {**MINIMAL, "slug": "b", "harder": ["a"], "easier": ["a"]}

        with pytest.raises(bs.CatalogError, match="cycle"):
            bs.Catalog.from_dict(_doc(a, b))

    @given(document=JSON_VALUES)
    def test_fuzzed_documents_raise_only_catalog_errors(
        self, document: object
    ) -> None:
        """Arbitrary JSON documents load or raise CatalogError."""
        with contextlib.suppress(bs.CatalogError):
            bs.Catalog.from_dict(document)

    @given(
        key=st.sampled_from(sorted(_catalog_io._KNOWN)),
        value=JSON_VALUES,
    )
    def test_fuzzed_fields_raise_only_catalog_errors(
        self, key: str, value: object
    ) -> None:
        """Any value in any field loads or raises CatalogError."""
        field: str | None = "loaded"
        try:
            bs.Catalog.from_dict(_doc({**MINIMAL, key: value}))
        except bs.CatalogError as err:
            field = err.field

        assert field is not None

    @given(text=st.text(max_size=200))
    def test_fuzzed_toml_raises_only_catalog_errors(self, text: str) -> None:
        """Arbitrary text loads or raises CatalogError."""
        with contextlib.suppress(bs.CatalogError):
            bs.Catalog.from_toml(text)


class TestExtend:
    def test_adds_exercises(self) -> None:
        """New exercises, linking to built-in ones, are added."""
        wall = attrs.evolve(
            bs.catalog.get("stability-ball-wall-squat"),
            slug="wall-sit",
            easier=("glute-bridge",),
            harder=(),
        )
        bigger = bs.catalog.extend([wall])

        assert len(bs.catalog) + 1 == len(bigger)
        assert wall is bigger.get("wall-sit")

    def test_takes_a_catalog(self) -> None:
        """Another catalog can be added."""
        other = bs.Catalog.from_dict(_doc(MINIMAL))

        assert "wall-sit" in bs.catalog.extend(other)

    def test_repeated_slugs_are_rejected(self) -> None:
        """Adding an existing slug is refused."""
        with pytest.raises(bs.CatalogError, match="duplicate"):
            bs.catalog.extend([bs.catalog.get("split-squat")])

    def test_replace(self) -> None:
        """replace=True swaps the exercise with the same slug."""
        renamed = attrs.evolve(bs.catalog.get("split-squat"), name="Splits")
        new = bs.catalog.extend([renamed], replace=True)

        assert "Splits" == new.get("split-squat").name
        assert len(bs.catalog) == len(new)

    def test_dangling_links_are_rejected(self) -> None:
        """An added exercise must link to known slugs."""
        wall = attrs.evolve(
            bs.catalog.get("split-squat"), slug="x", harder=("nope",)
        )

        with pytest.raises(bs.CatalogError, match="unknown slug 'nope'"):
            bs.catalog.extend([wall])

    def test_refuses_other_things(self) -> None:
        """Only exercises can be added."""
        with pytest.raises(bs.InvalidInputError, match="other must be"):
            bs.catalog.extend(["split-squat"])  # type: ignore[list-item]


class TestEquipmentRules:
    @given(exercise=catalog_exercises())
    def test_everything_is_doable_with_everything(
        self, exercise: bs.Exercise
    ) -> None:
        """With all equipment at hand, every exercise is doable."""
        assert _catalog.is_doable_with(
            exercise, frozenset(bs.Equipment), load_kg=50.0
        )

    def test_any_listed_free_weight_will_do(self) -> None:
        """A goblet squat takes a dumbbell or a kettlebell."""
        goblet = bs.catalog.get("goblet-squat")
        kettlebell = frozenset({bs.Equipment.KETTLEBELL})

        assert _catalog.is_doable_with(goblet, kettlebell, load_kg=16)
        assert not _catalog.is_doable_with(goblet, frozenset(), load_kg=16)


#: The founding article, beside the clone (``../shared/references``).
ARTICLE = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "references"
    / "founding-article.txt"
)
#: Our pages about the catalog, the leg day, the CLI and JSON.
OWN_PAGES = (
    "catalog.md",
    "howto-back-friendly-leg-day.md",
    "cli.md",
    "json.md",
)
#: Word runs this long shared with the article count as copied.
COPIED_WORDS = 5


def _words(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "").replace("'", "")
    return re.sub(r"[^a-z0-9 ]+", " ", text).split()


def _runs(text: str) -> set[tuple[str, ...]]:
    words = _words(text)
    return {
        tuple(words[i : i + COPIED_WORDS])
        for i in range(len(words) - COPIED_WORDS + 1)
    }


@pytest.fixture
def article() -> set[tuple[str, ...]]:
    """The article's five-word runs; skips when the file is not here."""
    if not ARTICLE.is_file():
        pytest.skip(f"{ARTICLE} is not here")
    return _runs(ARTICLE.read_text(encoding="utf-8"))


class TestOwnWords:
    def test_catalog_text_is_not_copied(
        self, article: set[tuple[str, ...]]
    ) -> None:
        """No cue, caution or source shares five words with the article."""
        copied = {
            (e.slug, " ".join(run))
            for e in bs.catalog
            for text in (*e.cues, *e.cautions, *e.sources)
            for run in _runs(text) & article
        }

        assert set() == copied

    def test_pages_are_not_copied(self, article: set[tuple[str, ...]]) -> None:
        """Our docs pages share no five-word run with the article."""
        docs = Path(__file__).resolve().parents[1] / "docs"
        copied = {
            (page, " ".join(run))
            for page in OWN_PAGES
            for run in _runs((docs / page).read_text(encoding="utf-8"))
            & article
        }

        assert set() == copied

    def test_the_check_finds_a_copy(
        self, article: set[tuple[str, ...]]
    ) -> None:
        """The check flags a sentence taken from the article."""
        assert _runs("Stop if you feel sharp pain or tingling.") & article
