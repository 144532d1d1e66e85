"""The loads a normal gym really has: equipment steps and upper bounds.

A plan or a swap that says "add 3.1 kg" or "use a 160 kg dumbbell pair" is
advice nobody can follow. This module lists the loads that typical
commercial-gym equipment offers, in kilograms or pounds, and rounds a wanted
load to one of them.

All loads are *total external loads* in kilograms, as the catalog counts
them: a pair of 14 kg dumbbells is 28 kg, a barbell load includes the bar.
Pound equipment is converted at exactly 0.45359237 kg per lb.

The figures are **typical commercial-gym ranges, an estimate by the backsafe
authors** (from common dumbbell racks, kettlebell sets, Olympic bars and
plates, and selectorised machine stacks), not a survey of gyms; a home gym
or a strength club may have less or more. They bound what backsafe
suggests, never what a person may lift.

- Dumbbells: 1-10 kg in 1 kg steps, 12-20 kg in 2 kg steps, then 2.5 kg
  steps up to 50 kg each; in pounds 3, 5, 8, 10, 12 and 15 lb, then 5 lb
  steps up to 100 lb each. Used as a pair unless ``count=1``.
- Kettlebells: 4, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32, 36 and 40 kg; in
  pounds 10-60 lb in 5 lb steps, then 70, 80 and 90 lb. One bell unless
  ``count=2``.
- Barbell: a 20 kg bar and plate pairs down to 1.25 kg, so 2.5 kg steps
  from 20 to 250 kg; in pounds a 45 lb bar and 2.5 lb plate pairs, so 5 lb
  steps from 45 to 545 lb.
- Machine stacks: 5 kg (or 10 lb) plates, from one plate up to the
  machine's stack (`MACHINE_STACK_KG`), for example 200 kg (450 lb) for a
  leg press and 100 kg (220 lb) for a leg extension or leg curl.
- Cable stacks: 2.5 kg (or 5 lb) steps, with the add-on weight, up to 90 kg
  (200 lb).
"""

import enum
from collections.abc import Callable
from typing import Final

from backsafe import _validation as v
from backsafe.exceptions import InvalidInputError
from backsafe.exercises._exercise import Equipment
from backsafe.spine import _constants as k

__all__ = [
    "MACHINE_STACK_KG",
    "MACHINE_STACK_LB",
    "START_FRACTION",
    "WEIGHTED_EQUIPMENT",
    "LoadUnit",
    "available_loads_kg",
    "max_load_kg",
    "next_load",
    "previous_load",
    "round_down_to_equipment",
]


class LoadUnit(enum.StrEnum):
    """The unit a gym's weights are marked in.

    .. versionadded:: 0.1.0
    """

    KG = "kg"
    LB = "lb"


#: Kilograms per pound, exact by definition.
KG_PER_LB: Final = 0.45359237

#: A fraction of the equal-work load to start a swap or a new exercise at:
#: the equal-work load is a target to grow towards, not where a person in
#: pain starts. Half, in line with the conservative restarts of graded
#: loading after a flare (start well below the load that hurt, then add
#: weight in small steps); an estimate by the backsafe authors.
START_FRACTION: Final = 0.5

#: The equipment that carries an external load.
WEIGHTED_EQUIPMENT: Final = (
    Equipment.DUMBBELL,
    Equipment.KETTLEBELL,
    Equipment.BARBELL,
    Equipment.MACHINE,
    Equipment.CABLE,
)

#: Selectorised machine stacks (5 kg plates) by machine type, in kg; an
#: estimate of a typical commercial gym. ``"stack"`` is any other machine.
MACHINE_STACK_KG: Final[dict[str, float]] = {
    "leg-press": 200.0,
    "leg-extension": 100.0,
    "leg-curl": 100.0,
    "hip-abduction": 90.0,
    "stack": 100.0,
}

#: The same stacks marked in pounds (10 lb plates), in lb.
MACHINE_STACK_LB: Final[dict[str, float]] = {
    "leg-press": 450.0,
    "leg-extension": 220.0,
    "leg-curl": 220.0,
    "hip-abduction": 200.0,
    "stack": 220.0,
}


def _steps(start: float, stop: float, step: float) -> tuple[float, ...]:
    """Return start, start + step, ... up to stop (inclusive)."""
    count = round((stop - start) / step)
    return tuple(start + i * step for i in range(count + 1))


