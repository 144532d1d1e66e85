"""The kernel's equations for one row, traced into straight-line Python.

`spinal_load` and `score` evaluate `backsafe.spine._kernel` for one row.
Through the `SCALAR` namespace every operation is a method call, which
costs more than the arithmetic itself. Here the same kernel functions run
once per combination of the row's categories (method, whether the load is
trunk-borne, hanging, the segment table's fraction, the support's axial
share, the task's figure, the band's spread and the submodel's
coefficients, the placement's offsets, the joint's geometry and the
movement's inertia) with a tracing namespace:
every operation on a numeric input is written down as one line of plain
Python in the order `SCALAR` evaluates it, operations on known values are
folded as `SCALAR` would compute them, and the lines become one function.
The physics still lives once, in the kernel; this is only a faster way to
evaluate it, and it gives the same floating-point numbers as `SCALAR`.

Nothing here validates: callers pass what they have checked.
"""

import functools
import math
from collections.abc import Callable, Sequence
from typing import Any, Final

from backsafe.spine import _kernel as kernel
from backsafe.spine import _submodels as sub
from backsafe.spine._evidence import Spread
from backsafe.spine._geometry import JointGeometry
from backsafe.spine._namespace import SCALAR

#: The traced function's inputs, in order.
INPUTS: Final = (
    "lean_deg",
    "mass_kg",
    "height_m",
    "load_kg",
    "reach_m",
    "arm_m",
    "compression_action_n",
    "compression_maximum_n",
    "shear_action_n",
    "shear_maximum_n",
)
#: Its outputs, in order: the kernel's terms, grades and band.
OUTPUTS: Final = (
    *kernel.Terms._fields,
    *kernel.Grades._fields,
    *kernel.Band._fields,
)


class _Var:
    """A numeric value known only when the traced function runs."""

    __slots__ = ("code", "tracer")

    def __init__(self, tracer: "_Tracer", code: str) -> None:
        self.tracer = tracer
        self.code = code

    def __bool__(self) -> bool:
        msg = "a traced value has no truth value while tracing"
        raise TypeError(msg)

    def __gt__(self, other: object) -> "_Var":
        return self.tracer.emit(f"{self.code} > {_code(other)}")

    def __and__(self, other: object) -> "_Var":
        return self.tracer.emit(f"({self.code} and {_code(other)})")

    __rand__ = __and__

    def __or__(self, other: object) -> "_Var":
        return self.tracer.emit(f"({self.code} or {_code(other)})")

    __ror__ = __or__


def _code(value: object) -> str:
    """The source of *value*: a traced name or an exact literal."""
    if isinstance(value, _Var):
        return value.code
    if isinstance(value, bool | int):
        return repr(value)
    if isinstance(value, float):
        # repr round-trips exactly; infinities and NaN have no literal.
        return repr(value) if math.isfinite(value) else f"float({value!r})"
    msg = f"cannot trace a {type(value).__name__}"
    raise TypeError(msg)


def _known(*values: object) -> bool:
    return not any(isinstance(v, _Var) for v in values)


