"""The revised NIOSH lifting equation for one lift.

RWL = LC x HM x VM x DM x AM x FM x CM, and the lifting index LI = load /
RWL (Waters, Putz-Anderson, Garg & Fine 1993; Applications Manual, NIOSH
Publication 94-110, revised 2021, p. 1 and p. 7). The constants and tables
live in `backsafe.daily._tables` with their page numbers.

Where the manual sets a multiplier to zero (H over 63 cm, V or D over
175 cm, A over 135°, F above the last row of its Table 5 column) backsafe
refuses the input instead: the lift is outside what the equation covers,
and a limit of zero would read as "lift nothing".
"""

from collections.abc import Iterable
from typing import Any, final

import attrs

from backsafe import _validation as v
from backsafe.daily._duration import (
    LiftingSession,
    lifting_duration,
    sampled_frequency,
)
from backsafe.daily._multipliers import (
    Coupling,
    LiftingDuration,
    LiftingFactor,
    Units,
    UnitSystem,
    asymmetric_multiplier,
    check_angle,
    check_frequency,
    check_length,
    check_load,
    check_rate,
    check_units,
    coerce_member,
    coupling_multiplier,
    distance_multiplier,
    frequency_multiplier,
    horizontal_multiplier,
    is_low,
    unit_system,
    vertical_multiplier,
)
from backsafe.exceptions import InvalidInputError

__all__ = [
    "Coupling",
    "LiftAnalysis",
    "LiftingDuration",
    "LiftingFactor",
    "LiftingSession",
    "LiftingTask",
    "RecommendedWeightLimit",
    "Units",
    "analyze_lift",
    "lifting_duration",
    "recommended_weight_limit",
    "sampled_frequency",
]


# --- The result of one lift -------------------------------------------------

#: Every multiplier of the equation lies in [0, 1].
_MULTIPLIER = v.real(0.0, 1.0)
#: A load or an index: finite and not negative.
_AMOUNT = v.real(0.0, 1e9)


def _units(
    instance: object, attribute: "attrs.Attribute[Any]", value: object
) -> None:
    check_units(v.field_name(instance, attribute), value)


@final
@attrs.frozen(kw_only=True)
class RecommendedWeightLimit:
    """The recommended weight limit at one end of a lift, with its parts.

    The multipliers are at full precision; the manual's worked examples
    round them to two decimals and the limit and index to one (p. 29).

    Attributes:
        units: ``"metric"`` (cm, kg) or ``"us"`` (in, lb).
        load_constant: LC, 23 kg or 51 lb.
        horizontal_multiplier: HM.
        vertical_multiplier: VM.
        distance_multiplier: DM.
        asymmetric_multiplier: AM.
        frequency_multiplier: FM.
        coupling_multiplier: CM.
        limit: The RWL, LC times the six multipliers, in kg or lb.
        load: The weight lifted, when given.
        lifting_index: LI = load / RWL, when a load is given.

    >>> from backsafe.daily._lifting import recommended_weight_limit
    >>> rwl = recommended_weight_limit(
    ...     horizontal=50, vertical=75, distance=25, frequency=0.2,
    ...     duration="short", coupling="good",
    ... )
    >>> rwl.limit, rwl.limiting_factor
    (11.5, <LiftingFactor.HORIZONTAL: 'horizontal'>)

    .. versionadded:: 0.1.0
    """

    units: Units = attrs.field(validator=_units)
    load_constant: float = attrs.field(validator=v.real(0.0, 100.0))
    horizontal_multiplier: float = attrs.field(validator=_MULTIPLIER)
    vertical_multiplier: float = attrs.field(validator=_MULTIPLIER)
    distance_multiplier: float = attrs.field(validator=_MULTIPLIER)
    asymmetric_multiplier: float = attrs.field(validator=_MULTIPLIER)
    frequency_multiplier: float = attrs.field(validator=_MULTIPLIER)
    coupling_multiplier: float = attrs.field(validator=_MULTIPLIER)
    limit: float = attrs.field(validator=v.real(0.0, 100.0))
    load: float | None = attrs.field(
        default=None, validator=attrs.validators.optional(_AMOUNT)
    )
    lifting_index: float | None = attrs.field(
        default=None, validator=attrs.validators.optional(_AMOUNT)
    )

    def _repr_html_(self) -> str:
        """Show the multipliers, the limit and the index in notebooks."""
        from backsafe.display import _html_daily as _display  # noqa: PLC0415 (an edge, imported on use)

        return _display.lift_html(self)

    @property
    def multipliers(self) -> dict[LiftingFactor, float]:
        """The six multipliers by factor, in the equation's order."""
        return {
            LiftingFactor.HORIZONTAL: self.horizontal_multiplier,
            LiftingFactor.VERTICAL: self.vertical_multiplier,
            LiftingFactor.DISTANCE: self.distance_multiplier,
            LiftingFactor.ASYMMETRY: self.asymmetric_multiplier,
            LiftingFactor.FREQUENCY: self.frequency_multiplier,
            LiftingFactor.COUPLING: self.coupling_multiplier,
        }

    @property
    def limiting_factor(self) -> LiftingFactor | None:
        """The factor with the smallest multiplier: what to change first.

        ``None`` when every multiplier is 1 (an ideal lift). Ties go to
        the factor that comes first in the equation.
        """
        factor, value = min(self.multipliers.items(), key=lambda kv: kv[1])
        return None if value >= 1.0 else factor

    @property
    def frequency_independent_limit(self) -> float:
        """The FIRWL: the limit with FM set to 1 (manual p. 26)."""
        m = self.multipliers
        m[LiftingFactor.FREQUENCY] = 1.0
        return _product(self.load_constant, m.values())

    @property
    def mass_unit(self) -> str:
        """``"kg"`` or ``"lb"``."""
        return unit_system(self.units).mass