_DUMBBELL_KG: Final = (
    _steps(1.0, 10.0, 1.0) + _steps(12.0, 20.0, 2.0) + _steps(22.5, 50.0, 2.5)
)
_DUMBBELL_LB: Final = (3.0, 5.0, 8.0, 10.0, 12.0, *_steps(15.0, 100.0, 5.0))
_KETTLEBELL_KG: Final = (
    4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0,
    20.0, 24.0, 28.0, 32.0, 36.0, 40.0,
)  # fmt: skip
_KETTLEBELL_LB: Final = (*_steps(10.0, 60.0, 5.0), 70.0, 80.0, 90.0)
_BARBELL_KG: Final = _steps(20.0, 250.0, 2.5)
_BARBELL_LB: Final = _steps(45.0, 545.0, 5.0)
_CABLE_KG: Final = _steps(2.5, 90.0, 2.5)
_CABLE_LB: Final = _steps(5.0, 200.0, 5.0)

#: The largest count of identical implements used at once (a pair).
_MAX_COUNT: Final = 2


def _single_loads(
    equipment: Equipment, unit: LoadUnit, machine: str
) -> tuple[float, ...]:
    """The loads of one implement, in *unit*."""
    kg = unit is LoadUnit.KG
    if equipment is Equipment.DUMBBELL:
        return _DUMBBELL_KG if kg else _DUMBBELL_LB
    if equipment is Equipment.KETTLEBELL:
        return _KETTLEBELL_KG if kg else _KETTLEBELL_LB
    if equipment is Equipment.BARBELL:
        return _BARBELL_KG if kg else _BARBELL_LB
    if equipment is Equipment.CABLE:
        return _CABLE_KG if kg else _CABLE_LB
    if kg:
        return _steps(5.0, MACHINE_STACK_KG[machine], 5.0)
    return _steps(10.0, MACHINE_STACK_LB[machine], 10.0)


def _loads_kg(
    equipment: Equipment, unit: LoadUnit, count: int, machine: str
) -> tuple[float, ...]:
    """The total loads in kg, ascending, for trusted arguments."""
    factor = count * (1.0 if unit is LoadUnit.KG else KG_PER_LB)
    return tuple(
        round(x * factor, 6) for x in _single_loads(equipment, unit, machine)
    )


def _check(
    equipment: object,
    unit: object,
    count: object,
    machine: object,
) -> tuple[Equipment, LoadUnit, int, str]:
    """Validate the shared arguments once, at the boundary."""
    kind = v.coerce_member("equipment", equipment, Equipment)
    if kind not in WEIGHTED_EQUIPMENT:
        allowed = "one of " + v.all_members(WEIGHTED_EQUIPMENT)
        raise InvalidInputError.out_of_range("equipment", kind.value, allowed)
    u = v.coerce_member("unit", unit, LoadUnit)
    pairs = kind in {Equipment.DUMBBELL, Equipment.KETTLEBELL}
    if count is None:
        n = 2 if kind is Equipment.DUMBBELL else 1
    else:
        n = v.coerce_int(
            "count", count, min_value=1, max_value=_MAX_COUNT if pairs else 1
        )
    if machine is None:
        name = "stack"
    else:
        if kind is not Equipment.MACHINE:
            raise InvalidInputError.out_of_range(
                "machine", machine, "None unless equipment is 'machine'"
            )
        if not isinstance(machine, str) or machine not in MACHINE_STACK_KG:
            allowed = "one of " + ", ".join(map(repr, MACHINE_STACK_KG))
            raise InvalidInputError.out_of_range("machine", machine, allowed)
        name = machine
    return kind, u, n, name


def _check_kg(value: object) -> float:
    return v.coerce_real(
        "kg", value, min_value=0.0, max_value=k.MAX_LOAD_KG, unit="kg"
    )