class _Tracer:
    """A `Namespace` that writes down what it is asked to compute."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def emit(self, expression: str) -> _Var:
        name = f"t{len(self.lines)}"
        self.lines.append(f"    {name} = {expression}")
        return _Var(self, name)

    def _call(
        self, scalar: Callable[..., Any], source: str, *args: object
    ) -> Any:
        if _known(*args):
            return scalar(*args)
        return self.emit(source.format(*(_code(a) for a in args)))

    def radians(self, x: Any, /) -> Any:
        return self._call(SCALAR.radians, "_radians({})", x)

    def sin_cos(self, x: Any, /) -> tuple[Any, Any]:
        if _known(x):
            return SCALAR.sin_cos(x)
        return self.emit(f"_sin({x.code})"), self.emit(f"_cos({x.code})")

    def abs(self, x: Any, /) -> Any:
        return self._call(SCALAR.abs, "abs({})", x)

    def maximum(self, x: Any, y: Any, /, into: str | None = None) -> Any:  # noqa: ARG002
        return self._call(SCALAR.maximum, "max({}, {})", x, y)

    def where(self, condition: Any, x: Any, y: Any, /) -> Any:
        if _known(condition):
            return x if condition else y
        return self.emit(f"{_code(x)} if {condition.code} else {_code(y)}")

    def mark(self, codes: Any, condition: Any, code: int) -> Any:
        if _known(condition):
            return code if condition else codes
        return self.emit(f"{code} if {condition.code} else {_code(codes)}")

    def product(self, *factors: Any, into: str | None = None) -> Any:  # noqa: ARG002
        if _known(*factors):
            return SCALAR.product(*factors)
        # Left to right, as `SCALAR` (math.prod) multiplies.
        return self.emit(" * ".join(_code(f) for f in factors))

    def ratio(self, x: Any, y: Any, /) -> Any:
        return self._call(SCALAR.ratio, "{} / {}", x, y)

    def power(self, x: Any, exponent: float, /) -> Any:
        return self._call(SCALAR.power, "float({} ** {})", x, exponent)

    def scale(self, x: Any, value: Any, reference: float) -> Any:
        return self._call(SCALAR.scale, "{} * ({} / {})", x, value, reference)

    def total(self, terms: Sequence[Any], /, into: str | None = None) -> Any:  # noqa: ARG002
        if _known(*terms):
            return SCALAR.total(terms)
        if len(terms) == 2:  # noqa: PLR2004 (as SCALAR: the rounded sum)
            return self.emit(f"{_code(terms[0])} + {_code(terms[1])}")
        return self.emit(
            "_fsum((" + ", ".join(_code(t) for t in terms) + ",))"
        )

    def reached(
        self,
        value: Any,
        limits: Sequence[Any],
        /,
        into: str | None = None,  # noqa: ARG002
    ) -> Any:
        if _known(value, *limits):
            return SCALAR.reached(value, limits)
        return self.emit(
            " + ".join(f"({_code(value)} >= {_code(lim)})" for lim in limits)
        )


class _Limits:
    """Traced limits: their four values are inputs."""

    def __init__(self, args: dict[str, _Var]) -> None:
        self.compression_action_n = args["compression_action_n"]
        self.compression_maximum_n = args["compression_maximum_n"]
        self.shear_action_n = args["shear_action_n"]
        self.shear_maximum_n = args["shear_maximum_n"]


#: A traced row: the inputs in `INPUTS` order, the outputs in `OUTPUTS`.
Row = Callable[..., tuple[Any, ...]]


@functools.lru_cache(maxsize=1024)
def row_function(  # noqa: PLR0917 (the categories are the key)
    method: int,
    trunk_borne: bool,  # noqa: FBT001
    hanging: bool,  # noqa: FBT001
    upper_fraction: float,
    axial: float,
    task_n: float,
    spread: Spread,
    muscles: sub.Coefficients,
    offsets: tuple[float, float],
    joint: JointGeometry,
    inertia: float,
) -> Row:
    """Return the kernel traced for one combination of categories."""
    xp = _Tracer()
    args = {name: _Var(xp, name) for name in INPUTS}
    terms = kernel.terms(
        xp,
        method=method,
        lean_deg=args["lean_deg"],
        mass_kg=args["mass_kg"],
        height_m=args["height_m"],
        upper_fraction=upper_fraction,
        load_kg=args["load_kg"],
        trunk_borne=trunk_borne,
        reach_m=args["reach_m"],
        axial=axial,
        task_n=task_n,
        arm_m=args["arm_m"],  # type: ignore[arg-type]
        muscles=muscles,
        along_per_h=offsets[0],
        front_per_h=offsets[1],
        joint=joint,
        inertia=inertia,
    )
    grades = kernel.grades(
        xp,
        terms.compression_n,
        terms.shear_n,
        _Limits(args),  # type: ignore[arg-type]
        kernel.ungraded(method, hanging, trunk_borne, args["load_kg"]),
    )
    band = kernel.band(
        xp,
        terms.compression_n,
        spread.low,
        spread.high,
    )
    outputs = ", ".join(_code(v) for v in (*terms, *grades, *band))
    source = "\n".join(
        [
            f"def traced({', '.join(INPUTS)}):",
            *xp.lines,
            f"    return ({outputs},)",
        ]
    )
    names: dict[str, Any] = {
        "_radians": math.radians,
        "_sin": math.sin,
        "_cos": math.cos,
        "_fsum": math.fsum,
    }
    # The source is the kernel's own operations on named inputs and exact
    # literals of the categories' constants: nothing from a caller.
    exec(source, names)  # noqa: S102
    traced: Row = names["traced"]
    return traced
