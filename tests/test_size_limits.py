"""Limits scaled to body size, and the coaching layer judging by them.

The spine's tolerance grows with vertebral endplate area (Brinckmann,
Biggemann & Hilweg 1989), which scales as mass^(2/3) under geometric
similarity: `size_scaled_limits` multiplies every figure by
(mass / 80 kg)^(2/3). The coaching functions use it by default.
"""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import backsafe as bs
from backsafe.spine import _constants as k

PERSONAS = (
    bs.Body(mass_kg=62, height_m=1.65),
    bs.Body(mass_kg=80, height_m=1.78),
    bs.Body(mass_kg=110, height_m=1.85),
)
BASICS = ("bird-dog", "side-bridge-knees", "mcgill-curl-up", "glute-bridge")
FIGURES = (
    "compression_action_n",
    "compression_maximum_n",
    "shear_action_n",
    "shear_maximum_n",
)
masses = st.floats(k.MIN_BODY_MASS_KG, k.MAX_BODY_MASS_KG)
heights = st.floats(k.MIN_HEIGHT_M, k.MAX_HEIGHT_M)
bases = st.sampled_from(
    [
        bs.Limits(),
        bs.Limits(compression_action_n=2800.0),
        bs.dortmund_limits(age_years=45, sex="female"),
        bs.dortmund_limits(age_years=20, sex="male"),
    ]
)


class TestSizeScaledLimits:
    @given(a=masses, b=masses, height=heights, base=bases)
    def test_monotone_in_mass(
        self, a: float, b: float, height: float, base: bs.Limits
    ) -> None:
        """A heavier person never gets a stricter figure."""
        low, high = sorted((a, b))
        light = bs.size_scaled_limits(
            bs.Body(mass_kg=low, height_m=height), base=base
        )
        heavy = bs.size_scaled_limits(
            bs.Body(mass_kg=high, height_m=height), base=base
        )
        for name in FIGURES:
            assert getattr(light, name) <= getattr(heavy, name)

    @given(height=heights, base=bases)
    def test_the_base_at_the_reference_mass(
        self, height: float, base: bs.Limits
    ) -> None:
        """At 80 kg, any stature, the published limits apply unchanged."""
        body = bs.Body(mass_kg=80, height_m=height)

        assert base == bs.size_scaled_limits(body, base=base)

    @given(mass=masses, height=heights, base=bases)
    def test_every_figure_scales_by_mass_to_the_two_thirds(
        self, mass: float, height: float, base: bs.Limits
    ) -> None:
        """Each figure is the base times (mass / 80 kg)^(2/3)."""
        got = bs.size_scaled_limits(
            bs.Body(mass_kg=mass, height_m=height), base=base
        )
        factor = (mass / 80.0) ** (2 / 3)
        for name in FIGURES:
            assert getattr(got, name) == pytest.approx(
                getattr(base, name) * factor, abs=1e-5
            )

    def test_pinned_figures(self) -> None:
        """The personas' action limits (fails if the exponent moves)."""
        got = [
            round(bs.size_scaled_limits(b).compression_action_n)
            for b in PERSONAS
        ]

        assert [2869, 3400, 4204] == got
        assert 80.0 == k.LIMITS_REFERENCE_MASS_KG

    @pytest.mark.parametrize("body", [PERSONAS[0], PERSONAS[2]])
    def test_figures_are_given_to_the_micronewton(self, body: bs.Body) -> None:
        """Each figure is the base times the factor, rounded to 6 places
        (no further: a limit is not coarsened)."""
        got = bs.size_scaled_limits(body)
        factor = (body.mass_kg / 80.0) ** (2 / 3)
        for name in FIGURES:
            assert round(getattr(bs.Limits(), name) * factor, 6) == getattr(
                got, name
            )

    def test_limits_double_at_twice_the_endplate_area(self) -> None:
        """At 80 x 2^1.5 kg (226 kg) the factor is exactly 2: every figure
        doubles (only a factor of exactly 1 returns the base as it is)."""
        got = bs.size_scaled_limits(
            bs.Body(mass_kg=80.0 * 2.0**1.5, height_m=1.9)
        )
        assert (
            bs.Limits(
                compression_action_n=6800.0,
                compression_maximum_n=12800.0,
                shear_action_n=1000.0,
                shear_maximum_n=2000.0,
            )
            == got
        )

    def test_the_base_is_given_by_name(self) -> None:
        """`base` is keyword-only: a second positional argument is refused."""
        with pytest.raises(TypeError):
            bs.size_scaled_limits(PERSONAS[1], bs.Limits())  # type: ignore[call-arg]

    @pytest.mark.parametrize(
        ("args", "kwargs", "field"),
        [
            (("80 kg",), {}, "body"),
            ((PERSONAS[1],), {"base": 3400}, "base"),
            ((PERSONAS[1],), {"base": None}, "base"),
        ],
    )
    def test_bad_input(
        self, args: tuple[object, ...], kwargs: dict[str, object], field: str
    ) -> None:
        """A bad body or base names its field."""
        with pytest.raises(bs.InvalidInputError, match=field):
            bs.size_scaled_limits(*args, **kwargs)  # type: ignore[arg-type]


