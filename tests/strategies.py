"""Hypothesis strategies, one per domain type."""

from hypothesis import strategies as st

import backsafe as bs
from backsafe import _constants as k


def bodies(
    *,
    min_mass_kg: float = k.MIN_BODY_MASS_KG,
    max_mass_kg: float = k.MAX_BODY_MASS_KG,
    min_height_m: float = k.MIN_HEIGHT_M,
    max_height_m: float = k.MAX_HEIGHT_M,
) -> st.SearchStrategy[bs.Body]:
    """Valid bodies, with or without a sex."""
    return st.builds(
        bs.Body,
        mass_kg=st.floats(min_mass_kg, max_mass_kg),
        height_m=st.floats(min_height_m, max_height_m),
        sex=st.none() | st.sampled_from(bs.Sex),
    )


def torso_leans(
    *, min_value: float = 0.0, max_value: float = 90.0
) -> st.SearchStrategy[bs.TorsoLean]:
    """Valid trunk leans."""
    return st.builds(bs.TorsoLean, degrees=st.floats(min_value, max_value))


def loads_kg(
    *, min_value: float = 0.0, max_value: float = k.MAX_LOAD_KG
) -> st.SearchStrategy[float]:
    """Valid external loads."""
    return st.floats(min_value, max_value)


TRUNK_BORNE = [p for p in bs.LoadPlacement if p.is_trunk_borne]
NOT_TRUNK_BORNE = [p for p in bs.LoadPlacement if not p.is_trunk_borne]


@st.composite
def postures(
    draw: st.DrawFn,
    *,
    supports: list[bs.Support] | None = None,
    placements: list[bs.LoadPlacement] | None = None,
) -> bs.Posture:
    """Valid postures: cross-field rules hold (load needs a placement...)."""
    support = draw(st.sampled_from(supports or list(bs.Support)))
    placement = draw(st.sampled_from(placements or list(bs.LoadPlacement)))
    load = 0.0 if placement is bs.LoadPlacement.NONE else draw(loads_kg())
    reach = (
        draw(st.floats(0.0, k.MAX_REACH_M))
        if placement is bs.LoadPlacement.HANDS_REACH
        else 0.0
    )
    tasks = [t for t in bs.CalibratedTask if t.support is support]
    task = draw(st.none() | st.sampled_from(tasks)) if tasks else None
    return bs.Posture(
        lean=draw(torso_leans()),
        support=support,
        load_kg=load,
        placement=placement,
        reach_m=reach,
        task=task,
    )


def free_standing_postures(
    *, placements: list[bs.LoadPlacement] | None = None
) -> st.SearchStrategy[bs.Posture]:
    """Postures scored by the static model."""
    return postures(supports=[bs.Support.FREE_STANDING], placements=placements)


_SLUG_WORDS = st.sampled_from(
    ["split", "squat", "lunge", "bridge", "curl", "hold", "step", "press"]
)


def slugs() -> st.SearchStrategy[str]:
    """Valid exercise slugs."""
    return st.lists(_SLUG_WORDS, min_size=1, max_size=3).map("-".join)


@st.composite
def exercises(draw: st.DrawFn) -> bs.Exercise:
    """Valid exercises (not necessarily sensible ones)."""
    support = draw(st.sampled_from(bs.Support))
    tasks = [t for t in bs.CalibratedTask if t.support is support]
    task = draw(st.none() | st.sampled_from(tasks)) if tasks else None
    lean_a = draw(torso_leans())
    lean_b = draw(torso_leans())
    low, high = sorted([lean_a, lean_b], key=lambda lean: lean.degrees)
    placement = draw(st.sampled_from(bs.LoadPlacement))
    stance = draw(st.sampled_from(bs.Stance))
    return bs.Exercise(
        slug=draw(slugs()),
        name=draw(st.sampled_from(["Split squat", "Bridge", "Curl-up"])),
        pattern=draw(st.sampled_from(bs.MovementPattern)),
        stance=stance,
        equipment=draw(
            st.frozensets(st.sampled_from(bs.Equipment), min_size=1)
        ),
        placement=placement,
        support=support,
        lean_min=low,
        lean_max=high,
        primary_muscles=draw(
            st.frozensets(st.sampled_from(bs.Muscle), min_size=1)
        ),
        working_leg_share=draw(st.floats(0.01, 1.0)),
        tier=draw(st.integers(0, 3)),
        task=task,
        reach_m=(
            draw(st.floats(0.0, 1.0))
            if placement is bs.LoadPlacement.HANDS_REACH
            else 0.0
        ),
    )


#: Values that no numeric field accepts.
BAD_NUMBERS = st.sampled_from(
    [float("nan"), float("inf"), float("-inf"), -1.0, -1e-9, "80", None, True]
)


# --- Serialization (issue 5) -----------------------------------------------


@st.composite
def limits(draw: st.DrawFn) -> bs.Limits:
    """Valid limits: each action limit below its maximum."""
    compression = sorted(
        draw(st.lists(st.floats(1.0, 50_000.0), min_size=2, max_size=2))
    )
    shear = sorted(
        draw(st.lists(st.floats(1.0, 10_000.0), min_size=2, max_size=2))
    )
    if compression[0] == compression[1] or shear[0] == shear[1]:
        return bs.Limits()
    return bs.Limits(
        compression_action_n=compression[0],
        compression_maximum_n=compression[1],
        shear_action_n=shear[0],
        shear_maximum_n=shear[1],
    )


def spinal_loads() -> st.SearchStrategy[bs.SpinalLoad]:
    """Spinal loads as the model computes them."""
    return st.builds(bs.spinal_load, postures(), bodies(), limits=limits())


def load_contributions() -> st.SearchStrategy[bs.LoadContribution]:
    """Contributions as the model computes them."""
    return spinal_loads().flatmap(
        lambda load: st.sampled_from(load.contributions)
    )


#: Arbitrary JSON values, for fuzzing the readers.
JSON_VALUES: st.SearchStrategy[object] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