def available_loads_kg(
    equipment: Equipment | str,
    *,
    unit: LoadUnit | str = LoadUnit.KG,
    count: int | None = None,
    machine: str | None = None,
) -> tuple[float, ...]:
    """Return every total load the equipment offers, in kg, ascending.

    Args:
        equipment: A weighted `Equipment` (dumbbell, kettlebell, barbell,
            machine or cable), or its string value.
        unit: What the gym's weights are marked in.
        count: How many implements at once: 1 or 2 for dumbbells (default
            2, a pair) and kettlebells (default 1); 1 for the rest.
        machine: For a machine, its type, a key of `MACHINE_STACK_KG`
            (default ``"stack"``, any other machine).

    Raises:
        InvalidInputError: If an argument is not one of those.

    >>> available_loads_kg("kettlebell")[:4]
    (4.0, 6.0, 8.0, 10.0)
    >>> available_loads_kg("dumbbell")[:3]
    (2.0, 4.0, 6.0)

    .. versionadded:: 0.1.0
    """
    return _loads_kg(*_check(equipment, unit, count, machine))


def max_load_kg(
    equipment: Equipment | str,
    *,
    unit: LoadUnit | str = LoadUnit.KG,
    count: int | None = None,
    machine: str | None = None,
) -> float:
    """Return the heaviest total load a normal gym's equipment offers, in kg.

    Arguments as for `available_loads_kg`.

    >>> max_load_kg("barbell")
    250.0
    >>> max_load_kg("machine", machine="leg-press")
    200.0

    .. versionadded:: 0.1.0
    """
    return _loads_kg(*_check(equipment, unit, count, machine))[-1]


def _pick(
    loads: tuple[float, ...], accept: Callable[[float], bool], *, last: bool
) -> float | None:
    chosen = [x for x in loads if accept(x)]
    if not chosen:
        return None
    return chosen[-1] if last else chosen[0]


#: Loads closer than this are the same load (float noise of conversions).
_TOLERANCE_KG: Final = 1e-6


def round_down_to_equipment(
    kg: float,
    equipment: Equipment | str,
    *,
    unit: LoadUnit | str = LoadUnit.KG,
    count: int | None = None,
    machine: str | None = None,
) -> float:
    """Return the heaviest load the equipment offers at or below *kg*.

    A load above the equipment's heaviest gives the heaviest; a load below
    its lightest gives 0.0: do the exercise without that equipment (body
    weight), as nothing lighter exists.

    Args:
        kg: The wanted total load in kg, in [0, 600].
        equipment: As for `available_loads_kg`, with *unit*, *count* and
            *machine*.
        unit: See `available_loads_kg`.
        count: See `available_loads_kg`.
        machine: See `available_loads_kg`.

    Raises:
        InvalidInputError: If an argument is out of range.

    >>> round_down_to_equipment(27.0, "dumbbell")
    24.0
    >>> round_down_to_equipment(33.0, "kettlebell")
    32.0
    >>> round_down_to_equipment(15.0, "barbell")
    0.0

    .. versionadded:: 0.1.0
    """
    want = _check_kg(kg)
    loads = _loads_kg(*_check(equipment, unit, count, machine))
    got = _pick(loads, lambda x: x <= want + _TOLERANCE_KG, last=True)
    return 0.0 if got is None else got


def next_load(
    kg: float,
    equipment: Equipment | str,
    *,
    unit: LoadUnit | str = LoadUnit.KG,
    count: int | None = None,
    machine: str | None = None,
) -> float | None:
    """Return the next heavier load the equipment offers above *kg*.

    ``None`` when *kg* is already at or above the heaviest: the person
    progresses by repetitions or by a harder exercise instead. Arguments as
    for `round_down_to_equipment`.

    >>> next_load(8.0, "dumbbell")
    10.0
    >>> next_load(20.0, "barbell")
    22.5
    >>> next_load(250.0, "barbell") is None
    True

    .. versionadded:: 0.1.0
    """
    want = _check_kg(kg)
    loads = _loads_kg(*_check(equipment, unit, count, machine))
    return _pick(loads, lambda x: x > want + _TOLERANCE_KG, last=False)


def previous_load(
    kg: float,
    equipment: Equipment | str,
    *,
    unit: LoadUnit | str = LoadUnit.KG,
    count: int | None = None,
    machine: str | None = None,
) -> float | None:
    """Return the next lighter load the equipment offers below *kg*.

    ``None`` when nothing lighter exists (step back to body weight).
    Arguments as for `round_down_to_equipment`.

    >>> previous_load(10.0, "dumbbell")
    8.0
    >>> previous_load(4.0, "kettlebell") is None
    True

    .. versionadded:: 0.1.0
    """
    want = _check_kg(kg)
    loads = _loads_kg(*_check(equipment, unit, count, machine))
    return _pick(loads, lambda x: x < want - _TOLERANCE_KG, last=True)