def _product(load_constant: float, multipliers: Iterable[float]) -> float:
    result = load_constant
    for m in multipliers:
        result *= m
    return result


def point_limit(
    s: UnitSystem,
    units: Units,
    *,
    horizontal: float,
    vertical: float,
    distance: float,
    asymmetry: float,
    frequency: float,
    duration: LiftingDuration,
    coupling: Coupling,
    fm_low: bool,
    load: float | None,
) -> RecommendedWeightLimit:
    """Compute the limit at one point from checked arguments.

    *fm_low* picks the Table 5 column from V at the origin (p. 15); the
    coupling uses V at this point (Table 7; Example 4, p. 46).
    """
    hm = horizontal_multiplier(s, horizontal)
    vm = vertical_multiplier(s, vertical)
    dm = distance_multiplier(s, distance)
    am = asymmetric_multiplier(asymmetry)
    fm = frequency_multiplier(duration, low=fm_low, frequency=frequency)
    cm = coupling_multiplier(coupling, low=is_low(s, vertical))
    limit = _product(s.load_constant, (hm, vm, dm, am, fm, cm))
    return RecommendedWeightLimit(
        units=units,
        load_constant=s.load_constant,
        horizontal_multiplier=hm,
        vertical_multiplier=vm,
        distance_multiplier=dm,
        asymmetric_multiplier=am,
        frequency_multiplier=fm,
        coupling_multiplier=cm,
        limit=limit,
        load=load,
        lifting_index=None if load is None else load / limit,
    )


def recommended_weight_limit(
    *,
    horizontal: float,
    vertical: float,
    distance: float,
    frequency: float,
    duration: LiftingDuration | str,
    coupling: Coupling | str,
    asymmetry: float = 0.0,
    load: float | None = None,
    units: Units = "metric",
) -> RecommendedWeightLimit:
    """The recommended weight limit of a lift, measured at its origin.

    Args:
        horizontal: H, from the midpoint of the ankles to the hands, 0-63
            cm (0-25 in); closer than 25 cm (10 in) counts as 25 (10).
        vertical: V, the height of the hands above the floor, 0-175 cm
            (0-70 in).
        distance: D, how far the load travels vertically, 0-175 cm (0-70
            in); less than 25 cm (10 in) counts as 25 (10).
        frequency: F, lifts per minute averaged over 15 minutes (see
            `sampled_frequency`); below 0.2 counts as 0.2. At most the last
            row of the Table 5 column for *duration* and *vertical*.
        duration: A `LiftingDuration` or its value (see
            `lifting_duration`).
        coupling: A `Coupling` or its value.
        asymmetry: A, the angle of the load from the midline, 0-135°.
        load: The weight lifted, kg (lb), to get the lifting index.
        units: ``"metric"`` (cm, kg) or ``"us"`` (in, lb); each has the
            manual's own constants.

    Raises:
        InvalidInputError: An argument is outside the equation's range.

    >>> from backsafe.daily._lifting import recommended_weight_limit
    >>> ideal = recommended_weight_limit(
    ...     horizontal=25, vertical=75, distance=25, frequency=0.2,
    ...     duration="short", coupling="good", load=23,
    ... )
    >>> ideal.limit, ideal.lifting_index, ideal.limiting_factor
    (23.0, 1.0, None)

    .. versionadded:: 0.1.0
    """
    units = check_units("units", units)
    s = unit_system(units)
    h = check_length("horizontal", horizontal, s.h_max, s)
    vv = check_length("vertical", vertical, s.v_max, s)
    d = check_length("distance", distance, s.d_max, s)
    a = check_angle("asymmetry", asymmetry)
    dur = coerce_member("duration", duration, LiftingDuration)
    coup = coerce_member("coupling", coupling, Coupling)
    low = is_low(s, vv)
    f = check_frequency("frequency", frequency, dur, low=low, s=s)
    mass = None if load is None else check_load("load", load, s)
    return point_limit(
        s,
        units,
        horizontal=h,
        vertical=vv,
        distance=d,
        asymmetry=a,
        frequency=f,
        duration=dur,
        coupling=coup,
        fm_low=low,
        load=mass,
    )


