"""The vocabularies, units and six multipliers of the lifting equation.

The formulas are the table under section 1.3 of the Applications Manual for
the Revised NIOSH Lifting Equation (NIOSH Publication 94-110, revised 2021,
p. 7); FM is Table 5 (p. 15) and CM Table 7 (p. 18). The functions below the
vocabularies trust their arguments: the public functions check them first.
"""

import bisect
import enum
import sys
from typing import Final, Literal, TypeVar, final

import attrs

from backsafe import _validation as v
from backsafe.daily import _tables as t
from backsafe.exceptions import InvalidInputError

#: A system of units: centimetres and kilograms, or inches and pounds.
Units = Literal["metric", "us"]

E = TypeVar("E", bound=enum.Enum)

# --- Vocabularies ----------------------------------------------------------


class LiftingDuration(enum.StrEnum):
    """How long the lifting goes on, with its recovery (manual pp. 13-14).

    Use `lifting_duration` to classify a work pattern.

    >>> from backsafe.daily._lifting import LiftingDuration
    >>> LiftingDuration("moderate")
    <LiftingDuration.MODERATE: 'moderate'>

    .. versionadded:: 0.1.0
    """

    SHORT = "short"
    """One hour or less, followed by a recovery at least as long."""
    MODERATE = "moderate"
    """One to two hours, followed by a recovery of at least 0.3 times it."""
    LONG = "long"
    """Two to eight hours, with the standard industrial rest breaks."""

    @property
    def rank(self) -> int:
        """0 for short, 1 for moderate, 2 for long."""
        return _DURATION_RANK[self]


_DURATION_RANK: Final = {
    LiftingDuration.SHORT: 0,
    LiftingDuration.MODERATE: 1,
    LiftingDuration.LONG: 2,
}


class Coupling(enum.StrEnum):
    """How well the hands hold the load (manual Tables 6 and 7, pp. 17-18).

    "If there is any doubt about classifying a particular coupling design,
    the more stressful classification should be selected" (p. 16). The
    summaries below follow the manual's decision tree (p. 18).

    .. versionadded:: 0.1.0
    """

    GOOD = "good"
    """An optimal container with optimal handles or hand-hold cut-outs, or
    a loose, not bulky object with an optimal grip."""
    FAIR = "fair"
    """An optimal container without optimal handles, or a loose object
    without an optimal grip, held with the fingers flexed about 90°."""
    POOR = "poor"
    """A less than optimal container, a bulky loose object, or a grip that
    cannot flex the fingers about 90° under the load."""


class LiftingFactor(enum.StrEnum):
    """One of the six task multipliers of the equation.

    >>> from backsafe.daily._lifting import LiftingFactor
    >>> LiftingFactor.HORIZONTAL.symbol
    'HM'

    .. versionadded:: 0.1.0
    """

    HORIZONTAL = "horizontal"
    """HM: how far in front of the ankles the hands hold the load."""
    VERTICAL = "vertical"
    """VM: how far the hands are from knuckle height (75 cm, 30 in)."""
    DISTANCE = "distance"
    """DM: how far the load travels up or down."""
    ASYMMETRY = "asymmetry"
    """AM: how far the load is to the side of the body's midline."""
    FREQUENCY = "frequency"
    """FM: how often and for how long the lifts repeat."""
    COUPLING = "coupling"
    """CM: how well the hands hold the load."""

    @property
    def symbol(self) -> str:
        """The manual's abbreviation, such as ``"HM"``."""
        return _SYMBOLS[self]


_SYMBOLS: Final = {
    LiftingFactor.HORIZONTAL: "HM",
    LiftingFactor.VERTICAL: "VM",
    LiftingFactor.DISTANCE: "DM",
    LiftingFactor.ASYMMETRY: "AM",
    LiftingFactor.FREQUENCY: "FM",
    LiftingFactor.COUPLING: "CM",
}


def coerce_member(name: str, value: object, cls: type[E]) -> E:
    """Return the member of *cls* that *value* is or names, else raise."""
    if isinstance(value, cls):
        return value
    if type(value) is str:
        for item in cls:
            if item.value == value:
                return item
    raise InvalidInputError.out_of_range(
        name,
        value,
        f"a {cls.__name__} member or one of {v.all_members(cls)}",
    )


def check_units(name: str, value: object) -> Units:
    """Return *value* if it is ``"metric"`` or ``"us"``, else raise."""
    if value == "metric" and type(value) is str:
        return "metric"
    if value == "us" and type(value) is str:
        return "us"
    raise InvalidInputError.out_of_range(name, value, "one of 'metric', 'us'")


# --- Systems of units ------------------------------------------------------


@final
@attrs.frozen(kw_only=True)
class UnitSystem:
    """The constants of one system of units (manual p. 7)."""

    load_constant: float
    h_min: float
    h_max: float
    v_optimum: float
    vm_slope: float
    v_max: float
    dm_numerator: float
    d_min: float
    d_max: float
    length: str
    mass: str
    max_load: float