def _day() -> list[bs.WorkoutItem]:
    return [bs.WorkoutItem.from_slug(s, sets=3, reps=6) for s in BASICS]


class TestCoachingJudgesByThePerson:
    @pytest.mark.parametrize("phase", list(bs.Phase))
    @pytest.mark.parametrize("body", PERSONAS, ids=repr)
    def test_rewrite_keeps_the_basics(
        self, body: bs.Body, phase: bs.Phase
    ) -> None:
        """Bird-dog, side bridge on the knees, curl-up and glute bridge
        stay for every persona in every phase, as the main job rewrites."""
        rewrite = bs.rewrite_workout(
            _day(),
            body,
            max_tier=1 if phase is bs.Phase.ACUTE else 2,
            bodyweight_only=phase is bs.Phase.ACUTE,
            balanced=True,
        )

        assert () == rewrite.changes
        assert list(BASICS) == [i.exercise.slug for i in rewrite.workout.items]

    def test_niosh_explicitly_still_swaps_the_heavy_bird_dog(self) -> None:
        """The fixed NIOSH limits stay available: explicitly, the 110 kg
        person's bird-dog is elevated and replaced, as before."""
        rewrite = bs.rewrite_workout(_day(), PERSONAS[2], limits=bs.Limits())

        assert [0] == [c.index for c in rewrite.changes]
        assert "quadruped-leg-extension" == (
            rewrite.workout.items[0].exercise.slug
        )

    def test_the_reason_names_this_persons_limit(self) -> None:
        """A rewrite graded against the person's limits says so."""
        day = [
            bs.WorkoutItem.from_slug(
                "romanian-deadlift", sets=3, reps=8, load_kg=40
            )
        ]
        heavy = bs.rewrite_workout(day, PERSONAS[2])
        fixed = bs.rewrite_workout(day, PERSONAS[2], limits=bs.Limits())

        assert "against this person's limit (4,204 N for 110 kg)" in (
            heavy.changes[0].reason
        )
        assert "this person's" not in fixed.changes[0].reason

    @pytest.mark.parametrize("body", PERSONAS, ids=repr)
    def test_defaults_equal_the_persons_limits(self, body: bs.Body) -> None:
        """None means size_scaled_limits(body), for swaps, rewrites and
        plans alike."""
        mine = bs.size_scaled_limits(body)
        day = [
            bs.WorkoutItem.from_slug(
                "low-bar-back-squat", sets=4, reps=6, load_kg=60
            )
        ]

        assert bs.alternatives(
            "romanian-deadlift", body, load_kg=40
        ) == bs.alternatives(
            "romanian-deadlift", body, load_kg=40, limits=mine
        )
        assert bs.rewrite_workout(day, body).workout == (
            bs.rewrite_workout(day, body, limits=mine).workout
        )

        def planned(limits: bs.Limits | None) -> bs.Progression:
            return bs.generate_progression(
                "split-squat",
                body,
                phase=bs.Phase.SUBACUTE,
                mode=bs.TrainingMode.STRENGTH,
                start=dt.date(2026, 3, 2),
                weeks=8,
                limits=limits,
            )

        assert planned(None) == planned(mine)

    def test_the_plan_cap_is_the_persons_action_limit(self) -> None:
        """A subacute plan's spinal-load cap is the person's action
        limit: stricter at 62 kg, unchanged at 80 kg, higher at 110 kg."""
        caps = [
            bs.generate_progression(
                "glute-bridge",
                body,
                phase="subacute",
                mode="home-reps",
                start="2026-03-02",
                weeks=1,
            ).load_cap_n
            for body in PERSONAS
        ]

        assert caps == [
            bs.size_scaled_limits(b).compression_action_n for b in PERSONAS
        ]
        assert 3400.0 == caps[1]

    def test_bad_limits_are_refused(self) -> None:
        """Not a Limits (and not None) names the option."""
        with pytest.raises(bs.InvalidInputError, match="limits"):
            bs.alternatives(
                "split-squat",
                PERSONAS[1],
                limits=3400,  # type: ignore[arg-type]
            )
        with pytest.raises(bs.InvalidInputError, match="limits"):
            bs.generate_progression(
                "glute-bridge",
                PERSONAS[1],
                phase="acute",
                mode="home-reps",
                start="2026-03-02",
                limits="niosh",  # type: ignore[arg-type]
            )