# --- A whole lift: origin and destination ------------------------------------


def _task_coupling(value: object) -> Coupling:
    return coerce_member("LiftingTask.coupling", value, Coupling)


def _task_units(value: object) -> Units:
    return check_units("LiftingTask.units", value)


@final
@attrs.frozen(kw_only=True)
class LiftingTask:
    """One lifting task, measured at both ends (manual pp. 7-16, 21-28).

    The lengths are in cm (``units="metric"``) or in (``units="us"``);
    the loads in kg or lb. The vertical travel distance D is the difference
    of the two heights.

    Attributes:
        horizontal_origin: H at the origin, 0-63 cm (0-25 in).
        vertical_origin: V at the origin, 0-175 cm (0-70 in).
        horizontal_destination: H at the destination.
        vertical_destination: V at the destination.
        frequency: F, lifts per minute, 0-15 (and within the Table 5
            column, checked when the duration is known).
        coupling: A `Coupling` or its value.
        load: The weight of the object, kg (lb); the average weight when
            it varies.
        maximum_load: The heaviest weight, for the composite index
            (defaults to `load`; not below it).
        asymmetry_origin: A at the origin, 0-135°.
        asymmetry_destination: A at the destination, 0-135°.
        significant_control: Whether the worker must re-grasp, hold or
            carefully place the load at the destination (p. 2); then the
            destination is assessed too.
        units: ``"metric"`` or ``"us"``.

    >>> from backsafe.daily._lifting import LiftingTask
    >>> task = LiftingTask(
    ...     horizontal_origin=25, vertical_origin=40,
    ...     horizontal_destination=30, vertical_destination=110,
    ...     frequency=1, coupling="fair", load=10,
    ... )
    >>> task.distance
    70.0

    .. versionadded:: 0.1.0
    """

    horizontal_origin: float
    vertical_origin: float
    horizontal_destination: float
    vertical_destination: float
    frequency: float
    coupling: Coupling = attrs.field(converter=_task_coupling)
    load: float
    maximum_load: float | None = None
    asymmetry_origin: float = 0.0
    asymmetry_destination: float = 0.0
    significant_control: bool = False
    units: Units = attrs.field(default="metric", converter=_task_units)

    def __attrs_post_init__(self) -> None:
        """Check every measure against the range of its system of units."""
        s = unit_system(self.units)
        name = "LiftingTask."
        for field, top in (
            ("horizontal_origin", s.h_max),
            ("vertical_origin", s.v_max),
            ("horizontal_destination", s.h_max),
            ("vertical_destination", s.v_max),
        ):
            check_length(name + field, getattr(self, field), top, s)
        check_rate(name + "frequency", self.frequency)
        check_angle(name + "asymmetry_origin", self.asymmetry_origin)
        check_angle(name + "asymmetry_destination", self.asymmetry_destination)
        load = check_load(name + "load", self.load, s)
        if self.maximum_load is not None:
            heaviest = check_load(name + "maximum_load", self.maximum_load, s)
            if heaviest < load:
                raise InvalidInputError.out_of_range(
                    name + "maximum_load",
                    self.maximum_load,
                    f"at least the load ({self.load!r} {s.mass})",
                )
        if type(self.significant_control) is not bool:
            raise InvalidInputError.out_of_range(
                name + "significant_control",
                self.significant_control,
                "True or False",
            )

    @property
    def distance(self) -> float:
        """D, the vertical travel distance, in cm (in)."""
        return float(abs(self.vertical_destination - self.vertical_origin))

    @property
    def heaviest_load(self) -> float:
        """The maximum load, or the load when no maximum is given."""
        return self.load if self.maximum_load is None else self.maximum_load