METRIC: Final = UnitSystem(
    load_constant=t.LOAD_CONSTANT_KG,
    h_min=t.H_MIN_CM,
    h_max=t.H_MAX_CM,
    v_optimum=t.V_OPTIMUM_CM,
    vm_slope=t.VM_SLOPE_PER_CM,
    v_max=t.V_MAX_CM,
    dm_numerator=t.DM_NUMERATOR_CM,
    d_min=t.D_MIN_CM,
    d_max=t.D_MAX_CM,
    length="cm",
    mass="kg",
    max_load=1000.0,
)
US: Final = UnitSystem(
    load_constant=t.LOAD_CONSTANT_LB,
    h_min=t.H_MIN_IN,
    h_max=t.H_MAX_IN,
    v_optimum=t.V_OPTIMUM_IN,
    vm_slope=t.VM_SLOPE_PER_IN,
    v_max=t.V_MAX_IN,
    dm_numerator=t.DM_NUMERATOR_IN,
    d_min=t.D_MIN_IN,
    d_max=t.D_MAX_IN,
    length="in",
    mass="lb",
    max_load=2200.0,
)


def unit_system(units: Units) -> UnitSystem:
    """The constants for *units*."""
    return METRIC if units == "metric" else US


# --- The multipliers (trusting their arguments) -----------------------------


def horizontal_multiplier(s: UnitSystem, h: float) -> float:
    """HM = 25/H (cm) or 10/H (in); 1 when H is closer than that."""
    return 1.0 if h <= s.h_min else s.h_min / h


def vertical_multiplier(s: UnitSystem, vertical: float) -> float:
    """VM = 1 - 0.003 |V - 75| (cm) or 1 - 0.0075 |V - 30| (in)."""
    return 1.0 - s.vm_slope * abs(vertical - s.v_optimum)


def distance_multiplier(s: UnitSystem, d: float) -> float:
    """DM = 0.82 + 4.5/D (cm) or 0.82 + 1.8/D (in); 1 for short travel."""
    return 1.0 if d <= s.d_min else t.DM_BASE + s.dm_numerator / d


def asymmetric_multiplier(a: float) -> float:
    """AM = 1 - 0.0032 A, with A in degrees."""
    return 1.0 - t.AM_SLOPE_PER_DEG * a


def frequency_multiplier(
    duration: LiftingDuration, *, low: bool, frequency: float
) -> float:
    """FM from Table 5, linear between its rows (manual p. 7).

    *low* says the hands start below 75 cm (30 in). *frequency* must not
    exceed `max_frequency` for the column.
    """
    column = t.FREQUENCY_TABLE[duration.value, low]
    rows = t.FREQUENCY_ROWS
    if frequency <= rows[0]:
        return column[0]
    i = bisect.bisect_left(rows, frequency)
    if rows[i] == frequency:
        return column[i]
    share = (frequency - rows[i - 1]) / (rows[i] - rows[i - 1])
    return column[i - 1] + (column[i] - column[i - 1]) * share


def max_frequency(duration: LiftingDuration, *, low: bool) -> float:
    """The last row of a Table 5 column with a multiplier above zero."""
    column = t.FREQUENCY_TABLE[duration.value, low]
    last = max(i for i, fm in enumerate(column) if fm > 0)
    return t.FREQUENCY_ROWS[last]


def coupling_multiplier(coupling: Coupling, *, low: bool) -> float:
    """CM from Table 7; *low* says the hands are below 75 cm (30 in)."""
    below, above = t.COUPLING_TABLE[coupling.value]
    return below if low else above


def is_low(s: UnitSystem, vertical: float) -> bool:
    """Whether V is below the 75 cm (30 in) split of Tables 5 and 7."""
    return vertical < s.v_optimum


def check_frequency(
    name: str,
    value: object,
    duration: LiftingDuration,
    *,
    low: bool,
    s: UnitSystem,
) -> float:
    """Return F if it fits the Table 5 column the lift falls in, else raise.

    The column is chosen by *duration* and by V at the origin (*low*).
    """
    limit = max_frequency(duration, low=low)
    if v.is_real_in_range(value, 0.0, limit):
        return float(value)  # type: ignore[arg-type]
    if not v.is_real_in_range(value, 0.0, sys.float_info.max):
        check_rate(name, value)  # NaN, infinite, negative or not a number
    where = "below" if low else "at or above"
    raise InvalidInputError.out_of_range(
        name,
        value,
        f"a finite number in [0, {limit:g}] lifts/min for a"
        f" {duration.value} duration with the hands {where}"
        f" {s.v_optimum:g} {s.length} at the origin (NIOSH 94-110,"
        " Table 5)",
    )


def check_length(name: str, value: object, top: float, s: UnitSystem) -> float:
    """Return a length in [0, *top*] cm (in), else raise."""
    return v.check_real(
        name, value, min_value=0.0, max_value=top, unit=s.length
    )


def check_angle(name: str, value: object) -> float:
    """Return an asymmetry angle in [0, 135]°, else raise."""
    return v.check_real(
        name, value, min_value=0.0, max_value=t.A_MAX_DEG, unit="degrees"
    )


def check_rate(name: str, value: object) -> float:
    """Return a lift rate in [0, 15] lifts/min, else raise."""
    return v.check_real(
        name,
        value,
        min_value=0.0,
        max_value=t.F_MAX_PER_MIN,
        unit="lifts/min",
    )


def check_load(name: str, value: object, s: UnitSystem) -> float:
    """Return a load in [0, max] kg (lb), else raise."""
    return v.check_real(
        name, value, min_value=0.0, max_value=s.max_load, unit=s.mass
    )
