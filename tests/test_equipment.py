"""Real equipment: the steps and upper bounds of a normal gym."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backsafe.exceptions import InvalidInputError
from backsafe.exercises._equipment import (
    KG_PER_LB,
    MACHINE_STACK_KG,
    WEIGHTED_EQUIPMENT,
    LoadUnit,
    available_loads_kg,
    max_load_kg,
    next_load,
    previous_load,
    round_down_to_equipment,
)
from backsafe.exercises._exercise import Equipment

KINDS = st.sampled_from(WEIGHTED_EQUIPMENT)
UNITS = st.sampled_from(list(LoadUnit))
KG = st.floats(min_value=0.0, max_value=600.0)


def test_dumbbell_pairs_in_kg() -> None:
    loads = available_loads_kg(Equipment.DUMBBELL)
    assert loads[:3] == (2.0, 4.0, 6.0)
    assert 28.0 in loads  # a pair of 14 kg dumbbells
    assert 45.0 in loads  # a pair of 22.5 kg dumbbells
    assert loads[-1] == 100.0
    single = available_loads_kg("dumbbell", count=1)
    assert single[0] == 1.0
    assert single[-1] == 50.0


def test_kettlebells_barbell_machines_cables() -> None:
    assert available_loads_kg("kettlebell")[:8] == (
        4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0, 20.0,
    )  # fmt: skip
    bar = available_loads_kg("barbell")
    assert bar[0] == 20.0
    assert all(b - a == pytest.approx(2.5) for a, b in itertools.pairwise(bar))
    assert max_load_kg("barbell") == 250.0
    assert max_load_kg("machine", machine="leg-press") == 200.0
    assert max_load_kg("machine", machine="leg-extension") == 100.0
    assert available_loads_kg("machine")[:2] == (5.0, 10.0)
    assert available_loads_kg("cable")[:2] == (2.5, 5.0)
    assert max_load_kg("kettlebell", count=2) == 80.0


def test_pounds() -> None:
    bar = available_loads_kg("barbell", unit=LoadUnit.LB)
    assert bar[0] == pytest.approx(45 * KG_PER_LB)
    assert max_load_kg("dumbbell", unit="lb", count=1) == pytest.approx(
        100 * KG_PER_LB
    )
    assert available_loads_kg("machine", unit="lb")[0] == pytest.approx(
        10 * KG_PER_LB
    )


def test_rounding_examples() -> None:
    assert round_down_to_equipment(27.0, "dumbbell") == 24.0
    assert round_down_to_equipment(28.0, "dumbbell") == 28.0
    assert round_down_to_equipment(1.0, "dumbbell") == 0.0
    assert round_down_to_equipment(500.0, "barbell") == 250.0
    assert (
        round_down_to_equipment(145.0, "machine", machine="leg-press") == 145.0
    )
    assert next_load(8.0, "dumbbell") == 10.0
    assert next_load(40.0, "dumbbell") == 45.0
    assert next_load(0.0, "kettlebell") == 4.0
    assert next_load(100.0, "machine", machine="leg-curl") is None
    assert previous_load(20.0, "barbell") is None
    assert previous_load(22.5, "barbell") == 20.0


@given(kind=KINDS, unit=UNITS, kg=KG)
def test_round_down_is_available_and_not_above(
    kind: Equipment, unit: LoadUnit, kg: float
) -> None:
    loads = available_loads_kg(kind, unit=unit)
    got = round_down_to_equipment(kg, kind, unit=unit)
    assert got == 0.0 or got in loads
    assert got <= max(kg, 0.0) + 1e-6
    assert got <= max_load_kg(kind, unit=unit)
    # Nothing available lies strictly between got and kg.
    assert not [x for x in loads if got + 1e-6 < x <= kg - 1e-6]


@given(kind=KINDS, unit=UNITS, kg=KG)
def test_next_and_previous_are_neighbours(
    kind: Equipment, unit: LoadUnit, kg: float
) -> None:
    loads = available_loads_kg(kind, unit=unit)
    up = next_load(kg, kind, unit=unit)
    down = previous_load(kg, kind, unit=unit)
    if up is None:
        assert kg >= loads[-1] - 1e-6
    else:
        assert up in loads
        assert up > kg
    if down is None:
        assert kg <= loads[0] + 1e-6
    else:
        assert down in loads
        assert down < kg


@given(kind=KINDS, unit=UNITS)
def test_loads_ascend_within_bounds(kind: Equipment, unit: LoadUnit) -> None:
    loads = available_loads_kg(kind, unit=unit)
    assert all(b > a for a, b in itertools.pairwise(loads))
    assert 0 < loads[0] <= loads[-1] == max_load_kg(kind, unit=unit)


_BAD = [
    (lambda: max_load_kg("mat"), "equipment"),
    (lambda: max_load_kg("anvil"), "equipment"),
    (lambda: max_load_kg("barbell", unit="stone"), "unit"),
    (lambda: max_load_kg("barbell", count=2), "count"),
    (lambda: max_load_kg("dumbbell", count=3), "count"),
    (lambda: max_load_kg("dumbbell", count=True), "count"),
    (lambda: max_load_kg("barbell", machine="leg-press"), "machine"),
    (lambda: max_load_kg("machine", machine="rowing"), "machine"),
    (lambda: next_load(-1.0, "barbell"), "kg"),
    (lambda: next_load(float("nan"), "barbell"), "kg"),
    (lambda: round_down_to_equipment(601.0, "barbell"), "kg"),
    (lambda: previous_load(True, "barbell"), "kg"),
]


@pytest.mark.parametrize(
    ("call", "field"), _BAD, ids=[str(i) for i in range(len(_BAD))]
)
def test_bad_input_names_the_field(call: object, field: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        call()  # type: ignore[operator]
    assert info.value.field == field
    assert info.value.allowed


def test_every_machine_type_has_a_bound() -> None:
    for machine in MACHINE_STACK_KG:
        assert (
            max_load_kg("machine", machine=machine)
            == MACHINE_STACK_KG[machine]
        )
        assert max_load_kg("machine", unit="lb", machine=machine) > 0