@final
@attrs.frozen(kw_only=True)
class LiftAnalysis:
    """The limits of one task at its origin and, if needed, destination.

    With significant control at the destination, "the RWL is calculated at
    both the origin and the destination of the lift and the lower of the
    two values is used" (manual p. 21, p. 26).

    Attributes:
        task: The task analysed.
        duration: The duration category used for FM.
        origin: The limit at the origin.
        destination: The limit at the destination, or ``None`` when the
            task needs no significant control there.

    .. versionadded:: 0.1.0
    """

    task: LiftingTask = attrs.field(
        validator=v.instance_of(LiftingTask, "a LiftingTask")
    )
    duration: LiftingDuration = attrs.field(
        validator=v.member(LiftingDuration)
    )
    origin: RecommendedWeightLimit = attrs.field(
        validator=v.instance_of(
            RecommendedWeightLimit, "a RecommendedWeightLimit"
        )
    )
    destination: RecommendedWeightLimit | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(
            v.instance_of(
                RecommendedWeightLimit, "a RecommendedWeightLimit or None"
            )
        ),
    )

    def _repr_html_(self) -> str:
        """Show the governing end's multipliers in notebooks."""
        from backsafe.display import _html_daily as _display  # noqa: PLC0415 (an edge, imported on use)

        return _display.lift_html(self.governing)

    @property
    def governing(self) -> RecommendedWeightLimit:
        """The end with the lower limit (the origin on a tie)."""
        end = self.destination
        if end is not None and end.limit < self.origin.limit:
            return end
        return self.origin

    @property
    def limit(self) -> float:
        """The lower of the two limits, kg (lb)."""
        return self.governing.limit

    @property
    def lifting_index(self) -> float:
        """The load over the lower limit: the larger of the two indices."""
        return self.task.load / self.limit

    @property
    def limiting_factor(self) -> LiftingFactor | None:
        """The smallest multiplier at the governing end."""
        return self.governing.limiting_factor


def analyze_lift(
    task: LiftingTask, *, duration: LiftingDuration | str
) -> LiftAnalysis:
    """The limits and lifting index of one task, at one or both ends.

    FM takes its Table 5 column from V at the origin at both ends (manual
    p. 15); CM takes V at the end assessed (Table 7; Example 4, p. 46).

    Raises:
        InvalidInputError: *task* is not a `LiftingTask`, *duration* is
            unknown, or the frequency is above its Table 5 column.

    >>> from backsafe.daily._lifting import LiftingTask, analyze_lift
    >>> task = LiftingTask(
    ...     horizontal_origin=25, vertical_origin=40,
    ...     horizontal_destination=50, vertical_destination=110,
    ...     frequency=1, coupling="fair", load=10, significant_control=True,
    ... )
    >>> analysis = analyze_lift(task, duration="short")
    >>> analysis.governing is analysis.destination
    True
    >>> analysis.limiting_factor
    <LiftingFactor.HORIZONTAL: 'horizontal'>

    .. versionadded:: 0.1.0
    """
    if not isinstance(task, LiftingTask):
        raise InvalidInputError.out_of_range("task", task, "a LiftingTask")
    dur = coerce_member("duration", duration, LiftingDuration)
    return task_analysis(task, dur)


def task_analysis(
    task: LiftingTask, duration: LiftingDuration
) -> LiftAnalysis:
    """`analyze_lift` for checked arguments (but for the frequency)."""
    s = unit_system(task.units)
    low = is_low(s, task.vertical_origin)
    check_frequency(
        "LiftingTask.frequency", task.frequency, duration, low=low, s=s
    )

    def at(
        horizontal: float, vertical: float, asymmetry: float
    ) -> RecommendedWeightLimit:
        return point_limit(
            s,
            task.units,
            horizontal=horizontal,
            vertical=vertical,
            distance=task.distance,
            asymmetry=asymmetry,
            frequency=task.frequency,
            duration=duration,
            coupling=task.coupling,
            fm_low=low,
            load=task.load,
        )

    origin = at(
        task.horizontal_origin, task.vertical_origin, task.asymmetry_origin
    )
    destination = None
    if task.significant_control:
        destination = at(
            task.horizontal_destination,
            task.vertical_destination,
            task.asymmetry_destination,
        )
    return LiftAnalysis(
        task=task, duration=duration, origin=origin, destination=destination
    )
